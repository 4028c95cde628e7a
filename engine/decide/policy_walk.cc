// File: engine/decide/policy_walk.cc

#include "decide/policy_walk.h"

#include <algorithm>
#include <utility>

#include "decide/rcp_services.h"
#include "decide/vpce_policy_services.h"

namespace iameval::internal {
namespace {

// The hit of `statement` (in `group`), for an explanation.
Hit MakeHit(const PolicyGroup& group, const ActionIndex::Ref& ref, int level, GrantClass grant) {
  Hit hit;
  hit.policy = &group.policies[ref.policy].compiled();
  hit.statement = ref.target;
  hit.policy_index = static_cast<int>(ref.policy);
  hit.level = level;
  hit.grant = grant;
  return hit;
}

// StatementApplies when explaining: a statement with a Condition that
// matches besides it is traced entry by entry (what ExplainConditions reads),
// and applies when every entry holds, as Evaluate would have said.
[[gnu::noinline]] GrantClass TraceStatement(const PolicyGroup& group, const ActionIndex::Ref& ref,
                                            int level, const RequestFacts& facts, bool action_known,
                                            Tally* tally) {
  const CompiledStatement& statement = *ref.target;
  if (tally->traced == nullptr || statement.condition.empty()) {
    return StatementApplies(statement, group.kind, facts, action_known);
  }
  const GrantClass grant =
      StatementMatchesBesidesCondition(statement, group.kind, facts, action_known);
  if (grant == GrantClass::kNone) return grant;
  Traced traced;
  traced.bucket = tally->bucket;
  traced.hit = MakeHit(group, ref, level, grant);
  traced.entries = statement.condition.Trace(*facts.context, statement.effect);
  traced.applies = std::all_of(traced.entries.begin(), traced.entries.end(),
                               [](const EntryOutcome& e) { return e.holds; });
  const bool applies = traced.applies;
  tally->traced->push_back(std::move(traced));
  return applies ? grant : GrantClass::kNone;
}

// Matches the candidate statements of `group` and tallies what they say.
// Without an explanation, statements that cannot change the answer are not
// matched: an Allow once the group already allows as strongly as it can, and
// everything once a Deny applies (an explicit deny is final, decisions.md).
// Returns false when a Deny stopped the walk, so the caller can skip the
// remaining groups too. Two instances: the explaining one out of line, so
// that a decision without an explanation runs the plain loop.
template <bool kExplaining>
bool WalkCandidates(const PolicyGroup& group, int level, const ActionIndex::Key& key,
                    const RequestFacts& facts, Tally* tally) {
  return group.index.ForEachCandidate(key, [&](const ActionIndex::Ref& ref, bool action_known) {
    const CompiledStatement& statement = *ref.target;
    // kDirect is the strongest grant, and every Allow outside resource-based
    // policies grants it: once reached, no Allow of the group adds anything.
    if (!kExplaining && statement.effect == Effect::kAllow &&
        tally->best_grant == GrantClass::kDirect) {
      return true;
    }
    const GrantClass grant = kExplaining
                                 ? TraceStatement(group, ref, level, facts, action_known, tally)
                                 : StatementApplies(statement, group.kind, facts, action_known);
    if (grant == GrantClass::kNone) return true;
    if (statement.effect == Effect::kDeny) {
      tally->denied = true;
    } else {
      tally->allowed = true;
      if (grant > tally->best_grant) tally->best_grant = grant;
    }
    if (!kExplaining) return !tally->denied;
    Hit hit = MakeHit(group, ref, level, grant);
    hit.bucket = tally->bucket;
    tally->hits->push_back(hit);
    return true;
  });
}

[[gnu::noinline]] bool WalkExplaining(const PolicyGroup& group, int level,
                                      const ActionIndex::Key& key, const RequestFacts& facts,
                                      Tally* tally) {
  const size_t traced_before = tally->traced != nullptr ? tally->traced->size() : 0;
  const bool go_on = WalkCandidates<true>(group, level, key, facts, tally);
  if (tally->traced != nullptr) {
    // The index visits candidates in no document order; explanations list
    // what they found by policy and statement.
    std::sort(tally->traced->begin() + static_cast<std::ptrdiff_t>(traced_before),
              tally->traced->end(), [](const Traced& a, const Traced& b) {
                return std::make_pair(a.hit.policy_index, a.hit.statement_index()) <
                       std::make_pair(b.hit.policy_index, b.hit.statement_index());
              });
  }
  return go_on;
}

bool WalkGroup(const PolicyGroup& group, int level, const ActionIndex::Key& key,
               const RequestFacts& facts, Tally* tally) {
  if (group.empty()) return true;
  tally->in_force = true;
  if (tally->hits != nullptr) return WalkExplaining(group, level, key, facts, tally);
  return WalkCandidates<false>(group, level, key, facts, tally);
}

// The policy of the VPC endpoint the request came through applies to every
// caller, for the services that support endpoint policies
// (vpce_policy_services.h; spec/decision.md §4.3). Returns false when a Deny
// stopped the walk.
[[gnu::noinline]] bool WalkEndpoint(const PolicyGroup& group, const DecisionFacts& facts,
                                    const ActionIndex::Key& key, const RequestFacts& match,
                                    Tallies* tallies) {
  if (!VpcEndpointPolicySupportsService(facts.action_lower.substr(0, facts.action_colon))) {
    return true;
  }
  Tally& tally = (*tallies)[kVpcEndpointBucket];
  const bool go_on = WalkGroup(group, -1, key, match, &tally);
  // Whole unless a Deny stopped it, which decides anyway.
  tallies->vpc_endpoint_silent = !tally.allowed;
  return go_on;
}

void AddVerdict(std::vector<KindVerdict>* verdicts, PolicyKind kind, int level,
                KindVerdict::Verdict verdict) {
  if (verdicts == nullptr) return;
  KindVerdict entry;
  entry.kind = kind;
  entry.level = level;
  entry.verdict = verdict;
  verdicts->push_back(entry);
}

}  // namespace

void WalkPolicies(const CompiledPolicySet& set, const DecisionFacts& facts,
                  const RequestFacts& match, std::vector<KindVerdict>* verdicts, Tallies* tallies) {
  Tallies& t = *tallies;
  const ActionIndex::Key key(facts.action_lower, facts.action_colon, match.resource);

  // The endpoint the request came through: walked first, so that its tally
  // is whole whatever Deny stops the walk (even an action that needs no
  // permission must pass it, decisions.md §48). Out of line: a set without
  // one pays for one test.
  bool go_on = !set.has_vpc_endpoint || WalkEndpoint(set.vpc_endpoint, facts, key, match, &t);
  go_on = go_on && WalkGroup(set.identity, -1, key, match, &t[kIdentityBucket]);
  go_on = go_on && WalkGroup(set.resource, -1, key, match, &t[kResourceBucket]);
  go_on = go_on && WalkGroup(set.boundary, -1, key, match, &t[kBoundaryBucket]);
  go_on = go_on && WalkGroup(set.sessions, -1, key, match, &t[kSessionBucket]);
  AddVerdict(verdicts, PolicyKind::kIdentity, -1, t[kIdentityBucket].verdict());
  AddVerdict(verdicts,
             set.resource.empty() ? PolicyKind::kResource : set.resource.policies.front().kind(),
             -1, t[kResourceBucket].verdict());
  AddVerdict(verdicts, PolicyKind::kPermissionsBoundary, -1, t[kBoundaryBucket].verdict());
  AddVerdict(verdicts, PolicyKind::kSession, -1, t[kSessionBucket].verdict());

  if (facts.scp_applies) {
    Tally& scps = t[kScpBucket];
    for (size_t level = 0; go_on && level < set.scps.size(); ++level) {
      Tally level_tally;
      level_tally.hits = scps.hits;
      level_tally.traced = scps.traced;
      level_tally.bucket = scps.bucket;
      level_tally.in_force = true;
      go_on = WalkGroup(set.scps[level], static_cast<int>(level), key, match, &level_tally);
      t.scp_in_force = true;
      scps.in_force = true;
      scps.denied |= level_tally.denied;
      if (!level_tally.allowed && t.scp_every_level_allows) {
        t.scp_every_level_allows = false;
        t.scp_first_silent_level = static_cast<int>(level);
      }
      AddVerdict(verdicts, PolicyKind::kServiceControl, static_cast<int>(level),
                 level_tally.verdict());
    }
  }
  // RCPs apply only to the services AWS lists (rcp_services.h).
  if (facts.rcp_applies && !set.rcps.empty() &&
      RcpSupportsService(facts.action_lower.substr(0, facts.action_colon))) {
    Tally& rcps = t[kRcpBucket];
    for (size_t level = 0; go_on && level < set.rcps.size(); ++level) {
      Tally level_tally;
      level_tally.hits = rcps.hits;
      level_tally.traced = rcps.traced;
      level_tally.bucket = rcps.bucket;
      level_tally.in_force = true;
      go_on = WalkGroup(set.rcps[level], static_cast<int>(level), key, match, &level_tally);
      rcps.in_force = true;
      rcps.denied |= level_tally.denied;
      AddVerdict(verdicts, PolicyKind::kResourceControl, static_cast<int>(level),
                 level_tally.verdict());
    }
  }
  if (verdicts != nullptr && t[kVpcEndpointBucket].in_force) {
    AddVerdict(verdicts, set.vpc_endpoint.kind, -1, t[kVpcEndpointBucket].verdict());
  }
}

}  // namespace iameval::internal
