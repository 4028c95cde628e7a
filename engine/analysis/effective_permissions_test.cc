// File: engine/analysis/effective_permissions_test.cc

#include "analysis/effective_permissions.h"

#include <catch2/catch.hpp>
#include <string>

#include "analysis/common_text.h"
#include "base/ascii.h"
#include "catalogue/test_catalogue.h"
#include "match/glob.h"
#include "testing/policy_generator.h"

namespace iameval::internal {
namespace {

constexpr const char* kRole = "arn:aws:iam::111122223333:role/reporting";

Policy Parse(const std::string& text, PolicyKind kind = PolicyKind::kIdentity) {
  ParseResult parsed = Policy::Parse(text, kind);
  REQUIRE(parsed.ok());
  return *parsed.policy;
}

const CatalogueActions& Actions() {
  static const CatalogueActions* actions = new CatalogueActions(testing::ShippedCatalogue());
  return *actions;
}

const ActionPermission* Find(const EffectivePermissions& p, std::string_view name) {
  for (const ActionPermission& a : p.actions) {
    if (Actions().actions()[a.action].name == name) return &a;
  }
  return nullptr;
}

// Reports read-only on its bucket, S3 listing, one secret prefix denied, and
// a boundary that keeps it to the reports bucket.
PolicySet ReportingSet() {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
    {"Sid": "Buckets", "Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"},
    {"Sid": "Terminate", "Effect": "Allow", "Action": "ec2:TerminateInstances", "Resource": "*",
     "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
    {"Sid": "Secret", "Effect": "Deny", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::reports/secret/*"}]})"));
  builder.SetPermissionsBoundary(Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:*", "ec2:*"],
     "Resource": ["arn:aws:s3:::reports*", "arn:aws:ec2:*:*:instance/*"]}]})",
                                       PolicyKind::kPermissionsBoundary));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

TEST_CASE("CommonText finds a text every pattern matches", "[analysis]") {
  std::string text;
  REQUIRE(CommonText({"arn:aws:s3:::logs*", "arn:aws:s3:::?*/?*"}, &text));
  CHECK(text == "arn:aws:s3:::logs/x");
  CHECK(GlobMatch("arn:aws:s3:::logs*", text));
  REQUIRE(CommonText({"a*c", "*b*", "?bc"}, &text));
  CHECK(text == "abc");
  CHECK_FALSE(CommonText({"arn:aws:s3:::a", "arn:aws:s3:::b"}, &text));
  CHECK_FALSE(CommonText({"abc", "ab"}, &text));
  REQUIRE(CommonText({"*"}, &text));
  CHECK(text.empty());
}

TEST_CASE("effective permissions list what the engine allows, with proof", "[analysis]") {
  PolicySet set = ReportingSet();
  Subject who;
  who.principal = kRole;
  EffectivePermissions p = ComputeEffectivePermissions(set, who, Actions());
  REQUIRE(p.error.empty());

  const ActionPermission* get = Find(p, "s3:GetObject");
  REQUIRE(get != nullptr);
  CHECK(get->status == ActionPermission::Status::kAllowed);
  CHECK(GlobMatch("arn:aws:s3:::reports/*", p.ResourceOf(*get)));
  REQUIRE(p.RefsOf(*get).grants.size() == 1);
  CHECK(p.statements[p.RefsOf(*get).grants[0]].statement.sid == "Read");
  CHECK(p.statements[p.RefsOf(*get).grants[0]].resources ==
        std::vector<std::string>{"arn:aws:s3:::reports", "arn:aws:s3:::reports/*"});
  // Bounded by the Deny and by the boundary's Allow.
  bool deny = false, boundary = false;
  for (uint32_t i : p.RefsOf(*get).bounds) {
    const StatementBound& b = p.statements[i];
    deny = deny || (b.statement.sid == "Secret" && b.statement.effect == Effect::kDeny);
    boundary = boundary || b.statement.kind == PolicyKind::kPermissionsBoundary;
  }
  CHECK(deny);
  CHECK(boundary);

  // The bucket ARN proves ListBucket; GetObject's witness is an object.
  const ActionPermission* list = Find(p, "s3:ListBucket");
  REQUIRE(list != nullptr);
  CHECK(p.ResourceOf(*list) == "arn:aws:s3:::reports");

  // Granted, but the boundary names no `*` resource: not effective.
  CHECK(Find(p, "s3:ListAllMyBuckets") == nullptr);
  // Never granted.
  CHECK(Find(p, "s3:PutObject") == nullptr);

  // Only MFA stands between the role and TerminateInstances.
  const ActionPermission* terminate = Find(p, "ec2:TerminateInstances");
  REQUIRE(terminate != nullptr);
  CHECK(terminate->status == ActionPermission::Status::kConditional);
  CHECK(p.statements[p.RefsOf(*terminate).grants[0]].conditional);
  CHECK(p.actions.size() == 3);

  // Each allowed entry is what the engine decides for its witness.
  for (const ActionPermission& a : p.actions) {
    Request r;
    r.principal = kRole;
    r.action = Actions().actions()[a.action].name;
    r.resource = p.ResourceOf(a);
    r.resource_account = "111122223333";
    CHECK(set.Decide(r).allowed() == (a.status == ActionPermission::Status::kAllowed));
  }

  std::string json = EffectivePermissionsToJson(p, Actions());
  CHECK(json.find(R"("service":"s3","actions":[{"action":"s3:GetObject","accessLevel":"Read",)"
                  R"("status":"allowed")") != std::string::npos);
  CHECK(json.find(R"("status":"conditional")") != std::string::npos);
}

TEST_CASE("effective permissions through a vpc endpoint need the endpoint named", "[analysis]") {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(Parse(
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
       "Resource": "*"}})"));
  builder.SetVpcEndpointPolicy(Parse(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
    "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}})",
                                     PolicyKind::kVpcEndpoint));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Subject who;
  who.principal = kRole;
  // The engine refuses every request of this set without `aws:SourceVpce`:
  // an error, not a principal that can do nothing.
  EffectivePermissions refused = ComputeEffectivePermissions(*built.set, who, Actions());
  CHECK(refused.error.find("aws:SourceVpce") != std::string::npos);
  CHECK(refused.actions.empty());
  who.context.Set("aws:SourceVpce", "vpce-1a2b3c4d");
  EffectivePermissions p = ComputeEffectivePermissions(*built.set, who, Actions());
  REQUIRE(p.error.empty());
  CHECK(Find(p, "s3:GetObject") != nullptr);
  CHECK(Find(p, "s3:PutObject") == nullptr);  // the endpoint's policy does not allow it
}

TEST_CASE("an unconditional Deny removes an action, a conditional one leaves it conditional",
          "[analysis]") {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["sqs:*"], "Resource": "*"},
    {"Effect": "Deny", "Action": "sqs:DeleteQueue", "Resource": "*"},
    {"Effect": "Deny", "Action": "sqs:SendMessage", "Resource": "*",
     "Condition": {"Null": {"aws:SourceIp": "true"}}}]})"));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Subject who;
  who.principal = kRole;
  EffectivePermissions p = ComputeEffectivePermissions(*built.set, who, Actions());
  CHECK(Find(p, "sqs:DeleteQueue") == nullptr);
  REQUIRE(Find(p, "sqs:SendMessage") != nullptr);
  CHECK(Find(p, "sqs:SendMessage")->status == ActionPermission::Status::kConditional);
  REQUIRE(Find(p, "sqs:ReceiveMessage") != nullptr);
  CHECK(Find(p, "sqs:ReceiveMessage")->status == ActionPermission::Status::kAllowed);
  // The queue's witness is in the role's own account.
  CHECK(p.ResourceOf(*Find(p, "sqs:ReceiveMessage")) == "arn:aws:sqs:us-east-1:111122223333:x");
}

