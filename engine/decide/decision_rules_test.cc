// File: engine/decide/decision_rules_test.cc
//
// The decision rules as a pure function: tallies made by hand, no policy
// parsed or matched, so each rule is seen apart from statement matching.

#include "decide/decision_rules.h"

#include <catch2/catch.hpp>
#include <set>
#include <string_view>

namespace iameval::internal {
namespace {

struct Fixture {
  Request request;
  DecisionFacts facts;
  Tallies tallies;

  explicit Fixture(const char* principal, const char* action = "s3:GetObject",
                   const char* resource = "arn:aws:s3:::reports/q1.csv",
                   const char* resource_account = "111122223333") {
    request.principal = principal;
    request.action = action;
    request.resource = resource;
    request.resource_account = resource_account;
    REQUIRE(ReadDecisionFacts(request, &facts).code == DecideError::kNone);
  }
  void Allow(Bucket bucket, GrantClass grant = GrantClass::kDirect) {
    tallies[bucket].in_force = true;
    tallies[bucket].allowed = true;
    tallies[bucket].best_grant = grant;
  }
  Conclusion Decide() const { return Conclude(tallies, facts); }
};

constexpr const char* kRoleSession = "arn:aws:sts::111122223333:assumed-role/reader/job-42";
constexpr const char* kOutsider = "arn:aws:iam::444455556666:user/alice";

TEST_CASE("nothing tallied: an implicit deny", "[decision_rules]") {
  Fixture f(kRoleSession);
  Conclusion c = f.Decide();
  CHECK(c.decision == Decision::kImplicitDeny);
  CHECK(c.reason == Reason::kNoIdentityGrant);
  CHECK(ReasonText(c, f.facts) ==
        "no identity-based policy allows `s3:GetObject` on `arn:aws:s3:::reports/q1.csv`");
}

TEST_CASE("a Deny in any tally is final and names where", "[decision_rules]") {
  Fixture f(kRoleSession);
  f.Allow(kIdentityBucket);
  f.Allow(kResourceBucket);
  f.tallies[kSessionBucket].in_force = true;
  f.tallies[kSessionBucket].denied = true;
  Conclusion c = f.Decide();
  CHECK(c.decision == Decision::kExplicitDeny);
  CHECK(c.denied_in == kSessionBucket);
  CHECK(ReasonText(c, f.facts) == "an explicit deny in a session policy applies to `s3:GetObject`");
}

TEST_CASE("every SCP level must allow, and the first silent one is reported", "[decision_rules]") {
  Fixture f(kRoleSession);
  f.Allow(kIdentityBucket);
  f.tallies.scp_in_force = true;
  f.tallies.scp_every_level_allows = false;
  f.tallies.scp_first_silent_level = 2;
  Conclusion c = f.Decide();
  CHECK(c.decision == Decision::kImplicitDeny);
  CHECK(c.reason == Reason::kScpLevelSilent);
  CHECK(c.level == 2);
}

TEST_CASE("cross-account: both sides must allow", "[decision_rules]") {
  Fixture f(kOutsider);
  f.Allow(kIdentityBucket);
  CHECK(f.Decide().reason == Reason::kCrossAccountNoResourceGrant);
  f.Allow(kResourceBucket, GrantClass::kAccount);
  Conclusion c = f.Decide();
  CHECK(c.decision == Decision::kAllowed);
  CHECK(c.reason == Reason::kCrossAccountAllowed);
  f.tallies[kIdentityBucket] = Tally();
  CHECK(f.Decide().reason == Reason::kCrossAccountNoIdentityGrant);
}

TEST_CASE("same account: a direct grant needs no identity policy", "[decision_rules]") {
  Fixture f(kRoleSession);
  f.Allow(kResourceBucket, GrantClass::kDirect);
  Conclusion c = f.Decide();
  CHECK(c.decision == Decision::kAllowed);
  CHECK(c.reason == Reason::kResourceGrantsDirectly);
  CHECK(c.resource_grant == GrantClass::kDirect);
}

TEST_CASE("a permissions boundary that does not allow limits the grant", "[decision_rules]") {
  Fixture f(kRoleSession);
  f.Allow(kIdentityBucket);
  f.tallies[kBoundaryBucket].in_force = true;
  Conclusion c = f.Decide();
  CHECK(c.decision == Decision::kImplicitDeny);
  CHECK(c.reason == Reason::kBoundaryDoesNotAllow);
}

TEST_CASE("a trust policy must itself allow AssumeRole in the same account", "[decision_rules]") {
  Fixture f("arn:aws:iam::111122223333:user/bob", "sts:AssumeRole",
            "arn:aws:iam::111122223333:role/deploy", "");
  f.Allow(kIdentityBucket);
  Conclusion c = f.Decide();
  CHECK(c.decision == Decision::kImplicitDeny);
  CHECK(c.reason == Reason::kResourcePolicyMustAllow);
}

}  // namespace
}  // namespace iameval::internal

namespace iameval::internal {
namespace {

TEST_CASE("every rule has its own kebab-case reason code", "[decision_rules]") {
  std::set<std::string_view> codes;
  // kRootCannotAssumeRole is the enum's last value: a new rule goes before it or moves this.
  for (int r = 0; r <= static_cast<int>(Reason::kRootCannotAssumeRole); ++r) {
    const std::string_view code = ReasonCode(static_cast<Reason>(r));
    CAPTURE(r, code);
    REQUIRE(!code.empty());
    for (char c : code) REQUIRE(((c >= 'a' && c <= 'z') || c == '-'));
    REQUIRE(codes.insert(code).second);
  }
}

TEST_CASE("a conclusion's code names its rule", "[decision_rules]") {
  Fixture f(kRoleSession);
  f.Allow(kIdentityBucket);
  CHECK(ReasonCode(f.Decide().reason) == "identity-allows");
  f.tallies[kBoundaryBucket].in_force = true;
  CHECK(ReasonCode(f.Decide().reason) == "boundary-does-not-allow");
}

}  // namespace
}  // namespace iameval::internal
