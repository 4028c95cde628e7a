// File: engine/json_tree_test.cc
//
// The JSON layer: node positions (line:column in code points), paths, every
// finding ParseJson emits, and hostile input (depth, size, bytes).

#include "json_tree.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/finding.h"

namespace iameval::internal {
namespace {

struct Parsed {
  bool ok = false;
  JsonDocument doc;
  std::vector<Finding> findings;
};

Parsed ParseText(std::string_view text, JsonLimits limits = JsonLimits()) {
  Parsed parsed;
  parsed.ok = ParseJson(text, limits, &parsed.doc, &parsed.findings);
  return parsed;
}

// The only finding of a failed parse.
Finding OnlyFinding(std::string_view text, JsonLimits limits = JsonLimits()) {
  Parsed parsed = ParseText(text, limits);
  CHECK_FALSE(parsed.ok);
  REQUIRE(parsed.findings.size() == 1);
  return parsed.findings[0];
}

// Follows `path` of member names from the root.
uint32_t At(const JsonDocument& doc, std::initializer_list<const char*> path) {
  uint32_t node = doc.root();
  for (const char* key : path) {
    node = doc.Member(node, key);
    REQUIRE(node != kNoNode);
  }
  return node;
}

uint32_t Child(const JsonDocument& doc, uint32_t node, uint32_t index) {
  uint32_t c = doc.node(node).first_child;
  for (uint32_t i = 0; i < index && c != kNoNode; ++i) c = doc.node(c).next_sibling;
  REQUIRE(c != kNoNode);
  return c;
}

TEST_CASE("values and member names carry their line and column", "[json]") {
  Parsed p = ParseText(
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": [\n"
      "    {\"Effect\": \"Allow\", \"n\": -1.50e3, \"t\": true, \"z\": null}\n"
      "  ]\n"
      "}\n");
  REQUIRE(p.ok);
  REQUIRE(p.findings.empty());
  const JsonDocument& doc = p.doc;
  CHECK(doc.node(doc.root()).line == 1);
  CHECK(doc.node(doc.root()).column == 1);

  const JsonNode& version = doc.node(At(doc, {"Version"}));
  CHECK(version.text == "2012-10-17");
  CHECK(version.key_line == 2);
  CHECK(version.key_column == 3);
  CHECK(version.line == 2);
  CHECK(version.column == 14);

  uint32_t statements = At(doc, {"Statement"});
  CHECK(doc.node(statements).line == 3);
  CHECK(doc.node(statements).column == 16);
  CHECK(doc.node(statements).child_count == 1);

  uint32_t statement = Child(doc, statements, 0);
  CHECK(doc.node(statement).line == 4);
  CHECK(doc.node(statement).column == 5);

  const JsonNode& effect = doc.node(doc.Member(statement, "Effect"));
  CHECK(effect.key_column == 6);
  CHECK(effect.column == 16);

  const JsonNode& number = doc.node(doc.Member(statement, "n"));
  CHECK(number.type == JsonType::kNumber);
  CHECK(number.text == "-1.50e3");  // exactly as written
  CHECK(number.column == 30);

  const JsonNode& t = doc.node(doc.Member(statement, "t"));
  CHECK(t.type == JsonType::kTrue);
  CHECK(t.column == 44);
  const JsonNode& z = doc.node(doc.Member(statement, "z"));
  CHECK(z.type == JsonType::kNull);
  CHECK(z.column == 55);
}

TEST_CASE("columns count code points, not bytes", "[json]") {
  // "é" is two bytes, "€" three, "😀" four: each is one column.
  Parsed p = ParseText("{\"é€😀\": \"ü\", \"k\": [1, \"x\"]}");
  REQUIRE(p.ok);
  const JsonDocument& doc = p.doc;
  uint32_t first = doc.node(doc.root()).first_child;
  CHECK(doc.node(first).key == "é€😀");
  CHECK(doc.node(first).key_column == 2);
  CHECK(doc.node(first).column == 9);
  uint32_t k = doc.Member(doc.root(), "k");
  CHECK(doc.node(k).key_column == 14);
  CHECK(doc.node(k).column == 19);
  CHECK(doc.node(Child(doc, k, 1)).column == 23);
}

TEST_CASE("CR LF, lone CR and LF all end a line", "[json]") {
  Parsed p = ParseText("{\r\n\"a\":\r1,\n\r\n  \"b\": 2}");
  REQUIRE(p.ok);
  const JsonNode& a = p.doc.node(p.doc.Member(p.doc.root(), "a"));
  CHECK(a.key_line == 2);
  CHECK(a.line == 3);
  CHECK(a.column == 1);
  const JsonNode& b = p.doc.node(p.doc.Member(p.doc.root(), "b"));
  CHECK(b.key_line == 5);
  CHECK(b.key_column == 3);
}

TEST_CASE("a string containing structural characters does not move token starts", "[json]") {
  Parsed p = ParseText("[\"a, [b] {c}: \\\"d\\\\\", 7]");
  REQUIRE(p.ok);
  uint32_t root = p.doc.root();
  CHECK(p.doc.node(Child(p.doc, root, 0)).text == "a, [b] {c}: \"d\\");
  const JsonNode& seven = p.doc.node(Child(p.doc, root, 1));
  CHECK(seven.text == "7");
  CHECK(seven.column == 23);
}

TEST_CASE("escapes are decoded, embedded NUL escapes kept", "[json]") {
  Parsed p = ParseText("[\"\\u00e9\\ud83d\\ude00\\n\\u0000x\"]");
  REQUIRE(p.ok);
  const std::string& text = p.doc.node(Child(p.doc, p.doc.root(), 0)).text;
  CHECK(text == std::string("\xc3\xa9\xf0\x9f\x98\x80\n\0x", 9));
}

TEST_CASE("paths name members and indexes, quoting unusual names", "[json]") {
  Parsed p = ParseText(R"({"Statement": [{}, {}, {"Condition": {"StringEquals": )"
                       R"({"aws:PrincipalTag/cost center": ["a", "b"], "plain_Key1": 1}}}]})");
  REQUIRE(p.ok);
  const JsonDocument& doc = p.doc;
  CHECK(doc.Path(doc.root()).empty());
  uint32_t statements = At(doc, {"Statement"});
  CHECK(doc.Path(statements) == "Statement");
  uint32_t third = Child(doc, statements, 2);
  CHECK(doc.node(third).index == 2);
  CHECK(doc.Path(third) == "Statement[2]");
  uint32_t condition = doc.Member(third, "Condition");
  CHECK(doc.Path(condition) == "Statement[2].Condition");
  uint32_t block = doc.Member(condition, "StringEquals");
  uint32_t key = doc.Member(block, "aws:PrincipalTag/cost center");
  CHECK(doc.Path(key) == R"(Statement[2].Condition.StringEquals["aws:PrincipalTag/cost center"])");
  CHECK(doc.Path(Child(doc, key, 1)) ==
        R"(Statement[2].Condition.StringEquals["aws:PrincipalTag/cost center"][1])");
  CHECK(doc.Path(doc.Member(block, "plain_Key1")) ==
        "Statement[2].Condition.StringEquals.plain_Key1");
}

TEST_CASE("a path quotes names with quotes and control characters as JSON strings", "[json]") {
  Parsed p = ParseText(R"({"a\"b\u0001": {"1x": 0}})");
  REQUIRE(p.ok);
  uint32_t outer = p.doc.node(p.doc.root()).first_child;
  uint32_t inner = p.doc.node(outer).first_child;
  CHECK(p.doc.Path(inner) == R"(["a\"b\u0001"]["1x"])");
}

