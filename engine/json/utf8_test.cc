// File: engine/json/utf8_test.cc
//
// Well-formed UTF-8 by RFC 3629, and decoding: the first bad byte of a
// document, and the code points named in findings. Through ParseJson, the
// same checks are pinned by json_syntax_error_test.cc.

#include "json/utf8.h"

#include <catch2/catch.hpp>
#include <string>

namespace iameval::internal {
namespace {

size_t LengthOf(std::string_view bytes) {
  return Utf8SequenceLength(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
}

TEST_CASE("Utf8SequenceLength accepts only RFC 3629 sequences", "[json]") {
  CHECK(LengthOf("a") == 1);
  CHECK(LengthOf("\xc3\xa9") == 2);          // é
  CHECK(LengthOf("\xe2\x82\xac") == 3);      // €
  CHECK(LengthOf("\xf0\x9f\x98\x80") == 4);  // 😀
  CHECK(LengthOf("\xc0\xaf") == 0);          // overlong
  CHECK(LengthOf("\xe0\x80\xaf") == 0);      // overlong
  CHECK(LengthOf("\xed\xa0\x80") == 0);      // a surrogate
  CHECK(LengthOf("\xf4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(LengthOf("\xe2\x82") == 0);          // cut short
  CHECK(LengthOf("\x80") == 0);              // a continuation byte
}

TEST_CASE("FindInvalidUtf8 finds the first byte that starts no sequence", "[json]") {
  CHECK(FindInvalidUtf8("plain é € 😀") == std::string_view::npos);
  CHECK(FindInvalidUtf8("") == std::string_view::npos);
  CHECK(FindInvalidUtf8("ab\xff") == 2);
  CHECK(FindInvalidUtf8("é\xc3\x28") == 2);
}

TEST_CASE("CountCodePoints counts characters, not bytes, in and out of whole words", "[json]") {
  CHECK(CountCodePoints("") == 0);
  CHECK(CountCodePoints("abc") == 3);
  CHECK(CountCodePoints("a\u00e9\u20ac\U0001F600b") == 5);               // 1 + 2 + 3 + 4 + 1 bytes
  CHECK(CountCodePoints("0123456\u20ac89abcdef\u00e9\u00e9xyz") == 21);  // sequences across words
}

TEST_CASE("DecodeUtf8At gives each sequence's code point and length", "[json]") {
  const std::string text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";  // aé€😀
  size_t length = 0;
  CHECK(DecodeUtf8At(text, 0, &length) == 'a');
  CHECK(length == 1);
  CHECK(DecodeUtf8At(text, 1, &length) == 0xE9);
  CHECK(length == 2);
  CHECK(DecodeUtf8At(text, 3, &length) == 0x20AC);
  CHECK(length == 3);
  CHECK(DecodeUtf8At(text, 6, &length) == 0x1F600);
  CHECK(length == 4);
}

}  // namespace
}  // namespace iameval::internal
