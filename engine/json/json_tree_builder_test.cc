// File: engine/json/json_tree_builder_test.cc
//
// The tree the SAX handler builds: decoded strings, duplicate member names
// (reported, the first kept), strings that are not text, and depth: the
// nesting limit, and documents far deeper than any stack.

#include "json/json_tree_builder.h"

#include <catch2/catch.hpp>
#include <string>

#include "iameval/finding.h"
#include "json/json_tree.h"
#include "testing/parsed_json.h"

namespace iameval::internal {
namespace {

using testing::At;
using testing::Child;
using testing::OnlyFinding;
using testing::Parsed;
using testing::ParseText;

TEST_CASE("escapes are decoded, embedded NUL escapes kept", "[json]") {
  Parsed p = ParseText("[\"\\u00e9\\ud83d\\ude00\\n\\u0000x\"]");
  REQUIRE(p.ok);
  std::string_view text = p.doc.node(Child(p.doc, p.doc.root(), 0)).text;
  CHECK(text == std::string("\xc3\xa9\xf0\x9f\x98\x80\n\0x", 9));
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

TEST_CASE("an unpaired low surrogate escape is not text", "[json]") {
  Finding f = OnlyFinding("{\"k\": \"a\\udc00\"}");
  CHECK(f.code == "invalid-json");
  CHECK(f.line == 1);
  CHECK(f.column == 7);
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

}  // namespace
}  // namespace iameval::internal
