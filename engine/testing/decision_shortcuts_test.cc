// File: engine/testing/decision_shortcuts_test.cc
//
// Pins the shortcuts commit 61d0f80 put on the decision path. Without an
// explanation, WalkGroup skips a group's Allow statements once its best
// grant is kDirect and stops the whole decision at the first Deny that
// applies (later groups, SCP and RCP levels are not walked); with an
// explanation everything is still matched. The action index visits
// statements in no document order, so a shortcut that fires too early (at
// kRole or kAccount, on a Deny whose condition failed, on an SCP level that
// is not in force, ...) makes the answer depend on statement order or on
// whether an explanation was asked for. This file checks:
//
//  * hand-made cases where the grant class needed sits behind a weaker one,
//    a Deny sits behind a direct grant, a Deny stops the walk before an
//    empty SCP level, and Denies of kinds not in force are read or ignored
//    as spec/decision.md says (each with both statement orders);
//  * a seeded sweep over random policy sets (identity, resource / trust /
//    key policy, boundary, session, SCP and RCP levels) and callers of every
//    kind: Decide(request) must equal Decide(request, &why).decision and the
//    explanation's decision, and must not change when the statements of
//    every policy and the policies of every group are reversed.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "iameval/iameval.h"
#include "testing/choices.h"

namespace iameval {
namespace {

constexpr const char* kAlice = "arn:aws:iam::111122223333:user/alice";
constexpr const char* kRole = "arn:aws:iam::111122223333:role/r";
constexpr const char* kSession = "arn:aws:sts::111122223333:assumed-role/r/s";
constexpr const char* kBucketObject = "arn:aws:s3:::b/k";

std::string Doc(const std::vector<std::string>& statements) {
  std::string out = R"({"Version": "2012-10-17", "Statement": [)";
  for (size_t i = 0; i < statements.size(); ++i) out += (i ? ", " : "") + statements[i];
  return out + "]}";
}

Policy MustParse(const std::string& text, PolicyKind kind) {
  ParseResult result = Policy::Parse(text, kind);
  INFO(text);
  INFO((result.findings.empty() ? std::string() : result.findings.front().message));
  REQUIRE(result.ok());
  return *result.policy;
}

std::vector<std::string> Reversed(std::vector<std::string> v) {
  return std::vector<std::string>(v.rbegin(), v.rend());
}

// One scenario: statements per kind; built in document order and reversed.
struct Scenario {
  std::vector<std::string> identity;  // one policy per entry (each a statement)
  std::vector<std::string> resource;  // statements of the one resource policy
  PolicyKind resource_kind = PolicyKind::kResource;
  std::vector<std::string> boundary;
  std::vector<std::string> session;
  std::vector<std::vector<std::string>> scp_levels;  // each level: one policy per statement
  std::vector<std::vector<std::string>> rcp_levels;
};

PolicySet Build(const Scenario& s, bool reverse) {
  auto order = [&](const std::vector<std::string>& v) { return reverse ? Reversed(v) : v; };
  PolicySet::Builder builder;
  for (const std::string& st : order(s.identity)) {
    builder.AddIdentityPolicy(MustParse(Doc({st}), PolicyKind::kIdentity));
  }
  if (!s.resource.empty()) {
    builder.SetResourcePolicy(MustParse(Doc(order(s.resource)), s.resource_kind));
  }
  if (!s.boundary.empty()) {
    builder.SetPermissionsBoundary(
        MustParse(Doc(order(s.boundary)), PolicyKind::kPermissionsBoundary));
  }
  for (const std::string& st : order(s.session)) {
    builder.AddSessionPolicy(MustParse(Doc({st}), PolicyKind::kSession));
  }
  for (const auto& level : s.scp_levels) {
    std::vector<Policy> policies;
    for (const std::string& st : order(level)) {
      policies.push_back(MustParse(Doc({st}), PolicyKind::kServiceControl));
    }
    builder.AddScpLevel(std::move(policies));
  }
  for (const auto& level : s.rcp_levels) {
    std::vector<Policy> policies;
    for (const std::string& st : order(level)) {
      policies.push_back(MustParse(Doc({st}), PolicyKind::kResourceControl));
    }
    builder.AddRcpLevel(std::move(policies));
  }
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

Request MakeRequest(const char* principal, const char* action, const char* resource) {
  Request request;
  request.principal = principal;
  request.action = action;
  request.resource = resource;
  if (std::string(resource).rfind("arn:aws:s3:::", 0) == 0) {
    request.resource_account = "111122223333";
  }
  return request;
}

// Decides in both orders, with and without an explanation; all four must
// agree, and the answer is returned.
Decision DecideEveryWay(const Scenario& s, const Request& request) {
  Decision first = Decision::kImplicitDeny;
  for (bool reverse : {false, true}) {
    PolicySet set = Build(s, reverse);
    Answer plain = set.Decide(request);
    Explanation why;
    Answer explained = set.Decide(request, &why);
    INFO("reversed: " << reverse);
    REQUIRE(plain.error == nullptr);
    REQUIRE(plain.decision == explained.decision);
    REQUIRE(why.decision == explained.decision);
    if (!reverse) first = plain.decision;
    REQUIRE(plain.decision == first);
  }
  return first;
}

const std::string kAllowStarGet =
    R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})";
const std::string kDenyStarGet =
    R"({"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})";
