// File: engine/lint/service_linked_role_checks_test.cc
//
// iam:CreateServiceLinkedRole for any service: the six Access Analyzer
// shapes, and quiet when the service or the role is named.

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

// The AWS code of the one create-slr finding of a statement, "" when none.
std::string AwsCode(const std::string& members) {
  const std::string text =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )" + members + "}]}";
  LintResult result = Lint(text, PolicyKind::kIdentity, testing::ShippedCatalogue());
  std::string code;
  for (const LintFinding& finding : result.findings) {
    if (finding.code != "create-slr-with-wildcard-resource") continue;
    CHECK(code.empty());
    CHECK(finding.severity == LintSeverity::kWarning);
    code = finding.aws_code;
  }
  return code;
}

TEST_CASE("iam:CreateServiceLinkedRole for any service: Access Analyzer's six shapes", "[lint]") {
  CHECK(AwsCode(R"("Action": "iam:CreateServiceLinkedRole", "Resource": "*")") ==
        "CREATE_SLR_WITH_STAR_IN_RESOURCE");
  CHECK(AwsCode(R"("Action": "iam:CreateServiceLinkedRole", "NotResource": "arn:aws:s3:::b")") ==
        "CREATE_SLR_WITH_NOT_RESOURCE");
  CHECK(AwsCode(R"("Action": "iam:*", "Resource": "arn:aws:iam::*:role/aws-service-role/*")") ==
        "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE");
  CHECK(AwsCode(R"("Action": "*", "NotResource": "arn:aws:s3:::b")") ==
        "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE");
  CHECK(AwsCode(R"("NotAction": "s3:*", "Resource": "*")") ==
        "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION");
  CHECK(AwsCode(R"("NotAction": "s3:*", "NotResource": "arn:aws:s3:::b")") ==
        "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE");
}

TEST_CASE("a named service or role keeps iam:CreateServiceLinkedRole quiet", "[lint]") {
  const std::string slr_on_star = R"("Action": "iam:CreateServiceLinkedRole", "Resource": "*")";
  CHECK(AwsCode(slr_on_star +
                R"(, "Condition": {"StringLike": {"iam:AWSServiceName": "ecs.amazonaws.com"}})")
            .empty());
  // `*` as the service, or a negated operator, names none.
  CHECK(!AwsCode(slr_on_star + R"(, "Condition": {"StringLike": {"iam:AWSServiceName": "*"}})")
             .empty());
  CHECK(!AwsCode(slr_on_star +
                 R"(, "Condition": {"StringNotEquals": {"iam:AWSServiceName": "x.amazonaws.com"}})")
             .empty());
  CHECK(
      AwsCode(
          R"("Action": "iam:CreateServiceLinkedRole", )"
          R"("Resource": "arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS*")")
          .empty());
  CHECK(AwsCode(R"("NotAction": "iam:*", "Resource": "*")").empty());
  CHECK(AwsCode(R"("Action": "iam:GetRole", "Resource": "*")").empty());
}

}  // namespace
}  // namespace iameval