TEST_CASE("Member finds exact names only", "[json]") {
  Parsed p = ParseText(R"({"Effect": "Allow", "effect": "Deny"})");
  REQUIRE(p.ok);
  CHECK(p.doc.node(p.doc.Member(p.doc.root(), "Effect")).text == "Allow");
  CHECK(p.doc.node(p.doc.Member(p.doc.root(), "effect")).text == "Deny");
  CHECK(p.doc.Member(p.doc.root(), "EFFECT") == kNoNode);
  CHECK(p.doc.Member(p.doc.Member(p.doc.root(), "Effect"), "x") == kNoNode);  // not an object
}

TEST_CASE("duplicate member names are reported at the repetition and the first is kept", "[json]") {
  Parsed p = ParseText(
      "{\"Statement\": {\n"
      "  \"Effect\": \"Allow\",\n"
      "  \"Effect\": \"Deny\",\n"
      "  \"Action\": \"s3:*\", \"Effect\": [\"x\"]}}");
  REQUIRE(p.ok);  // duplicates do not fail the parse
  REQUIRE(p.findings.size() == 2);
  CHECK(p.findings[0].code == "duplicate-key");
  CHECK(p.findings[0].severity == Severity::kError);
  CHECK(p.findings[0].path == "Statement.Effect");
  CHECK(p.findings[0].line == 3);
  CHECK(p.findings[0].column == 3);
  CHECK(p.findings[0].message == "duplicate member `Effect`: it first appears at line 2, column 3");
  CHECK(p.findings[1].line == 4);
  CHECK(p.findings[1].column == 21);

  uint32_t statement = At(p.doc, {"Statement"});
  CHECK(p.doc.node(statement).child_count == 2);
  CHECK(p.doc.node(p.doc.Member(statement, "Effect")).text == "Allow");
  int seen = 0;
  for (uint32_t c = p.doc.node(statement).first_child; c != kNoNode; c = p.doc.node(c).next_sibling)
    ++seen;
  CHECK(seen == 2);
}

