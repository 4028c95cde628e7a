// File: engine/json/json_tree_test.cc
//
// The JSON layer's interface: paths, member lookup, the byte limit, what a
// failed parse leaves, AddFinding, and the type names used in messages. How
// nodes are located, built and reported lies in json_positions_test.cc and
// the tests beside json_tree_builder.h and json_syntax_error.h.

#include "json/json_tree.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/finding.h"
#include "testing/parsed_json.h"

namespace iameval::internal {
namespace {

using testing::At;
using testing::Child;
using testing::OnlyFinding;
using testing::Parsed;
using testing::ParseText;

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

TEST_CASE("every node knows its bytes in the text", "[json]") {
  const std::string text = "{\"a\": [1, \"x\\\"y\", true],\n \"b\": {\"c\": null} , \"d\": {}}";
  Parsed p = ParseText(text);
  REQUIRE(p.ok);
  const JsonDocument& doc = p.doc;
  auto bytes = [&](uint32_t node) {
    return text.substr(doc.node(node).offset, doc.node(node).end - doc.node(node).offset);
  };
  CHECK(bytes(doc.root()) == text);
  uint32_t a = doc.Member(doc.root(), "a");
  CHECK(bytes(a) == "[1, \"x\\\"y\", true]");
  CHECK(bytes(Child(doc, a, 0)) == "1");
  CHECK(bytes(Child(doc, a, 1)) == "\"x\\\"y\"");
  CHECK(bytes(Child(doc, a, 2)) == "true");
  CHECK(bytes(doc.Member(doc.root(), "b")) == "{\"c\": null}");
  CHECK(bytes(doc.Member(doc.Member(doc.root(), "b"), "c")) == "null");
  CHECK(bytes(doc.Member(doc.root(), "d")) == "{}");
}

TEST_CASE("Member finds exact names only", "[json]") {
  Parsed p = ParseText(R"({"Effect": "Allow", "effect": "Deny"})");
  REQUIRE(p.ok);
  CHECK(p.doc.node(p.doc.Member(p.doc.root(), "Effect")).text == "Allow");
  CHECK(p.doc.node(p.doc.Member(p.doc.root(), "effect")).text == "Deny");
  CHECK(p.doc.Member(p.doc.root(), "EFFECT") == kNoNode);
  CHECK(p.doc.Member(p.doc.Member(p.doc.root(), "Effect"), "x") == kNoNode);  // not an object
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

TEST_CASE("JsonTypeWithArticle names each type as found in messages", "[json]") {
  CHECK(JsonTypeWithArticle(JsonType::kNull) == "null");
  CHECK(JsonTypeWithArticle(JsonType::kTrue) == "a boolean");
  CHECK(JsonTypeWithArticle(JsonType::kFalse) == "a boolean");
  CHECK(JsonTypeWithArticle(JsonType::kNumber) == "a number");
  CHECK(JsonTypeWithArticle(JsonType::kString) == "a string");
  CHECK(JsonTypeWithArticle(JsonType::kArray) == "an array");
  CHECK(JsonTypeWithArticle(JsonType::kObject) == "an object");
}

}  // namespace
}  // namespace iameval::internal
