// File: engine/fuzz/glob_fuzz.cc
//
// The wildcard matcher (glob.h) against re2: for any pattern and text,
// Glob::Matches and GlobMatch must agree with the anchored regular
// expression that spells the same pattern (`*` any run of bytes, `?` one
// byte, the literal markers the characters they stand for, every other byte
// itself), and CountStars must count the pattern's `*`. Where `?` meets a
// non-ASCII text it is one code point: re2 in UTF-8 mode is the oracle when
// both sides are valid UTF-8; otherwise the two matchers must agree.
//
// Input: two bytes giving the pattern's length, the pattern, then the text.
// Patterns are cut at Limits::max_pattern_length (2,048), as policies are.
// Seeds: every Action and Resource pattern of the conformance corpus with its
// case's request action or resource (make_seeds.py).

#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "json/utf8.h"
#include "match/glob.h"
#include "testing/glob_regex.h"

namespace {

std::string Printable(std::string_view s) {
  std::string out;
  char hex[8];
  for (char c : s) {
    if (c >= 0x20 && c < 0x7f) {
      out += c;
    } else {
      std::snprintf(hex, sizeof(hex), "\\x%02x", static_cast<unsigned char>(c));
      out += hex;
    }
  }
  return "\"" + out + "\"";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using iameval::internal::CountStars;
  using iameval::internal::Glob;
  using iameval::internal::GlobMatch;
  if (size < 2) return 0;
  size_t pattern_length = (static_cast<size_t>(data[0]) << 8 | data[1]) % 2049;
  if (pattern_length > size - 2) pattern_length = size - 2;
  const std::string_view pattern(reinterpret_cast<const char*>(data + 2), pattern_length);
  const std::string_view text(reinterpret_cast<const char*>(data + 2 + pattern_length),
                              size - 2 - pattern_length);

  const Glob compiled{std::string(pattern)};
  const bool matches = compiled.Matches(text);
  const bool one_shot = GlobMatch(pattern, text);

  bool by_code_point = false;
  for (char c : text) by_code_point = by_code_point || static_cast<unsigned char>(c) >= 0x80;
  by_code_point = by_code_point && pattern.find('?') != std::string_view::npos;
  const bool valid_utf8 = iameval::internal::FindInvalidUtf8(pattern) == std::string_view::npos &&
                          iameval::internal::FindInvalidUtf8(text) == std::string_view::npos;
  if (by_code_point && !valid_utf8) {
    FUZZ_CHECK(matches == one_shot)
        << "pattern " << Printable(pattern) << " text " << Printable(text) << ": Glob::Matches "
        << matches << ", GlobMatch " << one_shot;
    return 0;
  }
  RE2::Options options;
  options.set_encoding(by_code_point ? RE2::Options::EncodingUTF8 : RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  const RE2 re(by_code_point ? iameval::testing::GlobToUtf8Regex(pattern)
                             : iameval::testing::GlobToRegex(pattern),
               options);
  if (!re.ok()) return 0;  // past re2's memory budget: nothing to compare with
  const bool expected = RE2::FullMatch(re2::StringPiece(text.data(), text.size()), re);
  FUZZ_CHECK(matches == expected && one_shot == expected)
      << "pattern " << Printable(pattern) << " text " << Printable(text) << ": re2 " << expected
      << ", Glob::Matches " << matches << ", GlobMatch " << one_shot;

  uint32_t stars = 0;
  for (char c : pattern) stars += c == '*';
  FUZZ_CHECK(CountStars(pattern) == stars) << "CountStars of " << Printable(pattern);
  return 0;
}
