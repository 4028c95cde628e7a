// File: engine/testing/glob_regex.h
//
// The oracle that glob_test.cc and glob_fuzz check the wildcard matcher
// (match/glob.h) against: the anchored re2 pattern a glob means. `*` is any
// run, `?` one character, the literal markers (kLiteralStar,
// kLiteralQuestion) the characters they stand for, everything else itself.
// Header-only: the fuzz target links only the helpers it names.
//
//   RE2::Options latin1;                          // one byte, one character
//   latin1.set_encoding(RE2::Options::EncodingLatin1);
//   RE2 bytes(iameval::testing::GlobToRegex("arn:*:s3:::b/?"), latin1);
//   RE2 text(iameval::testing::GlobToUtf8Regex("r?sum?"));  // `?`: one code point

#ifndef IAMEVAL_ENGINE_TESTING_GLOB_REGEX_H_
#define IAMEVAL_ENGINE_TESTING_GLOB_REGEX_H_

#include <re2/re2.h>

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

#include "match/glob.h"

namespace iameval::testing {

// For re2 in Latin-1 mode: every other byte written as \x{HH}.
inline std::string GlobToRegex(std::string_view glob) {
  std::string regex = "^";
  char hex[16];
  for (char c : glob) {
    if (c == '*') {
      regex += "(?s:.*)";
    } else if (c == '?') {
      regex += "(?s:.)";
    } else if (c == internal::kLiteralStar) {
      regex += "\\*";
    } else if (c == internal::kLiteralQuestion) {
      regex += "\\?";
    } else {
      std::snprintf(hex, sizeof(hex), "\\x{%02x}", static_cast<unsigned char>(c));
      regex += hex;
    }
  }
  return regex + "$";
}

// For re2 in UTF-8 mode: each other character of a valid UTF-8 `glob`
// quoted whole.
inline std::string GlobToUtf8Regex(std::string_view glob) {
  std::string regex = "^";
  for (size_t i = 0; i < glob.size();) {
    const char c = glob[i];
    if (c == '*' || c == '?' || c == internal::kLiteralStar || c == internal::kLiteralQuestion) {
      regex += c == '*'                      ? "(?s:.*)"
               : c == '?'                    ? "(?s:.)"
               : c == internal::kLiteralStar ? "\\*"
                                             : "\\?";
      ++i;
      continue;
    }
    size_t length = 1;
    while (i + length < glob.size() &&
           (static_cast<unsigned char>(glob[i + length]) & 0xC0) == 0x80) {
      ++length;
    }
    regex += RE2::QuoteMeta(re2::StringPiece(glob.data() + i, length));
    i += length;
  }
  return regex + "$";
}

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_GLOB_REGEX_H_
