// File: engine/decide/authorizer.h
//
// AWS's decision procedure over a compiled policy set (spec/decision.md), in
// three steps: read the request's facts once (request_facts.h), walk every
// policy in force into tallies (policy_walk.h), and read the decision off the
// tallies (decision_rules.h). Explaining collects the statements that
// applied on the way; without an explanation nothing allocates.

#ifndef IAMEVAL_ENGINE_AUTHORIZER_H_
#define IAMEVAL_ENGINE_AUTHORIZER_H_

#include "decide/compiled_policy_set.h"
#include "decide/request_facts.h"
#include "iameval/decision.h"
#include "iameval/request.h"

namespace iameval::internal {

// The decision for `request`. Fills `explanation` when it is not null.
// Never throws: an invalid request or an internal failure yields
// kImplicitDeny with `error` and `error_code` set.
Answer Authorize(const CompiledPolicySet& set, const Request& request,
                 Explanation* explanation) noexcept;

// Why `set` refuses `request` though the request itself reads (its code is
// kNone when it does not): a set holding a vpc endpoint policy decides only a
// request that names the endpoint it came through, `aws:SourceVpce`
// (spec/decision.md §4.3). Authorize refuses these; the access analysis asks
// it too, so it never judges a request no decision would.
FactsError SetRefusal(const CompiledPolicySet& set, const Request& request) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_AUTHORIZER_H_
