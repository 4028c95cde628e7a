// File: engine/policy/resource_elements_test.cc
//
// `Resource` and `NotResource`: presence per kind, conflicts, the syntax of
// an ARN, wildcards in its service, and policy variables (where they may
// stand, and what they are without Version 2012-10-17).

#include "policy/resource_elements.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "match/glob.h"
#include "policy/compiled_policy.h"
#include "policy/policy_parser.h"
#include "testing/policy_findings.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

using testing::Allow;
using testing::Codes;
using testing::Compile;
using testing::Only;

TEST_CASE("resources with policy variables keep their template", "[parser]") {
  auto policy = Compile(Allow(
      R"("Action": "s3:*", "Resource": ["arn:aws:s3:::b/${aws:username}/*", "arn:aws:s3:::b/${*}x"])"));
  const auto& resources = policy->statements[0].resources;
  REQUIRE(resources.size() == 2);
  CHECK(resources[0].pattern.has_variables());
  CHECK_FALSE(resources[1].pattern.has_variables());
  // `${*}` is a literal star in the glob, not a wildcard.
  CHECK(resources[1].glob.pattern() == std::string("arn:aws:s3:::b/") + kLiteralStar + "x");
  CHECK(resources[1].glob.Matches("arn:aws:s3:::b/*x"));
  CHECK_FALSE(resources[1].glob.Matches("arn:aws:s3:::b/yx"));
}

TEST_CASE("without Version 2012-10-17 variables are literal text", "[parser]") {
  std::string text =
      R"({"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:*",
          "Resource": "arn:aws:s3:::b/${aws:username}"}})";
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(text, Kind::kIdentity, Limits(), &findings);
  REQUIRE(policy != nullptr);
  CHECK_FALSE(policy->variables_enabled);
  CHECK(policy->version == "2008-10-17");
  const ResourceEntry& entry = policy->statements[0].resources[0];
  CHECK_FALSE(entry.pattern.has_variables());
  CHECK(entry.glob.Matches("arn:aws:s3:::b/${aws:username}"));
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "variable-in-old-version");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(findings[0].path == "Statement.Resource");
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 23);
}

TEST_CASE("resource is optional where the kind says so", "[parser]") {
  auto scp =
      Compile(R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:*"}})",
              Kind::kServiceControl);
  CHECK(scp->statements[0].resource_mode == CompiledStatement::ResourceMode::kAbsent);
  auto trust = Compile(
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole",
          "Principal": {"Service": "ec2.amazonaws.com"}}})",
      Kind::kRoleTrust);
  CHECK(trust->statements[0].resource_mode == CompiledStatement::ResourceMode::kAbsent);
}

TEST_CASE("a KMS statement without Resource is kept but warned about", "[parser]") {
  std::string text =
      R"({"Version": "2012-10-17", "Statement": {"Sid": "Key admins", "Effect": "Allow",
          "Principal": {"AWS": "111122223333"}, "Action": "kms:*"}})";
  std::vector<Finding> findings;
  auto policy = ParsePolicyDocument(text, Kind::kKmsKey, Limits(), &findings);
  REQUIRE(policy != nullptr);
  CHECK(policy->statements[0].resource_mode == CompiledStatement::ResourceMode::kAbsent);
  CHECK(policy->statements[0].sid == "Key admins");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].code == "statement-without-resource");
  CHECK(findings[0].severity == Severity::kWarning);
  CHECK(findings[0].path == "Statement");
  CHECK(findings[0].column == 40);
}

TEST_CASE("Resource rules", "[parser]") {
  Finding missing = Only(Allow(R"("Action": "s3:*")"));
  CHECK(missing.code == "missing-resource");
  CHECK(missing.path == "Statement");
  for (Kind kind : {Kind::kPermissionsBoundary, Kind::kSession}) {
    CHECK(Codes(Allow(R"("Action": "s3:*")"), kind) ==
          std::vector<std::string>{"missing-resource"});
  }
  CHECK(Codes(Allow(R"("Action": "s3:*", "NotResource": "arn:aws:s3:::b")")).empty());

  Finding both =
      Only(Allow(R"("Action": "s3:*", "NotResource": "arn:aws:s3:::b", "Resource": "*")"));
  CHECK(both.code == "conflicting-elements");
  CHECK(both.path == "Statement.Resource");

  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": [])")).code == "empty-list");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "")")).code == "empty-value");
  Finding object = Only(Allow(R"("Action": "s3:*", "Resource": {"arn": "x"})"));
  CHECK(object.code == "wrong-type");
  CHECK(object.message == "`Resource` must be a string or an array of strings, not an object");
}

TEST_CASE("resource syntax", "[parser]") {
  Finding not_arn = Only(Allow(R"("Action": "s3:*", "Resource": "bucket/key")"));
  CHECK(not_arn.code == "invalid-resource");
  CHECK(not_arn.message == "`bucket/key` is not a valid resource: expected `*` or an arn");
  Finding few = Only(Allow(R"("Action": "s3:*", "NotResource": ["*", "arn:aws:s3:bucket"])"));
  CHECK(few.code == "invalid-resource");
  CHECK(few.message ==
        "`arn:aws:s3:bucket` is not a valid resource: an arn has six "
        "`:`-separated parts, `arn:partition:service:region:account:resource`");
  CHECK(few.path == "Statement.NotResource[1]");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "ARN:aws:s3:::b")")).code ==
        "invalid-resource");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b\u0002")")).code ==
        "invalid-resource");
  CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b\n")")).code ==
        "invalid-resource");
  for (const char* ok : {"*", "arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:*:*:*:*:*",
                         "arn:aws:iam::111122223333:role/a:b:c"}) {
    INFO(ok);
    std::vector<std::string> codes =
        Codes(Allow(std::string(R"("Action": "s3:*", "Resource": ")") + ok + "\""));
    if (std::string(ok) == "arn:*:*:*:*:*") {
      CHECK(codes == std::vector<std::string>{"wildcard-in-service"});
    } else {
      CHECK(codes.empty());
    }
  }
}

TEST_CASE("a wildcard in a resource ARN's service segment is a warning", "[parser]") {
  Finding f = Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s?:::b")"));
  CHECK(f.code == "wildcard-in-service");
  CHECK(f.severity == Severity::kWarning);
}

TEST_CASE("policy variables in resources", "[parser]") {
  SECTION("in the region, account and resource parts") {
    // As in AWS's own AmazonTimestreamInfluxDBServiceRolePolicy.
    CHECK(
        Codes(
            Allow(R"("Action": "kms:*", "Resource": "arn:*:kms:*:${aws:PrincipalAccount}:key/*")"))
            .empty());
    CHECK(Codes(Allow(R"("Action": "s3:*", "Resource": "arn:aws:ec2:${aws:RequestedRegion}::x")"))
              .empty());
    CHECK(Codes(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::${aws:username}")")).empty());
  }
  SECTION("never in the partition or service") {
    Finding service = Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:${aws:x}:::b")"));
    CHECK(service.code == "variable-not-allowed");
    CHECK(service.path == "Statement.Resource");
    CHECK(Only(Allow(R"("Action": "s3:*", "Resource": "arn:${aws:x}:s3:::b")")).code ==
          "variable-not-allowed");
  }
  SECTION("malformed") {
    Finding f = Only(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username")"));
    CHECK(f.code == "invalid-variable");
    CHECK(f.severity == Severity::kError);
    CHECK(f.path == "Statement.Resource");
  }
  SECTION("not in actions or principals") {
    CHECK(Only(Allow(R"("Action": "s3:${aws:x}", "Resource": "*")")).code ==
          "variable-not-allowed");
    std::string principal = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
        "Principal": {"AWS": "arn:aws:iam::111122223333:user/${aws:username}"},
        "Action": "s3:*"}})";
    CHECK(Only(principal, Kind::kResource).code == "variable-not-allowed");
  }
}

}  // namespace
}  // namespace iameval::internal
