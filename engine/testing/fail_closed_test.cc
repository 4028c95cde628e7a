// File: engine/testing/fail_closed_test.cc
//
// Fail closed: whatever goes wrong inside the engine, the caller gets a deny
// and an error it can see, never a crash and never `allowed`. Failures are
// injected by making allocations fail (testing/allocation_counter.h): each
// allocation an operation makes is failed in turn, once (a transient
// failure), and from there on (memory really exhausted). The operations are
// the entry points: Decide with an Explanation, Decide with a policy variable
// long enough to need the heap, Policy::Parse, the builder, and the JSON layer
// (DecideJson, CheckJson, PolicySetFromJson, RequestFromJson).
//
// The requests used are allowed when nothing fails, so an injected failure
// that is swallowed would show as `allowed`.

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "iameval/iameval.h"
#include "testing/allocation_counter.h"

namespace iameval {
namespace {

const char* const kIdentityPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:List*"],
     "Resource": "arn:aws:s3:::reports/${aws:PrincipalTag/team}/*",
     "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-west-2"]},
                   "Bool": {"aws:SecureTransport": "true"},
                   "IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}},
    {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"}
  ]
})";

const char* const kBucketPolicy = R"({
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Tls", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    {"Sid": "Team", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}
  ]
})";

const char* const kScp = R"({"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Action": "*", "Resource": "*"},
  {"Effect": "Deny", "Action": "*", "Resource": "*",
   "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-west-2"]}}}]})";

Request AllowedRequest(const std::string& team = "blue") {
  Request request;
  request.principal = "arn:aws:sts::111122223333:assumed-role/reader/job-42";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::reports/" + team + "/2026/q1.csv";
  request.resource_account = "111122223333";
  request.context.Set("aws:SecureTransport", true)
      .Set("aws:RequestedRegion", "eu-west-1")
      .Set("aws:SourceIp", "203.0.113.7")
      .Set("aws:PrincipalTag/team", team);
  return request;
}

PolicySet BuildSet() {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(*Policy::Parse(kIdentityPolicy, PolicyKind::kIdentity).policy)
      .SetResourcePolicy(*Policy::Parse(kBucketPolicy, PolicyKind::kResource).policy)
      .AddScpLevel({*Policy::Parse(kScp, PolicyKind::kServiceControl).policy});
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

// Runs `operation` with its 1st, 2nd, ... allocation failing (once, or from
// there on), until a run makes no failing allocation; `check` judges each run
// whose allocation failed. Returns how many runs failed an allocation.
// `prepare`, when given, runs before each run with nothing failing.
size_t FailEachAllocation(bool and_after, const std::function<void()>& operation,
                          const std::function<void(size_t)>& check,
                          const std::function<void()>& prepare = nullptr) {
  for (size_t n = 1;; ++n) {
    if (prepare) prepare();
    testing::FailAllocation(n, and_after);
    try {
      operation();
    } catch (const std::exception& e) {
      testing::StopFailingAllocations();
      FAIL("allocation " << n << " failed and an exception escaped: " << e.what());
    }
    if (!testing::StopFailingAllocations()) return n - 1;
    check(n);
  }
}

TEST_CASE("the requests used here are allowed when nothing fails", "[fail-closed]") {
  PolicySet set = BuildSet();
  Explanation why;
  CHECK(set.Decide(AllowedRequest(), &why).decision == Decision::kAllowed);
  CHECK(set.Decide(AllowedRequest(std::string(3000, 't'))).decision == Decision::kAllowed);
}

TEST_CASE("Decide with an explanation fails closed when an allocation fails", "[fail-closed]") {
  PolicySet set = BuildSet();
  const Request request = AllowedRequest();
  for (bool and_after : {false, true}) {
    INFO((and_after ? "every allocation from the nth on fails" : "the nth allocation fails"));
    Answer answer;
    Explanation why;
    const size_t runs = FailEachAllocation(
        and_after, [&] { answer = set.Decide(request, &why); },
        [&](size_t n) {
          INFO("allocation " << n);
          CHECK(answer.decision == Decision::kImplicitDeny);
          REQUIRE(answer.error != nullptr);
          CHECK(std::string(answer.error).find("out of memory") != std::string::npos);
          CHECK(why.decision == Decision::kImplicitDeny);
          // Nothing half-built is left for a reader to trust.
          CHECK(why.determining.empty());
          CHECK(why.verdicts.empty());
        });
    CHECK(runs > 5);  // the explanation allocates; each of those was failed
    // And it still works afterwards.
    CHECK(set.Decide(request, &why).decision == Decision::kAllowed);
  }
}

TEST_CASE("Decide rendering a long policy variable fails closed", "[fail-closed]") {
  // Over 1 KiB after substitution, a variable is rendered on the heap: the one
  // allocation of a decision without explanation.
  PolicySet set = BuildSet();
  const Request request = AllowedRequest(std::string(3000, 't'));
  for (bool and_after : {false, true}) {
    Answer answer;
    const size_t runs = FailEachAllocation(
        and_after, [&] { answer = set.Decide(request); },
        [&](size_t n) {
          INFO("allocation " << n);
          CHECK(answer.decision == Decision::kImplicitDeny);
          CHECK(answer.error != nullptr);
        });
    CHECK(runs >= 1);
  }
}

TEST_CASE("Policy::Parse and Check report an allocation failure as an error", "[fail-closed]") {
  for (const char* text : {kIdentityPolicy, kBucketPolicy, kScp}) {
    const PolicyKind kind = text == kIdentityPolicy ? PolicyKind::kIdentity
                            : text == kBucketPolicy ? PolicyKind::kResource
                                                    : PolicyKind::kServiceControl;
    for (bool and_after : {false, true}) {
      ParseResult result;
      const size_t runs = FailEachAllocation(
          and_after, [&] { result = Policy::Parse(text, kind); },
          [&](size_t n) {
            INFO("allocation " << n);
            CHECK_FALSE(result.ok());
          });
      CHECK(runs > 20);
      std::vector<Finding> findings;
      FailEachAllocation(
          and_after, [&] { findings = Check(text, kind); },
          [&](size_t n) {
            INFO("allocation " << n);
            // Unless even the finding could not be made, it says what happened.
            if (!and_after) CHECK(HasErrors(findings));
          });
    }
  }
}

TEST_CASE("building a policy set under allocation failure never throws", "[fail-closed]") {
  const Policy identity = *Policy::Parse(kIdentityPolicy, PolicyKind::kIdentity).policy;
  const Policy bucket = *Policy::Parse(kBucketPolicy, PolicyKind::kResource).policy;
  const Policy scp = *Policy::Parse(kScp, PolicyKind::kServiceControl).policy;
  for (bool and_after : {false, true}) {
    std::optional<PolicySet> set;
    std::string error;
    std::vector<Policy> level;  // made before each run: the caller's allocation
    const size_t runs = FailEachAllocation(
        and_after,
        [&] {
          set.reset();
          error.clear();
          PolicySet::Builder builder;
          builder.AddIdentityPolicy(identity).SetResourcePolicy(bucket).AddScpLevel(
              std::move(level));
          BuildResult built = std::move(builder).Build();
          set = std::move(built.set);
          error.swap(built.error);
        },
        [&](size_t n) {
          INFO("allocation " << n);
          if (!set && !and_after) CHECK_FALSE(error.empty());
          // A set that was built anyway must be the whole set: it still
          // decides as the complete one does.
          if (set) CHECK(set->Decide(AllowedRequest()).decision == Decision::kAllowed);
        },
        [&] { level = {scp}; });
    CHECK(runs > 0);
  }
}

// The JSON layer: the answer is always one JSON object, never `allowed` when
// something failed.
void CheckJsonAnswer(const std::string& answer, bool allow_empty) {
  INFO(answer);
  if (answer.empty() && allow_empty) return;  // even the answer could not be made
  rapidjson::Document doc;
  doc.Parse(answer.data(), answer.size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  auto decision = doc.FindMember("decision");
  if (decision != doc.MemberEnd() && decision->value.IsString()) {
    CHECK(std::string(decision->value.GetString()) != "allowed");
  }
}

std::string DecideInput() {
  auto quote = [](const char* document) {
    std::string out = "\"";
    for (const char* c = document; *c; ++c) {
      if (*c == '"' || *c == '\\') out += '\\';
      out += *c == '\n' ? ' ' : *c;
    }
    return out + "\"";
  };
  return std::string(R"({"explain": true, "policies": {"identity": [)") + kIdentityPolicy +
         R"(], "resource": )" + quote(kBucketPolicy) + R"(, "scps": [[)" + kScp +
         R"(]]}, "request": {"principal": "arn:aws:sts::111122223333:assumed-role/reader/job-42",
         "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/blue/2026/q1.csv",
         "resourceAccount": "111122223333", "context": {"aws:SecureTransport": true,
         "aws:RequestedRegion": "eu-west-1", "aws:SourceIp": "203.0.113.7",
         "aws:PrincipalTag/team": "blue"}}})";
}

