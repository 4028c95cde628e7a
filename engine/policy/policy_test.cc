// File: engine/policy/policy_test.cc
//
// The public Policy API (iameval/policy.h): Policy::Parse and Check over the
// parser, and the names of policy kinds.

#include "iameval/policy.h"

#include <catch2/catch.hpp>
#include <string>
#include <utility>

#include "policy/compiled_policy.h"
#include "testing/policy_findings.h"

namespace iameval {
namespace {

using Kind = PolicyKind;

using testing::Allow;

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
      {Kind::kVpcEndpoint, "vpcEndpoint"},
      {Kind::kGatewayVpcEndpoint, "gatewayVpcEndpoint"},
  };
  for (const auto& [kind, name] : names) {
    CHECK(PolicyKindName(kind) == name);
    Kind parsed = Kind::kIdentity;
    CHECK(ParsePolicyKindName(name, &parsed));
    CHECK(parsed == kind);
  }
  // Kinds are read ignoring case, in every binding and the CLI (one rule).
  Kind parsed = Kind::kIdentity;
  CHECK(ParsePolicyKindName("RoleTrust", &parsed));
  CHECK(parsed == Kind::kRoleTrust);
  CHECK(ParsePolicyKindName("SCP", &parsed));
  CHECK(parsed == Kind::kServiceControl);
  CHECK(ParsePolicyKindName("permissionsboundary", &parsed));
  CHECK(parsed == Kind::kPermissionsBoundary);
  // ... and hyphens, as the command line spells them.
  CHECK(ParsePolicyKindName("vpc-endpoint", &parsed));
  CHECK(parsed == Kind::kVpcEndpoint);
  CHECK(ParsePolicyKindName("gateway-vpc-endpoint", &parsed));
  CHECK(parsed == Kind::kGatewayVpcEndpoint);
  CHECK(ParsePolicyKindName("role-trust", &parsed));
  CHECK(parsed == Kind::kRoleTrust);
  Kind untouched = Kind::kSession;
  CHECK_FALSE(ParsePolicyKindName("-", &untouched));
  CHECK_FALSE(ParsePolicyKindName(std::string(100, '-') + "scp", &untouched));
  CHECK_FALSE(ParsePolicyKindName("Identities", &untouched));
  CHECK_FALSE(ParsePolicyKindName("role trust", &untouched));
  CHECK_FALSE(ParsePolicyKindName("", &untouched));
  CHECK(untouched == Kind::kSession);

  CHECK(IsResourcePolicyKind(Kind::kResource));
  CHECK(IsResourcePolicyKind(Kind::kRoleTrust));
  CHECK(IsResourcePolicyKind(Kind::kKmsKey));
  CHECK_FALSE(IsResourcePolicyKind(Kind::kIdentity));
  CHECK_FALSE(IsResourcePolicyKind(Kind::kResourceControl));
  CHECK_FALSE(IsResourcePolicyKind(Kind::kServiceControl));
  CHECK_FALSE(IsResourcePolicyKind(Kind::kVpcEndpoint));
  CHECK(IsVpcEndpointPolicyKind(Kind::kVpcEndpoint));
  CHECK(IsVpcEndpointPolicyKind(Kind::kGatewayVpcEndpoint));
  CHECK_FALSE(IsVpcEndpointPolicyKind(Kind::kResource));
}

}  // namespace
}  // namespace iameval
