// File: engine/lint/federated_principal_checks_test.cc
//
// OIDC and GitHub principals: reported when no condition on the provider's
// own keys narrows them, quiet when one does, and never for SAML.

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

LintResult LintTrust(const std::string& principal, const std::string& condition = "") {
  std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
                     R"("Principal": {"Federated": )" +
                     principal + R"(}, "Action": "sts:AssumeRoleWithWebIdentity")";
  if (!condition.empty()) text += R"(, "Condition": )" + condition;
  text += "}]}";
  return Lint(text, PolicyKind::kRoleTrust, testing::ShippedCatalogue());
}

int Count(const LintResult& result, const std::string& code) {
  int count = 0;
  for (const LintFinding& finding : result.findings) count += finding.code == code;
  return count;
}

constexpr const char* kGitHub =
    R"("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com")";

TEST_CASE("an OIDC principal without its provider's keys is a security warning", "[lint]") {
  LintResult result = LintTrust(R"("arn:aws:iam::111122223333:oidc-provider/example.com/id/A1")");
  REQUIRE(Count(result, "oidc-principal-without-condition") == 1);
  const LintFinding& finding = result.findings[0];
  CHECK(finding.severity == LintSeverity::kSecurityWarning);
  CHECK(finding.aws_code == "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL");
  CHECK(finding.path == "Statement[0].Principal.Federated");
  CHECK(finding.message.find("`example.com/id/A1`") != std::string::npos);
  // The provider's key, under any case, narrows it; a Null test or a negated
  // operator does not.
  CHECK(Count(LintTrust(R"("arn:aws:iam::111122223333:oidc-provider/example.com/id/A1")",
                        R"({"StringEquals": {"EXAMPLE.com/id/A1:aud": "app"}})"),
              "oidc-principal-without-condition") == 0);
  CHECK(Count(LintTrust(R"("example.com")", R"({"Null": {"example.com:aud": "false"}})"),
              "oidc-principal-without-condition") == 1);
  CHECK(Count(LintTrust(R"("example.com")", R"({"StringNotEquals": {"example.com:aud": "x"}})"),
              "oidc-principal-without-condition") == 1);
  // A key of a longer issuer name is not this provider's.
  CHECK(Count(LintTrust(R"("example.com")", R"({"StringEquals": {"example.com.evil:aud": "x"}})"),
              "oidc-principal-without-condition") == 1);
}

TEST_CASE("SAML providers and other principals are not OIDC", "[lint]") {
  CHECK(Count(LintTrust(R"("arn:aws:iam::111122223333:saml-provider/Okta")"),
              "oidc-principal-without-condition") == 0);
  // A Deny narrows nothing it could widen.
  LintResult deny = Lint(
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": {"Federated": )"
      R"("accounts.google.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]})",
      PolicyKind::kRoleTrust, testing::ShippedCatalogue());
  CHECK(Count(deny, "oidc-principal-without-condition") == 0);
}

TEST_CASE("GitHub's provider needs a sub condition naming the repository", "[lint]") {
  LintResult bare = LintTrust(kGitHub);
  CHECK(Count(bare, "github-oidc-without-repository") == 1);
  CHECK(Count(bare, "oidc-principal-without-condition") == 0);  // the more specific one only
  CHECK(bare.findings[0].aws_code == "MISSING_GITHUB_REPO_CONDITION_KEY");

  const std::string sub = R"({"StringLike": {"token.actions.githubusercontent.com:sub": )";
  CHECK(Count(LintTrust(kGitHub, sub + R"("repo:org/app:ref:refs/heads/main"}})"),
              "github-oidc-without-repository") == 0);
  // A wildcard in the branch keeps the repository: no warning; in the
  // repository, or alone, a warning.
  CHECK(Count(LintTrust(kGitHub, sub + R"("repo:org/app:*"}})"),
              "github-oidc-wildcard-repository") == 0);
  LintResult open = LintTrust(kGitHub, sub + R"(["repo:org/app:*", "repo:org/*"]}})");
  REQUIRE(Count(open, "github-oidc-wildcard-repository") == 1);
  CHECK(open.findings[0].path ==
        "Statement[0].Condition.StringLike[\"token.actions.githubusercontent.com:sub\"][1]");
  CHECK(open.findings[0].aws_code == "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED");
  CHECK(Count(LintTrust(kGitHub, sub + R"("*"}})"), "github-oidc-wildcard-repository") == 1);
  // Under StringEquals `*` is a literal character: no wildcard.
  CHECK(Count(LintTrust(kGitHub, R"({"StringEquals": {"token.actions.githubusercontent.com:sub": )"
                                 R"("repo:org/*"}})"),
              "github-oidc-wildcard-repository") == 0);
}

}  // namespace
}  // namespace iameval