const std::string kAllowAccountGet =
    R"({"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})";
const std::string kAllowRoleGet =
    R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})";
const std::string kAllowAliceGet =
    R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})";
const std::string kIdAllowAll = R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";
const std::string kIdAllowS3 = R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})";
const std::string kIdDenyGet = R"({"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"})";
const std::string kIdAllowOther = R"({"Effect": "Allow", "Action": "ec2:*", "Resource": "*"})";

TEST_CASE("a direct grant behind a weaker one still grants directly", "[authorizer][shortcuts]") {
  // Alice has no identity policy: only a direct grant allows her.
  Scenario s;
  s.resource = {kAllowAccountGet, kAllowAliceGet};
  CHECK(DecideEveryWay(s, MakeRequest(kAlice, "s3:GetObject", kBucketObject)) ==
        Decision::kAllowed);
  // A role session behind a silent boundary: a role grant is limited by the
  // boundary, a "*" grant is not (spec/decision.md §7).
  s.resource = {kAllowAccountGet, kAllowRoleGet, kAllowStarGet};
  s.boundary = {kIdAllowOther};
  CHECK(DecideEveryWay(s, MakeRequest(kSession, "s3:GetObject", kBucketObject)) ==
        Decision::kAllowed);
  s.resource = {kAllowAccountGet, kAllowRoleGet};
  CHECK(DecideEveryWay(s, MakeRequest(kSession, "s3:GetObject", kBucketObject)) ==
        Decision::kImplicitDeny);
}

TEST_CASE("a Deny after a direct grant is still matched", "[authorizer][shortcuts]") {
  Scenario s;
  s.resource = {kAllowStarGet, kAllowAliceGet, kDenyStarGet};
  CHECK(DecideEveryWay(s, MakeRequest(kAlice, "s3:GetObject", kBucketObject)) ==
        Decision::kExplicitDeny);
  // The Deny in a later group (the boundary) after an identity allow.
  Scenario t;
  t.identity = {kIdAllowAll, kIdAllowS3};
  t.boundary = {kIdAllowAll, kIdDenyGet};
  CHECK(DecideEveryWay(t, MakeRequest(kAlice, "s3:GetObject", kBucketObject)) ==
        Decision::kExplicitDeny);
  // ... in a session policy of a role session.
  Scenario u;
  u.identity = {kIdAllowAll};
  u.session = {kIdAllowS3, kIdDenyGet};
  CHECK(DecideEveryWay(u, MakeRequest(kSession, "s3:GetObject", kBucketObject)) ==
        Decision::kExplicitDeny);
}