TEST_CASE("duplicates are found in objects with many members", "[json]") {
  std::string text = "{";
  for (int i = 0; i < 100; ++i) text += "\"k" + std::to_string(i) + "\": 1, ";
  text += "\"k5\": 2, \"k99\": 3, \"new\": 4}";
  Parsed p = ParseText(text);
  REQUIRE(p.ok);
  REQUIRE(p.findings.size() == 2);
  CHECK(p.findings[0].path == "k5");
  CHECK(p.findings[1].path == "k99");
  CHECK(p.doc.node(p.doc.root()).child_count == 101);
  CHECK(p.doc.node(p.doc.Member(p.doc.root(), "k5")).text == "1");
}

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

TEST_CASE("an unpaired low surrogate escape is not text", "[json]") {
  Finding f = OnlyFinding("{\"k\": \"a\\udc00\"}");
  CHECK(f.code == "invalid-json");
  CHECK(f.line == 1);
  CHECK(f.column == 7);
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

TEST_CASE("a document over the byte limit is refused before parsing", "[json]") {
  std::string big(5u << 20, ' ');  // 5 MiB of whitespace: valid JSON padding
  big.front() = '[';
  big.back() = ']';
  Finding f = OnlyFinding(big);
  CHECK(f.code == "document-too-large");
  CHECK(f.message == "the document is 5,242,880 bytes, over the limit of 1,048,576");
  CHECK(f.line == 1);

  JsonLimits small;
  small.max_bytes = 10;
  CHECK(ParseText("[1,2,3,45]", small).ok);  // 10 bytes: at the limit
  CHECK(OnlyFinding("[1,2,3,456]", small).code == "document-too-large");
}

TEST_CASE("nesting deeper than the limit stops the parse at the offending bracket", "[json]") {
  SECTION("100,000 open brackets") {
    std::string deep(100000, '[');
    Finding f = OnlyFinding(deep);
    CHECK(f.code == "nesting-too-deep");
    CHECK(f.message == "arrays and objects are nested deeper than 32 levels");
    CHECK(f.line == 1);
    CHECK(f.column == 33);
  }
  SECTION("exactly at the limit is fine, one more is not") {
    std::string ok = std::string(32, '[') + std::string(32, ']');
    CHECK(ParseText(ok).ok);
    std::string over = "{\"a\":" + std::string(32, '[') + std::string(32, ']') + "}";
    Finding f = OnlyFinding(over);
    CHECK(f.code == "nesting-too-deep");
    CHECK(f.column == 37);
  }
}

TEST_CASE("a very deep document builds, walks and is destroyed without recursion", "[json]") {
  JsonLimits limits;
  limits.max_depth = 300000;
  const int depth = 100000;
  std::string text = std::string(depth, '[') + "\"x\"" + std::string(depth, ']');
  Parsed p = ParseText(text, limits);
  REQUIRE(p.ok);
  CHECK(p.doc.size() == depth + 1);
  uint32_t leaf = static_cast<uint32_t>(p.doc.size() - 1);
  CHECK(p.doc.node(leaf).text == "x");
  CHECK(p.doc.node(leaf).column == depth + 1);
  CHECK(p.doc.Path(leaf).size() == 3u * depth);
}

TEST_CASE("a failed parse leaves no nodes behind", "[json]") {
  Parsed p = ParseText("{\"a\": [1, 2, {\"b\": }]}");
  CHECK_FALSE(p.ok);
  CHECK(p.doc.size() == 0);
  CHECK(p.doc.root() == kNoNode);
}

TEST_CASE("AddFinding locates at the value or at the member name", "[json]") {
  Parsed p = ParseText("{\n  \"Statement\": {\n    \"Efect\":   \"Allow\"}}");
  REQUIRE(p.ok);
  uint32_t node = At(p.doc, {"Statement", "Efect"});
  std::vector<Finding> findings;
  AddFinding(p.doc, node, "unknown-element", Severity::kError, "unknown element `Efect`", &findings,
             /*at_key=*/true, "did you mean `Effect`?");
  AddFinding(p.doc, node, "wrong-type", Severity::kWarning, "m", &findings);
  AddFinding(p.doc, p.doc.root(), "missing-statement", Severity::kError, "m", &findings, true);
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].path == "Statement.Efect");
  CHECK(findings[0].line == 3);
  CHECK(findings[0].column == 5);
  CHECK(findings[0].help == "did you mean `Effect`?");
  CHECK(findings[1].line == 3);
  CHECK(findings[1].column == 16);
  CHECK(findings[1].severity == Severity::kWarning);
  // The root has no member name: located at its value.
  CHECK(findings[2].line == 1);
  CHECK(findings[2].column == 1);
  CHECK(findings[2].path.empty());
}

