// File: engine/policy/action_elements_test.cc
//
// `Action` and `NotAction`: presence, conflicts, value types, the syntax of
// an action, and wildcards in the service prefix.

#include "policy/action_elements.h"

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

using testing::Allow;
using testing::Codes;
using testing::FindingsOf;
using testing::Only;

TEST_CASE("Action rules", "[parser]") {
  CHECK(Only(Allow(R"("Resource": "*")")).code == "missing-action");

  Finding both = Only(Allow(R"("Action": "s3:*", "NotAction": "iam:*", "Resource": "*")"));
  CHECK(both.code == "conflicting-elements");
  CHECK(both.message == "a statement cannot have both `Action` and `NotAction`");
  CHECK(both.path == "Statement.NotAction");  // the later of the two

  CHECK(Only(Allow(R"("Action": [], "Resource": "*")")).code == "empty-list");
  CHECK(Only(Allow(R"("NotAction": [], "Resource": "*")")).message ==
        "`NotAction` is an empty list");
  Finding empty = Only(Allow(R"("Action": ["s3:*", ""], "Resource": "*")"));
  CHECK(empty.code == "empty-value");
  CHECK(empty.path == "Statement.Action[1]");

  Finding number = Only(Allow(R"("Action": 3, "Resource": "*")"));
  CHECK(number.code == "wrong-type");
  CHECK(number.message == "`Action` must be a string or an array of strings, not a number");
}

TEST_CASE("each wrong Action element is its own finding", "[parser]") {
  std::vector<Finding> findings =
      FindingsOf(Allow(R"("Action": ["s3:*", {"a": 1}, null, true], "Resource": "*")"));
  REQUIRE(findings.size() == 3);
  CHECK(findings[0].message == "each `Action` value must be a string, not an object");
  CHECK(findings[0].path == "Statement.Action[1]");
  CHECK(findings[1].message == "each `Action` value must be a string, not null");
  CHECK(findings[2].message == "each `Action` value must be a string, not a boolean");
}

TEST_CASE("action syntax", "[parser]") {
  struct Case {
    const char* action;
    const char* message;
  };
  const Case cases[] = {
      {"s3GetObject", "`s3GetObject` is not a valid action: expected `*` or `service:action`"},
      {"s3:Get:Object", "`s3:Get:Object` is not a valid action: it has more than one `:`"},
      {":GetObject", "`:GetObject` is not a valid action: the service prefix before `:` is empty"},
      {"s3:", "`s3:` is not a valid action: the action name after `:` is empty"},
      {"s 3:GetObject",
       "`s 3:GetObject` is not a valid action: the service prefix `s 3` may only "
       "contain letters, digits, `.` and `-`"},
      {"s_3:GetObject",
       "`s_3:GetObject` is not a valid action: the service prefix `s_3` may only "
       "contain letters, digits, `.` and `-`"},
      {"s3:Get\\u0001Object",
       "`s3:Get\\u0001Object` is not a valid action: it contains a control "
       "character"},
  };
  for (const Case& c : cases) {
    INFO(c.action);
    Finding f = Only(Allow(std::string("\"Action\": \"") + c.action + "\", \"Resource\": \"*\""));
    CHECK(f.code == "invalid-action");
    CHECK(f.message == c.message);
    CHECK(f.path == "Statement.Action");
  }
  CHECK(Only(Allow(R"("Action": "s3:", "Resource": "*")")).help ==
        "use `s3:*` for every action of the service");
  // Accepted forms.
  for (const char* ok : {"*", "s3:*", "s3:Get*Object?", "execute-api:Invoke", "a.b-c:X"}) {
    INFO(ok);
    CHECK(Codes(Allow(std::string("\"Action\": \"") + ok + "\", \"Resource\": \"*\"")).empty());
  }
}

TEST_CASE("a wildcard in an action's service prefix is a warning", "[parser]") {
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(Allow(R"("Action": "*:GetObject", "Resource": "*")"),
                                    Kind::kIdentity, Limits(), &findings);
  REQUIRE(policy != nullptr);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "wildcard-in-service");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(policy->statements[0].actions[0].Matches("s3:getobject"));
}

}  // namespace
}  // namespace iameval::internal
