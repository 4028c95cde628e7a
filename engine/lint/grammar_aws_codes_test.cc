// File: engine/lint/grammar_aws_codes_test.cc
//
// Access Analyzer's codes for grammar findings: the one-to-one ones, and
// those told apart by kind, element, operator or message.

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/lint.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

std::string Code(const std::string& code, const std::string& path = "",
                 const std::string& message = "", Severity severity = Severity::kError,
                 PolicyKind kind = PolicyKind::kIdentity) {
  Finding finding;
  finding.code = code;
  finding.path = path;
  finding.message = message;
  finding.severity = severity;
  return std::string(GrammarAwsCode(finding, kind));
}

TEST_CASE("grammar findings carry Access Analyzer's codes", "[lint]") {
  CHECK(Code("missing-version") == "MISSING_VERSION");
  CHECK(Code("allow-with-notprincipal") == "ALLOW_WITH_NOT_PRINCIPAL");
  CHECK(Code("too-many-statements").empty());  // ours alone
}

TEST_CASE("the size quota's code follows the policy kind", "[lint]") {
  auto size = [](PolicyKind kind) {
    return Code("policy-too-large", "", "", Severity::kWarning, kind);
  };
  CHECK(size(PolicyKind::kIdentity) == "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA");
  CHECK(size(PolicyKind::kPermissionsBoundary) == "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA");
  CHECK(size(PolicyKind::kRoleTrust) == "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA");
  CHECK(size(PolicyKind::kResource) == "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA");
  CHECK(size(PolicyKind::kServiceControl) == "POLICY_SIZE_EXCEEDS_SCP_QUOTA");
  CHECK(size(PolicyKind::kResourceControl) == "POLICY_SIZE_EXCEEDS_RCP_QUOTA");
}

TEST_CASE("principal findings' codes follow the policy kind", "[lint]") {
  CHECK(Code("principal-not-allowed", "", "", Severity::kError, PolicyKind::kServiceControl) ==
        "SCP_SYNTAX_ERROR_PRINCIPAL");
  CHECK(Code("principal-not-allowed") == "UNSUPPORTED_PRINCIPAL");
  CHECK(Code("notprincipal-not-allowed", "", "", Severity::kError, PolicyKind::kResourceControl) ==
        "RCP_SYNTAX_ERROR_PRINCIPAL");
  CHECK(Code("notprincipal-not-allowed", "", "", Severity::kError, PolicyKind::kRoleTrust) ==
        "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL");
}

TEST_CASE("duplicate Sids are required unique in IAM's kinds, recommended elsewhere", "[lint]") {
  auto sid = [](PolicyKind kind) { return Code("duplicate-sid", "", "", Severity::kError, kind); };
  for (PolicyKind kind : {PolicyKind::kIdentity, PolicyKind::kPermissionsBoundary,
                          PolicyKind::kSession, PolicyKind::kRoleTrust}) {
    CHECK(sid(kind) == "UNIQUE_SIDS_REQUIRED");
  }
  for (PolicyKind kind : {PolicyKind::kResource, PolicyKind::kKmsKey, PolicyKind::kVpcEndpoint,
                          PolicyKind::kServiceControl, PolicyKind::kResourceControl}) {
    CHECK(sid(kind) == "UNIQUE_SIDS_RECOMMENDED");
  }
}

TEST_CASE("malformed principals by principal type", "[lint]") {
  CHECK(Code("invalid-principal", "Statement[0].Principal.AWS[1]") == "INVALID_PRINCIPAL_FORMAT");
  CHECK(Code("invalid-principal", "Statement[0].Principal.Service") ==
        "INVALID_SERVICE_PRINCIPAL_FORMAT");
  CHECK(Code("invalid-principal", "Statement[0].Principal.Federated", "", Severity::kError,
             PolicyKind::kRoleTrust) == "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY");
}

