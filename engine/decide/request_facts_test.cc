// File: engine/decide/request_facts_test.cc

#include "decide/request_facts.h"

#include <catch2/catch.hpp>
#include <string>

namespace iameval::internal {
namespace {

// What IAM allows in an action, read byte by byte: the reference the
// word-wise reader must agree with.
bool ActionByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == ':';
}

bool NameByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

Request RequestFor(std::string principal, std::string action) {
  Request request;
  request.principal = std::move(principal);
  request.action = std::move(action);
  request.resource = "*";
  return request;
}

TEST_CASE("every byte of an action is read as the byte-wise rule says", "[request_facts]") {
  // Lengths around the word size, so every position of a word and the
  // padded last word are exercised.
  for (const std::string base : {std::string("s3:GetObjectVersionTagging"), std::string("ec2:Run"),
                                 std::string("sqs:SendMsg"), std::string("kms:Decrypt12345"),
                                 std::string("s3:GetObjectAcl12"), std::string("s3:GetOb"),
                                 std::string("dynamodb:GetItemsThatAreMany:ButNotThisOne")}) {
    for (size_t position = 0; position < base.size(); ++position) {
      for (unsigned byte = 0; byte < 256; ++byte) {
        std::string action = base;
        action[position] = static_cast<char>(byte);
        bool ok = true;
        size_t colons = 0, colon = 0;
        std::string lower;
        for (size_t i = 0; i < action.size(); ++i) {
          const auto c = static_cast<unsigned char>(action[i]);
          ok &= ActionByte(c);
          if (c == ':') colons++, colon = i;
          lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        ok = ok && colons == 1 && colon != 0 && colon + 1 != action.size();
        const Request request = RequestFor("arn:aws:iam::111122223333:user/alice", action);
        DecisionFacts facts;
        const FactsError error = ReadDecisionFacts(request, &facts);
        INFO(position << " " << byte);
        CHECK((error.code == DecideError::kNone) == ok);
        if (ok) {
          CHECK(facts.action_lower == lower);
          CHECK(facts.action_colon == colon);
        }
      }
    }
  }
}

TEST_CASE("every byte of a session name is read as the byte-wise rule says", "[request_facts]") {
  for (const std::string session :
       {std::string("i-0abc123def4567890"), std::string("abcdefgh"), std::string("abcdefghi"),
        std::string("bob"), std::string("0123456789abcdef"),
        std::string("session-of-33-bytes-long-enough12")}) {
    for (size_t position = 0; position < session.size(); ++position) {
      for (unsigned byte = 0; byte < 256; ++byte) {
        std::string name = session;
        name[position] = static_cast<char>(byte);
        bool ok = true;
        for (char c : name) ok &= NameByte(static_cast<unsigned char>(c));
        const Request request = RequestFor(
            "arn:aws:sts::111122223333:assumed-role/payments-app/" + name, "s3:GetObject");
        DecisionFacts facts;
        INFO(position << " " << byte);
        CHECK((ReadDecisionFacts(request, &facts).code == DecideError::kNone) == ok);
      }
    }
  }
}

TEST_CASE("a resourceAccount may not contradict the ARN's account", "[request_facts]") {
  Request request = RequestFor("arn:aws:iam::111122223333:user/alice", "sqs:SendMessage");
  request.resource = "arn:aws:sqs:us-east-1:444455556666:orders";
  DecisionFacts facts;
  request.resource_account = "111122223333";  // the caller's, not the owner's
  CHECK(ReadDecisionFacts(request, &facts).code == DecideError::kInvalidRequest);
  request.resource_account = "444455556666";
  REQUIRE(ReadDecisionFacts(request, &facts).code == DecideError::kNone);
  CHECK(facts.resource_account == "444455556666");
  // An ARN without a 12-digit account (S3; AWS managed policies' `aws`)
  // leaves the owner to the request.
  request.resource = "arn:aws:s3:::orders-bucket/a.csv";
  request.resource_account = "111122223333";
  REQUIRE(ReadDecisionFacts(request, &facts).code == DecideError::kNone);
  CHECK(facts.resource_account == "111122223333");
  request.resource = "arn:aws:iam::aws:policy/ReadOnlyAccess";
  CHECK(ReadDecisionFacts(request, &facts).code == DecideError::kNone);
}

TEST_CASE("organization exemptions are believed only where the ARN allows them",
          "[request_facts]") {
  DecisionFacts facts;
  Request session = RequestFor(
      "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForConfig/config", "s3:GetObject");
  session.principal_is_service_linked_role = true;
  REQUIRE(ReadDecisionFacts(session, &facts).code == DecideError::kNone);
  CHECK_FALSE(facts.scp_applies);
  CHECK_FALSE(facts.rcp_applies);
  // Only a role can be service-linked: for a user or the root user SCPs and
  // RCPs still apply.
  for (const char* principal :
       {"arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:root"}) {
    Request request = RequestFor(principal, "s3:GetObject");
    request.principal_is_service_linked_role = true;
    REQUIRE(ReadDecisionFacts(request, &facts).code == DecideError::kNone);
    CHECK(facts.scp_applies);
    CHECK(facts.rcp_applies);
  }
  // Only a KMS key can be an AWS managed key.
  Request key = RequestFor("arn:aws:iam::111122223333:user/alice", "kms:Decrypt");
  key.resource = "arn:aws:kms:us-east-1:111122223333:key/1234abcd";
  key.resource_is_aws_managed_key = true;
  REQUIRE(ReadDecisionFacts(key, &facts).code == DecideError::kNone);
  CHECK_FALSE(facts.rcp_applies);
  Request object = RequestFor("arn:aws:iam::111122223333:user/alice", "s3:GetObject");
  object.resource = "arn:aws:s3:::example-bucket/a.csv";
  object.resource_is_aws_managed_key = true;
  REQUIRE(ReadDecisionFacts(object, &facts).code == DecideError::kNone);
  CHECK(facts.rcp_applies);
}

}  // namespace
}  // namespace iameval::internal
