// File: engine/testing/policy_findings.cc

#include "testing/policy_findings.h"

#include <catch2/catch.hpp>

#include "policy/policy_parser.h"

namespace iameval::testing {

std::vector<Finding> FindingsOf(std::string_view text, PolicyKind kind, const Limits& limits) {
  return Check(text, kind, limits);
}

std::vector<std::string> Codes(std::string_view text, PolicyKind kind, const Limits& limits) {
  std::vector<std::string> codes;
  for (const Finding& f : FindingsOf(text, kind, limits)) codes.push_back(f.code);
  return codes;
}

Finding Only(std::string_view text, PolicyKind kind, const Limits& limits) {
  std::vector<Finding> findings = FindingsOf(text, kind, limits);
  INFO(text);
  for (const Finding& f : findings) UNSCOPED_INFO(f.code << " " << f.message);
  REQUIRE(findings.size() == 1);
  return findings[0];
}

std::shared_ptr<internal::CompiledPolicy> Compile(std::string_view text, PolicyKind kind) {
  std::vector<Finding> findings;
  auto policy = internal::ParsePolicyDocument(text, kind, Limits(), &findings);
  for (const Finding& f : findings) UNSCOPED_INFO(f.code << " " << f.message);
  REQUIRE(policy != nullptr);
  return policy;
}

std::string Statement(const std::string& members) {
  return R"({"Version": "2012-10-17", "Statement": {)" + members + "}}";
}

std::string Allow(const std::string& extra) { return Statement(R"("Effect": "Allow", )" + extra); }

std::string ResourcePolicy(const std::string& principal_member) {
  return R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", )" + principal_member +
         R"(, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}})";
}

}  // namespace iameval::testing