TEST_CASE("effective permissions narrow to an action and a resource pattern", "[analysis]") {
  PolicySet set = ReportingSet();
  Subject who;
  who.principal = kRole;
  EffectiveOptions options;
  options.action_pattern = "s3:Get*";
  options.resource_pattern = "arn:aws:s3:::reports/q1/*";
  EffectivePermissions p = ComputeEffectivePermissions(set, who, Actions(), options);
  REQUIRE(p.actions.size() == 1);
  CHECK(GlobMatch("arn:aws:s3:::reports/q1/*", p.ResourceOf(p.actions[0])));
  options.resource_pattern = "arn:aws:s3:::other/*";
  CHECK(ComputeEffectivePermissions(set, who, Actions(), options).actions.empty());
  // Every witness under the Deny: nothing to show.
  options.resource_pattern = "arn:aws:s3:::reports/secret/*";
  CHECK(ComputeEffectivePermissions(set, who, Actions(), options).actions.empty());
}

TEST_CASE("effective permissions of many principals agree with one at a time",
          "[analysis][threads]") {
  PolicySet set = ReportingSet();
  std::vector<EffectiveJob> jobs;
  for (int i = 0; i < 8; ++i) {
    EffectiveJob job;
    job.set = &set;
    job.subject.principal = "arn:aws:iam::111122223333:role/r" + std::to_string(i);
    jobs.push_back(job);
  }
  jobs.push_back(EffectiveJob{&set, Subject{"not an arn", {}, false, false}});
  std::vector<EffectivePermissions> all = ComputeEffectivePermissionsMany(jobs, Actions(), 2);
  REQUIRE(all.size() == jobs.size());
  for (int i = 0; i < 8; ++i) {
    CHECK(all[i].principal == jobs[i].subject.principal);
    CHECK(all[i].actions.size() == 3);
  }
  CHECK(all.back().error.find("is not a principal") != std::string::npos);
  CHECK(all.back().actions.empty());
}

