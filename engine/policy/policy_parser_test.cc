// File: engine/policy/policy_parser_test.cc
//
// ParsePolicyDocument as a whole: what a valid document compiles to, JSON
// findings passing through, every finding of a document in document order,
// wrong JSON types in every element, the cap on findings, and arbitrary
// bytes. The rules of each element are tested beside its reader
// (policy_document_test.cc, statement_elements_test.cc, ...).

#include "policy/policy_parser.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "iameval/policy.h"
#include "match/glob.h"
#include "policy/compiled_policy.h"
#include "testing/policy_findings.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

using testing::Allow;
using testing::Codes;
using testing::Compile;
using testing::FindingsOf;
using testing::Only;
using testing::Statement;

TEST_CASE("a valid identity policy compiles with its metadata", "[parser]") {
  auto policy = Compile(
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Id\": \"policy-1\",\n"
      "  \"Statement\": [\n"
      "    {\"Sid\": \"Read\", \"Effect\": \"Allow\", \"Action\": [\"S3:GetObject\", "
      "\"s3:List*\"],\n"
      "     \"Resource\": \"arn:aws:s3:::bucket/*\"},\n"
      "    {\"Effect\": \"Deny\", \"NotAction\": \"iam:*\", \"NotResource\": [\"*\"]}\n"
      "  ]\n"
      "}\n");
  CHECK(policy->kind == Kind::kIdentity);
  CHECK(policy->id == "policy-1");
  CHECK(policy->version == "2012-10-17");
  CHECK(policy->variables_enabled);
  REQUIRE(policy->statements.size() == 2);

  const CompiledStatement& read = policy->statements[0];
  CHECK(read.index == 0);
  CHECK(read.sid == "Read");
  CHECK(read.line == 5);
  CHECK(read.column == 5);
  CHECK(read.effect == Effect::kAllow);
  CHECK_FALSE(read.not_action);
  REQUIRE(read.actions.size() == 2);
  CHECK(read.actions[0].pattern() == "s3:getobject");  // lowercased
  CHECK(read.actions[1].pattern() == "s3:list*");
  CHECK(read.resource_mode == CompiledStatement::ResourceMode::kList);
  REQUIRE(read.resources.size() == 1);
  CHECK(read.resources[0].glob.pattern() == "arn:aws:s3:::bucket/*");
  CHECK(read.principal_mode == CompiledStatement::PrincipalMode::kNone);

  const CompiledStatement& deny = policy->statements[1];
  CHECK(deny.index == 1);
  CHECK(deny.line == 7);
  CHECK(deny.effect == Effect::kDeny);
  CHECK(deny.not_action);
  CHECK(deny.resource_mode == CompiledStatement::ResourceMode::kNotList);
  CHECK(deny.resources[0].glob.shape() == Glob::Shape::kAnything);
}

TEST_CASE("a lone statement object is statement 0", "[parser]") {
  auto policy = Compile(Allow(R"("Action": "s3:GetObject", "Resource": "*")"));
  REQUIRE(policy->statements.size() == 1);
  CHECK(policy->statements[0].index == 0);
  CHECK(policy->statements[0].line == 1);
  CHECK(policy->statements[0].column == 40);
}

TEST_CASE("JSON-level findings pass through with their position", "[parser]") {
  Finding f = Only("{\"Version\": \"2012-10-17\",\n \"Statement\": [}");
  CHECK(f.code == "invalid-json");
  CHECK(f.line == 2);
  CHECK(f.column == 16);

  Finding deep = Only(std::string(100000, '['));
  CHECK(deep.code == "nesting-too-deep");

  Finding utf8 = Only("{\"Statement\": \"\xff\"}");
  CHECK(utf8.code == "invalid-utf8");

  Limits small;
  small.max_document_bytes = 16;
  CHECK(Only("{\"Statement\": []}   ", Kind::kIdentity, small).code == "document-too-large");
}

TEST_CASE("the document must be an object", "[parser]") {
  Finding array = Only("[{\"Effect\": \"Allow\"}]");
  CHECK(array.code == "not-an-object");
  CHECK(array.message == "the policy document must be a json object, not an array");
  CHECK(array.line == 1);
  CHECK(array.column == 1);
  CHECK(Only("\"policy\"").message == "the policy document must be a json object, not a string");
  CHECK(Only("  null").column == 3);
}

