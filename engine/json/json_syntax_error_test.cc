// File: engine/json/json_syntax_error_test.cc
//
// Every message for text that is not JSON, through ParseJson: what was
// expected, what was found, where, and the help for common mistakes.

#include "json/json_syntax_error.h"

#include <catch2/catch.hpp>
#include <string>

#include "iameval/finding.h"
#include "json/json_tree.h"
#include "testing/parsed_json.h"

namespace iameval::internal {
namespace {

using testing::Child;
using testing::OnlyFinding;
using testing::Parsed;
using testing::ParseText;

TEST_CASE("syntax errors say what was expected, where the parser stopped", "[json]") {
  struct Case {
    const char* text;
    const char* message;
    uint32_t line, column;
  };
  const Case cases[] = {
      {"{\"a\": 1,}", "expected a member name in double quotes, found `}`", 1, 9},
      {"{\"a\": 1 \"b\": 2}", "expected `,` or `}` after an object member, found `\"`", 1, 9},
      {"{\"a\" 1}", "expected `:` after a member name, found `1`", 1, 6},
      {"[1 2]", "expected `,` or `]` after an array element, found `2`", 1, 4},
      {"[1,]", "expected a json value, found `]`", 1, 4},
      {"{\"a\": 'x'}", "expected a json value, found `'`", 1, 7},
      {"{\"a\":\n  tru}", "expected `true`, found `tru`", 2, 3},
      {"{\"a\": True}", "expected a json value, found `True`", 1, 7},
      {"{\"a\": nul }", "expected `null`, found `nul`", 1, 7},
      {"[true, ]", "expected a json value, found `]`", 1, 8},
      {"[-x]", "expected a digit after `-`, found `x`", 1, 2},
      {"[1.]", "expected a digit after the decimal point, found `]`", 1, 4},
      {"[1e]", "expected a digit in the exponent, found `]`", 1, 4},
      {"{} {}", "expected the end of the document after the top-level value, found `{`", 1, 4},
      {"", "the document is empty: expected a json object", 1, 1},
      {"  \n ", "the document is empty: expected a json object", 2, 2},
      {"{\"a\": \"abc", "missing the closing `\"` of a string: found the end of the document", 1,
       11},
      {"{\"a\": \"a\\qb\"}",
       "invalid escape `\\q` in a string: expected one of `\\\"`, `\\\\`, "
       "`\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t`, `\\uXXXX`",
       1, 9},
      {"[\"a\nb\"]", "unescaped control character U+000A in a string", 1, 4},
      {"[\"\\u12g4\"]",
       "invalid unicode escape `\\u12g4`: expected four hexadecimal digits "
       "after `\\u`",
       1, 3},
      {"[\"\\ud800x\"]",
       "invalid unicode escape `\\ud800x\"]`: a high surrogate must be followed "
       "by a low surrogate escape",
       1, 3},
      {"{\"a\": [1, 2}", "expected `,` or `]` after an array element, found `}`", 1, 12},
      {"{\"a\": 1", "expected `,` or `}` after an object member, found the end of the document", 1,
       8},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Finding f = OnlyFinding(c.text);
    CHECK(f.code == "invalid-json");
    CHECK(f.severity == Severity::kError);
    CHECK(f.message == c.message);
    CHECK(f.line == c.line);
    CHECK(f.column == c.column);
    CHECK(f.path.empty());
  }
}

TEST_CASE("syntax errors carry help where a common mistake is likely", "[json]") {
  CHECK(OnlyFinding("[1, 2,]").help == "json does not allow a trailing comma");
  CHECK(OnlyFinding("{\"a\": 1,}").help == "json does not allow a trailing comma");
  CHECK(OnlyFinding("['a']").help == "json strings are written in double quotes");
  CHECK(OnlyFinding("[{} {}]").help == "array elements are separated by `,`");
  CHECK(OnlyFinding("{} []").help == "a policy document is exactly one json object");
}

TEST_CASE("non-ASCII characters where JSON expects a token are named by code point", "[json]") {
  Finding bom = OnlyFinding("\xef\xbb\xbf{}");
  CHECK(bom.message == "expected a json value, found `\xef\xbb\xbf` (U+FEFF)");
  CHECK(bom.column == 1);
  Finding quote = OnlyFinding("{\"a\": \xe2\x80\x9cx\xe2\x80\x9d}");
  CHECK(quote.message == "expected a json value, found `\xe2\x80\x9c` (U+201C)");
  CHECK(quote.column == 7);
}

TEST_CASE("numbers out of range are reported at their start", "[json]") {
  Finding f = OnlyFinding("{\"n\":\n  [1, 1e400]}");
  CHECK(f.code == "invalid-json");
  CHECK(f.message == "number `1e400` is out of range");
  CHECK(f.line == 2);
  CHECK(f.column == 7);
  // Within the double range, numbers are kept as written, however long.
  Parsed p = ParseText("[123456789012345678901234567890, 1e308, -0.000000000000000000001]");
  REQUIRE(p.ok);
  CHECK(p.doc.node(Child(p.doc, p.doc.root(), 0)).text == "123456789012345678901234567890");
}

TEST_CASE("NUL bytes are invalid wherever they are", "[json]") {
  using namespace std::string_literals;
  Finding in_string = OnlyFinding("{\"a\": \"x\0y\"}"s);
  CHECK(in_string.code == "invalid-json");
  CHECK(in_string.message == "unexpected nul character (U+0000)");
  CHECK(in_string.column == 9);
  Finding after = OnlyFinding("{\"a\": 1}\0"s);
  CHECK(after.message == "unexpected nul character (U+0000)");
  CHECK(after.column == 9);
  Finding between = OnlyFinding("{\"a\": 1,\0 \"b\": 2}"s);
  CHECK(between.message == "unexpected nul character (U+0000)");
  CHECK(between.column == 9);
  Finding alone = OnlyFinding("\0"s);
  CHECK(alone.message == "unexpected nul character (U+0000)");
  CHECK(alone.column == 1);
}

TEST_CASE("invalid UTF-8 is reported at the first bad byte", "[json]") {
  struct Case {
    std::string text;
    uint32_t line, column;
    const char* byte;
  };
  const Case cases[] = {
      {"{\"a\": \"\xff\"}", 1, 8, "0xff"},              // never valid
      {"{\"a\": \"\xc3\x28\"}", 1, 8, "0xc3"},          // truncated sequence
      {"{\"a\":\n \"\xc0\xaf\"}", 2, 3, "0xc0"},        // overlong
      {"{\"é\": \"\xed\xa0\x80\"}", 1, 8, "0xed"},      // surrogate
      {"{\"a\": \"\xf4\x90\x80\x80\"}", 1, 8, "0xf4"},  // above U+10FFFF
      {"{\"a\": 1} \x80", 1, 10, "0x80"},               // outside strings
      {"[\"\xe2\x82", 1, 3, "0xe2"},                    // cut at the end
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Finding f = OnlyFinding(c.text);
    CHECK(f.code == "invalid-utf8");
    CHECK(f.line == c.line);
    CHECK(f.column == c.column);
    CHECK(f.message ==
          std::string("invalid utf-8: the byte ") + c.byte + " does not begin a valid sequence");
  }
}

}  // namespace
}  // namespace iameval::internal

namespace iameval::internal {
namespace {

TEST_CASE("an invalid escape of a multi-byte character is quoted whole", "[json_tree]") {
  JsonDocument doc;
  std::vector<Finding> findings;
  REQUIRE_FALSE(ParseJson("{\"Sid\": \"caf\\\xc3\xa9\"}", JsonLimits(), &doc, &findings));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.rfind("invalid escape `\\\xc3\xa9` in a string", 0) == 0);
}

}  // namespace
}  // namespace iameval::internal