TEST_CASE("JsonTypeName names each type for messages", "[json]") {
  CHECK(JsonTypeName(JsonType::kNull) == "null");
  CHECK(JsonTypeName(JsonType::kTrue) == "boolean");
  CHECK(JsonTypeName(JsonType::kFalse) == "boolean");
  CHECK(JsonTypeName(JsonType::kNumber) == "number");
  CHECK(JsonTypeName(JsonType::kString) == "string");
  CHECK(JsonTypeName(JsonType::kArray) == "array");
  CHECK(JsonTypeName(JsonType::kObject) == "object");
}

TEST_CASE("findings print as file:line:column: severity: message [code]", "[finding]") {
  Finding f;
  f.code = "invalid-effect";
  f.message = "`Effect` must be `Allow` or `Deny`, not `allow`";
  f.line = 7;
  f.column = 19;
  CHECK(
      FormatFinding(f, "policy.json") ==
      "policy.json:7:19: error: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]");
  CHECK(FormatFinding(f, "") ==
        "7:19: error: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]");
  f.severity = Severity::kWarning;
  f.line = 0;
  f.column = 0;
  CHECK(FormatFinding(f, "p.json") ==
        "p.json: warning: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]");
  CHECK(SeverityName(Severity::kError) == "error");
  CHECK(SeverityName(Severity::kWarning) == "warning");

  std::vector<Finding> findings;
  CHECK_FALSE(HasErrors(findings));
  findings.push_back(f);
  CHECK_FALSE(HasErrors(findings));
  f.severity = Severity::kError;
  findings.push_back(f);
  CHECK(HasErrors(findings));
}

}  // namespace
}  // namespace iameval::internal