TEST_CASE("empty lists and empty value lists by element and operator", "[lint]") {
  CHECK(Code("empty-list", "Statement[0].Action") == "EMPTY_ARRAY_ACTION");
  CHECK(Code("empty-list", "Statement[0].NotResource") == "EMPTY_ARRAY_RESOURCE");
  CHECK(Code("empty-list", "Statement[0].Principal.AWS") == "EMPTY_ARRAY_PRINCIPAL");
  CHECK(Code("empty-list", "Statement[0].Principal", "`Principal` is an empty object: ...") ==
        "EMPTY_OBJECT_PRINCIPAL");
  const std::string values = "empty-condition-values";
  CHECK(Code(values, "Statement[0].Condition.StringEquals[\"k:a\"]") == "EMPTY_ARRAY_CONDITION");
  CHECK(Code(values, "Statement[1].Condition[\"ForAllValues:StringLike\"][\"k:a\"]") ==
        "EMPTY_ARRAY_CONDITION_FORALLVALUES");
  CHECK(Code(values, "Statement.Condition[\"ForAnyValue:StringLike\"][\"k:a\"]") ==
        "EMPTY_ARRAY_CONDITION_FORANYVALUE");
  CHECK(Code(values, "Statement[0].Condition.StringLikeIfExists[\"k:a\"]") ==
        "EMPTY_ARRAY_CONDITION_IFEXISTS");
}

TEST_CASE("unreadable condition values by operator type", "[lint]") {
  const std::string value = "invalid-condition-value";
  auto at = [&](const std::string& op, Severity severity) {
    return Code(value, "Statement[0].Condition." + op + "[\"k:a\"]", "", severity);
  };
  CHECK(at("NotIpAddress", Severity::kError) == "TYPE_MISMATCH_IP_RANGE");
  CHECK(at("Bool", Severity::kWarning) == "TYPE_MISMATCH_BOOLEAN");
  CHECK(at("DateLessThan", Severity::kWarning) == "TYPE_MISMATCH_DATE");
  CHECK(at("NumericEqualsIfExists", Severity::kWarning) == "TYPE_MISMATCH_NUMBER");
  CHECK(at("BinaryEquals", Severity::kWarning) == "TYPE_MISMATCH_STRING");
  // A value of another JSON type (a number under Bool) is an error.
  CHECK(at("Bool", Severity::kError) == "INVALID_CONDITION_DATA_TYPE");
}

TEST_CASE("variables, ARNs and unique ids by what the grammar says", "[lint]") {
  CHECK(Code("variable-not-allowed", "Statement[0].Action[0]") ==
        "VARIABLE_UNSUPPORTED_IN_ELEMENT");
  CHECK(Code("variable-not-allowed", "Statement[0].Condition.NumericEquals[\"k:a\"]") ==
        "INVALID_VARIABLE_FOR_OPERATOR");
  CHECK(Code("invalid-variable", "", "policy variable `${a` has no closing `}`") ==
        "MISSING_BRACE_IN_VARIABLE");
  CHECK(Code("invalid-variable", "", "empty policy variable `${}`") == "EMPTY_VARIABLE");
  CHECK(Code("invalid-variable", "", "policy variable `${a b}` has a space in its name") ==
        "UNSUPPORTED_SPACE_IN_VARIABLE");
  CHECK(Code("invalid-variable", "", "the default in `${a:b, x}` must be in single quotes") ==
        "MISSING_QUOTE_IN_VARIABLE");
  CHECK(Code("invalid-resource", "", "`b` is not a valid resource: expected `*` or an arn") ==
        "INVALID_ARN_PREFIX");
  CHECK(Code("invalid-resource", "", "`arn:aws` is not a valid resource: an arn has six") ==
        "MISSING_ARN_FIELD");
  CHECK(Code("principal-unique-id", "", "`AROAEXAMPLE` is an iam unique id") ==
        "INVALID_ROLE_REFERENCE");
  CHECK(Code("principal-unique-id", "", "`AIDAEXAMPLE` is an iam unique id") ==
        "INVALID_USER_REFERENCE");
}

TEST_CASE("lint reports the grammar's size finding with the kind's code", "[lint]") {
  std::string actions;
  for (int i = 0; i < 400; ++i) actions += R"("s3:GetObject",)";
  const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
                           R"("Action": [)" +
                           actions + R"("s3:GetObject"], "Resource": "*"}]})";
  LintResult scp = Lint(text, PolicyKind::kServiceControl, testing::ShippedCatalogue());
  bool found = false;
  for (const LintFinding& finding : scp.findings) {
    if (finding.code != "policy-too-large") continue;
    found = true;
    CHECK(finding.aws_code == "POLICY_SIZE_EXCEEDS_SCP_QUOTA");
  }
  CHECK(found);
}

}  // namespace
}  // namespace iameval::internal
