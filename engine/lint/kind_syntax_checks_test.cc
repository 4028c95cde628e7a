// File: engine/lint/kind_syntax_checks_test.cc
//
// What AWS refuses although the grammar accepts it: each check on its shape,
// in the kinds it concerns, and quiet on the near miss.

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

int Count(const std::string& code, const std::string& members, PolicyKind kind) {
  const std::string text = R"({"Version": "2012-10-17", "Statement": [{)" + members + "}]}";
  LintResult result = Lint(text, kind, testing::ShippedCatalogue());
  int count = 0;
  for (const LintFinding& finding : result.findings) {
    if (finding.code != code) continue;
    CHECK(finding.severity == LintSeverity::kError);
    ++count;
  }
  return count;
}

TEST_CASE("Federated principals belong in role trust policies only", "[lint]") {
  const std::string members =
      R"("Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, )"
      R"("Action": "sts:AssumeRoleWithWebIdentity")";
  CHECK(Count("federated-principal-not-supported", members + R"(, "Resource": "*")",
              PolicyKind::kKmsKey) == 1);
  CHECK(Count("federated-principal-not-supported", members, PolicyKind::kRoleTrust) == 0);
}

TEST_CASE("SCP action wildcards only at the end", "[lint]") {
  auto scp = [](const std::string& action) {
    return Count("scp-action-wildcard-not-at-end",
                 R"("Effect": "Deny", "Action": ")" + action + R"(", "Resource": "*")",
                 PolicyKind::kServiceControl);
  };
  CHECK(scp("s3:*Object") == 1);
  CHECK(scp("s3:Get?bject") == 1);
  CHECK(scp("s3:Get*") == 0);
  CHECK(scp("*") == 0);
  // Identity policies take wildcards anywhere.
  CHECK(Count("scp-action-wildcard-not-at-end",
              R"("Effect": "Allow", "Action": "s3:*Object", "Resource": "*")",
              PolicyKind::kIdentity) == 0);
}

TEST_CASE("one Boolean value, and lowercase ARN services", "[lint]") {
  const std::string deny = R"("Effect": "Deny", "Action": "s3:*", "Resource": "*", )";
  CHECK(Count("multiple-boolean-values",
              deny + R"("Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": )"
                     R"(["false", "true"]}})",
              PolicyKind::kIdentity) == 1);
  CHECK(Count("multiple-boolean-values",
              deny + R"("Condition": {"Bool": {"aws:SecureTransport": ["false"]}})",
              PolicyKind::kIdentity) == 0);
  const std::string get = R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": )";
  CHECK(Count("arn-service-not-lowercase", get + R"(["arn:aws:s3:::a", "arn:aws:S3:::b"])",
              PolicyKind::kIdentity) == 1);
  CHECK(Count("arn-service-not-lowercase", get + R"("arn:aws:s3:::B/*")", PolicyKind::kIdentity) ==
        0);
}

TEST_CASE("ARN partitions and accounts", "[lint]") {
  const std::string get = R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": )";
  CHECK(Count("invalid-arn-partition", get + R"("arn:awss:s3:::b/*")", PolicyKind::kIdentity) == 1);
  CHECK(Count("invalid-arn-partition",
              get + R"(["arn:aws-cn:s3:::b/*", "arn:*:s3:::b/*", )"
                    R"("arn:${aws:Partition}:s3:::b/*"])",
              PolicyKind::kIdentity) == 0);
  CHECK(Count("invalid-arn-account", get + R"("arn:aws:s3:us-east-1:1234567890123:b")",
              PolicyKind::kIdentity) == 1);
  CHECK(Count("invalid-arn-account",
              get + R"(["arn:aws:s3:::b", "arn:aws:iam::aws:policy/p", )"
                    R"("arn:aws:s3:*:*:b", "arn:aws:s3::${aws:PrincipalAccount}:b"])",
              PolicyKind::kIdentity) == 0);
}

TEST_CASE("RCP actions only of the services RCPs apply to", "[lint]") {
  auto rcp = [](const std::string& action) {
    const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", )"
                             R"("Principal": "*", "Action": ")" +
                             action + R"(", "Resource": "*"}]})";
    LintResult result = Lint(text, PolicyKind::kResourceControl, testing::ShippedCatalogue());
    int count = 0;
    for (const LintFinding& finding : result.findings) {
      if (finding.code != "rcp-action-unsupported-service") continue;
      CHECK(finding.severity == LintSeverity::kWarning);
      CHECK(finding.aws_code == "RCP_SYNTAX_ERROR_ACTION");
      ++count;
    }
    return count;
  };
  CHECK(rcp("lambda:InvokeFunction") == 1);
  CHECK(rcp("EC2:RunInstances") == 1);
  CHECK(rcp("s3:GetObject") == 0);
  CHECK(rcp("S3:GetObject") == 0);  // prefixes ignore case
  CHECK(rcp("sts:AssumeRole") == 0);
  CHECK(rcp("*") == 0);             // RCPFullAWSAccess
  CHECK(rcp("s*:Get*") == 0);       // a wildcard in the prefix is not judged
  CHECK(rcp("s4:GetObject") == 0);  // a typo: unknown-service says so
}

}  // namespace
}  // namespace iameval