TEST_CASE("an administrator's effective permissions cover the catalogue", "[analysis]") {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(
      Parse(R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*",
                 "Resource": "*"}]})"));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Subject who;
  who.principal = kRole;
  EffectivePermissions p = ComputeEffectivePermissions(*built.set, who, Actions());
  // All but those the engine requires a resource's own policy for (role
  // trust policies, KMS key policies).
  CHECK(p.actions.size() > Actions().actions().size() * 9 / 10);
  CHECK(Find(p, "iam:CreateUser") != nullptr);
  CHECK(Find(p, "kms:Decrypt") == nullptr);
  CHECK(Find(p, "sts:AssumeRole") == nullptr);
}

}  // namespace
}  // namespace iameval::internal

namespace iameval::internal {
namespace {

// As the analysis asks: an ARN without an account field is the subject's
// account's.
void OwnAccount(Request* r) {
  size_t colon = 0;
  for (int field = 0; field < 4 && colon != std::string::npos; ++field) {
    colon = r->resource.find(':', field == 0 ? 0 : colon + 1);
  }
  if (colon != std::string::npos && r->resource.compare(colon, 2, "::") == 0) {
    r->resource_account = "111122223333";
  }
}

// Completeness against the engine, on generated policies: whenever the
// engine allows the subject a request on a resource of its own account
// (empty context), the action is in the answer, allowed or conditional; and
// every allowed entry's request is allowed.
TEST_CASE("effective permissions hold every action the engine allows, on generated policies",
          "[analysis][property]") {
  int checked = 0, allowed_requests = 0;
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    testing::SeededChoices choices(seed);
    testing::GeneratedCase c = testing::GenerateCase(choices);
    PolicySet::Builder builder;
    bool ok = true;
    for (const testing::GeneratedPolicy& p : c.policies.identity) {
      ParseResult parsed =
          Policy::Parse(p.Json(), PolicyKind::kIdentity, testing::GeneratorLimits());
      if (!parsed.ok()) ok = false;
      if (parsed.ok()) builder.AddIdentityPolicy(*parsed.policy);
    }
    if (c.policies.boundary) {
      ParseResult parsed =
          Policy::Parse(c.policies.boundary->Json(), PolicyKind::kPermissionsBoundary,
                        testing::GeneratorLimits());
      if (!parsed.ok()) ok = false;
      if (parsed.ok()) builder.SetPermissionsBoundary(*parsed.policy);
    }
    REQUIRE(ok);
    BuildResult built = std::move(builder).Build();
    REQUIRE(built.ok());
    Subject who;
    who.principal = kRole;
    EffectivePermissions p = ComputeEffectivePermissions(*built.set, who, Actions());
    REQUIRE(p.error.empty());
    for (const ActionPermission& a : p.actions) {
      if (a.status != ActionPermission::Status::kAllowed) continue;
      Request r;
      r.principal = kRole;
      r.action = Actions().actions()[a.action].name;
      r.resource = p.ResourceOf(a);
      OwnAccount(&r);
      Explanation why;
      INFO("seed " << seed << ": " << r.action << " on " << r.resource);
      bool decided = built.set->Decide(r, &why).allowed();
      INFO(why.reason);
      CHECK(decided);
    }
    Request asked;
    asked.principal = kRole;
    asked.action = c.request.action;
    asked.resource = c.request.resource;
    OwnAccount(&asked);
    if (!built.set->Decide(asked).allowed()) continue;
    ++allowed_requests;
    bool listed = false;
    for (const ActionPermission& a : p.actions) {
      listed = listed || EqualsIgnoreCase(Actions().actions()[a.action].name, asked.action);
    }
    bool in_catalogue = false;
    for (const CatalogueActions::Action& a : Actions().actions()) {
      in_catalogue = in_catalogue || EqualsIgnoreCase(a.name, asked.action);
    }
    if (!in_catalogue) continue;
    ++checked;
    INFO("seed " << seed << ": " << asked.action << " on " << asked.resource);
    CHECK(listed);
  }
  CHECK(checked > 10);
  INFO(allowed_requests);
}

}  // namespace
}  // namespace iameval::internal
