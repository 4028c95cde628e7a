// File: engine/policy/element_values_test.cc
//
// What every element reader shares: unknown members and their "did you
// mean" help, and the pattern limits.

#include "policy/element_values.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "testing/policy_findings.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

using testing::Allow;
using testing::Codes;
using testing::FindingsOf;
using testing::Only;

TEST_CASE("unknown elements are reported at their name, with a suggestion", "[parser]") {
  std::vector<Finding> findings = FindingsOf(
      "{\"Version\": \"2012-10-17\", \"Statment\": [],\n"
      " \"Statement\": {\"Effect\": \"Allow\", \"effect\": \"Deny\", \"Action\": \"s3:*\",\n"
      "   \"Resource\": \"*\", \"Foo\": 1}}");
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].code == "unknown-element");
  CHECK(findings[0].message == "unknown element `Statment` in the policy document");
  CHECK(findings[0].help == "did you mean `Statement`?");
  CHECK(findings[0].path == "Statment");
  CHECK(findings[0].line == 1);
  CHECK(findings[0].column == 27);
  CHECK(findings[1].message == "unknown element `effect` in a statement");
  CHECK(findings[1].help == "did you mean `Effect`? element names are case-sensitive");
  CHECK(findings[1].path == "Statement.effect");
  CHECK(findings[1].line == 2);
  CHECK(findings[1].column == 35);
  CHECK(findings[2].path == "Statement.Foo");
  CHECK(findings[2].help.empty());
}

TEST_CASE("pattern limits", "[parser]") {
  Limits limits;
  limits.max_pattern_length = 20;
  limits.max_wildcards_per_pattern = 3;
  Finding longest = Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::bucket/key")"),
                         Kind::kIdentity, limits);
  CHECK(longest.code == "pattern-too-long");
  CHECK(longest.message ==
        "`Resource` value `arn:aws:s3:::bucket/key` is 23 bytes long, over the "
        "limit of 20");
  Finding stars =
      Only(Allow(R"("Action": "s3:*a*b*c*", "Resource": "*")"), Kind::kIdentity, limits);
  CHECK(stars.code == "too-many-wildcards");
  CHECK(stars.message == "`Action` value `s3:*a*b*c*` has 4 `*` wildcards, over the limit of 3");
  CHECK(Codes(Allow(R"("Action": "s3:*a*b*", "Resource": "*")"), Kind::kIdentity, limits).empty());
}

}  // namespace
}  // namespace iameval::internal
