// File: engine/fuzz/values_fuzz.cc
//
// The condition value readers of values.h on any bytes, each against an
// independent oracle:
//
//   ReadNumber          accepts exactly the JSON number grammar within the
//                       double range, and reads what strtod reads
//   ReadInstant         full `YYYY-MM-DDTHH:MM:SSZ` forms read as a plain
//                       calendar computation says; nanoseconds in range;
//                       all-digit texts other than four digits are epoch seconds
//   ReadEpochSeconds    digits only, the value strtoll reads
//   InstantFromEpochNumber  integral, finite, non-negative seconds only
//   ReadIpAddress       IPv4 exactly as inet_pton reads it (which also refuses
//                       leading zeros); IPv6 never accepted where inet_pton refuses,
//                       and read to the same bits
//   ReadIpNetwork       prefix in range, host bits cleared and reported, the
//                       base inside its own network
//   DecodeBase64 / Base64DecodesTo  agree with each other and with a plain decoder
//   ReadBool            `true` / `false` in any letter case, nothing else
//
// Input: the text (every reader reads all of it); its first eight bytes are
// also read as a double for InstantFromEpochNumber. Seeds: every condition
// value and context value of the conformance corpus (make_seeds.py).

#include <arpa/inet.h>

#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "condition/values.h"
#include "fuzz/fuzz_check.h"

namespace {

using namespace iameval::internal;

bool Digit(char c) { return c >= '0' && c <= '9'; }

bool JsonNumberGrammar(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i == s.size() || !Digit(s[i])) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (i < s.size() && Digit(s[i])) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    if (++i == s.size() || !Digit(s[i])) return false;
    while (i < s.size() && Digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i == s.size() || !Digit(s[i])) return false;
    while (i < s.size() && Digit(s[i])) ++i;
  }
  return i == s.size();
}

void CheckNumber(std::string_view text, const std::string& c_text, bool has_nul) {
  double value = 0;
  const bool ok = ReadNumber(text, &value);
  const bool grammar = JsonNumberGrammar(text);
  if (ok) FUZZ_CHECK(grammar) << "ReadNumber accepted `" << c_text << "`";
  if (!grammar || has_nul) return;
  errno = 0;
  char* end = nullptr;
  const double expected = std::strtod(c_text.c_str(), &end);
  const bool overflow = errno == ERANGE && std::isinf(expected);
  const bool underflow = errno == ERANGE && !std::isinf(expected);
  if (overflow) {
    FUZZ_CHECK(!ok) << "ReadNumber accepted `" << c_text << "`, outside the double range";
    return;
  }
  if (underflow) return;  // denormal or zero: either reading is defensible
  FUZZ_CHECK(ok) << "ReadNumber refused `" << c_text << "`";
  FUZZ_CHECK(value == expected || (std::isnan(value) && std::isnan(expected)))
      << "ReadNumber read `" << c_text << "` as " << value << ", strtod as " << expected;
}

int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {  // a second, independent transcription
  // Count days from 1970-01-01 by whole years and months: slow and plain.
  auto leap = [](int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; };
  int64_t days = 0;
  for (int64_t year = 1970; year < y; ++year) days += leap(year) ? 366 : 365;
  for (int64_t year = y; year < 1970; ++year) days -= leap(year) ? 366 : 365;
  static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int64_t month = 1; month < m; ++month) days += kMonth[month - 1] + (month == 2 && leap(y));
  return days + d - 1;
}

void CheckInstant(std::string_view text, const std::string& c_text) {
  Instant instant;
  const bool ok = ReadInstant(text, &instant);
  if (ok) FUZZ_CHECK(instant.nanos >= 0 && instant.nanos < 1'000'000'000) << c_text;

  bool digits = !text.empty();
  for (char c : text) digits = digits && Digit(c);
  if (digits && text.size() != 4) {
    Instant epoch;
    const bool epoch_ok = ReadEpochSeconds(text, &epoch);
    FUZZ_CHECK(ok == epoch_ok && (!ok || epoch == instant))
        << "`" << c_text << "` is epoch seconds";
    errno = 0;
    const long long expected = std::strtoll(c_text.c_str(), nullptr, 10);
    if (errno != ERANGE) {
      FUZZ_CHECK(epoch_ok && epoch.seconds == expected && epoch.nanos == 0) << c_text;
    } else {
      FUZZ_CHECK(!epoch_ok) << "epoch seconds out of range accepted: " << c_text;
    }
  }

  // YYYY-MM-DDTHH:MM:SSZ exactly.
  const char* shape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != std::strlen(shape)) return;
  for (size_t i = 0; i < text.size(); ++i) {
    if (shape[i] == 'd' ? !Digit(text[i]) : text[i] != shape[i]) return;
  }
  auto number = [&](size_t at, size_t n) {
    int64_t v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  const int64_t y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2),
                mi = number(14, 2), s = number(17, 2);
  static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const bool valid = mo >= 1 && mo <= 12 && d >= 1 &&
                     d <= kMonth[(mo >= 1 && mo <= 12 ? mo : 1) - 1] + (mo == 2 && leap) &&
                     h < 24 && mi < 60 && s < 60;
  FUZZ_CHECK(ok == valid) << "ReadInstant(`" << c_text << "`) is " << ok;
  if (!valid) return;
  const int64_t expected = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  FUZZ_CHECK(instant.seconds == expected && instant.nanos == 0)
      << "ReadInstant(`" << c_text << "`) = " << instant.seconds << ", expected " << expected;
}

void CheckEpochNumber(double seconds) {
  Instant instant;
  const bool ok = InstantFromEpochNumber(seconds, &instant);
  const bool expected =
      std::isfinite(seconds) && seconds >= 0 && seconds < 9.2e18 && std::floor(seconds) == seconds;
  FUZZ_CHECK(ok == expected) << "InstantFromEpochNumber(" << seconds << ")";
  if (ok) FUZZ_CHECK(static_cast<double>(instant.seconds) == seconds && instant.nanos == 0);
}

