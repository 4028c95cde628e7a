// File: engine/lint/condition_value_checks_test.cc
//
// Values that cannot mean what they say, and the empty and trust-policy
// checks beside them: each fires on its shape and not on the near miss.

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

// The AWS codes of the findings of `code` for one statement.
std::string Codes(const std::string& code, const std::string& members,
                  PolicyKind kind = PolicyKind::kIdentity) {
  const std::string text = R"({"Version": "2012-10-17", "Statement": [{)" + members + "}]}";
  LintResult result = Lint(text, kind, testing::ShippedCatalogue());
  std::string codes;
  for (const LintFinding& finding : result.findings) {
    if (finding.code == code) codes += (codes.empty() ? "" : " ") + finding.aws_code;
  }
  return codes;
}

const std::string kAllow = R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", )";

TEST_CASE("wildcards under StringEquals are literal", "[lint]") {
  const std::string code = "wildcard-without-like-operator";
  CHECK(Codes(code, kAllow + R"("Condition": {"StringNotEquals": {"aws:PrincipalTag/a": "x?"}})") ==
        "WILDCARD_WITHOUT_LIKE_OPERATOR");
  CHECK(Codes(code, kAllow + R"("Condition": {"StringEquals": {"aws:PrincipalTag/a": "${*}"}})")
            .empty());
  CHECK(
      Codes(code, kAllow + R"("Condition": {"StringLike": {"aws:PrincipalTag/a": "x*"}})").empty());
  CHECK(Codes(code, kAllow + R"("Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:s3:::*"}})")
            .empty());
}

TEST_CASE("VPC and endpoint ids of the wrong form", "[lint]") {
  const std::string code = "invalid-vpc-format";
  CHECK(Codes(code, kAllow + R"("Condition": {"StringEquals": {"aws:sourcevpc": "vpc-123"}})") ==
        "INVALID_VPC_FORMAT");
  CHECK(Codes(code, kAllow + R"("Condition": {"StringEquals": {"aws:SourceVpc": )"
                             R"("vpc-0123456789abcdef0"}})")
            .empty());
  CHECK(
      Codes(code, kAllow + R"("Condition": {"StringLike": {"aws:SourceVpce": "vpce-*"}})").empty());
  CHECK(Codes(code, kAllow + R"("Condition": {"StringEquals": {"aws:SourceVpce": )"
                             R"("${aws:PrincipalTag/vpce}"}})")
            .empty());
}

TEST_CASE("private ranges for aws:SourceIp", "[lint]") {
  CHECK(Codes("private-ip-address",
              kAllow + R"("Condition": {"IpAddress": {"aws:SourceIp": "fd00::/8"}})") ==
        "PRIVATE_IP_ADDRESS");
  CHECK(Codes("private-ip-address",
              kAllow + R"("Condition": {"NotIpAddress": {"aws:SourceIp": "10.1.2.3"}})") ==
        "PRIVATE_NOT_IP_ADDRESS");
  CHECK(Codes("private-ip-address-subset",
              kAllow + R"("Condition": {"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", )"
                       R"("203.0.113.0/24"]}})") == "PRIVATE_IP_ADDRESS_SUBSET");
  // 172.32/16 is outside 172.16/12; 10/7 is wider than 10/8: neither private.
  CHECK(Codes("private-ip-address",
              kAllow + R"("Condition": {"IpAddress": {"aws:SourceIp": ["172.32.0.0/16", )"
                       R"("10.0.0.0/7"]}})")
            .empty());
  CHECK(Codes("private-ip-address",
              kAllow + R"("Condition": {"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}})")
            .empty());
}

TEST_CASE("empty conditions and Sids", "[lint]") {
  CHECK(Codes("empty-condition", kAllow + R"("Condition": {})") == "EMPTY_OBJECT_CONDITION");
  CHECK(Codes("empty-condition", kAllow + R"("Condition": {"Bool": {}})") ==
        "EMPTY_OBJECT_CONDITION");
  CHECK(Codes("empty-sid", R"("Sid": "", )" + kAllow +
                               R"("Condition": {"Bool": {"aws:SecureTransport": "true"}})") ==
        "EMPTY_SID_VALUE");
  CHECK(Codes("empty-sid",
              R"("Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*")")
            .empty());
}

TEST_CASE("trust policies: actions their principals cannot use", "[lint]") {
  const std::string oidc =
      R"("Effect": "Allow", "Principal": {"Federated": "accounts.google.com"}, )";
  CHECK(Codes("mismatched-action-for-principal", oidc + R"("Action": "sts:AssumeRoleWithSAML")",
              PolicyKind::kRoleTrust) == "MISMATCHED_ACTION_FOR_PRINCIPAL");
  CHECK(Codes("mismatched-action-for-principal",
              oidc + R"("Action": "sts:AssumeRoleWithWebIdentity")", PolicyKind::kRoleTrust)
            .empty());
  // SAML and OIDC providers together: each action serves one of them.
  CHECK(
      Codes("mismatched-action-for-principal",
            R"("Effect": "Allow", "Principal": {"Federated": ["accounts.google.com", )"
            R"("arn:aws:iam::111122223333:saml-provider/A"]}, "Action": "sts:AssumeRoleWithSAML")",
            PolicyKind::kRoleTrust)
          .empty());
  const std::string anywhere =
      R"("Effect": "Allow", "Principal": {"Service": "rolesanywhere.amazonaws.com"}, )";
  CHECK(Codes("roles-anywhere-missing-action", anywhere + R"("Action": ["sts:AssumeRole"])",
              PolicyKind::kRoleTrust) == "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY");
  CHECK(Codes("roles-anywhere-missing-action", anywhere + R"("Action": "sts:*")",
              PolicyKind::kRoleTrust)
            .empty());
}

TEST_CASE("epoch dates and redundant numeric bounds", "[lint]") {
  CHECK(Codes("date-as-epoch",
              kAllow + R"("Condition": {"DateGreaterThan": {"aws:CurrentTime": [1700000000, )"
                       R"("2026-01-01"]}})") == "INVALID_DATE_VALUE");
  CHECK(Codes("redundant-numeric-value",
              kAllow + R"("Condition": {"NumericGreaterThan": {"s3:max-keys": ["1", "2"]}})") ==
        "REDUNDANT_CONDITION_VALUE_NUM");
  // Equality lists are alternatives, not bounds.
  CHECK(Codes("redundant-numeric-value",
              kAllow + R"("Condition": {"NumericEquals": {"s3:max-keys": ["1", "2"]}})")
            .empty());
  CHECK(Codes("redundant-numeric-value",
              kAllow + R"("Condition": {"NumericLessThan": {"s3:max-keys": ["1"]}})")
            .empty());
}

TEST_CASE("a session beside its own role in a trust policy", "[lint]") {
  const std::string trust =
      R"("Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": )";
  CHECK(Codes("redundant-session-principal",
              trust + R"(["arn:aws:iam::111122223333:role/r", )"
                      R"("arn:aws:sts::111122223333:assumed-role/r/s"]})",
              PolicyKind::kRoleTrust) == "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY");
  // Another account's role of the same name is another role.
  CHECK(Codes("redundant-session-principal",
              trust + R"(["arn:aws:iam::444455556666:role/r", )"
                      R"("arn:aws:sts::111122223333:assumed-role/r/s"]})",
              PolicyKind::kRoleTrust)
            .empty());
}

}  // namespace
}  // namespace iameval
