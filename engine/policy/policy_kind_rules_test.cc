// File: engine/policy/policy_kind_rules_test.cc
//
// The kinds whose rules differ most from an identity policy's, end to end:
// role trust policies and resource control policies. The other kinds' rules
// are tested beside the element they govern.

#include "policy/policy_kind_rules.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "policy/compiled_policy.h"
#include "policy/policy_parser.h"
#include "testing/policy_findings.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

using testing::Codes;
using testing::FindingsOf;
using testing::Only;

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

TEST_CASE("each kind's quota and how it is counted", "[parser]") {
  struct Case {
    Kind kind;
    size_t quota;
    bool counts_everything;
    const char* noun;
  };
  const Case cases[] = {
      {Kind::kIdentity, 10240, false, "an identity policy"},
      {Kind::kPermissionsBoundary, 6144, false, "a permissions boundary"},
      {Kind::kSession, 2048, false, "a session policy"},
      {Kind::kRoleTrust, 4096, false, "a role trust policy"},
      {Kind::kResource, 20480, true, "a resource-based policy"},
      {Kind::kKmsKey, 32768, true, "a kms key policy"},
      {Kind::kServiceControl, 5120, true, "a service control policy"},
      {Kind::kResourceControl, 5120, true, "a resource control policy"},
  };
  for (const Case& c : cases) {
    INFO(c.noun);
    KindRules rules = RulesFor(c.kind);
    CHECK(rules.size_quota == c.quota);
    CHECK(rules.quota_counts_everything == c.counts_everything);
    CHECK(rules.noun == c.noun);
  }
}

}  // namespace
}  // namespace iameval::internal
