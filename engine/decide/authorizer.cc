// File: engine/decide/authorizer.cc
//
// Authorize: the request's facts, the walk into tallies, the conclusion, and
// when asked for, the explanation built from the statements the walk kept.

#include "decide/authorizer.h"

#include <algorithm>
#include <new>
#include <string>
#include <tuple>

#include "base/message_text.h"
#include "condition/eval_context.h"
#include "condition/variables.h"
#include "decide/condition_explain.h"
#include "decide/decision_rules.h"
#include "decide/policy_walk.h"
#include "decide/request_facts.h"
#include "decide/statement_match.h"

namespace iameval::internal {
namespace {

// The statements that determined `conclusion`, in the order people read
// them: by kind, level, policy and statement.
void AddDetermining(const Conclusion& conclusion, const std::vector<Hit>& hits,
                    std::vector<StatementRef>* determining) {
  const bool denies = conclusion.decision == Decision::kExplicitDeny;
  const Effect effect = denies ? Effect::kDeny : Effect::kAllow;
  for (const Hit& hit : hits) {
    const size_t bucket = hit.bucket;
    if (bucket >= kBucketCount) continue;
    if (!denies && (conclusion.allow_buckets & (1u << bucket)) == 0) continue;
    const GrantClass only_grant =
        !denies && bucket == kResourceBucket ? conclusion.resource_grant : GrantClass::kNone;
    if (hit.effect() != effect) continue;
    if (only_grant != GrantClass::kNone && hit.grant != only_grant) continue;
    determining->push_back(hit.Ref());
  }
  // The index visits candidates in no document order. The key is unique, so
  // std::sort suffices (stable_sort would take a temporary buffer whose
  // allocation may fail silently).
  std::sort(determining->begin(), determining->end(),
            [](const StatementRef& a, const StatementRef& b) {
              return std::tie(a.kind, a.level, a.policy_index, a.statement_index) <
                     std::tie(b.kind, b.level, b.policy_index, b.statement_index);
            });
}

// Says that a condition read aws:PrincipalArn of a role session, derived
// without the role's path (spec/context.md).
std::string PathlessRoleArnNote(const DecisionFacts& facts) {
  const Caller& caller = facts.caller;
  const std::string derived = "arn:" + std::string(caller.partition) +
                              ":iam::" + std::string(caller.account) + ":role/" +
                              std::string(caller.name);
  return "a condition read `aws:PrincipalArn`, derived from the session ARN as " + Quote(derived) +
         " without the role's path, which a session ARN does not carry: if the role has a path "
         "(IAM Identity Center roles live under `role/aws-reserved/sso.amazonaws.com/`), give "
         "`principalRoleArn`, or the answer may differ from AWS's";
}

// Says why a Deny that applied named the caller only through an identity the
// request does not state (decisions.md §49): iameval applied it, unsure, and
// the person asking should know what would make the answer exact.
void AddUnstatedIdentityNotes(const std::vector<Hit>& hits, const DecisionFacts& facts,
                              const RequestFacts& match, Explanation* explanation) {
  const Caller& caller = facts.caller;
  const bool unstated_caller =
      caller.kind == CallerKind::kFederatedUser || caller.kind == CallerKind::kRole;
  for (const Hit& hit : hits) {
    if (hit.effect() != Effect::kDeny) continue;
    const CompiledStatement& statement = *hit.statement;
    using Mode = CompiledStatement::PrincipalMode;
    if (statement.principal_mode == Mode::kList &&
        MatchPrincipals(statement.principals, caller) == GrantClass::kNone) {
      explanation->notes.push_back(
          StatementName(hit.Ref()) +
          " denies the caller through an identity the request does not state: its `Principal` "
          "names a canonical user id (some account's, maybe the caller's), an IAM user of the "
          "caller's account (a federated user's session is some IAM user's) or a session of "
          "the caller's role (a role given as the caller stands for one of its sessions), or "
          "the caller's user or role name in another letter case (IAM names are not "
          "distinguished by case); "
          "unsure, iameval applies a Deny (decisions.md §49): name the account by its id, or "
          "give the session's own ARN as the principal, for an exact answer");
    } else if (statement.principal_mode == Mode::kNotList && unstated_caller &&
               !match.not_principal_deny_always) {
      explanation->notes.push_back(
          StatementName(hit.Ref()) +
          " denies the caller whatever its `NotPrincipal` lists: AWS may also check an "
          "identity the request does not state (the IAM user behind a federated user's "
          "session, the session of a role given as the caller), so iameval spares neither "
          "(decisions.md §49)");
    }
  }
}

// The explaining half of a decision, out of line: a decision without an
// explanation pays only for the test of `explanation`.
void Explain(const CompiledPolicySet& set, const Conclusion& conclusion, const DecisionFacts& facts,
             const RequestFacts& match, const std::vector<Traced>& traced,
             const std::vector<Hit>& hits, Explanation* explanation) {
  AddDetermining(conclusion, hits, &explanation->determining);
  explanation->decision = conclusion.decision;
  explanation->reason = ReasonText(conclusion, facts);
  explanation->reason_code = ReasonCode(conclusion.reason);
  ExplainConditions(set, facts, traced, hits, conclusion, explanation);
  if (match.context->derived_pathless_role_arn()) {
    explanation->notes.push_back(PathlessRoleArnNote(facts));
  }
  if (conclusion.decision == Decision::kExplicitDeny) {
    AddUnstatedIdentityNotes(hits, facts, match, explanation);
  }
}

// The answer when deciding could not finish. Must not throw: it runs inside
// Authorize's catch, where an exception would terminate the process. Whatever
// a half-built explanation held is dropped so it cannot be mistaken for the
// reasons of this deny.
Answer Fail(Explanation* explanation, DecideError code, const char* error) noexcept {
  if (explanation != nullptr) {
    explanation->decision = Decision::kImplicitDeny;
    explanation->determining.clear();
    explanation->verdicts.clear();
    explanation->reason.clear();
    explanation->notes.clear();
    explanation->missing_keys.clear();
    explanation->failed_conditions.clear();
    explanation->reason_code = DecideErrorName(code);
    try {
      explanation->reason = error;
    } catch (...) {
      // Out of memory again: the Answer below still carries the error.
    }
  }
  Answer answer;
  answer.decision = Decision::kImplicitDeny;
  answer.error = error;
  answer.error_code = code;
  return answer;
}

Answer AuthorizeOrThrow(const CompiledPolicySet& set, const Request& request,
                        Explanation* explanation) {
  if (explanation != nullptr) explanation->Clear();

  DecisionFacts facts;
  const FactsError invalid = ReadDecisionFacts(request, &facts);
  if (invalid.code != DecideError::kNone) return Fail(explanation, invalid.code, invalid.message);
  const FactsError refused = SetRefusal(set, request);
  if (refused.code != DecideError::kNone) return Fail(explanation, refused.code, refused.message);

  EvalContext context(request, facts.caller, facts.resource_account);
  RenderBuffer scratch;
  const RequestFacts match = MatchFacts(set, facts, context, &scratch);

  Tallies tallies;
  if (explanation == nullptr) {
    WalkPolicies(set, facts, match, nullptr, &tallies);
    Answer answer;
    answer.decision = Conclude(tallies, facts).decision;
    return answer;
  }
  std::vector<Hit> hits;  // of every tally, in walk order
  hits.reserve(16);
  std::vector<Traced> traced;
  traced.reserve(8);  // one allocation for what a typical set traces
  for (size_t bucket = 0; bucket < kBucketCount; ++bucket) {
    Tally& tally = tallies.by_bucket[bucket];
    tally.hits = &hits;
    tally.bucket = static_cast<Bucket>(bucket);
    // The endpoint's conditions are not part of the conditions' explanation.
    if (bucket != kVpcEndpointBucket) tally.traced = &traced;
  }
  WalkPolicies(set, facts, match, &explanation->verdicts, &tallies);
  const Conclusion conclusion = Conclude(tallies, facts);
  Explain(set, conclusion, facts, match, traced, hits, explanation);
  Answer answer;
  answer.decision = conclusion.decision;
  return answer;
}

}  // namespace

FactsError SetRefusal(const CompiledPolicySet& set, const Request& request) noexcept {
  // An endpoint policy says the request came through that endpoint, and AWS
  // sets `aws:SourceVpce` on every such request: a request without it
  // contradicts its policy set, and deciding it anyway would leave every
  // condition on the endpoint reading an absent key (spec/decision.md §4.3).
  if (set.has_vpc_endpoint && request.context.Find("aws:SourceVpce") == nullptr) {
    return {DecideError::kInvalidRequest,
            "the request has a vpc endpoint policy but its context has no "
            "`aws:SourceVpce`: say which endpoint it came through (aws sets the key on "
            "every request through an endpoint), or leave the endpoint policy out"};
  }
  return {};
}

Answer Authorize(const CompiledPolicySet& set, const Request& request,
                 Explanation* explanation) noexcept {
  try {
    return AuthorizeOrThrow(set, request, explanation);
  } catch (const std::bad_alloc&) {
    return Fail(explanation, DecideError::kInternal,
                "internal error: out of memory while deciding");
  } catch (...) {
    return Fail(explanation, DecideError::kInternal, "internal error while deciding");
  }
}

}  // namespace iameval::internal
