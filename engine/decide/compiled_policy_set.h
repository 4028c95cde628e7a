// File: engine/decide/compiled_policy_set.h
//
// The compiled form of a policy set: the compiled policies (policy phase)
// filed by the role they play in a decision, each group with the action index
// that finds its candidate statements. Built once by PolicySet::Builder,
// immutable afterwards, shared by every decision on the set.

#ifndef IAMEVAL_ENGINE_COMPILED_POLICY_SET_H_
#define IAMEVAL_ENGINE_COMPILED_POLICY_SET_H_

#include <vector>

#include "decide/action_index.h"
#include "iameval/policy.h"
#include "policy/compiled_policy.h"

namespace iameval::internal {

// Policies that play one role together (the identity policies, one SCP
// level, ...), with the index that finds their candidate statements.
struct PolicyGroup {
  std::vector<Policy> policies;
  ActionIndex index;
  // The kind every policy of the group has (a group never mixes kinds), set
  // by Seal.
  PolicyKind kind = PolicyKind::kIdentity;

  bool empty() const { return policies.empty(); }
  // Builds the index; call once all policies are in.
  void Seal();
};

struct CompiledPolicySet {
  PolicyGroup identity;
  PolicyGroup resource;  // zero or one policy
  PolicyGroup boundary;  // zero or one policy
  PolicyGroup sessions;
  std::vector<PolicyGroup> scps;  // one group per organization level
  std::vector<PolicyGroup> rcps;
  // The policy of the VPC endpoint the request came through: zero or one
  // (kVpcEndpoint or kGatewayVpcEndpoint). None: no endpoint, or one with
  // AWS's default full-access policy.
  PolicyGroup vpc_endpoint;
  // !vpc_endpoint.empty(), as one byte: the hot path tests it twice.
  bool has_vpc_endpoint = false;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_COMPILED_POLICY_SET_H_
