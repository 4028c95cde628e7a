// File: engine/testing/policy_findings.h
//
// Test helpers for the policy parser (policy_parser.h): the findings of a
// document, their codes, the one finding a test expects, a policy that must
// compile, and documents of one statement written from its members.
//
//   CHECK(Only(Allow(R"("Action": "s3", "Resource": "*")")).code == "invalid-action");
//   CHECK(Codes(ResourcePolicy(R"("Principal": "*")"), PolicyKind::kResource).empty());

#ifndef IAMEVAL_ENGINE_TESTING_POLICY_FINDINGS_H_
#define IAMEVAL_ENGINE_TESTING_POLICY_FINDINGS_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "iameval/policy.h"
#include "policy/compiled_policy.h"

namespace iameval::testing {

// Every finding of `text`, as Check reports them.
std::vector<Finding> FindingsOf(std::string_view text, PolicyKind kind = PolicyKind::kIdentity,
                                const Limits& limits = Limits());

// The codes of FindingsOf(text), in order.
std::vector<std::string> Codes(std::string_view text, PolicyKind kind = PolicyKind::kIdentity,
                               const Limits& limits = Limits());

// The single finding of `text`; fails the test unless there is exactly one.
Finding Only(std::string_view text, PolicyKind kind = PolicyKind::kIdentity,
             const Limits& limits = Limits());

// The compiled policy of `text`; fails the test if it does not compile.
std::shared_ptr<internal::CompiledPolicy> Compile(std::string_view text,
                                                  PolicyKind kind = PolicyKind::kIdentity);

// An identity-policy document with one statement holding `members`.
std::string Statement(const std::string& members);

// The same, with `"Effect": "Allow"` before `extra`.
std::string Allow(const std::string& extra);

// A valid resource-based policy statement that names its principal with
// `principal_member` (`"Principal": ...` or `"NotPrincipal": ...`).
std::string ResourcePolicy(const std::string& principal_member);

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_POLICY_FINDINGS_H_
