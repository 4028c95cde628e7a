// File: iameval/policy.h
//
// Parsing, validating and compiling one IAM policy document.
//
//   iameval::ParseResult result =
//       iameval::Policy::Parse(json_text, iameval::PolicyKind::kIdentity);
//   for (const iameval::Finding& f : result.findings)
//     std::cerr << iameval::FormatFinding(f, "role-policy.json") << "\n";
//   if (!result.ok()) return;             // AWS would reject the document
//   iameval::Policy policy = *result.policy;
//
// A Policy is immutable and cheap to copy (it shares its compiled form), and it
// no longer needs the JSON text: everything a decision needs is compiled into
// it. It is safe to use from any number of threads at once.

#ifndef IAMEVAL_POLICY_H_
#define IAMEVAL_POLICY_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/finding.h"

namespace iameval {

namespace internal {
struct CompiledPolicy;
}  // namespace internal

// What a document is. The kind decides which elements are required or
// forbidden (spec/grammar.md) and how the decision procedure uses it
// (spec/decision.md).
enum class PolicyKind : uint8_t {
  kIdentity,             // managed or inline policy of a user, group or role
  kResource,             // resource-based policy: bucket, queue, topic, ...
  kRoleTrust,            // a role's trust policy (its resource-based policy)
  kKmsKey,               // a KMS key policy (its resource-based policy)
  kPermissionsBoundary,  // the boundary set on a user or role
  kSession,              // a policy passed when a session was created
  kServiceControl,       // an AWS Organizations SCP
  kResourceControl,      // an AWS Organizations RCP
  kVpcEndpoint,          // the policy of an interface VPC endpoint (PrivateLink)
  kGatewayVpcEndpoint,   // the policy of a gateway VPC endpoint (S3, DynamoDB):
                         // its Principal may only be `*` (spec/decision.md §4.3)
};

// The names used in JSON, on the command line and in explanations:
// "identity", "resource", "roleTrust", "kmsKey", "permissionsBoundary",
// "session", "scp", "rcp", "vpcEndpoint", "gatewayVpcEndpoint".
std::string_view PolicyKindName(PolicyKind kind);

// Parses a name produced by PolicyKindName, ignoring ASCII case (`RoleTrust`,
// `SCP`) and hyphens (`vpc-endpoint`, `role-trust`), as every binding and the
// CLI do. Returns false for anything else.
bool ParsePolicyKindName(std::string_view name, PolicyKind* kind);

// True for the kinds that sit in a policy set's resource-policy slot.
bool IsResourcePolicyKind(PolicyKind kind);

// True for the two kinds of a VPC endpoint's policy (interface and gateway),
// which sit in a policy set's VPC-endpoint slot.
bool IsVpcEndpointPolicyKind(PolicyKind kind);

// Bounds on what a document may contain. They protect the process from
// hostile input (memory, time) and mirror AWS's documented quotas. Every limit
// breach is reported as a finding with its location, never as a crash.
struct Limits {
  // Hard bound on the raw text, checked before parsing. Default 1 MiB.
  size_t max_document_bytes = 1u << 20;
  // Deepest nesting of JSON arrays and objects. Real policies need 5.
  uint32_t max_nesting_depth = 32;
  // Statements in one document.
  uint32_t max_statements = 5000;
  // Length in bytes of one Action, Resource or condition pattern.
  uint32_t max_pattern_length = 2048;
  // `*` wildcards in one pattern.
  uint32_t max_wildcards_per_pattern = 64;
  // Values under one condition key.
  uint32_t max_condition_values = 1000;
  // Findings reported for one document; past it a single
  // `too-many-findings` error ends the list.
  uint32_t max_findings = 1000;
  // A document over AWS's per-kind size quota (10,240 characters for an
  // identity policy, 20 KB for a bucket policy, ...; spec/grammar.md) is
  // always reported as `policy-too-large`. The quota bounds what a customer
  // may *store*, not what AWS enforces: AWS's own managed policies exceed it
  // (ReadOnlyAccess) and are decided as published. So by default the finding
  // is a warning and the document is used (decisions.md §10); true makes it
  // an error, for gating customer policies in CI before AWS refuses them.
  bool enforce_aws_size_quotas = false;
};

struct ParseResult;

class Policy {
 public:
  // Parses, validates and compiles `json_text` as a policy of `kind`.
  // Never throws; never crashes on any input.
  static ParseResult Parse(std::string_view json_text, PolicyKind kind,
                           const Limits& limits = Limits());

  PolicyKind kind() const;
  // The document's `Id`, or empty.
  const std::string& id() const;
  // "2012-10-17", "2008-10-17", or empty when the document has no Version.
  std::string_view version() const;
  size_t statement_count() const;

  // The compiled form, for the engine's own use.
  const internal::CompiledPolicy& compiled() const { return *impl_; }

 private:
  explicit Policy(std::shared_ptr<const internal::CompiledPolicy> impl) : impl_(std::move(impl)) {}
  friend struct internal::CompiledPolicy;
  std::shared_ptr<const internal::CompiledPolicy> impl_;
};

// What Policy::Parse returns: the policy when the document is valid, and every
// finding (errors and warnings) in document order. A document with warnings
// only is valid.
struct ParseResult {
  std::optional<Policy> policy;
  std::vector<Finding> findings;
  bool ok() const { return policy.has_value(); }
};

// Validates without keeping the result: every finding, errors and warnings,
// in document order. Empty means the document is clean.
std::vector<Finding> Check(std::string_view json_text, PolicyKind kind,
                           const Limits& limits = Limits());

}  // namespace iameval

#endif  // IAMEVAL_POLICY_H_
