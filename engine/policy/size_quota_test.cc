// File: engine/policy/size_quota_test.cc
//
// The AWS size quota of each kind, measured as AWS measures it: a warning,
// or an error when Limits::enforce_aws_size_quotas asks for it.

#include "policy/size_quota.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "testing/policy_findings.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

using testing::Codes;
using testing::Only;

// An identity policy of `statements` statements, each 76 characters without
// whitespace, with `padding` spaces before each.
std::string PolicyOfSize(size_t statements, size_t padding) {
  std::string text = R"({"Version": "2012-10-17", "Statement": [)";
  for (size_t i = 0; i < statements; ++i) {
    if (i > 0) text += ",";
    text += std::string(padding, ' ');
    text += R"({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/)" +
            std::to_string(1000 + i) + "\"}";
  }
  return text + "]}";
}

TEST_CASE("characters without whitespace keep the whitespace inside strings", "[parser]") {
  CHECK(CountCharactersWithoutWhitespace("{ \"a b\" : [ 1 ,\n\t2 ] }") == 13);
  // Escaped quotes and backslashes do not end a string early.
  CHECK(CountCharactersWithoutWhitespace(R"({"a\" b": "c\\", "d": " e "})") == 25);
  CHECK(CountCharactersWithoutWhitespace("[\"é €\"]") == 7);  // code points, not bytes
  CHECK(CountCharactersWithoutWhitespace("\"never closed ") == 14);
}

TEST_CASE("size quotas per kind", "[parser]") {
  // Each statement is 76 characters without whitespace, 77 with its comma.
  SECTION("identity: characters without whitespace") {
    std::string within = PolicyOfSize(130, 40);  // 9,918 characters in 15,771 bytes
    CHECK(within.size() > 10240);
    CHECK(Codes(within).empty());
    Finding f = Only(PolicyOfSize(135, 0));
    CHECK(f.code == "policy-too-large");
    CHECK(f.message ==
          "the policy is 10,298 characters without whitespace, over the 10,240 aws "
          "allows for an identity policy");
    CHECK(f.line == 1);
    CHECK(f.column == 1);
  }
  SECTION("session policies have 2,048") {
    CHECK(Codes(PolicyOfSize(26, 0), Kind::kSession).empty());
    CHECK(Codes(PolicyOfSize(27, 0), Kind::kSession) ==
          std::vector<std::string>{"policy-too-large"});
  }
  SECTION("SCPs count every byte") {
    std::string scp = PolicyOfSize(50, 40);
    CHECK(Codes(scp, Kind::kServiceControl) == std::vector<std::string>{"policy-too-large"});
    CHECK(Only(scp, Kind::kServiceControl).message ==
          "the policy is 6,091 bytes, over the 5,120 aws allows for a service control policy");
    CHECK(Codes(PolicyOfSize(50, 0), Kind::kServiceControl).empty());
  }
  SECTION("a warning, and the policy is used, unless enforced") {
    // AWS's own managed policies exceed the quota and are enforced as
    // published (ReadOnlyAccess: over 90,000 characters): deciding must
    // never refuse them; gating customer policies in CI asks for the error.
    ParseResult parsed = Policy::Parse(PolicyOfSize(135, 0), Kind::kIdentity);
    REQUIRE(parsed.ok());
    REQUIRE(parsed.findings.size() == 1);
    CHECK(parsed.findings[0].code == "policy-too-large");
    CHECK(parsed.findings[0].severity == Severity::kWarning);
    CHECK(!parsed.findings[0].help.empty());
    Limits enforced;
    enforced.enforce_aws_size_quotas = true;
    ParseResult refused = Policy::Parse(PolicyOfSize(135, 0), Kind::kIdentity, enforced);
    CHECK(!refused.ok());
    CHECK(Only(PolicyOfSize(135, 0), Kind::kIdentity, enforced).severity == Severity::kError);
  }
}

TEST_CASE("IAM counts code points, leaving out whitespace outside strings", "[parser]") {
  CHECK(CountCharactersWithoutWhitespace("{ \"a b\" :\t[1,\r\n 2] }") == 13);
  CHECK(CountCharactersWithoutWhitespace("[\"é€😀\"]") == 7);
  // An escaped quote does not end the string: the spaces after it count.
  CHECK(CountCharactersWithoutWhitespace(R"(["a\" b"] )") == 9);
}

}  // namespace
}  // namespace iameval::internal
