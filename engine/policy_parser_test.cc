// File: engine/policy_parser_test.cc
//
// The policy grammar and per-kind rules: every finding code the parser emits,
// at its exact line:column and path; all findings of a document, in order;
// and the compiled form of valid documents.

#include "policy_parser.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "compiled_policy.h"
#include "glob.h"
#include "iameval/policy.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

std::vector<Finding> FindingsOf(std::string_view text, Kind kind = Kind::kIdentity,
                                const Limits& limits = Limits()) {
  return Check(text, kind, limits);
}

std::vector<std::string> Codes(std::string_view text, Kind kind = Kind::kIdentity,
                               const Limits& limits = Limits()) {
  std::vector<std::string> codes;
  for (const Finding& f : FindingsOf(text, kind, limits)) codes.push_back(f.code);
  return codes;
}

// The single finding of `text`; fails the test unless there is exactly one.
Finding Only(std::string_view text, Kind kind = Kind::kIdentity, const Limits& limits = Limits()) {
  std::vector<Finding> findings = FindingsOf(text, kind, limits);
  INFO(text);
  for (const Finding& f : findings) UNSCOPED_INFO(f.code << " " << f.message);
  REQUIRE(findings.size() == 1);
  return findings[0];
}

std::shared_ptr<CompiledPolicy> Compile(std::string_view text, Kind kind = Kind::kIdentity) {
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(text, kind, Limits(), &findings);
  for (const Finding& f : findings) UNSCOPED_INFO(f.code << " " << f.message);
  REQUIRE(policy != nullptr);
  return policy;
}

// An identity-policy document with one statement holding `members`.
std::string Statement(const std::string& members) {
  return R"({"Version": "2012-10-17", "Statement": {)" + members + "}}";
}

// The same, with `"Effect": "Allow"` before `extra`.
std::string Allow(const std::string& extra) { return Statement(R"("Effect": "Allow", )" + extra); }

// ---- valid documents compile ----------------------------------------------------------

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

TEST_CASE("resources with policy variables keep their template", "[parser]") {
  auto policy = Compile(Allow(
      R"("Action": "s3:*", "Resource": ["arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/${*}x"])"));
  const auto& resources = policy->statements[0].resources;
  REQUIRE(resources.size() == 2);
  CHECK(resources[0].pattern.has_variables());
  CHECK_FALSE(resources[1].pattern.has_variables());
  // `${*}` is a literal star in the glob, not a wildcard.
  CHECK(resources[1].glob.pattern() == std::string("arn:aws:s3:::b/") + kLiteralStar + "x");
  CHECK(resources[1].glob.Matches("arn:aws:s3:::b/*x"));
  CHECK_FALSE(resources[1].glob.Matches("arn:aws:s3:::b/yx"));
}

TEST_CASE("without Version 2012-10-17 variables are literal text", "[parser]") {
  std::string text =
      R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
          "Resource": "arn:aws:s3:::b/${aws:username}"}})";
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(text, Kind::kIdentity, Limits(), &findings);
  REQUIRE(policy != nullptr);
  CHECK_FALSE(policy->variables_enabled);
  CHECK(policy->version == "2008-10-17");
  const ResourceEntry& entry = policy->statements[0].resources[0];
  CHECK_FALSE(entry.pattern.has_variables());
  CHECK(entry.glob.Matches("arn:aws:s3:::b/${aws:username}"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "variable-in-old-version");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(findings[0].path == "Statement.Resource");
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 23);
}

TEST_CASE("principals are classified in resource-based policies", "[parser]") {
  auto policy = Compile(
      R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/r"],
                                            "Service": "ec2.amazonaws.com"},
           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
          {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/u"},
           "Action": "s3:*"},
          {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]})",
      Kind::kResource);
  REQUIRE(policy->statements.size() == 3);
  const CompiledStatement& first = policy->statements[0];
  CHECK(first.principal_mode == CompiledStatement::PrincipalMode::kList);
  REQUIRE(first.principals.size() == 3);
  CHECK(first.principals[0].type == PrincipalPattern::Type::kAccount);
  CHECK(first.principals[1].type == PrincipalPattern::Type::kRole);
  CHECK(first.principals[2].type == PrincipalPattern::Type::kService);
  const CompiledStatement& second = policy->statements[1];
  CHECK(second.principal_mode == CompiledStatement::PrincipalMode::kNotList);
  REQUIRE(second.principals.size() == 1);
  CHECK(second.principals[0].type == PrincipalPattern::Type::kUser);
  CHECK(second.resource_mode == CompiledStatement::ResourceMode::kAbsent);
  CHECK(policy->statements[2].principals[0].type == PrincipalPattern::Type::kAnyone);
}

