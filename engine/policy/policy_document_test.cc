// File: engine/policy/policy_document_test.cc
//
// The document level: `Version` (missing, wrong, and required per kind),
// `Id`, and `Statement` (missing, empty, wrong, over the statement limit).

#include "policy/policy_document.h"

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

using testing::Codes;
using testing::Compile;
using testing::FindingsOf;
using testing::Only;

TEST_CASE("Version rules", "[parser]") {
  SECTION("missing: a warning, and the policy is valid") {
    std::vector<Finding> findings;
    auto policy = ParsePolicyDocument(
        R"({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})", Kind::kIdentity,
        Limits(), &findings);
    REQUIRE(policy != nullptr);
    CHECK(policy->version.empty());
    CHECK_FALSE(policy->variables_enabled);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "missing-version");
    CHECK(findings[0].severity == Severity::kWarning);
    CHECK(findings[0].line == 1);
    CHECK(findings[0].column == 1);
  }
  SECTION("not one of the two dates") {
    Finding f = Only(
        R"({"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})");
    CHECK(f.code == "invalid-version");
    CHECK(f.message == "`Version` must be `2012-10-17` or `2008-10-17`, not `2012-10-18`");
    CHECK(f.column == 13);
    CHECK(f.path == "Version");
  }
  SECTION("a number") {
    Finding f = Only(
        R"({"Version": 20121017, "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}})");
    CHECK(f.code == "wrong-type");
    CHECK(f.message == "`Version` must be a string, not a number");
  }
  SECTION("SCPs and RCPs need 2012-10-17, KMS key policies any Version") {
    std::string no_version =
        R"({"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}})";
    Finding scp = Only(no_version, Kind::kServiceControl);
    CHECK(scp.code == "version-required");
    CHECK(scp.message == "a service control policy must have `Version` `2012-10-17`");
    Finding old =
        Only(R"({"Version": "2008-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*"}})",
             Kind::kServiceControl);
    CHECK(old.code == "version-required");
    CHECK(old.column == 13);
    CHECK(
        Only(
            R"({"Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}})",
            Kind::kResourceControl)
            .code == "version-required");
    Finding kms = Only(R"({"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:*",
                          "Resource": "*"}})",
                       Kind::kKmsKey);
    CHECK(kms.code == "version-required");
    CHECK(kms.message == "a kms key policy must have a `Version`");
    // AWS KMS documents only 2012-10-17: a warning, and the policy is read.
    Finding old_version = Only(R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow",
                                  "Principal": "*", "Action": "kms:*", "Resource": "*"}})",
                               Kind::kKmsKey);
    CHECK(old_version.code == "key-policy-version");
    CHECK(old_version.severity == Severity::kWarning);
    CHECK(old_version.message ==
          "a key policy's `Version` should be `2012-10-17`, not `2008-10-17`: policy variables "
          "are read as literal text");
  }
}

TEST_CASE("Id must be a string and is accepted in every kind", "[parser]") {
  CHECK(Compile(R"({"Version": "2012-10-17", "Id": "x", "Statement": []})")->id == "x");
  Finding f = Only(
      R"({"Version": "2012-10-17", "Id": 7, "Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*"}})");
  CHECK(f.code == "wrong-type");
  CHECK(f.path == "Id");
}

TEST_CASE("Statement rules", "[parser]") {
  SECTION("missing") {
    Finding f = Only(R"({"Version": "2012-10-17"})");
    CHECK(f.code == "missing-statement");
    CHECK(f.message == "the policy has no `Statement`");
  }
  SECTION("empty: a warning, and nothing is allowed") {
    std::vector<Finding> findings;
    auto policy = ParsePolicyDocument(R"({"Version": "2012-10-17", "Statement": []})",
                                      Kind::kIdentity, Limits(), &findings);
    REQUIRE(policy != nullptr);
    CHECK(policy->statements.empty());
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "no-statements");
    CHECK(findings[0].severity == Severity::kWarning);
  }
  SECTION("a string") {
    Finding f = Only(R"({"Version": "2012-10-17", "Statement": "Allow s3:GetObject"})");
    CHECK(f.code == "wrong-type");
    CHECK(f.message == "`Statement` must be an object or an array of objects, not a string");
  }
  SECTION("elements that are not objects") {
    std::vector<Finding> findings = FindingsOf(
        R"({"Version": "2012-10-17", "Statement": [[{"Effect": "Allow"}], "x",
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})");
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].code == "not-an-object");
    CHECK(findings[0].message == "a statement must be a json object, not an array");
    CHECK(findings[0].path == "Statement[0]");
    CHECK(findings[1].path == "Statement[1]");
  }
  SECTION("over the statement limit: reported once, the rest unread") {
    Limits limits;
    limits.max_statements = 2;
    std::vector<Finding> findings = FindingsOf(
        R"({"Version": "2012-10-17", "Statement": [{}, {}, {}, {}]})", Kind::kIdentity, limits);
    // Two statements read (three findings each), one limit finding.
    REQUIRE(findings.size() == 7);
    CHECK(findings[0].code == "too-many-statements");
    CHECK(findings[0].message == "the policy has 4 statements, over the limit of 2");
    CHECK(findings[0].path == "Statement");
    CHECK(findings.back().path == "Statement[1]");
  }
}

}  // namespace
}  // namespace iameval::internal
