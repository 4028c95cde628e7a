// File: engine/json_text_test.cc
//
// Positions counted after the fact, and which bytes stand inside strings.

#include "json_text.h"

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
