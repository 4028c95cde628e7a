// File: engine/json/json_text_test.cc
//
// Positions counted after the fact, and which bytes stand inside strings.

#include "json/json_text.h"

#include <catch2/catch.hpp>
#include <string>

namespace iameval::internal {
namespace {

TEST_CASE("Locate counts lines by LF, CR and CR LF, and columns by code point", "[json]") {
  const std::string text = "{\r\n  \"a\":\r\"é\",\n\"b\"}";
  TextPosition a = Locate(text, 5);
  CHECK(a.line == 2);
  CHECK(a.column == 3);
  TextPosition after_e = Locate(text, 13);  // the `"` after `é`
  CHECK(after_e.line == 3);
  CHECK(after_e.column == 3);
  TextPosition b = Locate(text, 16);
  CHECK(b.line == 4);
  CHECK(b.column == 1);
  CHECK(Locate(text, 1000).offset == text.size());  // past the end: the end
}

TEST_CASE("AdvancePositionTo agrees with AdvancePosition byte by byte", "[json]") {
  // Long runs without line breaks (taken eight bytes at a time), multi-byte
  // characters across word boundaries, and every kind of line end.
  const std::string text =
      "{\"Statement\": [{\"Sid\": \"é€😀ü\", \"Resource\": \"arn:aws:s3:::bücket/*\"}],\r\n"
      "\t\"Id\": \"€€€€€€€€€€€€\",\r\r\n\n   \"k\": \"\"}";
  TextPosition bytewise;
  bool after_cr = false;
  for (size_t offset = 0; offset <= text.size(); ++offset) {
    TextPosition fast = Locate(text, offset);
    CHECK(fast.offset == bytewise.offset);
    CHECK(fast.line == bytewise.line);
    CHECK(fast.column == bytewise.column);
    if (offset < text.size()) AdvancePosition(text[offset], &after_cr, &bytewise);
  }
}

TEST_CASE("TokenStartBefore finds the token being read, outside strings", "[json]") {
  const std::string text = R"({"a": tru, "b": [-x, "c d"]})";
  CHECK(TokenStartBefore(text, 0) == 0);
  CHECK(TokenStartBefore(text, 9) == 6);    // inside `tru`
  CHECK(TokenStartBefore(text, 18) == 17);  // `-x`
  CHECK(TokenStartBefore(text, 25) == 21);  // the space in "c d" starts no token
}

TEST_CASE("JsonStringScanner tells string contents from structure", "[json]") {
  const std::string text = R"({"a:\"{": [1, "x"]})";
  std::string outside;
  JsonStringScanner strings;
  for (char c : text) {
    if (strings.Take(c)) outside += c;
  }
  CHECK(outside == R"({": [1, "]})");  // each string's opening quote only
}

}  // namespace
}  // namespace iameval::internal
