// File: wasm/src/compat/charconv_float.h
//
// std::to_chars and std::from_chars for double, which the libc++ 13 of
// Debian's Emscripten 3.1.6 declares only in a comment (native g++ 12 has
// them). wasm/CMakeLists.txt force-includes this header into the engine's
// wasm compile, so the engine keeps calling the standard names and the wasm
// build gives the same text and the same numbers as the native one:
//
//   to_chars(first, last, double)    shortest round-trip form, `f` or `e`
//                                    style, whichever is shorter (a tie goes
//                                    to `f`), as [charconv.to.chars] says
//   from_chars(first, last, double&) the JSON/decimal number grammar, with
//                                    result_out_of_range on overflow and on
//                                    underflow to zero, as libstdc++ reports
//
// Both are built on snprintf/strtod, which musl rounds correctly.
// Nothing here is used by a toolchain whose <charconv> has the real ones.

#ifndef IAMEVAL_WASM_COMPAT_CHARCONV_FLOAT_H_
#define IAMEVAL_WASM_COMPAT_CHARCONV_FLOAT_H_

#include <charconv>

#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 14000

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <system_error>

namespace iameval_compat {

inline std::to_chars_result Emit(char* first, char* last, const char* text, size_t size) {
  if (static_cast<size_t>(last - first) < size) return {last, std::errc::value_too_large};
  std::memcpy(first, text, size);
  return {first + size, std::errc()};
}

inline std::to_chars_result ShortestDouble(char* first, char* last, double value) {
  if (std::isnan(value))
    return std::signbit(value) ? Emit(first, last, "-nan", 4) : Emit(first, last, "nan", 3);
  if (std::isinf(value))
    return value < 0 ? Emit(first, last, "-inf", 4) : Emit(first, last, "inf", 3);
  // The fewest significant digits that read back as `value`.
  char sci[40];
  int precision = 1;
  for (; precision < 17; ++precision) {
    std::snprintf(sci, sizeof sci, "%.*e", precision - 1, value);
    if (std::strtod(sci, nullptr) == value) break;
  }
  std::snprintf(sci, sizeof sci, "%.*e", precision - 1, value);
  // Split "-d.ddde+XX" into sign, digits and exponent.
  const char* p = sci;
  std::string sign = *p == '-' ? (++p, "-") : "";
  std::string digits;
  for (; *p != 'e'; ++p) {
    if (*p != '.') digits += *p;
  }
  int exponent = std::atoi(p + 1);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string fixed = sign;
  const int count = static_cast<int>(digits.size());
  if (exponent >= count - 1) {
    // An integer: of the same-length forms, the exact value is the closest.
    char integer[330];
    std::snprintf(integer, sizeof integer, "%.0f", value);
    fixed = integer;
  } else if (exponent >= 0) {
    fixed += digits.substr(0, static_cast<size_t>(exponent + 1)) + "." +
             digits.substr(static_cast<size_t>(exponent + 1));
  } else {
    fixed += "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  const size_t sci_size = std::strlen(sci);
  if (fixed.size() <= sci_size) return Emit(first, last, fixed.data(), fixed.size());
  return Emit(first, last, sci, sci_size);
}

inline std::from_chars_result ReadDouble(const char* first, const char* last, double& value) {
  // Decimal only, as std::from_chars's general format: no hex, inf, nan or '+'.
  const char* p = first;
  if (p != last && *p == '-') ++p;
  bool nonzero = false, any = false;
  auto digits = [&] {
    for (; p != last && *p >= '0' && *p <= '9'; ++p) any = true, nonzero |= *p != '0';
  };
  digits();
  if (p != last && *p == '.') ++p, digits();
  if (!any) return {first, std::errc::invalid_argument};
  if (p != last && (*p == 'e' || *p == 'E')) {
    const char* e = p + 1;
    if (e != last && (*e == '+' || *e == '-')) ++e;
    if (e != last && *e >= '0' && *e <= '9') {
      p = e;
      while (p != last && *p >= '0' && *p <= '9') ++p;
    }
  }
  std::string text(first, p);
  errno = 0;
  double parsed = std::strtod(text.c_str(), nullptr);
  if (std::isinf(parsed) || (parsed == 0 && nonzero)) return {p, std::errc::result_out_of_range};
  value = parsed;
  return {p, std::errc()};
}

}  // namespace iameval_compat

namespace std {
inline to_chars_result to_chars(char* first, char* last, double value) {
  return iameval_compat::ShortestDouble(first, last, value);
}
inline from_chars_result from_chars(const char* first, const char* last, double& value,
                                    chars_format = chars_format::general) {
  return iameval_compat::ReadDouble(first, last, value);
}
}  // namespace std

#endif  // _LIBCPP_VERSION < 14000
#endif  // IAMEVAL_WASM_COMPAT_CHARCONV_FLOAT_H_