TEST_CASE("resource is optional where the kind says so", "[parser]") {
  auto scp =
      Compile(R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*"}})",
              Kind::kServiceControl);
  CHECK(scp->statements[0].resource_mode == CompiledStatement::ResourceMode::kAbsent);
  auto trust = Compile(
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole",
          "Principal": {"Service": "ec2.amazonaws.com"}}})",
      Kind::kRoleTrust);
  CHECK(trust->statements[0].resource_mode == CompiledStatement::ResourceMode::kAbsent);
}

TEST_CASE("a KMS statement without Resource is kept but warned about", "[parser]") {
  std::string text =
      R"({"Version": "2012-10-17", "Statement": {"Sid": "Key admins", "Effect": "Allow",
          "Principal": {"AWS": "111122223333"}, "Action": "kms:*"}})";
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(text, Kind::kKmsKey, Limits(), &findings);
  REQUIRE(policy != nullptr);
  CHECK(policy->statements[0].resource_mode == CompiledStatement::ResourceMode::kAbsent);
  CHECK(policy->statements[0].sid == "Key admins");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "statement-without-resource");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(findings[0].path == "Statement");
  CHECK(findings[0].column == 40);
}

TEST_CASE("the RCPFullAWSAccess statement is the one valid RCP Allow", "[parser]") {
  auto policy = Compile(
      R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
          {"Sid": "NoOutside", "Effect": "Deny", "Principal": "*", "Action": ["s3:*", "sqs:*"],
           "Resource": "*",
           "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}}]})",
      Kind::kResourceControl);
  CHECK(policy->statements.size() == 2);
  CHECK_FALSE(policy->statements[1].condition.empty());
}

// ---- the document -----------------------------------------------------------------

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

TEST_CASE("unknown elements are reported at their name, with a suggestion", "[parser]") {
  std::vector<Finding> findings = FindingsOf(
      "{\"Version\": \"2012-10-17\", \"Statment\": [],\n"
      " \"Statement\": {\"Effect\": \"Allow\", \"effect\": \"Deny\", \"Action\": \"s3:*\",\n"
      "   \"Resource\": \"*\", \"Foo\": 1}}");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].code == "unknown-element");
  CHECK(findings[0].message == "unknown element `Statment` in the policy document");
  CHECK(findings[0].help == "did you mean `Statement`?");
  CHECK(findings[0].path == "Statment");
  CHECK(findings[0].line == 1);
  CHECK(findings[0].column == 27);
  CHECK(findings[1].message == "unknown element `effect` in a statement");
  CHECK(findings[1].help == "did you mean `Effect`? element names are case-sensitive");
  CHECK(findings[1].path == "Statement.effect");
  CHECK(findings[1].line == 2);
  CHECK(findings[1].column == 35);
  CHECK(findings[2].path == "Statement.Foo");
  CHECK(findings[2].help.empty());
}

TEST_CASE("Version rules", "[parser]") {
  SECTION("missing: a warning, and the policy is valid") {
    std::vector<Finding> findings;
    auto policy = ParsePolicyDocument(
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})", Kind::kIdentity,
        Limits(), &findings);
    REQUIRE(policy != nullptr);
    CHECK(policy->version.empty());
    CHECK_FALSE(policy->variables_enabled);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "missing-version");
    CHECK(findings[0].severity == Severity::kWarning);
    CHECK(findings[0].line == 1);
    CHECK(findings[0].column == 1);
  }
  SECTION("not one of the two dates") {
    Finding f = Only(
        R"({"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})");
    CHECK(f.code == "invalid-version");
    CHECK(f.message == "`Version` must be `2012-10-17` or `2008-10-17`, not `2012-10-18`");
    CHECK(f.column == 13);
    CHECK(f.path == "Version");
  }
  SECTION("a number") {
    Finding f = Only(
        R"({"Version": 20121017, "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})");
    CHECK(f.code == "wrong-type");
    CHECK(f.message == "`Version` must be a string, not a number");
  }
  SECTION("SCPs and RCPs need 2012-10-17, KMS key policies any Version") {
    std::string no_version =
        R"({"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}})";
    Finding scp = Only(no_version, Kind::kServiceControl);
    CHECK(scp.code == "version-required");
    CHECK(scp.message == "a service control policy must have `Version` `2012-10-17`");
    Finding old =
        Only(R"({"Version": "2008-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*"}})",
             Kind::kServiceControl);
    CHECK(old.code == "version-required");
    CHECK(old.column == 13);
    CHECK(
        Only(
            R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}})",
            Kind::kResourceControl)
            .code == "version-required");
    Finding kms = Only(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:*",
                          "Resource": "*"}})",
                       Kind::kKmsKey);
    CHECK(kms.code == "version-required");
    CHECK(kms.message == "a kms key policy must have a `Version`");
    CHECK(Codes(R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Principal": "*",
                    "Action": "kms:*", "Resource": "*"}})",
                Kind::kKmsKey)
              .empty());
  }
}

