// File: engine/json/json_positions_test.cc
//
// Where the tree builder locates values and member names, seen through
// ParseJson: lines and columns (in code points), line ends, and token starts
// that strings cannot move.

#include <catch2/catch.hpp>

#include "json/json_tree.h"
#include "testing/parsed_json.h"

namespace iameval::internal {
namespace {

using testing::At;
using testing::Child;
using testing::Parsed;
using testing::ParseText;

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

}  // namespace
}  // namespace iameval::internal
