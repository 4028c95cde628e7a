// File: engine/analysis/judge.cc

#include "analysis/judge.h"

#include <new>

#include "condition/eval_context.h"
#include "condition/variables.h"
#include "decide/authorizer.h"
#include "decide/compiled_policy_set.h"
#include "decide/request_facts.h"
#include "decide/statement_match.h"

namespace iameval::internal {

Bucket BucketOf(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
      return kIdentityBucket;
    case PolicyKind::kResource:
    case PolicyKind::kRoleTrust:
    case PolicyKind::kKmsKey:
      return kResourceBucket;
    case PolicyKind::kPermissionsBoundary:
      return kBoundaryBucket;
    case PolicyKind::kSession:
      return kSessionBucket;
    case PolicyKind::kServiceControl:
      return kScpBucket;
    case PolicyKind::kResourceControl:
      return kRcpBucket;
    case PolicyKind::kVpcEndpoint:
    case PolicyKind::kGatewayVpcEndpoint:
      return kVpcEndpointBucket;
  }
  return kIdentityBucket;
}

Judge Judge::ForSet(const PolicySet& set) {
  Judge j;
  j.set_ = &set;
  return j;
}

Judge Judge::ForPolicy(const PolicySet& set, PolicyKind kind) {
  Judge j;
  j.set_ = &set;
  j.single_ = true;
  j.bucket_ = BucketOf(kind);
  return j;
}

namespace {

// Walks the set for `request`; false when the engine would refuse the
// request (it is then granted by nothing, as Authorize grants it nothing).
bool Walk(const CompiledPolicySet& set, const Request& request, std::vector<Hit>* hits,
          Bucket bucket, Tallies* tallies) {
  DecisionFacts facts;
  if (ReadDecisionFacts(request, &facts).code != DecideError::kNone) return false;
  if (SetRefusal(set, request).code != DecideError::kNone) return false;
  EvalContext context(request, facts.caller, facts.resource_account);
  RenderBuffer scratch;
  const RequestFacts match = MatchFacts(set, facts, context, &scratch);
  if (hits != nullptr) tallies->by_bucket[bucket].hits = hits;
  WalkPolicies(set, facts, match, nullptr, tallies);
  return true;
}

}  // namespace

const char* Judge::Refusal(const CompiledPolicySet& set, const Request& request) {
  DecisionFacts facts;
  FactsError error = ReadDecisionFacts(request, &facts);
  if (error.code == DecideError::kNone) error = SetRefusal(set, request);
  return error.code == DecideError::kNone ? nullptr
         : error.message != nullptr       ? error.message
                                          : "invalid request";
}

bool Judge::Granted(const Request& request, Decision* decision) const {
  if (!single_) {
    const Answer answer = set_->Decide(request);
    if (decision != nullptr) *decision = answer.decision;
    return answer.allowed();
  }
  Tallies tallies;
  bool ok = false;
  try {
    ok = Walk(set_->compiled(), request, nullptr, bucket_, &tallies);
  } catch (...) {
    ok = false;  // fails closed: granted by nothing
  }
  const Tally& tally = tallies[bucket_];
  // SCP levels fold into one tally that keeps "every level allows" apart; an
  // RCP only denies (its one Allow is `*`). Where either is not in force
  // (the management account, a service RCPs do not cover) it leaves
  // everything, on both sides of a comparison alike.
  bool granted = false;
  if (!ok) {
    granted = false;
  } else if (bucket_ == kScpBucket) {
    granted = !tally.in_force || (tallies.scp_every_level_allows && !tally.denied);
  } else if (bucket_ == kRcpBucket) {
    granted = !tally.denied;
  } else {
    granted = tally.in_force && tally.allowed && !tally.denied;
  }
  if (decision != nullptr) {
    *decision = granted ? Decision::kAllowed
                        : (ok && tally.denied ? Decision::kExplicitDeny : Decision::kImplicitDeny);
  }
  return granted;
}

std::vector<StatementRef> Judge::GrantedBy(const Request& request) const {
  std::vector<StatementRef> out;
  try {
    if (!single_) {
      Explanation why;
      if (set_->Decide(request, &why).allowed()) out = why.determining;
      return out;
    }
    std::vector<Hit> hits;
    Tallies tallies;
    if (!Walk(set_->compiled(), request, &hits, bucket_, &tallies)) return out;
    for (const Hit& hit : hits) {
      if (hit.effect() == Effect::kAllow) out.push_back(hit.Ref());
    }
  } catch (...) {
    out.clear();
  }
  return out;
}

}  // namespace iameval::internal