TEST_CASE("Id must be a string and is accepted in every kind", "[parser]") {
  CHECK(Compile(R"({"Version": "2012-10-17", "Id": "x", "Statement": []})")->id == "x");
  Finding f = Only(
      R"({"Version": "2012-10-17", "Id": 7, "Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}})");
  CHECK(f.code == "wrong-type");
  CHECK(f.path == "Id");
}

TEST_CASE("Statement rules", "[parser]") {
  SECTION("missing") {
    Finding f = Only(R"({"Version": "2012-10-17"})");
    CHECK(f.code == "missing-statement");
    CHECK(f.message == "the policy has no `Statement`");
  }
  SECTION("empty: a warning, and nothing is allowed") {
    std::vector<Finding> findings;
    auto policy = ParsePolicyDocument(R"({"Version": "2012-10-17", "Statement": []})",
                                      Kind::kIdentity, Limits(), &findings);
    REQUIRE(policy != nullptr);
    CHECK(policy->statements.empty());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "no-statements");
    CHECK(findings[0].severity == Severity::kWarning);
  }
  SECTION("a string") {
    Finding f = Only(R"({"Version": "2012-10-17", "Statement": "Allow s3:GetObject"})");
    CHECK(f.code == "wrong-type");
    CHECK(f.message == "`Statement` must be an object or an array of objects, not a string");
  }
  SECTION("elements that are not objects") {
    std::vector<Finding> findings = FindingsOf(
        R"({"Version": "2012-10-17", "Statement": [[{"Effect": "Allow"}], "x",
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].code == "not-an-object");
    CHECK(findings[0].message == "a statement must be a json object, not an array");
    CHECK(findings[0].path == "Statement[0]");
    CHECK(findings[1].path == "Statement[1]");
  }
  SECTION("over the statement limit: reported once, the rest unread") {
    Limits limits;
    limits.max_statements = 2;
    std::vector<Finding> findings = FindingsOf(
        R"({"Version": "2012-10-17", "Statement": [{}, {}, {}, {}]})", Kind::kIdentity, limits);
    // Two statements read (three findings each), one limit finding.
    REQUIRE(findings.size() == 7);
    CHECK(findings[0].code == "too-many-statements");
    CHECK(findings[0].message == "the policy has 4 statements, over the limit of 2");
    CHECK(findings[0].path == "Statement");
    CHECK(findings.back().path == "Statement[1]");
  }
}

// ---- statements ----------------------------------------------------------------------

TEST_CASE("Sid rules depend on the kind", "[parser]") {
  Finding hyphen = Only(Allow(R"("Sid": "read-only", "Action": "s3:*", "Resource": "*")"));
  CHECK(hyphen.code == "invalid-sid");
  CHECK(hyphen.message ==
        "`Sid` `read-only` may only contain letters and digits in an identity "
        "policy");
  CHECK(hyphen.path == "Statement.Sid");

  CHECK(Codes(Allow(R"("Sid": "read only", "Action": "s3:*", "Resource": "*")")) ==
        std::vector<std::string>{"invalid-sid"});
  CHECK(Codes(Allow(R"("Sid": "", "Action": "s3:*", "Resource": "*")")).empty());

  std::string kms = R"({"Version": "2012-10-17", "Statement": {"Sid": "Allow key admins",
      "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}})";
  CHECK(Codes(kms, Kind::kKmsKey).empty());
  std::string kms_hyphen = R"({"Version": "2012-10-17", "Statement": {"Sid": "key-admins",
      "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}})";
  CHECK(Only(kms_hyphen, Kind::kKmsKey).message ==
        "`Sid` `key-admins` may only contain letters, digits and spaces in a kms key policy");

  std::string bucket = R"({"Version": "2012-10-17", "Statement": {"Sid": "any text: 1/2",
      "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}})";
  CHECK(Codes(bucket, Kind::kResource).empty());

  CHECK(Only(Allow(R"("Sid": 1, "Action": "s3:*", "Resource": "*")")).code == "wrong-type");
}