TEST_CASE("a Deny whose condition fails does not stop the walk", "[authorizer][shortcuts]") {
  const std::string deny_if_insecure =
      R"({"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}})";
  Scenario s;
  s.identity = {deny_if_insecure, kIdAllowS3};
  Request request = MakeRequest(kAlice, "s3:GetObject", kBucketObject);
  request.context.Set("aws:SecureTransport", true);
  CHECK(DecideEveryWay(s, request) == Decision::kAllowed);
  request.context.Set("aws:SecureTransport", false);
  CHECK(DecideEveryWay(s, request) == Decision::kExplicitDeny);
}

TEST_CASE("SCP and RCP levels after a Deny, and levels not in force", "[authorizer][shortcuts]") {
  const std::string scp_full = R"({"Effect": "Allow", "Action": "*", "Resource": "*"})";
  const std::string scp_deny = R"({"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"})";
  const std::string rcp_deny =
      R"({"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"})";
  Request request = MakeRequest(kAlice, "s3:GetObject", kBucketObject);

  // A Deny at level 0 and an empty level 1: explicit, not implicit, deny.
  Scenario s;
  s.identity = {kIdAllowAll};
  s.scp_levels = {{scp_full, scp_deny}, {}};
  CHECK(DecideEveryWay(s, request) == Decision::kExplicitDeny);
  // The Deny at the last level, every level allowing.
  s.scp_levels = {{scp_full}, {scp_full}, {scp_deny, scp_full}};
  CHECK(DecideEveryWay(s, request) == Decision::kExplicitDeny);
  // An identity Deny ends the walk before the empty SCP level: still explicit.
  s.identity = {kIdAllowAll, kIdDenyGet};
  s.scp_levels = {{}, {scp_full}};
  CHECK(DecideEveryWay(s, request) == Decision::kExplicitDeny);
  // Without the Deny the empty level denies implicitly.
  s.identity = {kIdAllowAll};
  CHECK(DecideEveryWay(s, request) == Decision::kImplicitDeny);

  // RCPs: a Deny at the second level after a silent first one.
  Scenario r;
  r.identity = {kIdAllowAll};
  r.rcp_levels = {{}, {rcp_deny}};
  CHECK(DecideEveryWay(r, request) == Decision::kExplicitDeny);
  // RCPs not in force for a resource in the management account.
  request.resource_in_management_account = true;
  CHECK(DecideEveryWay(r, request) == Decision::kAllowed);
  request.resource_in_management_account = false;

  // SCPs do not bind a service: its SCP Deny is not read, and a direct grant
  // allows it; its (misplaced) identity policies' Denies are read.
  Scenario svc;
  svc.resource = {
      R"({"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})"};
  svc.scp_levels = {{scp_deny}};
  Request by_service = MakeRequest("cloudtrail.amazonaws.com", "s3:GetObject", kBucketObject);
  CHECK(DecideEveryWay(svc, by_service) == Decision::kAllowed);
  svc.identity = {kIdDenyGet};
  CHECK(DecideEveryWay(svc, by_service) == Decision::kExplicitDeny);
  // ... and for a service-linked role the SCP Deny is not read either.
  Scenario slr;
  slr.identity = {kIdAllowAll};
  slr.scp_levels = {{scp_deny}};
  Request by_slr = MakeRequest(kSession, "s3:GetObject", kBucketObject);
  by_slr.principal_is_service_linked_role = true;
  CHECK(DecideEveryWay(slr, by_slr) == Decision::kAllowed);
}

