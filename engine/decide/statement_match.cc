// File: engine/decide/statement_match.cc

#include "decide/statement_match.h"

namespace iameval::internal {
namespace {

// The helpers below are forced inline: they are shared by StatementApplies
// (the decision's hot path, where GCC inlines them when they have one
// caller) and StatementMatchesBesidesCondition (explanations only); without
// the attribute the second caller makes GCC keep them out of line, which cost
// BM_Decide/typical ~450 instructions per decision (callgrind).
[[gnu::always_inline]] inline bool ActionMatches(const CompiledStatement& statement,
                                                 std::string_view action_lower) noexcept {
  bool listed = false;
  for (const Glob& glob : statement.actions) {
    if (glob.Matches(action_lower)) {
      listed = true;
      break;
    }
  }
  return listed != statement.not_action;
}

// Whether one Resource/NotResource entry matches. An entry whose variable has
// no value matches nothing (spec/variables.md), in Resource and NotResource
// alike; an Allow's NotResource then reads it apart (ResourceMatches).
// Not noexcept: rendering a variable longer than the inline buffer may
// allocate, and a failed allocation must reach Authorize's catch (deny with
// an error), not terminate the process.
[[gnu::always_inline]] inline bool EntryMatches(const ResourceEntry& entry,
                                                const RequestFacts& facts) {
  if (!entry.pattern.has_variables()) return entry.glob.Matches(facts.resource);
  // Most requests differ from the pattern before its first variable: they
  // are turned away without rendering it.
  const std::string_view prefix = entry.pattern.FixedPrefix();
  if (facts.resource.size() < prefix.size() ||
      !BytesEqual(facts.resource.data(), prefix.data(), prefix.size())) {
    return false;
  }
  if (!entry.pattern.Render(*facts.context, /*for_glob=*/true, facts.scratch)) return false;
  return GlobMatch(facts.scratch->view(), facts.resource);
}

[[gnu::always_inline]] inline bool ResourceMatches(const CompiledStatement& statement,
                                                   PolicyKind kind, const RequestFacts& facts) {
  using Mode = CompiledStatement::ResourceMode;
  if (statement.resource_mode == Mode::kAbsent) {
    // A resource-based policy's statement without Resource applies to the
    // resource it is attached to, an SCP's to every resource; KMS accepts
    // such a key-policy statement and ignores it (decisions.md §5).
    return kind != PolicyKind::kKmsKey;
  }
  bool listed = false;
  for (const ResourceEntry& entry : statement.resources) {
    if (EntryMatches(entry, facts)) {
      listed = true;
      break;
    }
  }
  if (statement.resource_mode == Mode::kList) return listed;
  if (listed) return false;
  // A NotResource entry whose variable has no value matches nothing, so it
  // would exclude nothing; but AWS also warns that such a variable may make
  // the whole statement invalid. Of the two readings take the one that never
  // widens access (decisions.md §30): a Deny applies, an Allow does not.
  if (statement.effect == Effect::kAllow) {
    for (const ResourceEntry& entry : statement.resources) {
      if (entry.pattern.has_variables() &&
          !entry.pattern.Render(*facts.context, /*for_glob=*/true, facts.scratch)) {
        return false;
      }
    }
  }
  return true;
}

// How the statement's action, resource and principal name the request,
// before its Condition element is read.
[[gnu::always_inline]] inline GrantClass MatchBesidesCondition(const CompiledStatement& statement,
                                                               PolicyKind kind,
                                                               const RequestFacts& facts,
                                                               bool action_known) {
  if (!action_known && !ActionMatches(statement, facts.action_lower)) return GrantClass::kNone;
  if (!ResourceMatches(statement, kind, facts)) return GrantClass::kNone;

  GrantClass grant = GrantClass::kDirect;
  const Caller& caller = facts.context->caller();
  switch (statement.principal_mode) {
    case CompiledStatement::PrincipalMode::kNone:
      break;
    case CompiledStatement::PrincipalMode::kList:
      grant = MatchPrincipals(statement.principals, caller);
      if (grant == GrantClass::kNone) {
        // A Deny also applies to a caller it may name through an identity
        // the request does not state (decisions.md §49).
        if (statement.effect != Effect::kDeny || !DenyMayNameCaller(statement.principals, caller)) {
          return GrantClass::kNone;
        }
        grant = GrantClass::kDirect;
      }
      break;
    case CompiledStatement::PrincipalMode::kNotList:
      // Everyone not listed is named, and named as directly as `*` names them.
      if (!(facts.not_principal_deny_always && statement.effect == Effect::kDeny) &&
          !NotPrincipalApplies(statement.principals, statement.effect, caller)) {
        return GrantClass::kNone;
      }
      break;
  }
  return grant;
}

}  // namespace

GrantClass StatementMatchesBesidesCondition(const CompiledStatement& statement, PolicyKind kind,
                                            const RequestFacts& facts, bool action_known) {
  return MatchBesidesCondition(statement, kind, facts, action_known);
}

GrantClass StatementApplies(const CompiledStatement& statement, PolicyKind kind,
                            const RequestFacts& facts, bool action_known) {
  const GrantClass grant = MatchBesidesCondition(statement, kind, facts, action_known);
  if (grant == GrantClass::kNone) return GrantClass::kNone;
  if (!statement.condition.empty() &&
      !statement.condition.Evaluate(*facts.context, statement.effect)) {
    return GrantClass::kNone;
  }
  return grant;
}

}  // namespace iameval::internal