TEST_CASE("duplicate Sids are errors, empty ones are not", "[parser]") {
  std::vector<Finding> findings = FindingsOf(
      "{\"Version\": \"2012-10-17\", \"Statement\": [\n"
      " {\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n"
      " {\"Sid\": \"\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n"
      " {\"Sid\": \"\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n"
      " {\"Sid\": \"A\", \"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "duplicate-sid");
  CHECK(findings[0].message == "duplicate `Sid` `A`: statement `Statement[0]` has it already");
  CHECK(findings[0].line == 5);
  CHECK(findings[0].column == 10);
  CHECK(findings[0].path == "Statement[3].Sid");
}

TEST_CASE("Effect rules", "[parser]") {
  Finding missing = Only(Statement(R"("Action": "s3:*", "Resource": "*")"));
  CHECK(missing.code == "missing-effect");
  CHECK(missing.path == "Statement");
  CHECK(missing.column == 40);

  Finding lower = Only(Statement(R"("Effect": "allow", "Action": "s3:*", "Resource": "*")"));
  CHECK(lower.code == "invalid-effect");
  CHECK(lower.message == "`Effect` must be `Allow` or `Deny`, not `allow`");
  CHECK(lower.help == "`Effect` is case-sensitive");
  CHECK(lower.column == 51);
  CHECK(lower.path == "Statement.Effect");

  Finding other = Only(Statement(R"("Effect": "Permit", "Action": "s3:*", "Resource": "*")"));
  CHECK(other.code == "invalid-effect");
  CHECK(other.help.empty());

  Finding array = Only(Statement(R"("Effect": ["Allow"], "Action": "s3:*", "Resource": "*")"));
  CHECK(array.code == "wrong-type");
  CHECK(array.message == "`Effect` must be a string, not an array");
}

TEST_CASE("Action rules", "[parser]") {
  CHECK(Only(Allow(R"("Resource": "*")")).code == "missing-action");

  Finding both = Only(Allow(R"("Action": "s3:*", "NotAction": "iam:*", "Resource": "*")"));
  CHECK(both.code == "conflicting-elements");
  CHECK(both.message == "a statement cannot have both `Action` and `NotAction`");
  CHECK(both.path == "Statement.NotAction");  // the later of the two

  CHECK(Only(Allow(R"("Action": [], "Resource": "*")")).code == "empty-list");
  CHECK(Only(Allow(R"("NotAction": [], "Resource": "*")")).message ==
        "`NotAction` is an empty list");
  Finding empty = Only(Allow(R"("Action": ["s3:*", ""], "Resource": "*")"));
  CHECK(empty.code == "empty-value");
  CHECK(empty.path == "Statement.Action[1]");

  Finding number = Only(Allow(R"("Action": 3, "Resource": "*")"));
  CHECK(number.code == "wrong-type");
  CHECK(number.message == "`Action` must be a string or an array of strings, not a number");
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

TEST_CASE("each wrong Action element is its own finding", "[parser]") {
  std::vector<Finding> findings =
      FindingsOf(Allow(R"("Action": ["s3:*", {"a": 1}, null, true], "Resource": "*")"));
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].message == "each `Action` value must be a string, not an object");
  CHECK(findings[0].path == "Statement.Action[1]");
  CHECK(findings[1].message == "each `Action` value must be a string, not null");
  CHECK(findings[2].message == "each `Action` value must be a string, not a boolean");
}

TEST_CASE("action syntax", "[parser]") {
  struct Case {
    const char* action;
    const char* message;
  };
  const Case cases[] = {
      {"s3GetObject", "`s3GetObject` is not a valid action: expected `*` or `service:action`"},
      {"s3:Get:Object", "`s3:Get:Object` is not a valid action: it has more than one `:`"},
      {":GetObject", "`:GetObject` is not a valid action: the service prefix before `:` is empty"},
      {"s3:", "`s3:` is not a valid action: the action name after `:` is empty"},
      {"s 3:GetObject",
       "`s 3:GetObject` is not a valid action: the service prefix `s 3` may only "
       "contain letters, digits, `.` and `-`"},
      {"s_3:GetObject",
       "`s_3:GetObject` is not a valid action: the service prefix `s_3` may only "
       "contain letters, digits, `.` and `-`"},
      {"s3:Get\\u0001Object",
       "`s3:Get\\u0001Object` is not a valid action: it contains a control "
       "character"},
  };
  for (const Case& c : cases) {
    INFO(c.action);
    Finding f = Only(Allow(std::string("\"Action\": \"") + c.action + "\", \"Resource\": \"*\""));
    CHECK(f.code == "invalid-action");
    CHECK(f.message == c.message);
    CHECK(f.path == "Statement.Action");
  }
  CHECK(Only(Allow(R"("Action": "s3:", "Resource": "*")")).help ==
        "use `s3:*` for every action of the service");
  // Accepted forms.
  for (const char* ok : {"*", "s3:*", "s3:Get*Object?", "execute-api:Invoke", "a.b-c:X"}) {
    INFO(ok);
    CHECK(Codes(Allow(std::string("\"Action\": \"") + ok + "\", \"Resource\": \"*\"")).empty());
  }
}

TEST_CASE("a wildcard in an action's service prefix is a warning", "[parser]") {
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(Allow(R"("Action": "*:GetObject", "Resource": "*")"),
                                    Kind::kIdentity, Limits(), &findings);
  REQUIRE(policy != nullptr);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "wildcard-in-service");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(policy->statements[0].actions[0].Matches("s3:getobject"));
}

