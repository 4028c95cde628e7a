// File: engine/policy/statement_elements_test.cc
//
// One statement: `Sid` (characters per kind, duplicates), `Effect`,
// `Condition` handed to the condition compiler, and the one `Allow` a
// resource control policy may hold.

#include "policy/statement_elements.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "policy/compiled_policy.h"
#include "testing/policy_findings.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

using testing::Allow;
using testing::Codes;
using testing::Compile;
using testing::FindingsOf;
using testing::Only;
using testing::Statement;

TEST_CASE("Sid rules depend on the kind", "[parser]") {
  Finding hyphen = Only(Allow(R"("Sid": "read-only", "Action": "s3:*", "Resource": "*")"));
  CHECK(hyphen.code == "invalid-sid");
  CHECK(hyphen.message ==
        "`Sid` `read-only` may only contain letters and digits in an identity "
        "policy");
  CHECK(hyphen.path == "Statement.Sid");

  CHECK(Codes(Allow(R"("Sid": "read only", "Action": "s3:*", "Resource": "*")")) ==
        std::vector<std::string>{"invalid-sid"});
  CHECK(Codes(Allow(R"("Sid": "", "Action": "s3:*", "Resource": "*")")).empty());

  std::string kms = R"({"Version": "2012-10-17", "Statement": {"Sid": "Allow key admins",
      "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}})";
  CHECK(Codes(kms, Kind::kKmsKey).empty());
  std::string kms_hyphen = R"({"Version": "2012-10-17", "Statement": {"Sid": "key-admins",
      "Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}})";
  CHECK(Only(kms_hyphen, Kind::kKmsKey).message ==
        "`Sid` `key-admins` may only contain letters, digits and spaces in a kms key policy");

  std::string bucket = R"({"Version": "2012-10-17", "Statement": {"Sid": "any text: 1/2",
      "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}})";
  CHECK(Codes(bucket, Kind::kResource).empty());

  CHECK(Only(Allow(R"("Sid": 1, "Action": "s3:*", "Resource": "*")")).code == "wrong-type");
}

TEST_CASE("duplicate Sids are errors in IAM's kinds, warnings elsewhere", "[parser]") {
  const std::string twice = R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"},
      {"Sid": "A", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*"}]})";
  for (Kind kind : {Kind::kResource, Kind::kKmsKey, Kind::kVpcEndpoint}) {
    int duplicates = 0;
    for (const Finding& finding : FindingsOf(twice, kind)) {
      CHECK(finding.severity != Severity::kError);
      duplicates += finding.code == "duplicate-sid";
    }
    CHECK(duplicates == 1);
  }
  const std::string trust = R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "A", "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
       "Action": "sts:AssumeRole"},
      {"Sid": "A", "Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"},
       "Action": "sts:AssumeRole"}]})";
  std::vector<Finding> findings = FindingsOf(trust, Kind::kRoleTrust);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].severity == Severity::kError);
}

TEST_CASE("duplicate Sids are errors, empty ones are not", "[parser]") {
  std::vector<Finding> findings = FindingsOf(
      "{\"Version\": \"2012-10-17\", \"Statement\": [\n"
      " {\"Sid\": \"A\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n"
      " {\"Sid\": \"\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n"
      " {\"Sid\": \"\", \"Effect\": \"Allow\", \"Action\": \"s3:*\", \"Resource\": \"*\"},\n"
      " {\"Sid\": \"A\", \"Effect\": \"Deny\", \"Action\": \"s3:*\", \"Resource\": \"*\"}]}");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "duplicate-sid");
  CHECK(findings[0].message == "duplicate `Sid` `A`: statement `Statement[0]` has it already");
  CHECK(findings[0].line == 5);
  CHECK(findings[0].column == 10);
  CHECK(findings[0].path == "Statement[3].Sid");
}

TEST_CASE("Effect rules", "[parser]") {
  Finding missing = Only(Statement(R"("Action": "s3:*", "Resource": "*")"));
  CHECK(missing.code == "missing-effect");
  CHECK(missing.path == "Statement");
  CHECK(missing.column == 40);

  Finding lower = Only(Statement(R"("Effect": "allow", "Action": "s3:*", "Resource": "*")"));
  CHECK(lower.code == "invalid-effect");
  CHECK(lower.message == "`Effect` must be `Allow` or `Deny`, not `allow`");
  CHECK(lower.help == "`Effect` is case-sensitive");
  CHECK(lower.column == 51);
  CHECK(lower.path == "Statement.Effect");

  Finding other = Only(Statement(R"("Effect": "Permit", "Action": "s3:*", "Resource": "*")"));
  CHECK(other.code == "invalid-effect");
  CHECK(other.help.empty());

  Finding array = Only(Statement(R"("Effect": ["Allow"], "Action": "s3:*", "Resource": "*")"));
  CHECK(array.code == "wrong-type");
  CHECK(array.message == "`Effect` must be a string, not an array");
}

TEST_CASE("Condition must be an object, and its own findings join the rest", "[parser]") {
  Finding f = Only(Allow(R"("Action": "s3:*", "Resource": "*", "Condition": [])"));
  CHECK(f.code == "not-an-object");
  CHECK(f.message == "`Condition` must be a json object, not an array");
  CHECK(f.path == "Statement.Condition");

  std::vector<std::string> codes = Codes(Allow(
      R"("Action": "s3:*", "Resource": "*", "Condition": {"StringEqualz": {"aws:username": "a"}})"));
  CHECK(codes == std::vector<std::string>{"unknown-condition-operator"});
}

TEST_CASE("the RCPFullAWSAccess statement is the one valid RCP Allow", "[parser]") {
  auto policy = Compile(
      R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
          {"Sid": "NoOutside", "Effect": "Deny", "Principal": "*", "Action": ["s3:*", "sqs:*"],
           "Resource": "*",
           "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}}]})",
      Kind::kResourceControl);
  CHECK(policy->statements.size() == 2);
  CHECK_FALSE(policy->statements[1].condition.empty());
}

}  // namespace
}  // namespace iameval::internal
