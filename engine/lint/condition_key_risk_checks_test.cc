// File: engine/lint/condition_key_risk_checks_test.cc
//
// Keys that limit less than they seem to: each reported in the context where
// it can be bypassed, and not in the near-miss forms AWS documents.

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

// Findings of `code` for one statement of `effect` with `action` and `condition`.
int Count(const std::string& code, const std::string& effect, const std::string& action,
          const std::string& condition) {
  const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": ")" + effect +
                           R"(", "Action": )" + action + R"(, "Resource": "*", "Condition": )" +
                           condition + "}]}";
  LintResult result = Lint(text, PolicyKind::kIdentity, testing::ShippedCatalogue());
  int count = 0;
  for (const LintFinding& finding : result.findings) {
    if (finding.code != code) continue;
    CHECK(finding.severity == LintSeverity::kSecurityWarning);
    ++count;
  }
  return count;
}

TEST_CASE("caller-controlled keys are untrustworthy in any effect", "[lint]") {
  const std::string code = "untrustworthy-condition-key";
  CHECK(Count(code, "Allow", R"("s3:GetObject")", R"({"StringLike": {"aws:useragent": "x*"}})") ==
        1);
  CHECK(Count(code, "Deny", R"("s3:GetObject")", R"({"StringNotLike": {"aws:Referer": "x"}})") ==
        1);
  CHECK(Count(code, "Deny", R"("s3:GetObject")", R"({"Null": {"aws:UserAgent": "true"}})") == 0);
  CHECK(Count(code, "Allow", R"("s3:GetObject")", R"({"StringLike": {"aws:SourceVpce": "x"}})") ==
        0);
}

TEST_CASE("aws:VpcSourceIp wants aws:SourceVpc beside it", "[lint]") {
  const std::string code = "missing-paired-condition-key";
  CHECK(Count(code, "Allow", R"("s3:GetObject")",
              R"({"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}})") == 1);
  CHECK(Count(code, "Deny", R"("s3:GetObject")",
              R"({"NotIpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}, )"
              R"("StringNotEquals": {"aws:sourcevpc": "vpc-1a2b3c4d"}})") == 0);
}

TEST_CASE("s3:prefix in a Deny, or under a negated operator in an Allow", "[lint]") {
  const std::string code = "s3-prefix-in-negative-context";
  const std::string list = R"("s3:ListBucket")";
  CHECK(Count(code, "Deny", list, R"({"StringLike": {"s3:prefix": "secret/*"}})") == 1);
  CHECK(Count(code, "Deny", list, R"({"StringEqualsIfExists": {"s3:prefix": "secret/"}})") == 1);
  CHECK(Count(code, "Allow", list, R"({"StringNotEquals": {"s3:prefix": "secret/"}})") == 1);
  // Deny of every prefix but a home folder: no prefix, or a shorter one, is denied.
  CHECK(Count(code, "Deny", list, R"({"StringNotLike": {"s3:prefix": "home/a/*"}})") == 0);
  CHECK(Count(code, "Allow", list, R"({"StringLike": {"s3:prefix": "home/a/*"}})") == 0);
  CHECK(Count(code, "Allow", list, R"({"Null": {"s3:prefix": "false"}})") == 0);
}

TEST_CASE("dynamodb:Attributes wants dynamodb:Select = SPECIFIC_ATTRIBUTES", "[lint]") {
  const std::string code = "dynamodb-attributes-without-select";
  const std::string attributes = R"("ForAllValues:StringEquals": {"dynamodb:Attributes": ["a"]})";
  CHECK(Count(code, "Allow", R"("dynamodb:Query")", "{" + attributes + "}") == 1);
  CHECK(Count(code, "Allow", R"("dynamodb:*")", "{" + attributes + "}") == 1);
  CHECK(Count(code, "Allow", R"("dynamodb:Query")",
              "{" + attributes +
                  R"(, "StringEquals": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}})") == 0);
  // Select allowed to be anything else too: still a finding.
  CHECK(
      Count(
          code, "Allow", R"("dynamodb:Query")",
          "{" + attributes +
              R"(, "StringEquals": {"dynamodb:Select": ["SPECIFIC_ATTRIBUTES", "ALL_ATTRIBUTES"]}})") ==
      1);
  // Writes return no attributes Select could hide; a Deny grants nothing.
  CHECK(Count(code, "Allow", R"("dynamodb:PutItem")", "{" + attributes + "}") == 0);
  CHECK(Count(code, "Deny", R"("dynamodb:Query")", "{" + attributes + "}") == 0);
}

TEST_CASE("ForAnyValue on an identity provider's audience", "[lint]") {
  CHECK(Count("foranyvalue-on-audience-key", "Allow", R"("sts:AssumeRoleWithWebIdentity")",
              R"({"ForAnyValue:StringEquals": {"accounts.google.com:aud": "app"}})") == 1);
  CHECK(Count("foranyvalue-on-audience-key", "Allow", R"("sts:AssumeRoleWithWebIdentity")",
              R"({"StringEquals": {"accounts.google.com:aud": "app"}})") == 0);
  // A service's own key ending in `:aud` is not an identity provider's.
  CHECK(Count("foranyvalue-on-audience-key", "Allow", R"("s3:GetObject")",
              R"({"ForAnyValue:StringEquals": {"example:aud": "app"}})") == 0);
}

TEST_CASE("tag keys without the tag's name", "[lint]") {
  const std::string text =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", )"
      R"("Resource": "*", "Condition": {"StringEquals": {"aws:requesttag/": "a", )"
      R"("aws:RequestTag/team": "b", "ec2:ResourceTag": "c"}}}]})";
  LintResult result = Lint(text, PolicyKind::kIdentity, testing::ShippedCatalogue());
  int missing = 0;
  for (const LintFinding& finding : result.findings) {
    missing += finding.code == "missing-tag-key-in-condition";
    CHECK(finding.code != "condition-key-not-in-catalogue");  // replaced, not doubled
  }
  CHECK(missing == 2);
}

}  // namespace
}  // namespace iameval