TEST_CASE("Resource rules", "[parser]") {
  Finding missing = Only(Allow(R"("Action": "s3:*")"));
  CHECK(missing.code == "missing-resource");
  CHECK(missing.path == "Statement");
  for (Kind kind : {Kind::kPermissionsBoundary, Kind::kSession}) {
    CHECK(Codes(Allow(R"("Action": "s3:*")"), kind) ==
          std::vector<std::string>{"missing-resource"});
  }
  CHECK(Codes(Allow(R"("Action": "s3:*", "NotResource": "arn:aws:s3:::b")")).empty());

  Finding both =
      Only(Allow(R"("Action": "s3:*", "NotResource": "arn:aws:s3:::b", "Resource": "*")"));
  CHECK(both.code == "conflicting-elements");
  CHECK(both.path == "Statement.Resource");

  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": [])")).code == "empty-list");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "")")).code == "empty-value");
  Finding object = Only(Allow(R"("Action": "s3:*", "Resource": {"arn": "x"})"));
  CHECK(object.code == "wrong-type");
  CHECK(object.message == "`Resource` must be a string or an array of strings, not an object");
}

TEST_CASE("resource syntax", "[parser]") {
  Finding not_arn = Only(Allow(R"("Action": "s3:*", "Resource": "bucket/key")"));
  CHECK(not_arn.code == "invalid-resource");
  CHECK(not_arn.message == "`bucket/key` is not a valid resource: expected `*` or an arn");
  Finding few = Only(Allow(R"("Action": "s3:*", "NotResource": ["*", "arn:aws:s3:bucket"])"));
  CHECK(few.code == "invalid-resource");
  CHECK(few.message ==
        "`arn:aws:s3:bucket` is not a valid resource: an arn has six "
        "`:`-separated parts, `arn:partition:service:region:account:resource`");
  CHECK(few.path == "Statement.NotResource[1]");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "ARN:aws:s3:::b")")).code ==
        "invalid-resource");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b\u0002")")).code ==
        "invalid-resource");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b\n")")).code ==
        "invalid-resource");
  for (const char* ok : {"*", "arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:*:*:*:*:*",
                         "arn:aws:iam::111122223333:role/a:b:c"}) {
    INFO(ok);
    std::vector<std::string> codes =
        Codes(Allow(std::string(R"("Action": "s3:*", "Resource": ")") + ok + "\""));
    if (std::string(ok) == "arn:*:*:*:*:*") {
      CHECK(codes == std::vector<std::string>{"wildcard-in-service"});
    } else {
      CHECK(codes.empty());
    }
  }
}

TEST_CASE("a wildcard in a resource ARN's service segment is a warning", "[parser]") {
  Finding f = Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s?:::b")"));
  CHECK(f.code == "wildcard-in-service");
  CHECK(f.severity == Severity::kWarning);
}

TEST_CASE("policy variables in resources", "[parser]") {
  SECTION("only after the fifth colon") {
    Finding account = Only(
        Allow(R"("Action": "s3:*", "Resource": "arn:aws:iam::${aws:PrincipalAccount}:user/x")"));
    CHECK(account.code == "variable-not-allowed");
    CHECK(account.path == "Statement.Resource");
    CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:${aws:x}:::b")")).code ==
          "variable-not-allowed");
    CHECK(Codes(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}")")).empty());
  }
  SECTION("malformed") {
    Finding f = Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username")"));
    CHECK(f.code == "invalid-variable");
    CHECK(f.severity == Severity::kError);
    CHECK(f.path == "Statement.Resource");
  }
  SECTION("not in actions or principals") {
    CHECK(Only(Allow(R"("Action": "s3:${aws:x}", "Resource": "*")")).code ==
          "variable-not-allowed");
    std::string principal = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/${aws:username}"},
        "Action": "s3:*"}})";
    CHECK(Only(principal, Kind::kResource).code == "variable-not-allowed");
  }
}

TEST_CASE("pattern limits", "[parser]") {
  Limits limits;
  limits.max_pattern_length = 20;
  limits.max_wildcards_per_pattern = 3;
  Finding longest = Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::bucket/key")"),
                         Kind::kIdentity, limits);
  CHECK(longest.code == "pattern-too-long");
  CHECK(longest.message ==
        "`Resource` value `arn:aws:s3:::bucket/key` is 23 bytes long, over the "
        "limit of 20");
  Finding stars =
      Only(Allow(R"("Action": "s3:*a*b*c*", "Resource": "*")"), Kind::kIdentity, limits);
  CHECK(stars.code == "too-many-wildcards");
  CHECK(stars.message == "`Action` value `s3:*a*b*c*` has 4 `*` wildcards, over the limit of 3");
  CHECK(Codes(Allow(R"("Action": "s3:*a*b*", "Resource": "*")"), Kind::kIdentity, limits).empty());
}

// ---- principals ------------------------------------------------------------------------

std::string ResourcePolicy(const std::string& principal_member) {
  return R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", )" + principal_member +
         R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}})";
}

