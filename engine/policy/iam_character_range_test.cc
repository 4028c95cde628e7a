// File: engine/policy/iam_character_range_test.cc
//
// Characters outside the range IAM accepts: one finding per string, located
// at the character, an error or a warning by kind.

#include "policy/iam_character_range.h"

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

TEST_CASE("characters outside the IAM range", "[parser]") {
  std::string text =
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\",\n"
      " \"Resource\": [\"arn:aws:s3:::b/é/€/€\", \"arn:aws:s3:::b/ok\", \"arn:aws:s3:::😀\"]}}";
  std::vector<Finding> findings = FindingsOf(text);
  REQUIRE(findings.size() == 2);  // one per string
  CHECK(findings[0].code == "character-outside-iam-range");
  CHECK(findings[0].severity == Severity::kError);
  CHECK(findings[0].message ==
        "character `€` (U+20AC) is outside the range iam accepts: tab, line "
        "feed, carriage return and U+0020 to U+00FF");
  CHECK(findings[0].path == "Statement.Resource[0]");
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 33);  // `é` is within the range
  CHECK(findings[1].path == "Statement.Resource[2]");
  CHECK(findings[1].message.find("U+1F600") != std::string::npos);

  // The same characters are only a warning in a bucket policy; Latin-1 is fine anywhere.
  std::string bucket =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": "*",
      "Action": "s3:*", "Resource": "arn:aws:s3:::b/€"}})";
  Finding warning = Only(bucket, Kind::kResource);
  CHECK(warning.severity == Severity::kWarning);
  CHECK(Codes(Allow(R"("Action": "s3:*", "Resource": "arn:aws:s3:::b/éÿ")")).empty());

  // In a member name, the finding names that member.
  Finding key = Only(Allow(R"("Action": "s3:*", "Resource": "*", "Condition": {"StringEquals":
      {"aws:PrincipalTag/naïve€": "x"}})"));
  CHECK(key.code == "character-outside-iam-range");
  CHECK(key.path == R"(Statement.Condition.StringEquals["aws:PrincipalTag/naïve€"])");
}

TEST_CASE("characters outside the IAM range written as escapes", "[parser]") {
  // `\u20ac` is `€` once decoded: a document as the caller wrote it, escapes
  // kept, breaks the rule as its decoded text would. Reported at the string.
  std::string text =
      "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"s3:*\",\n"
      " \"Resource\": [\"arn:aws:s3:::b/\\u00e9\", \"arn:aws:s3:::b/\\u20ac\", "
      "\"arn:aws:s3:::€\"]}}";
  std::vector<Finding> findings = FindingsOf(text);
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].path == "Statement.Resource[1]");
  CHECK(findings[0].message.find("`€` (U+20AC)") != std::string::npos);
  CHECK(findings[0].line == 2);
  CHECK(findings[0].column == 40);  // the string's opening quote
  CHECK(findings[1].path == "Statement.Resource[2]");
  CHECK(findings[1].column == 79);  // a raw character: located at itself
}

}  // namespace
}  // namespace iameval::internal