void CheckIp(std::string_view text, const std::string& c_text, bool has_nul) {
  IpAddress address;
  const bool ok = ReadIpAddress(text, &address);
  unsigned char bytes[16];
  const bool v4 = !has_nul && inet_pton(AF_INET, c_text.c_str(), bytes) == 1;
  const bool v6 = !has_nul && !v4 && inet_pton(AF_INET6, c_text.c_str(), bytes) == 1;
  if (v4) {
    FUZZ_CHECK(ok && !address.is_v6) << "ReadIpAddress refused IPv4 `" << c_text << "`";
    uint32_t expected = 0;
    for (int i = 0; i < 4; ++i) expected = expected << 8 | bytes[i];
    FUZZ_CHECK(address.high == 0 && address.low == expected) << c_text;
  } else if (ok && !address.is_v6) {
    FUZZ_CHECK(false) << "ReadIpAddress accepted IPv4 `" << c_text << "`, inet_pton refuses it";
  }
  if (ok && address.is_v6) {
    FUZZ_CHECK(v6) << "ReadIpAddress accepted IPv6 `" << c_text << "`, inet_pton refuses it";
    uint64_t high = 0, low = 0;
    for (int i = 0; i < 8; ++i) high = high << 8 | bytes[i];
    for (int i = 8; i < 16; ++i) low = low << 8 | bytes[i];
    FUZZ_CHECK(address.high == high && address.low == low) << c_text;
  }

  IpNetwork network;
  bool host_bits = false;
  if (!ReadIpNetwork(text, &network, &host_bits)) return;
  const size_t slash = text.find('/');
  IpAddress base;
  FUZZ_CHECK(ReadIpAddress(text.substr(0, slash), &base)) << "network of a bad address: " << c_text;
  const int max = base.is_v6 ? 128 : 32;
  FUZZ_CHECK(network.prefix_length >= 0 && network.prefix_length <= max) << c_text;
  FUZZ_CHECK(network.base.is_v6 == base.is_v6) << c_text;
  FUZZ_CHECK(network.Contains(network.base)) << "a network without its own base: " << c_text;
  FUZZ_CHECK(network.Contains(base))
      << "a network without the address it was written with: " << c_text;
  FUZZ_CHECK(host_bits == (network.base.high != base.high || network.base.low != base.low))
      << "host bits misreported: " << c_text;
  if (!base.is_v6) FUZZ_CHECK(network.base.high == 0 && network.base.low <= 0xffffffffu);
}

int Base64Digit(char c) {
  const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const char* at = c == 0 ? nullptr : std::strchr(alphabet, c);
  return at == nullptr ? -1 : static_cast<int>(at - alphabet);
}

// Padded standard base64, decoded the long way: returns false when invalid.
bool PlainBase64(std::string_view text, std::string* out) {
  if (text.size() % 4 != 0) return false;
  out->clear();
  for (size_t group = 0; group < text.size(); group += 4) {
    const bool last = group + 4 == text.size();
    int values[4];
    int padding = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text[group + i];
      if (c == '=' && last && i >= 2) {
        values[i] = 0;
        ++padding;
        continue;
      }
      if (padding > 0) return false;  // a character after `=`
      values[i] = Base64Digit(c);
      if (values[i] < 0) return false;
    }
    const uint32_t bits =
        static_cast<uint32_t>(values[0] << 18 | values[1] << 12 | values[2] << 6 | values[3]);
    out->push_back(static_cast<char>(bits >> 16));
    if (padding < 2) out->push_back(static_cast<char>(bits >> 8 & 0xff));
    if (padding < 1) out->push_back(static_cast<char>(bits & 0xff));
  }
  return true;
}

void CheckBase64(std::string_view text, const std::string& c_text) {
  std::string decoded, expected;
  const bool ok = DecodeBase64(text, &decoded);
  const bool plain = PlainBase64(text, &expected);
  FUZZ_CHECK(ok == plain) << "DecodeBase64(`" << c_text << "`) is " << ok;
  bool equal = false;
  FUZZ_CHECK(Base64DecodesTo(text, expected, &equal) == ok) << c_text;
  if (!ok) return;
  FUZZ_CHECK(decoded == expected) << "DecodeBase64(`" << c_text << "`) decodes differently";
  FUZZ_CHECK(equal) << "Base64DecodesTo disagrees with DecodeBase64 on `" << c_text << "`";
  std::string other = expected + "x";
  FUZZ_CHECK(Base64DecodesTo(text, other, &equal) && !equal) << c_text;
  if (!expected.empty()) {
    other = expected;
    other.back() = static_cast<char>(other.back() ^ 1);
    FUZZ_CHECK(Base64DecodesTo(text, other, &equal) && !equal) << c_text;
  }
}

void CheckBool(std::string_view text) {
  bool value = false;
  const bool ok = ReadBool(text, &value);
  std::string lower(text);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  FUZZ_CHECK(ok == (lower == "true" || lower == "false")) << "ReadBool(`" << lower << "`)";
  if (ok) FUZZ_CHECK(value == (lower == "true"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string c_text(text);  // the oracles are C functions
  const bool has_nul = c_text.find('\0') != std::string::npos;
  CheckNumber(text, c_text, has_nul);
  CheckInstant(text, c_text);
  if (size >= 8) {
    double seconds;
    std::memcpy(&seconds, data, sizeof seconds);
    CheckEpochNumber(seconds);
  }
  CheckIp(text, c_text, has_nul);
  CheckBase64(text, c_text);
  CheckBool(text);
  return 0;
}