TEST_CASE("Principal is forbidden where the policy is attached to identities", "[parser]") {
  for (Kind kind : {Kind::kIdentity, Kind::kPermissionsBoundary, Kind::kSession}) {
    std::vector<Finding> findings = FindingsOf(ResourcePolicy(R"("Principal": "*")"), kind);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "principal-not-allowed");
    CHECK(findings[0].path == "Statement.Principal");
    CHECK(findings[0].column == 60);  // at the member name
  }
  CHECK(Only(ResourcePolicy(R"("NotPrincipal": {"AWS": "111122223333"})")).message ==
        "`NotPrincipal` is not allowed in an identity policy");
  CHECK(Only(ResourcePolicy(R"("Principal": "*")"), Kind::kServiceControl).message ==
        "`Principal` is not allowed in a service control policy");
}

TEST_CASE("Principal is required in resource-based policies", "[parser]") {
  std::string none = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "s3:GetObject", "Resource": "*"}})";
  for (Kind kind : {Kind::kResource, Kind::kRoleTrust, Kind::kKmsKey, Kind::kResourceControl}) {
    std::vector<std::string> codes = Codes(none, kind);
    INFO(PolicyKindName(kind));
    CHECK(std::find(codes.begin(), codes.end(), "missing-principal") != codes.end());
  }
  CHECK(Only(none, Kind::kResource).message ==
        "the statement has no `Principal`: a resource-based policy must say whom it applies to");
}