TEST_CASE("key and trust policies: the needed grant behind a weaker one, a Deny behind a grant",
          "[authorizer][shortcuts]") {
  const char* key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const std::string key_account =
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"})";
  const std::string key_alice =
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "kms:Decrypt", "Resource": "*"})";
  const std::string key_deny =
      R"({"Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"})";
  Scenario s;
  s.resource_kind = PolicyKind::kKmsKey;
  s.resource = {key_account, key_alice};
  CHECK(DecideEveryWay(s, MakeRequest(kAlice, "kms:Decrypt", key)) == Decision::kAllowed);
  s.resource = {key_account};
  CHECK(DecideEveryWay(s, MakeRequest(kAlice, "kms:Decrypt", key)) == Decision::kImplicitDeny);
  s.resource = {key_account, key_alice, key_deny};
  CHECK(DecideEveryWay(s, MakeRequest(kAlice, "kms:Decrypt", key)) == Decision::kExplicitDeny);

  const char* target = "arn:aws:iam::111122223333:role/target";
  const std::string trust_account =
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"})";
  const std::string trust_role =
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/r"}, "Action": "sts:AssumeRole"})";
  const std::string trust_session =
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:sts::111122223333:assumed-role/r/s"}, "Action": "sts:AssumeRole"})";
  Scenario t;
  t.resource_kind = PolicyKind::kRoleTrust;
  t.boundary = {kIdAllowOther};  // silent on sts:AssumeRole
  // Role grant limited by the silent boundary; the session grant is direct.
  t.resource = {trust_account, trust_role};
  CHECK(DecideEveryWay(t, MakeRequest(kSession, "sts:AssumeRole", target)) ==
        Decision::kImplicitDeny);
  t.resource = {trust_account, trust_role, trust_session};
  CHECK(DecideEveryWay(t, MakeRequest(kSession, "sts:AssumeRole", target)) == Decision::kAllowed);
}

TEST_CASE("cross account: a direct grant does not stand in for the caller's own allow",
          "[authorizer][shortcuts]") {
  const char* bob = "arn:aws:iam::444455556666:user/bob";
  const std::string allow_bob =
      R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"})";
  Scenario s;
  s.resource = {kAllowStarGet, allow_bob};
  CHECK(DecideEveryWay(s, MakeRequest(bob, "s3:GetObject", kBucketObject)) ==
        Decision::kImplicitDeny);
  s.identity = {kIdAllowS3};
  CHECK(DecideEveryWay(s, MakeRequest(bob, "s3:GetObject", kBucketObject)) == Decision::kAllowed);
  s.boundary = {kIdAllowOther};
  CHECK(DecideEveryWay(s, MakeRequest(bob, "s3:GetObject", kBucketObject)) ==
        Decision::kImplicitDeny);
}

// ---------------------------------------------------------------------------
// The sweep.

// A fixed sequence from a seed (testing/choices.h).
using Random = testing::SeededChoices;

struct Target {
  const char* action;
  const char* resource;
  PolicyKind kind;
  std::vector<std::string> actions;  // Action values statements pick from
};

