// File: engine/decide/policy_walk.cc

#include "decide/policy_walk.h"

#include "decide/rcp_services.h"
#include "decide/vpce_policy_services.h"

namespace iameval::internal {
namespace {

// Matches the candidate statements of `group` and tallies what they say.
// Without an explanation, statements that cannot change the answer are not
// matched: an Allow once the group already allows as strongly as it can, and
// everything once a Deny applies (an explicit deny is final, decisions.md).
// Returns false when a Deny stopped the walk, so the caller can skip the
// remaining groups too.
bool WalkGroup(const PolicyGroup& group, int level, const ActionIndex::Key& key,
               const RequestFacts& facts, Tally* tally) {
  if (group.empty()) return true;
  tally->in_force = true;
  const bool explaining = tally->hits != nullptr;
  return group.index.ForEachCandidate(key, [&](const ActionIndex::Ref& ref, bool action_known) {
    const CompiledStatement& statement = *ref.target;
    // kDirect is the strongest grant, and every Allow outside resource-based
    // policies grants it: once reached, no Allow of the group adds anything.
    if (!explaining && statement.effect == Effect::kAllow &&
        tally->best_grant == GrantClass::kDirect) {
      return true;
    }
    GrantClass grant = StatementApplies(statement, group.kind, facts, action_known);
    if (grant == GrantClass::kNone) return true;
    if (statement.effect == Effect::kDeny) {
      tally->denied = true;
    } else {
      tally->allowed = true;
      if (grant > tally->best_grant) tally->best_grant = grant;
    }
    if (!explaining) return !tally->denied;
    const CompiledPolicy& compiled = group.policies[ref.policy].compiled();
    Hit hit;
    hit.grant = grant;
    hit.ref.kind = compiled.kind;
    hit.ref.policy_index = static_cast<int>(ref.policy);
    hit.ref.level = level;
    hit.ref.policy_id = compiled.id;
    hit.ref.statement_index = static_cast<int>(statement.index);
    hit.ref.sid = statement.sid;
    hit.ref.effect = statement.effect;
    hit.ref.line = statement.line;
    hit.ref.column = statement.column;
    tally->hits->push_back(std::move(hit));
    return true;
  });
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
