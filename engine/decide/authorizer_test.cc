// File: engine/decide/authorizer_test.cc
//
// The decision procedure through the public C++ API: explanations, the
// request facts, failure paths, and the promise that deciding does not
// allocate. The conformance corpus pins the semantics case by case; these
// tests pin what the corpus cannot see.

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "iameval/iameval.h"
#include "testing/allocation_counter.h"

namespace iameval {
namespace {

Policy MustParse(const char* text, PolicyKind kind) {
  ParseResult result = Policy::Parse(text, kind);
  INFO((result.findings.empty() ? std::string() : result.findings.front().message));
  REQUIRE(result.ok());
  return *result.policy;
}

const char* const kRolePolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ReadReports", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
    {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"},
    {"Sid": "TeamTagged", "Effect": "Allow", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::reports/${aws:PrincipalTag/team}/*",
     "Condition": {"StringEquals": {"aws:RequestedRegion": "eu-west-1"},
                   "Bool": {"aws:SecureTransport": "true"}}}
  ]
})";

const char* const kBucketPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
     "Resource": "arn:aws:s3:::reports/*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
  ]
})";

PolicySet BuildSet() {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(MustParse(kRolePolicy, PolicyKind::kIdentity))
      .SetResourcePolicy(MustParse(kBucketPolicy, PolicyKind::kResource));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

Request ReadRequest() {
  Request request;
  request.principal = "arn:aws:sts::111122223333:assumed-role/reader/job-42";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::reports/2026/q1.csv";
  request.resource_account = "111122223333";
  request.context.Set("aws:SecureTransport", true)
      .Set("aws:RequestedRegion", "eu-west-1")
      .Set("aws:PrincipalTag/team", "blue");
  return request;
}

TEST_CASE("explanation names the deciding statements and each kind's verdict", "[authorizer]") {
  PolicySet set = BuildSet();
  Request request = ReadRequest();
  request.action = "s3:DeleteObject";
  Explanation why;
  Answer answer = set.Decide(request, &why);
  REQUIRE(answer.decision == Decision::kExplicitDeny);
  REQUIRE(answer.error == nullptr);
  REQUIRE(why.decision == Decision::kExplicitDeny);
  REQUIRE(why.determining.size() == 1);
  CHECK(why.determining[0].kind == PolicyKind::kIdentity);
  CHECK(why.determining[0].sid == "NoDeletes");
  CHECK(why.determining[0].statement_index == 1);
  CHECK(why.determining[0].effect == Effect::kDeny);
  CHECK(why.determining[0].line == 6);
  CHECK(why.determining[0].column == 5);
  CHECK(why.reason.find("explicit deny") != std::string::npos);
  bool saw_identity_denied = false;
  for (const KindVerdict& verdict : why.verdicts) {
    if (verdict.kind == PolicyKind::kIdentity) {
      saw_identity_denied = verdict.verdict == KindVerdict::Verdict::kDenied;
    }
  }
  CHECK(saw_identity_denied);
}

TEST_CASE("allowed explanations list the granting statements", "[authorizer]") {
  PolicySet set = BuildSet();
  Explanation why;
  REQUIRE(set.Decide(ReadRequest(), &why).allowed());
  REQUIRE(why.determining.size() == 1);
  CHECK(why.determining[0].sid == "ReadReports");
  CHECK(why.determining[0].effect == Effect::kAllow);
}

TEST_CASE("a second decision with the same Explanation starts afresh", "[authorizer]") {
  PolicySet set = BuildSet();
  Explanation why;
  Request deny = ReadRequest();
  deny.action = "s3:DeleteObject";
  set.Decide(deny, &why);
  REQUIRE(set.Decide(ReadRequest(), &why).allowed());
  CHECK(why.decision == Decision::kAllowed);
  CHECK(why.determining.size() == 1);
}

TEST_CASE("a malformed request denies and says why", "[authorizer]") {
  PolicySet set = BuildSet();
  Request request = ReadRequest();
  SECTION("principal") { request.principal = "not a principal"; }
  SECTION("action without a service") { request.action = "GetObject"; }
  SECTION("empty resource") { request.resource.clear(); }
  Answer answer = set.Decide(request);
  CHECK(answer.decision == Decision::kImplicitDeny);
  REQUIRE(answer.error != nullptr);
  CHECK(answer.error_code == DecideError::kInvalidRequest);
  CHECK(std::string(answer.error).rfind("invalid request", 0) == 0);
}

TEST_CASE("the builder refuses a policy in the wrong slot", "[authorizer]") {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(MustParse(kBucketPolicy, PolicyKind::kResource));
  BuildResult built = std::move(builder).Build();
  REQUIRE_FALSE(built.ok());
  CHECK(built.error.find("`resource`") != std::string::npos);
}

TEST_CASE("deciding without an explanation does not allocate", "[authorizer][alloc]") {
  PolicySet set = BuildSet();
  Request allowed = ReadRequest();
  Request denied = ReadRequest();
  denied.action = "s3:DeleteObject";
  Request variable = ReadRequest();
  variable.action = "s3:PutObject";
  variable.resource = "arn:aws:s3:::reports/blue/notes.txt";
  Request implicit = ReadRequest();
  implicit.resource = "arn:aws:s3:::elsewhere/x";
  Request session_time = ReadRequest();
  session_time.principal = "arn:aws:iam::111122223333:root";
  // Warm up anything lazily initialized (locale, static tables).
  set.Decide(allowed);
  for (const Request* request : {&allowed, &denied, &variable, &implicit, &session_time}) {
    Answer answer;
    size_t allocations = testing::AllocationsDuring([&] { answer = set.Decide(*request); });
    INFO(request->action << " " << request->resource << " -> " << DecisionName(answer.decision));
    CHECK(allocations == 0);
  }
  CHECK(set.Decide(allowed).decision == Decision::kAllowed);
  CHECK(set.Decide(denied).decision == Decision::kExplicitDeny);
  CHECK(set.Decide(variable).decision == Decision::kAllowed);
  CHECK(set.Decide(implicit).decision == Decision::kImplicitDeny);
}

const char* const kEndpointPolicy = R"({
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"},
    {"Sid": "NoDeletes", "Effect": "Deny", "Principal": "*", "Action": "s3:Delete*",
     "Resource": "*"}
  ]
})";

PolicySet BuildEndpointSet() {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(MustParse(kRolePolicy, PolicyKind::kIdentity))
      .SetVpcEndpointPolicy(MustParse(kEndpointPolicy, PolicyKind::kGatewayVpcEndpoint));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

TEST_CASE("a vpc endpoint's policy limits, denies, and is explained", "[authorizer][vpce]") {
  PolicySet set = BuildEndpointSet();
  Request request = ReadRequest();
  request.context.Set("aws:SourceVpce", "vpce-1a2b3c4d");
  Explanation why;
  CHECK(set.Decide(request, &why).decision == Decision::kAllowed);
  bool endpoint_named = false;
  for (const StatementRef& ref : why.determining) {
    endpoint_named |= ref.kind == PolicyKind::kGatewayVpcEndpoint;
  }
  CHECK(endpoint_named);

  request.action = "ec2:DescribeInstances";  // the endpoint allows only s3:*
  request.resource = "*";
  Answer answer = set.Decide(request, &why);
  CHECK(answer.decision == Decision::kImplicitDeny);
  CHECK(why.reason.find("vpc endpoint `vpce-1a2b3c4d`") != std::string::npos);

  request = ReadRequest();
  request.context.Set("aws:SourceVpce", "vpce-1a2b3c4d");
  request.action = "s3:DeleteObject";
  CHECK(set.Decide(request, &why).decision == Decision::kExplicitDeny);
  CHECK(why.reason == "an explicit deny in the vpc endpoint policy applies to `s3:DeleteObject`");
}

TEST_CASE("a vpc endpoint's policy needs the request to name the endpoint", "[authorizer][vpce]") {
  PolicySet set = BuildEndpointSet();
  Answer answer = set.Decide(ReadRequest());  // no aws:SourceVpce
  CHECK(answer.decision == Decision::kImplicitDeny);
  REQUIRE(answer.error != nullptr);
  CHECK(answer.error_code == DecideError::kInvalidRequest);
  CHECK(std::string(answer.error).find("`aws:SourceVpce`") != std::string::npos);
}

TEST_CASE("the builder takes only endpoint policies in the endpoint slot", "[authorizer][vpce]") {
  PolicySet::Builder builder;
  builder.SetVpcEndpointPolicy(MustParse(kBucketPolicy, PolicyKind::kResource));
  BuildResult built = std::move(builder).Build();
  REQUIRE_FALSE(built.ok());
  CHECK(built.error == "a policy of kind `resource` cannot be used as the vpc endpoint policy");
}

TEST_CASE("AddPolicy puts each policy in the slot of its kind", "[authorizer]") {
  PolicySet::Builder builder;
  builder.AddPolicy(MustParse(kRolePolicy, PolicyKind::kIdentity))
      .AddPolicy(MustParse(kBucketPolicy, PolicyKind::kResource));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Request request = ReadRequest();
  CHECK(built.set->Decide(request).decision == Decision::kAllowed);
  request.context.Set("aws:SecureTransport", false);  // the bucket policy's Deny
  CHECK(built.set->Decide(request).decision == Decision::kExplicitDeny);
}

TEST_CASE("AddPolicy puts an SCP in the level added last", "[authorizer]") {
  const char* const kAllowS3 =
      R"({"Version": "2012-10-17",
          "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})";
  const char* const kAllowEc2 =
      R"({"Version": "2012-10-17",
          "Statement": {"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}})";
  const char* const kAllowAll =
      R"({"Version": "2012-10-17",
          "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})";
  Request ec2 = ReadRequest();
  ec2.action = "ec2:RunInstances";
  ec2.resource = "*";

  // No level yet: the SCP opens the first, which allows s3 alone.
  PolicySet::Builder first;
  first.AddIdentityPolicy(MustParse(kAllowAll, PolicyKind::kIdentity))
      .AddPolicy(MustParse(kAllowS3, PolicyKind::kServiceControl));
  BuildResult one = std::move(first).Build();
  REQUIRE(one.ok());
  CHECK(one.set->Decide(ReadRequest()).decision == Decision::kAllowed);
  CHECK(one.set->Decide(ec2).decision == Decision::kImplicitDeny);

  // It joins the s3 level: that level now allows ec2 too.
  PolicySet::Builder joined;
  joined.AddIdentityPolicy(MustParse(kAllowAll, PolicyKind::kIdentity))
      .AddScpLevel({MustParse(kAllowS3, PolicyKind::kServiceControl)})
      .AddPolicy(MustParse(kAllowEc2, PolicyKind::kServiceControl));
  BuildResult two = std::move(joined).Build();
  REQUIRE(two.ok());
  CHECK(two.set->Decide(ec2).decision == Decision::kAllowed);
  CHECK(two.set->Decide(ReadRequest()).decision == Decision::kAllowed);
}

TEST_CASE("deciding through a vpc endpoint does not allocate", "[authorizer][alloc][vpce]") {
  PolicySet set = BuildEndpointSet();
  Request allowed = ReadRequest();
  allowed.context.Set("aws:SourceVpce", "vpce-1a2b3c4d");
  Request denied = allowed;
  denied.action = "s3:DeleteObject";
  Request missing = ReadRequest();
  set.Decide(allowed);
  for (const Request* request : {&allowed, &denied, &missing}) {
    size_t allocations = testing::AllocationsDuring([&] { set.Decide(*request); });
    CHECK(allocations == 0);
  }
}

TEST_CASE("one policy set serves many threads", "[authorizer][threads]") {
  PolicySet set = BuildSet();
  Request allowed = ReadRequest();
  Request denied = ReadRequest();
  denied.action = "s3:DeleteObject";
  std::vector<std::thread> threads;
  std::atomic<int> wrong{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        if (!set.Decide(allowed).allowed()) ++wrong;
        if (set.Decide(denied).decision != Decision::kExplicitDeny) ++wrong;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(wrong == 0);
}

}  // namespace
}  // namespace iameval

namespace iameval {
namespace {

// #13 behaviour 6: a session's aws:PrincipalArn carries its role's path only
// when the request states the role ARN; otherwise the explanation says so.
TEST_CASE("aws:PrincipalArn of a session: principal_role_arn, or a note", "[authorizer]") {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(MustParse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
       "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/aws-reserved/*"}}}]})",
                                      PolicyKind::kIdentity));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Request request;
  request.principal = "arn:aws:sts::111122223333:assumed-role/Dev_0123/jane";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::reports/q1.csv";
  request.resource_account = "111122223333";

  Explanation why;
  CHECK(built.set->Decide(request, &why).decision == Decision::kImplicitDeny);
  REQUIRE(why.notes.size() == 1);
  CHECK(why.notes[0].find("principalRoleArn") != std::string::npos);

  request.principal_role_arn = "arn:aws:iam::111122223333:role/aws-reserved/Dev_0123";
  CHECK(built.set->Decide(request, &why).decision == Decision::kAllowed);
  CHECK(why.notes.empty());
  CHECK(why.reason_code == "identity-allows");

  request.principal_role_arn = "arn:aws:iam::111122223333:role/aws-reserved/OtherRole";
  Answer refused = built.set->Decide(request, &why);
  CHECK(refused.error_code == DecideError::kInvalidRequest);
  CHECK(why.reason_code == "invalid-request");
}

// An Identity Center role always has a path its session ARN does not show, so
// its path-less ARN would be wrong for certain: refused unless stated.
TEST_CASE("an Identity Center session must state its role ARN", "[authorizer]") {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(MustParse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})",
                                      PolicyKind::kIdentity));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Request request;
  request.principal = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_0123/jane";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::reports/q1.csv";
  request.resource_account = "111122223333";
  Answer refused = built.set->Decide(request);
  CHECK(refused.error_code == DecideError::kInvalidRequest);
  CHECK(refused.decision == Decision::kImplicitDeny);

  request.principal_role_arn =
      "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_0123";
  CHECK(built.set->Decide(request).decision == Decision::kAllowed);

  request.principal_role_arn.clear();
  request.context.Set("AWS:PrincipalArn",
                      "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/"
                      "AWSReservedSSO_Dev_0123");
  CHECK(built.set->Decide(request).decision == Decision::kAllowed);
}

}  // namespace
}  // namespace iameval

namespace iameval {
namespace {

// #13 behaviour 12: which keys were missing, which condition failed.
TEST_CASE("explanations name missing keys and failed conditions", "[authorizer]") {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(MustParse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]})",
                                      PolicyKind::kIdentity));
  builder.SetResourcePolicy(MustParse(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
       "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "abc"}}}]})",
                                      PolicyKind::kRoleTrust));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Request request;
  request.principal = "arn:aws:iam::444455556666:user/partner";
  request.action = "sts:AssumeRole";
  request.resource = "arn:aws:iam::111122223333:role/shared";

  Explanation why;
  CHECK(built.set->Decide(request, &why).decision == Decision::kImplicitDeny);
  REQUIRE(why.missing_keys.size() == 1);
  CHECK(why.missing_keys[0].key == "sts:ExternalId");
  CHECK(why.missing_keys[0].could_change_decision);
  CHECK_FALSE(why.missing_keys[0].always_set);
  REQUIRE(why.failed_conditions.size() == 1);
  CHECK(why.failed_conditions[0].statement.sid == "Partner");
  CHECK(why.failed_conditions[0].condition_operator == "StringEquals");
  CHECK(why.failed_conditions[0].key_missing);
  CHECK(why.reason.find("`sts:ExternalId`") != std::string::npos);

  request.context.Set("sts:ExternalId", "wrong");
  CHECK(built.set->Decide(request, &why).decision == Decision::kImplicitDeny);
  CHECK(why.missing_keys.empty());
  REQUIRE(why.failed_conditions.size() == 1);
  CHECK_FALSE(why.failed_conditions[0].key_missing);

  request.context.Set("sts:ExternalId", "abc");
  CHECK(built.set->Decide(request, &why).decision == Decision::kAllowed);
  CHECK(why.missing_keys.empty());
  CHECK(why.failed_conditions.empty());
}

}  // namespace
}  // namespace iameval

namespace iameval {
namespace {

// decisions.md §49: a Deny that names the caller only through an identity the
// request does not state applies, and the explanation says why.
TEST_CASE("a Deny through an unstated identity applies, with a note", "[authorizer]") {
  const char* const allow_all =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})";
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(MustParse(allow_all, PolicyKind::kIdentity));
  builder.AddSessionPolicy(MustParse(allow_all, PolicyKind::kSession));
  builder.SetResourcePolicy(MustParse(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::111122223333:user/contractor"},
       "Action": "s3:GetObject", "Resource": "*"},
      {"Effect": "Deny", "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:role/app",
                                                 "arn:aws:iam::111122223333:root"]},
       "Action": "s3:PutObject", "Resource": "*"}]})",
                                      PolicyKind::kResource));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Request request;
  request.principal = "arn:aws:sts::111122223333:federated-user/app-session";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::reports/q1.csv";
  request.resource_account = "111122223333";

  Explanation why;
  CHECK(built.set->Decide(request, &why).decision == Decision::kExplicitDeny);
  REQUIRE(why.notes.size() == 1);
  CHECK(why.notes[0].find("identity the request does not state") != std::string::npos);
  CHECK(why.notes[0].find("statement 0 of resource policy 0") == 0);

  // A role given as the caller is never spared by a NotPrincipal Deny.
  request.principal = "arn:aws:iam::111122223333:role/app";
  request.action = "s3:PutObject";
  CHECK(built.set->Decide(request, &why).decision == Decision::kExplicitDeny);
  REQUIRE(why.notes.size() == 1);
  CHECK(why.notes[0].find("whatever its `NotPrincipal` lists") != std::string::npos);

  // A Deny that names the caller itself needs no note.
  request.principal = "arn:aws:iam::111122223333:user/contractor";
  request.action = "s3:GetObject";
  CHECK(built.set->Decide(request, &why).decision == Decision::kExplicitDeny);
  CHECK(why.notes.empty());
}

}  // namespace
}  // namespace iameval
