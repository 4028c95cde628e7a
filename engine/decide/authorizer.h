// File: engine/decide/authorizer.h
//
// AWS's decision procedure over a compiled policy set (spec/decision.md):
// explicit deny anywhere wins; organization guardrails (SCP levels, RCPs);
// then the grant, read from how the resource policy names the caller, the
// identity policies, the permissions boundary and the session policies, with
// the same-account and cross-account rules.

#ifndef IAMEVAL_ENGINE_AUTHORIZER_H_
#define IAMEVAL_ENGINE_AUTHORIZER_H_

#include "decide/compiled_policy_set.h"
#include "iameval/decision.h"
#include "iameval/request.h"

namespace iameval::internal {

// The decision for `request`. Fills `explanation` when it is not null.
// Never throws: an internal failure yields kImplicitDeny with `error` set.
Answer Authorize(const CompiledPolicySet& set, const Request& request,
                 Explanation* explanation) noexcept;

// Whether the target's resource policy must itself allow the request
// (decisions.md §39): trust policies for sts:AssumeRole* and friends on a
// role, key policies for kms: actions on a key, or as the request says.
bool ResourcePolicyRequired(const Request& request) noexcept;

// What the resource policy of `request`'s target is when nobody says:
// kRoleTrust, kKmsKey or kResource (spec/request.md).
PolicyKind InferResourcePolicyKind(const Request& request) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_AUTHORIZER_H_