TEST_CASE("DecideJson fails closed when an allocation fails", "[fail-closed][json]") {
  const std::string input = DecideInput();
  const std::string normal = DecideJson(input);
  REQUIRE(normal.find(R"("decision":"allowed")") != std::string::npos);
  for (bool and_after : {false, true}) {
    std::string answer;
    const size_t runs = FailEachAllocation(
        and_after, [&] { answer = DecideJson(input); },
        [&](size_t n) {
          INFO("allocation " << n);
          // Either the whole answer (a failure the code handles itself, like
          // a sort's temporary buffer) or an error and no `allowed`.
          if (answer == normal) return;
          CheckJsonAnswer(answer, and_after);
          if (!and_after) CHECK(answer.find(R"("error":null)") == std::string::npos);
        });
    CHECK(runs > 50);
  }
}

TEST_CASE("CheckJson, PolicySetFromJson and RequestFromJson never throw", "[fail-closed][json]") {
  const std::string check_input =
      std::string(R"({"kind": "identity", "policy": )") + kIdentityPolicy + "}";
  const std::string policies = std::string(R"({"identity": [)") + kIdentityPolicy + "]}";
  const std::string request = R"({"principal": "arn:aws:iam::111122223333:user/a",
      "action": "s3:GetObject", "resource": "*", "context": {"aws:SourceIp": "203.0.113.7"}})";
  for (bool and_after : {false, true}) {
    std::string answer;
    FailEachAllocation(
        and_after, [&] { answer = CheckJson(check_input); },
        [&](size_t) { CheckJsonAnswer(answer, and_after); });
    PolicySetResult set;
    FailEachAllocation(
        and_after, [&] { set = PolicySetFromJson(policies); },
        [&](size_t n) {
          INFO("allocation " << n);
          if (!set.ok() && !and_after) CHECK((!set.error.empty() || !set.findings.empty()));
        });
    RequestResult read;
    FailEachAllocation(
        and_after, [&] { read = RequestFromJson(request); },
        [&](size_t n) {
          INFO("allocation " << n);
          if (!read.ok() && !and_after) CHECK_FALSE(read.error.empty());
        });
  }
}

}  // namespace
}  // namespace iameval
