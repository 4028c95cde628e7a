// File: engine/json_api/decide_json_test.cc
//
// The JSON face reads each text once: a policy given as an object is parsed
// from the bytes the caller wrote, so its findings and the statements an
// explanation names point into the caller's text.

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <string>

#include "iameval/json.h"

namespace iameval {
namespace {

// Line and column (1-based) of the first `needle` in ASCII `text`.
std::pair<unsigned, unsigned> Where(const std::string& text, const std::string& needle) {
  size_t at = text.find(needle);
  REQUIRE(at != std::string::npos);
  unsigned line = 1, column = 1;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

const char kRequest[] =
    R"("request": {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
                "resource": "arn:aws:s3:::b/k", "resourceAccount": "111122223333"})";

TEST_CASE("a policy object's findings point at it in the DecideJson envelope", "[json_api]") {
  const std::string input = std::string("{") + kRequest + R"(,
  "policies": {"identity": [
    {"Version": "2012-10-17",
     "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Bogus": 1}}]}})";
  rapidjson::Document answer;
  answer.Parse(DecideJson(input).c_str());
  REQUIRE(answer.IsObject());
  CHECK(std::string(answer["error"].GetString()) == "invalid-policy");
  REQUIRE(answer["findings"].Size() == 1);
  const auto& finding = answer["findings"][0];
  CHECK(std::string(finding["document"].GetString()) == "identity[0]");
  auto [line, column] = Where(input, "\"Bogus\"");
  CHECK(finding["line"].GetUint() == line);
  CHECK(finding["column"].GetUint() == column);
  CHECK(line == 5);
}

TEST_CASE("the statements an explanation names point into the envelope", "[json_api]") {
  const std::string input = std::string("{") + kRequest + R"(, "explain": true,
  "policies": {"identity": [{"Version": "2012-10-17", "Statement": [
      {"Sid": "Other", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
      {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}]}})";
  rapidjson::Document answer;
  answer.Parse(DecideJson(input).c_str());
  REQUIRE(answer.IsObject());
  CHECK(std::string(answer["decision"].GetString()) == "allowed");
  const auto& determining = answer["explanation"]["determining"];
  REQUIRE(determining.Size() == 1);
  auto [line, column] = Where(input, "{\"Sid\": \"Read\"");
  CHECK(determining[0]["line"].GetUint() == line);
  CHECK(determining[0]["column"].GetUint() == column);
}

TEST_CASE("PolicySetFromJson and CheckJson place findings in the caller's text", "[json_api]") {
  const std::string policies = R"({"resource": {"Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                  "Resource": "*", "Bogus": 1}}})";
  PolicySetResult set = PolicySetFromJson(policies);
  CHECK_FALSE(set.ok());
  REQUIRE(set.findings.size() == 1);
  CHECK(set.findings[0].document == "resource");
  auto [line, column] = Where(policies, "\"Bogus\"");
  CHECK(set.findings[0].finding.line == line);
  CHECK(set.findings[0].finding.column == column);

  const std::string check = R"({"kind": "identity", "policy":
      {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
       "Bogus": 1}}})";
  rapidjson::Document answer;
  answer.Parse(CheckJson(check).c_str());
  REQUIRE(answer.IsObject());
  REQUIRE(answer["findings"].Size() == 1);
  auto [check_line, check_column] = Where(check, "\"Bogus\"");
  CHECK(answer["findings"][0]["line"].GetUint() == check_line);
  CHECK(answer["findings"][0]["column"].GetUint() == check_column);
}

TEST_CASE("a policy given as text keeps positions within its own text", "[json_api]") {
  const std::string input = std::string("{") + kRequest + R"(,
  "policies": {"identity": ["{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\", \"Bogus\": 1}}"]}})";
  rapidjson::Document answer;
  answer.Parse(DecideJson(input).c_str());
  REQUIRE(answer["findings"].Size() == 1);
  CHECK(answer["findings"][0]["line"].GetUint() == 1);
  CHECK(answer["findings"][0]["column"].GetUint() == 92);
}

TEST_CASE("size quotas count the characters the caller wrote", "[json_api]") {
  // An SCP's quota is 5,120 characters, whitespace included (spec/grammar.md).
  // Compact, this SCP fits; the pretty-printed copy the JSON face once made
  // of it did not, so the same document passed one surface and failed another.
  std::string actions;
  for (int i = 0; i < 290; ++i) {
    actions += (i ? ",\"s3:Get" : "\"s3:Get") + std::to_string(1000 + i) + "\"";
  }
  const std::string scp = R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":[)" +
                          actions + R"(],"Resource":"*"}})";
  REQUIRE(scp.size() < 5120);
  REQUIRE(scp.size() > 3500);
  PolicySetResult set = PolicySetFromJson(R"({"scps": [[)" + scp + "]]}");
  CHECK(set.ok());
  for (const DocumentFinding& f : set.findings) CHECK(f.finding.code != "policy-too-large");
}

TEST_CASE("an answer without explanation or error is written as the JSON writer writes it",
          "[json_api]") {
  // AnswerToJson writes this common answer itself, without rapidjson's
  // writer: the same bytes, which callers may compare as text.
  CHECK(AnswerToJson(Answer{Decision::kAllowed, nullptr}, nullptr) ==
        R"({"decision":"allowed","error":null})");
  CHECK(AnswerToJson(Answer{Decision::kExplicitDeny, nullptr}, nullptr) ==
        R"({"decision":"explicitDeny","error":null})");
  CHECK(AnswerToJson(Answer{Decision::kImplicitDeny, nullptr}, nullptr) ==
        R"({"decision":"implicitDeny","error":null})");
  // The writer's own form of the same answer, with an (empty) explanation
  // member after it: the fast form is its prefix up to that member.
  Explanation why;
  const std::string written = AnswerToJson(Answer{Decision::kAllowed, nullptr}, &why);
  CHECK(written.rfind(R"({"decision":"allowed","error":null,"explanation":)", 0) == 0);
}

}  // namespace
}  // namespace iameval