std::string Condition(Random* random) {
  static const std::vector<std::string> kConditions = {
      "",
      "",
      "",
      R"(, "Condition": {"Bool": {"aws:SecureTransport": "true"}})",
      R"(, "Condition": {"StringEquals": {"aws:PrincipalAccount": "111122223333"}})",
      R"(, "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/*"}})",
      R"(, "Condition": {"StringLike": {"aws:username": "a*"}})",
  };
  return random->Pick(kConditions);
}

std::string Effect(Random* random) { return random->Below(4) == 0 ? "Deny" : "Allow"; }

std::string IdentityStatement(Random* random, const Target& target, bool scp) {
  std::string effect = Effect(random);
  std::string resource = random->Below(3) == 0 ? std::string(target.resource) : "*";
  std::string condition = scp && effect == "Allow" ? "" : Condition(random);
  return R"({"Effect": ")" + effect + R"(", "Action": ")" + random->Pick(target.actions) +
         R"(", "Resource": ")" + resource + "\"" + condition + "}";
}

std::string ResourceStatement(Random* random, const Target& target, bool rcp) {
  static const std::vector<std::string> kPrincipals = {
      R"("Principal": "*")",
      R"("Principal": {"AWS": "*"})",
      R"("Principal": {"AWS": "111122223333"})",
      R"("Principal": {"AWS": "arn:aws:iam::111122223333:root"})",
      R"("Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"})",
      R"("Principal": {"AWS": "arn:aws:iam::111122223333:role/r"})",
      R"("Principal": {"AWS": "arn:aws:sts::111122223333:assumed-role/r/s"})",
      R"("Principal": {"AWS": "444455556666"})",
      R"("Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"})",
      R"("Principal": {"Service": "cloudtrail.amazonaws.com"})",
      R"("NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/alice"})",
  };
  // An RCP may only deny (besides RCPFullAWSAccess, added by the caller).
  std::string effect = rcp ? "Deny" : Effect(random);
  std::string principal = rcp ? R"("Principal": "*")" : random->Pick(kPrincipals);
  // A trust policy refuses NotPrincipal.
  if (target.kind == PolicyKind::kRoleTrust &&
      principal.find("NotPrincipal") != std::string::npos) {
    principal = kPrincipals[0];
  }
  if (!rcp && principal.find("NotPrincipal") != std::string::npos && effect == "Allow" &&
      random->Below(2)) {
    effect = "Deny";
  }
  std::string resource =
      target.kind == PolicyKind::kRoleTrust && !rcp
          ? ""
          : R"(, "Resource": ")" + std::string(random->Below(2) ? "*" : target.resource) + "\"";
  std::string action = random->Pick(target.actions);
  if (rcp && action == "*") action = target.action;  // an RCP refuses "*" alone
  return R"({"Effect": ")" + effect + "\", " + principal + R"(, "Action": ")" + action + "\"" +
         resource + Condition(random) + "}";
}

TEST_CASE("sweep: the answer depends neither on an explanation nor on statement order",
          "[authorizer][shortcuts]") {
  const std::vector<Target> targets = {
      {"s3:GetObject",
       "arn:aws:s3:::b/k",
       PolicyKind::kResource,
       {"s3:GetObject", "s3:Get*", "s3:*", "*", "s3:PutObject", "ec2:*"}},
      {"kms:Decrypt",
       "arn:aws:kms:us-east-1:111122223333:key/k1",
       PolicyKind::kKmsKey,
       {"kms:Decrypt", "kms:*", "*", "kms:Encrypt"}},
      {"sts:AssumeRole",
       "arn:aws:iam::111122223333:role/target",
       PolicyKind::kRoleTrust,
       {"sts:AssumeRole", "sts:*", "sts:TagSession"}},
  };
  const std::vector<const char*> callers = {
      "arn:aws:iam::111122223333:user/alice",
      "arn:aws:iam::111122223333:role/r",
      "arn:aws:sts::111122223333:assumed-role/r/s",
      "arn:aws:sts::111122223333:federated-user/fred",
      "arn:aws:iam::111122223333:root",
      "111122223333",
      "arn:aws:iam::444455556666:user/bob",
      "arn:aws:sts::444455556666:assumed-role/r/s",
      "cloudtrail.amazonaws.com",
      "*",
      "arn:aws-cn:iam::111122223333:user/alice",
  };
  size_t decided[3] = {0, 0, 0};
  for (uint64_t seed = 1; seed <= 400; ++seed) {
    Random random(seed * 7919);
    const Target& target = random.Pick(targets);
    Scenario s;
    s.resource_kind = target.kind;
    for (size_t i = random.Below(3); i > 0; --i)
      s.identity.push_back(IdentityStatement(&random, target, false));
    for (size_t i = random.Below(4); i > 0; --i)
      s.resource.push_back(ResourceStatement(&random, target, false));
    if (random.Below(3) == 0) {
      for (size_t i = 1 + random.Below(2); i > 0; --i)
        s.boundary.push_back(IdentityStatement(&random, target, false));
    }
    for (size_t i = random.Below(3) == 0 ? 1 + random.Below(2) : 0; i > 0; --i) {
      s.session.push_back(IdentityStatement(&random, target, false));
    }
    for (size_t level = random.Below(3); level > 0; --level) {
      std::vector<std::string> policies;
      for (size_t i = random.Below(3); i > 0; --i)
        policies.push_back(IdentityStatement(&random, target, true));
      if (random.Below(3) > 0)
        policies.push_back(R"({"Effect": "Allow", "Action": "*", "Resource": "*"})");
      s.scp_levels.push_back(policies);
    }
    for (size_t level = random.Below(3); level > 0; --level) {
      std::vector<std::string> policies;
      for (size_t i = random.Below(3); i > 0; --i)
        policies.push_back(ResourceStatement(&random, target, true));
      if (random.Below(2) == 0) {
        policies.push_back(
            R"({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})");
      }
      s.rcp_levels.push_back(policies);
    }
    for (const char* caller : callers) {
      for (int flags = 0; flags < 3; ++flags) {
        Request request;
        request.principal = caller;
        request.action = target.action;
        request.resource = target.resource;
        if (target.kind == PolicyKind::kResource) request.resource_account = "111122223333";
        request.context.Set("aws:SecureTransport", flags != 1);
        request.principal_in_management_account = flags == 2;
        request.principal_is_service_linked_role = flags == 1 && random.Below(2);
        INFO("seed " << seed << " caller " << caller << " flags " << flags);
        Decision d = DecideEveryWay(s, request);
        ++decided[static_cast<int>(d)];
      }
    }
  }
  // The sweep reaches every answer.
  CHECK(decided[static_cast<int>(Decision::kAllowed)] > 100);
  CHECK(decided[static_cast<int>(Decision::kExplicitDeny)] > 100);
  CHECK(decided[static_cast<int>(Decision::kImplicitDeny)] > 100);
}

}  // namespace
}  // namespace iameval

namespace iameval {
namespace {

TEST_CASE("a policy set outlives its builder, its policies and its copies",
          "[authorizer][shortcuts]") {
  // ActionIndex::Ref now holds a pointer to each statement. The set must keep
  // what those point at alive however it is copied or moved, and however many
  // SCP levels (a vector of groups that grows) it holds.
  std::vector<PolicySet> sets;
  {
    Scenario s;
    s.identity = {kIdAllowS3, kIdDenyGet};
    s.resource = {kAllowAliceGet};
    s.scp_levels.assign(9, {R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})",
                            R"({"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"})"});
    PolicySet original = Build(s, false);
    PolicySet copy = original;
    sets.push_back(copy);
    sets.push_back(std::move(original));
    PolicySet assigned = Build(Scenario(), false);
    assigned = copy;
    sets.push_back(assigned);
  }
  // Churn the heap so that freed statements would be overwritten.
  std::vector<std::string> churn;
  for (int i = 0; i < 2000; ++i) churn.push_back(std::string(64 + i % 200, 'x'));
  for (const PolicySet& set : sets) {
    CHECK(set.Decide(MakeRequest(kAlice, "s3:GetObject", kBucketObject)).decision ==
          Decision::kExplicitDeny);
    CHECK(set.Decide(MakeRequest(kAlice, "s3:PutObject", kBucketObject)).decision ==
          Decision::kAllowed);
    CHECK(set.Decide(MakeRequest(kAlice, "s3:DeleteObject", kBucketObject)).decision ==
          Decision::kExplicitDeny);
    CHECK(set.Decide(MakeRequest(kAlice, "ec2:RunInstances", "*")).decision ==
          Decision::kImplicitDeny);
  }
}

}  // namespace
}  // namespace iameval