TEST_CASE("every element with a JSON type it does not take", "[parser]") {
  // A valid resource-policy statement; each case replaces one element's value.
  const std::vector<std::pair<std::string, std::string>> base = {
      {"Sid", R"("S1")"},      {"Effect", R"("Allow")"}, {"Principal", R"("*")"},
      {"Action", R"("s3:*")"}, {"Resource", R"("*")"},   {"Condition", R"({})"},
  };
  struct Case {
    const char* element;
    const char* value;
    const char* code;
  };
  const Case cases[] = {
      {"Sid", "7", "wrong-type"},
      {"Sid", "null", "wrong-type"},
      {"Sid", "[\"a\"]", "wrong-type"},
      {"Effect", "true", "wrong-type"},
      {"Effect", "{}", "wrong-type"},
      {"Principal", "3", "wrong-type"},
      {"Principal", "[\"*\"]", "wrong-type"},
      {"Principal", "null", "wrong-type"},
      {"Action", "false", "wrong-type"},
      {"Action", "{}", "wrong-type"},
      {"Action", "[[\"s3:*\"]]", "wrong-type"},
      {"Resource", "1.5", "wrong-type"},
      {"Resource", "[null]", "wrong-type"},
      {"Condition", "\"x\"", "not-an-object"},
      {"Condition", "[]", "not-an-object"},
      {"Condition", "null", "not-an-object"},
  };
  for (const Case& c : cases) {
    std::string statement;
    for (const auto& [name, value] : base) {
      if (!statement.empty()) statement += ", ";
      statement += "\"" + name + "\": " + (name == c.element ? std::string(c.value) : value);
    }
    std::string text = R"({"Version": "2012-10-17", "Statement": [{)" + statement + "}]}";
    INFO(text);
    std::vector<Finding> findings = FindingsOf(text, Kind::kResource);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == c.code);
    CHECK(findings[0].path.rfind(std::string("Statement[0].") + c.element, 0) == 0);
  }
  // The document level.
  const std::string statement = R"({"Effect": "Deny", "Action": "s3:*", "Resource": "*"})";
  CHECK(Only(R"({"Version": ["2012-10-17"], "Statement": )" + statement + "}").code ==
        "wrong-type");
  CHECK(Only(R"({"Version": "2012-10-17", "Id": null, "Statement": )" + statement + "}").code ==
        "wrong-type");
  CHECK(Only(R"({"Version": "2012-10-17", "Statement": 1})").code == "wrong-type");
  CHECK(Only(R"({"Version": "2012-10-17", "Statement": [true]})").code == "not-an-object");
}

TEST_CASE("every problem is reported, in document order", "[parser]") {
  std::string text =
      "{\"Statement\": [\n"
      "  {\"Sid\": \"a-b\", \"Effect\": \"allow\", \"Action\": \"s3GetObject\",\n"
      "   \"Resource\": \"bucket\", \"Principal\": \"*\"},\n"
      "  {\"Effect\": \"Deny\", \"Action\": [], \"NotAction\": \"x\"}\n"
      "], \"Version\": \"2012-10-17\", \"Extra\": true}";
  std::vector<Finding> findings = FindingsOf(text);
  std::vector<std::string> got;
  for (const Finding& f : findings) {
    got.push_back(f.code + "@" + std::to_string(f.line) + ":" + std::to_string(f.column));
  }
  CHECK(got == std::vector<std::string>{
                   "invalid-sid@2:11",
                   "invalid-effect@2:28",
                   "invalid-action@2:47",
                   "invalid-resource@3:16",
                   "principal-not-allowed@3:26",
                   "missing-resource@4:3",
                   "empty-list@4:32",
                   "conflicting-elements@4:36",
                   "invalid-action@4:49",
                   "unknown-element@5:29",
               });
  for (size_t i = 1; i < findings.size(); ++i) {
    bool ordered =
        findings[i - 1].line < findings[i].line ||
        (findings[i - 1].line == findings[i].line && findings[i - 1].column <= findings[i].column);
    CHECK(ordered);
  }
}

TEST_CASE("duplicate keys fail the document but the rest is still checked", "[parser]") {
  std::vector<std::string> codes = Codes(Statement(
      R"("Effect": "Allow", "Effect": "Deny", "Action": "s3GetObject", "Resource": "*")"));
  CHECK(codes == std::vector<std::string>{"duplicate-key", "invalid-action"});
  std::vector<Finding> findings;
  CHECK(ParsePolicyDocument(Statement(R"("Effect": "Allow", "Effect": "Allow", "Action": "s3:*",
                                          "Resource": "*")"),
                            Kind::kIdentity, Limits(), &findings) == nullptr);
}

TEST_CASE("arbitrary bytes never crash the parser", "[policy]") {
  // Mutations of a valid policy: flipped, inserted and deleted bytes.
  const std::string seed =
      R"({"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow",
      "Principal": {"AWS": ["111122223333"]}, "Action": ["s3:Get*"], "Resource": "arn:aws:s3:::b/${aws:username}",
      "Condition": {"StringLike": {"s3:prefix": ["home/*"]}, "IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]})";
  std::mt19937 random(12345);
  const Kind kinds[] = {Kind::kIdentity, Kind::kResource,       Kind::kRoleTrust,
                        Kind::kKmsKey,   Kind::kServiceControl, Kind::kResourceControl};
  for (int i = 0; i < 3000; ++i) {
    std::string text = seed;
    int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text[at] = static_cast<char>(random() % 256);
          break;
        case 1:
          text.insert(at, 1, "{}[]\",:*$\\"[random() % 10]);
          break;
        default:
          text.erase(at, 1);
          break;
      }
    }
    ParseResult result = Policy::Parse(text, kinds[i % 6]);
    if (!result.ok()) CHECK(HasErrors(result.findings));
    for (const Finding& f : result.findings) {
      CHECK_FALSE(f.code.empty());
      CHECK_FALSE(f.message.empty());
    }
  }
}

TEST_CASE("findings stop at Limits::max_findings with one too-many-findings error",
          "[policy_parser][limits]") {
  std::string text = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; i < 50; ++i) {
    if (i > 0) text += ",";
    text += R"({"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"})";
  }
  text += "]}";
  Limits limits;
  limits.max_findings = 10;
  std::vector<Finding> findings;
  REQUIRE(ParsePolicyDocument(text, PolicyKind::kIdentity, limits, &findings) == nullptr);
  REQUIRE(findings.size() == 11);
  CHECK(findings[9].code == "invalid-effect");
  CHECK(findings[10].code == "too-many-findings");
  CHECK(findings[10].line == 1);
  CHECK(findings[10].path == "Statement[10].Effect");
}

}  // namespace
}  // namespace iameval::internal
