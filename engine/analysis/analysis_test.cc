// File: engine/analysis/analysis_test.cc

#include "iameval/analysis.h"

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"

namespace iameval {
namespace {

Policy Parse(const std::string& text, PolicyKind kind = PolicyKind::kIdentity) {
  ParseResult parsed = Policy::Parse(text, kind);
  REQUIRE(parsed.ok());
  return *parsed.policy;
}

const char* const kRead = R"({"Version": "2012-10-17", "Statement": [
  {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
   "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]}]})";

TEST_CASE("compare: adding s3:PutObject fails with a concrete request", "[analysis]") {
  const Policy before = Parse(kRead);
  const Policy after = Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
     "Resource": ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"]},
    {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject",
     "Resource": "arn:aws:s3:::reports/*"}]})");
  CompareResult result = Compare(before, after, testing::ShippedCatalogue());
  REQUIRE(result.error.empty());
  REQUIRE(result.result == CheckResult::kFail);
  REQUIRE(result.counterexamples.size() == 1);
  const Counterexample& c = result.counterexamples[0];
  CHECK(c.request.action == "s3:PutObject");
  CHECK(c.request.resource.rfind("arn:aws:s3:::reports/", 0) == 0);
  REQUIRE(c.granted_by.size() == 1);
  CHECK(c.granted_by[0].sid == "Write");
  CHECK(c.before == Decision::kImplicitDeny);
}

TEST_CASE("compare: a narrowing change passes, widening it back fails", "[analysis]") {
  const Policy wide = Parse(kRead);
  const Policy narrow = Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/2026/*",
     "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]})");
  CHECK(Compare(wide, narrow, testing::ShippedCatalogue()).result == CheckResult::kPass);
  CHECK(Compare(narrow, wide, testing::ShippedCatalogue()).result == CheckResult::kFail);
  CHECK(Compare(wide, wide, testing::ShippedCatalogue()).result == CheckResult::kPass);
}

TEST_CASE("compare: a policy variable makes an otherwise clean answer UNKNOWN", "[analysis]") {
  const Policy home = Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::home/${aws:username}/*"}]})");
  CompareResult result = Compare(home, home, testing::ShippedCatalogue());
  CHECK(result.result == CheckResult::kUnknown);
  REQUIRE_FALSE(result.unknown.empty());
  CHECK(result.unknown[0].code == "policy-variable");
}

TEST_CASE("compare: policies of different kinds are an error", "[analysis]") {
  CompareResult result =
      Compare(Parse(kRead),
              Parse(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*",
        "Resource": "*"}})",
                    PolicyKind::kServiceControl),
              testing::ShippedCatalogue());
  CHECK(result.result == CheckResult::kUnknown);
  CHECK_FALSE(result.error.empty());
}

}  // namespace
}  // namespace iameval
