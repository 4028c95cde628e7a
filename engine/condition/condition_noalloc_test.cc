// File: engine/condition/condition_noalloc_test.cc
//
// Deciding a compiled Condition block must not allocate in the common case:
// every operator family, both qualifiers, IfExists, absent keys, unreadable
// values and policy variables, all counted with the test binary's counting
// operator new (testing/allocation_counter.h).

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "condition/condition.h"
#include "iameval/request.h"
#include "json/json_tree.h"
#include "testing/allocation_counter.h"

namespace iameval::internal {
namespace {

ConditionBlock CompileOrFail(std::string_view condition) {
  JsonDocument doc;
  std::vector<Finding> findings;
  REQUIRE(ParseJson(condition, JsonLimits(), &doc, &findings));
  ConditionBlock block;
  FindingReporter report(doc, &findings);
  REQUIRE(ConditionBlock::Compile(&report, doc.root(), ConditionCompileOptions(), &block));
  return block;
}

Caller TestCaller() {
  Caller caller;
  caller.kind = CallerKind::kRoleSession;
  caller.text = "arn:aws:sts::111122223333:assumed-role/app/session";
  caller.partition = "aws";
  caller.account = "111122223333";
  caller.name = "app";
  caller.session = "session";
  return caller;
}

TEST_CASE("Evaluating every operator family does not allocate", "[condition][alloc]") {
  ConditionBlock block = CompileOrFail(R"({
    "StringEquals": {"aws:PrincipalTag/team": ["red", "blue"],
                     "aws:ResourceTag/owner": "${aws:PrincipalTag/team}"},
    "StringNotEqualsIgnoreCase": {"aws:RequestedRegion": "EU-WEST-1"},
    "StringLike": {"s3:prefix": ["home/${aws:PrincipalTag/team}/*", "public/*"]},
    "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"},
    "DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"},
    "DateLessThanIfExists": {"aws:TokenIssueTime": "2030"},
    "Bool": {"aws:SecureTransport": ["true", "${x:want, 'true'}"]},
    "BinaryEquals": {"x:payload": "QUJD"},
    "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]},
    "ArnLike": {"aws:PrincipalArn": ["arn:aws:iam::111122223333:role/${aws:PrincipalTag/team}",
                                     "arn:aws:iam::*:role/app"]},
    "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]},
    "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-1/r-1/ou-*"},
    "Null": {"aws:PrincipalTag/team": "false", "x:absent": "true"}
  })");

  Request request;
  request.now = std::chrono::system_clock::time_point(std::chrono::seconds(1717243200));
  request.context.Set("aws:PrincipalTag/team", "blue")
      .Set("aws:ResourceTag/owner", "blue")
      .Set("aws:RequestedRegion", "us-east-1")
      .Set("s3:prefix", "home/blue/docs")
      .Set("aws:MultiFactorAuthAge", 1200)
      .Set("aws:SecureTransport", true)
      .Set("x:payload", "QUJD")
      .Set("aws:SourceIp", "2001:db8::7")
      .SetList("aws:TagKeys", {"team"})
      .SetList("aws:PrincipalOrgPaths", {"o-1/r-1/ou-2/"});
  const Caller caller = TestCaller();

  EvalContext context(request, caller, "111122223333");
  REQUIRE(block.Evaluate(context, Effect::kAllow));  // every entry holds, so all are run

  size_t allocations = testing::AllocationsDuring([&] {
    for (int i = 0; i < 100; ++i) {
      EvalContext fresh(request, caller, "111122223333");
      if (!block.Evaluate(fresh, Effect::kAllow)) FAIL("condition stopped holding");
      if (!block.Evaluate(fresh, Effect::kDeny)) FAIL("condition stopped holding");
    }
  });
  CHECK(allocations == 0);

  // Unreadable and absent values take other paths; they do not allocate either.
  request.context.Set("aws:MultiFactorAuthAge", "soon").Set("aws:SourceIp", "junk");
  request.context.Remove("aws:PrincipalTag/team");
  allocations = testing::AllocationsDuring([&] {
    EvalContext fresh(request, caller, "111122223333");
    CHECK_FALSE(block.Evaluate(fresh, Effect::kAllow));
  });
  CHECK(allocations == 0);
}

TEST_CASE("The allocation counter sees a rendering that spills", "[condition][alloc]") {
  // Guards the test above: a value longer than RenderBuffer's inline array
  // must be counted, or a zero there would prove nothing.
  ConditionBlock block = CompileOrFail(R"({"StringEquals": {"x:k": "${x:long}"}})");
  Request request;
  const std::string long_value(4000, 'v');
  request.context.Set("x:k", long_value).Set("x:long", long_value);
  const Caller caller = TestCaller();
  size_t allocations = testing::AllocationsDuring([&] {
    EvalContext context(request, caller, "");
    CHECK(block.Evaluate(context, Effect::kAllow));
  });
  CHECK(allocations > 0);
}

}  // namespace
}  // namespace iameval::internal
