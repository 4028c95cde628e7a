// File: engine/decide/policy_walk.h
//
// The one pass over every policy in force: each candidate statement (those
// the action index cannot rule out) is matched at most once, and what it said
// is tallied per policy kind, SCP and RCP levels folded into one tally each.
// The tallies are all the decision rules (decision_rules.h) read.
//
//   Tallies tallies;
//   WalkPolicies(set, facts, match, /*verdicts=*/nullptr, &tallies);
//   if (tallies.Denied()) ...

#ifndef IAMEVAL_ENGINE_POLICY_WALK_H_
#define IAMEVAL_ENGINE_POLICY_WALK_H_

#include <cstdint>
#include <vector>

#include "decide/compiled_policy_set.h"
#include "decide/request_facts.h"
#include "decide/statement_match.h"
#include "iameval/decision.h"

namespace iameval::internal {

// The tallies, by what they tally; also an explanation's buckets of hits.
enum Bucket : uint8_t {
  kIdentityBucket,
  kResourceBucket,
  kBoundaryBucket,
  kSessionBucket,
  kScpBucket,
  kRcpBucket,
  kVpcEndpointBucket,
  kBucketCount,
};

// A statement that applied, kept only when explaining.
struct Hit {
  StatementRef ref;
  GrantClass grant = GrantClass::kNone;
};

// What the statements of one policy kind (or one organization level) said.
struct Tally {
  bool in_force = false;  // at least one policy of the kind applies to this request
  bool allowed = false;
  bool denied = false;
  GrantClass best_grant = GrantClass::kNone;  // strongest Allow (resource policies)
  std::vector<Hit>* hits = nullptr;           // non-null only when explaining

  KindVerdict::Verdict verdict() const {
    if (!in_force) return KindVerdict::Verdict::kNotApplicable;
    if (denied) return KindVerdict::Verdict::kDenied;
    if (allowed) return KindVerdict::Verdict::kAllowed;
    return KindVerdict::Verdict::kNoMatch;
  }
};

// Everything the decision reads, gathered in one pass.
struct Tallies {
  Tally by_bucket[kBucketCount];
  // SCPs: every level must allow; the first that does not is reported.
  bool scp_in_force = false;
  bool scp_every_level_allows = true;
  int scp_first_silent_level = -1;
  // A VPC endpoint's policy is in force and no Allow of it applies.
  bool vpc_endpoint_silent = false;

  Tally& operator[](Bucket bucket) { return by_bucket[bucket]; }
  const Tally& operator[](Bucket bucket) const { return by_bucket[bucket]; }
  bool Denied() const {
    bool denied = false;
    for (const Tally& tally : by_bucket) denied |= tally.denied;
    return denied;
  }
};

// Walks every group of `set` that is in force for `facts` into `tallies`.
// Every policy given is walked, even where AWS could not attach it (identity
// policies for the root user or a service): its Denies still count, so a
// mistake in the inputs can only ever deny (decisions.md §38). Without hits
// to collect (no explanation) the walk stops at the first Deny that applies.
// `verdicts`, when not null, receives each kind's (and level's) verdict.
// Not noexcept: matching may allocate (a long variable), and a failed
// allocation must reach Authorize's catch.
void WalkPolicies(const CompiledPolicySet& set, const DecisionFacts& facts,
                  const RequestFacts& match, std::vector<KindVerdict>* verdicts, Tallies* tallies);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_POLICY_WALK_H_