TEST_CASE("Principal forms and their findings", "[parser]") {
  CHECK(Codes(ResourcePolicy(R"("Principal": {"AWS": "*"})"), Kind::kResource).empty());
  CHECK(Codes(ResourcePolicy(R"("Principal": {"Service": ["a.amazonaws.com", "b.amazonaws.com"]})"),
              Kind::kResource)
            .empty());
  CHECK(
      Codes(
          ResourcePolicy(
              R"("Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})"),
          Kind::kResource)
          .empty());

  Finding bare = Only(ResourcePolicy(R"("Principal": "arn:aws:iam::111122223333:user/alice")"),
                      Kind::kResource);
  CHECK(bare.code == "invalid-principal");
  CHECK(bare.path == "Statement.Principal");

  Finding type = Only(ResourcePolicy(R"("Principal": {"aws": "111122223333"})"), Kind::kResource);
  CHECK(type.code == "unknown-principal-type");
  CHECK(type.message ==
        "unknown principal type `aws`: expected `AWS`, `Service`, `Federated` or "
        "`CanonicalUser`");
  CHECK(type.help == "did you mean `AWS`? element names are case-sensitive");
  CHECK(type.path == "Statement.Principal.aws");
  CHECK(type.column == 74);  // at the member name

  CHECK(Only(ResourcePolicy(R"("Principal": {"AWS": []})"), Kind::kResource).code == "empty-list");
  CHECK(Only(ResourcePolicy(R"("Principal": {})"), Kind::kResource).code == "empty-list");
  CHECK(Only(ResourcePolicy(R"("Principal": {"AWS": ""})"), Kind::kResource).code == "empty-value");
  CHECK(Only(ResourcePolicy(R"("Principal": ["*"])"), Kind::kResource).code == "wrong-type");
  Finding number = Only(ResourcePolicy(R"("Principal": {"AWS": ["111122223333", 111122223333]})"),
                        Kind::kResource);
  CHECK(number.code == "wrong-type");
  CHECK(number.path == "Statement.Principal.AWS[1]");

  Finding wildcard =
      Only(ResourcePolicy(R"("Principal": {"AWS": "arn:aws:iam::111122223333:role/*"})"),
           Kind::kResource);
  CHECK(wildcard.code == "wildcard-in-principal");
  CHECK(Only(ResourcePolicy(R"("Principal": {"AWS": "alice"})"), Kind::kResource).code ==
        "invalid-principal");

  Finding both =
      Only(ResourcePolicy(R"("Principal": "*", "NotPrincipal": {"AWS": "111122223333"})"),
           Kind::kResource);
  CHECK(both.code == "conflicting-elements");
  CHECK(both.path == "Statement.NotPrincipal");
}

TEST_CASE("role trust policy rules", "[parser]") {
  std::string trust_star = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Principal": "*", "Action": "sts:AssumeRole"}})";
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(trust_star, Kind::kRoleTrust, Limits(), &findings);
  REQUIRE(policy != nullptr);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "trust-policy-wildcard-principal");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(findings[0].path == "Statement.Principal");
  CHECK(Codes(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}})",
              Kind::kRoleTrust) == std::vector<std::string>{"trust-policy-wildcard-principal"});

  Finding resource = Only(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole",
      "NotResource": "*"}})",
                          Kind::kRoleTrust);
  CHECK(resource.code == "resource-not-allowed");
  CHECK(resource.message == "`NotResource` is not allowed in a role trust policy");

  Finding not_principal = Only(R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny",
      "NotPrincipal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}})",
                               Kind::kRoleTrust);
  CHECK(not_principal.code == "notprincipal-not-allowed");
}

TEST_CASE("resource control policy rules", "[parser]") {
  auto rcp = [](const std::string& statement) {
    return R"({"Version": "2012-10-17", "Statement": [)" + statement + "]}";
  };
  Finding principal = Only(
      rcp(R"({"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*"})"),
      Kind::kResourceControl);
  CHECK(principal.code == "rcp-principal-must-be-wildcard");
  CHECK(principal.path == "Statement[0].Principal");

  Finding allow = Only(
      rcp(R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"})"),
      Kind::kResourceControl);
  CHECK(allow.code == "rcp-allow-not-supported");
  CHECK(allow.path == "Statement[0].Effect");
  CHECK(Only(rcp(R"({"Effect": "Allow", "Principal": "*", "Action": ["*"], "Resource": "*",
                     "Condition": {"Bool": {"aws:SecureTransport": "true"}}})"),
             Kind::kResourceControl)
            .code == "rcp-allow-not-supported");

  std::vector<Finding> star = FindingsOf(
      rcp(R"({"Effect": "Deny", "Principal": "*", "Action": ["s3:*", "*"], "Resource": "*"})"),
      Kind::kResourceControl);
  REQUIRE(star.size() == 1);
  CHECK(star[0].code == "rcp-action-wildcard-alone");
  CHECK(star[0].path == "Statement[0].Action[1]");

  CHECK(Codes(rcp(R"({"Effect": "Deny", "Principal": "*", "NotAction": "s3:*", "Resource": "*"})"),
              Kind::kResourceControl) == std::vector<std::string>{"rcp-notaction-not-supported"});
  CHECK(Codes(rcp(R"({"Effect": "Deny", "NotPrincipal": "*", "Action": "s3:*", "Resource": "*"})"),
              Kind::kResourceControl) == std::vector<std::string>{"notprincipal-not-allowed"});
  CHECK(Codes(rcp(R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*"})"),
              Kind::kResourceControl) == std::vector<std::string>{"missing-resource"});
}

// ---- conditions ------------------------------------------------------------------------

TEST_CASE("Condition must be an object; its own findings join the rest", "[parser]") {
  Finding f = Only(Allow(R"("Action": "s3:*", "Resource": "*", "Condition": [])"));
  CHECK(f.code == "not-an-object");
  CHECK(f.message == "`Condition` must be a json object, not an array");
  CHECK(f.path == "Statement.Condition");

  std::vector<std::string> codes = Codes(Allow(
      R"("Action": "s3:*", "Resource": "*", "Condition": {"StringEqualz": {"aws:username": "a"}})"));
  CHECK(codes == std::vector<std::string>{"unknown-condition-operator"});
}

// ---- quotas and characters ---------------------------------------------------------------

// An identity policy of about `size` characters without whitespace, padded
// with `padding` spaces between statements.
std::string PolicyOfSize(size_t statements, size_t padding) {
  std::string text = R"({"Version": "2012-10-17", "Statement": [)";
  for (size_t i = 0; i < statements; ++i) {
    if (i > 0) text += ",";
    text += std::string(padding, ' ');
    text += R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/)" +
            std::to_string(1000 + i) + "\"}";
  }
  return text + "]}";
}

TEST_CASE("size quotas per kind", "[parser]") {
  // Each statement is 76 characters without whitespace, 77 with its comma.
  SECTION("identity: characters without whitespace") {
    std::string within = PolicyOfSize(130, 40);  // 9,918 characters in 15,771 bytes
    CHECK(within.size() > 10240);
    CHECK(Codes(within).empty());
    Finding f = Only(PolicyOfSize(135, 0));
    CHECK(f.code == "policy-too-large");
    CHECK(f.message ==
          "the policy is 10,298 characters without whitespace, over the 10,240 aws "
          "allows for an identity policy");
    CHECK(f.line == 1);
    CHECK(f.column == 1);
  }
  SECTION("session policies have 2,048") {
    CHECK(Codes(PolicyOfSize(26, 0), Kind::kSession).empty());
    CHECK(Codes(PolicyOfSize(27, 0), Kind::kSession) ==
          std::vector<std::string>{"policy-too-large"});
  }
  SECTION("SCPs count every byte") {
    std::string scp = PolicyOfSize(50, 40);
    CHECK(Codes(scp, Kind::kServiceControl) == std::vector<std::string>{"policy-too-large"});
    CHECK(Only(scp, Kind::kServiceControl).message ==
          "the policy is 6,091 bytes, over the 5,120 aws allows for a service control policy");
    CHECK(Codes(PolicyOfSize(50, 0), Kind::kServiceControl).empty());
  }
  SECTION("the quota can be turned off") {
    Limits limits;
    limits.enforce_aws_size_quotas = false;
    CHECK(Codes(PolicyOfSize(135, 0), Kind::kIdentity, limits).empty());
  }
}

TEST_CASE("characters outside the IAM range", "[parser]") {
  std::string text =
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\",\n"
      " \"Resource\": [\"arn:aws:s3:::b/é/€/€\", \"arn:aws:s3:::b/ok\", \"arn:aws:s3:::😀\"]}}";
  std::vector<Finding> findings = FindingsOf(text);
  REQUIRE(findings.size() == 2);  // one per string
  CHECK(findings[0].code == "character-outside-iam-range");
  CHECK(findings[0].severity == Severity::kError);
  CHECK(findings[0].message ==
        "character `€` (U+20AC) is outside the range iam accepts: tab, line "
        "feed, carriage return and U+0020 to U+00FF");
  CHECK(findings[0].path == "Statement.Resource[0]");
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 33);  // `é` is within the range
  CHECK(findings[1].path == "Statement.Resource[2]");
  CHECK(findings[1].message.find("U+1F600") != std::string::npos);

  // The same characters are only a warning in a bucket policy; Latin-1 is fine anywhere.
  std::string bucket =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*",
      "Action": "s3:*", "Resource": "arn:aws:s3:::b/€"}})";
  Finding warning = Only(bucket, Kind::kResource);
  CHECK(warning.severity == Severity::kWarning);
  CHECK(Codes(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b/éÿ")")).empty());

  // In a member name, the finding names that member.
  Finding key = Only(Allow(R"("Action": "s3:*", "Resource": "*", "Condition": {"StringEquals":
      {"aws:PrincipalTag/naïve€": "x"}})"));
  CHECK(key.code == "character-outside-iam-range");
  CHECK(key.path == R"(Statement.Condition.StringEquals["aws:PrincipalTag/naïve€"])");
}

// ---- all findings, in order ------------------------------------------------------------

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

// ---- the public API ---------------------------------------------------------------------

TEST_CASE("Policy::Parse wraps the compiled policy", "[policy]") {
  ParseResult result = Policy::Parse(
      R"({"Version": "2012-10-17", "Id": "p", "Statement": [
          {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
          {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]})",
      Kind::kPermissionsBoundary);
  REQUIRE(result.ok());
  CHECK(result.findings.empty());
  const Policy& policy = *result.policy;
  CHECK(policy.kind() == Kind::kPermissionsBoundary);
  CHECK(policy.id() == "p");
  CHECK(policy.version() == "2012-10-17");
  CHECK(policy.statement_count() == 2);
  CHECK(policy.compiled().statements[1].effect == Effect::kDeny);

  ParseResult bad = Policy::Parse("{", Kind::kIdentity);
  CHECK_FALSE(bad.ok());
  REQUIRE(bad.findings.size() == 1);
  CHECK(bad.findings[0].code == "invalid-json");

  ParseResult warned = Policy::Parse(R"({"Statement": []})", Kind::kIdentity);
  CHECK(warned.ok());  // warnings only
  CHECK(warned.findings.size() == 2);
}

TEST_CASE("Check reports the same findings as Parse", "[policy]") {
  std::string text = Allow(R"("Action": "s3", "Resource": "x")");
  CHECK(Check(text, Kind::kIdentity).size() == 2);
  CHECK(Policy::Parse(text, Kind::kIdentity).findings.size() == 2);
  CHECK(Check(Allow(R"("Action": "s3:*", "Resource": "*")"), Kind::kIdentity).empty());
}

TEST_CASE("policy kind names round-trip", "[policy]") {
  const std::pair<Kind, const char*> names[] = {
      {Kind::kIdentity, "identity"},
      {Kind::kResource, "resource"},
      {Kind::kRoleTrust, "roleTrust"},
      {Kind::kKmsKey, "kmsKey"},
      {Kind::kPermissionsBoundary, "permissionsBoundary"},
      {Kind::kSession, "session"},
      {Kind::kServiceControl, "scp"},
      {Kind::kResourceControl, "rcp"},
  };
  for (const auto& [kind, name] : names) {
    CHECK(PolicyKindName(kind) == name);
    Kind parsed = Kind::kIdentity;
    CHECK(ParsePolicyKindName(name, &parsed));
    CHECK(parsed == kind);
  }
  Kind untouched = Kind::kSession;
  CHECK_FALSE(ParsePolicyKindName("Identity", &untouched));
  CHECK_FALSE(ParsePolicyKindName("", &untouched));
  CHECK(untouched == Kind::kSession);

  CHECK(IsResourcePolicyKind(Kind::kResource));
  CHECK(IsResourcePolicyKind(Kind::kRoleTrust));
  CHECK(IsResourcePolicyKind(Kind::kKmsKey));
  CHECK_FALSE(IsResourcePolicyKind(Kind::kIdentity));
  CHECK_FALSE(IsResourcePolicyKind(Kind::kResourceControl));
  CHECK_FALSE(IsResourcePolicyKind(Kind::kServiceControl));
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

}  // namespace
}  // namespace iameval::internal

namespace iameval::internal {
namespace {

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
