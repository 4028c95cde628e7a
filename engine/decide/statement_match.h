// File: engine/decide/statement_match.h
//
// Whether one compiled statement applies to a request: action, resource,
// principal (resource-based policies), then conditions, cheapest test first.

#ifndef IAMEVAL_ENGINE_STATEMENT_MATCH_H_
#define IAMEVAL_ENGINE_STATEMENT_MATCH_H_

#include <string_view>

#include "condition/eval_context.h"
#include "condition/variables.h"
#include "match/principal.h"
#include "policy/compiled_policy.h"

namespace iameval::internal {

// What a decision knows about the request while it walks the statements.
struct RequestFacts {
  std::string_view action_lower;  // the action, ASCII-lowercased
  std::string_view resource;
  const EvalContext* context = nullptr;
  RenderBuffer* scratch = nullptr;  // for Resource patterns with variables
  // The caller is an IAM principal with a permissions boundary: a Deny with
  // NotPrincipal then applies whatever NotPrincipal lists (spec/matching.md
  // §3.3, from the IAM User Guide's NotPrincipal page).
  bool not_principal_deny_always = false;
};

// How a statement applies: not at all, or (for resource-based policies) by
// which grant class its principal names the caller. Identity-side statements
// that apply report kDirect. `action_known`: the caller (the action index)
// has already established that the statement's Action names the action.
GrantClass StatementApplies(const CompiledStatement& statement, PolicyKind kind,
                            const RequestFacts& facts, bool action_known = false);

// StatementApplies without the Condition element: how the statement's
// action, resource and principal name the request (kNone: they do not).
// For explanations, which ask which condition failed.
GrantClass StatementMatchesBesidesCondition(const CompiledStatement& statement, PolicyKind kind,
                                            const RequestFacts& facts, bool action_known = false);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_STATEMENT_MATCH_H_
