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

// A statement that applied, kept only when explaining. It points at the
// compiled statement and policy rather than copying their Sid and Id: only
// the statements an explanation reports become StatementRefs (Ref()).
struct Hit {
  const CompiledPolicy* policy = nullptr;
  const CompiledStatement* statement = nullptr;
  int policy_index = 0;  // position in its group
  int level = -1;        // organization level for SCPs and RCPs, else -1
  GrantClass grant = GrantClass::kNone;
  Bucket bucket = kBucketCount;  // the tally it counts in

  Effect effect() const { return statement->effect; }
  PolicyKind kind() const { return policy->kind; }
  int statement_index() const { return static_cast<int>(statement->index); }
  // Whether both name the same statement of the same policy in force.
  bool Same(const Hit& other) const {
    return policy == other.policy && statement == other.statement && level == other.level &&
           policy_index == other.policy_index;
  }
  StatementRef Ref() const {
    StatementRef ref;
    ref.kind = policy->kind;
    ref.policy_index = policy_index;
    ref.level = level;
    ref.policy_id = policy->id;
    ref.statement_index = statement_index();
    ref.sid = statement->sid;
    ref.effect = statement->effect;
    ref.line = statement->line;
    ref.column = statement->column;
    return ref;
  }
};

// A statement whose action, resource and principal match the request and
// that has a Condition, with what each entry of its condition said: what an
// explanation's conditions part reads (condition_explain.h). Collected by an
// explaining walk, which visits every candidate.
struct Traced {
  Bucket bucket = kIdentityBucket;
  Hit hit;  // the statement, and its grant were it to apply
  bool applies = false;
  std::vector<EntryOutcome> entries;
};

// What the statements of one policy kind (or one organization level) said.
struct Tally {
  bool in_force = false;  // at least one policy of the kind applies to this request
  bool allowed = false;
  bool denied = false;
  GrantClass best_grant = GrantClass::kNone;  // strongest Allow (resource policies)
  // Non-null only when explaining; every tally of a decision may share one
  // vector (each Hit says its bucket).
  std::vector<Hit>* hits = nullptr;
  // When explaining, where the statements that match besides their
  // condition go (null for the VPC endpoint's, which no explanation traces),
  // and the bucket they are reported under.
  std::vector<Traced>* traced = nullptr;
  Bucket bucket = kBucketCount;

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

// What statements are matched against while walking `set` for the request
// of `facts`: Authorize walks with it, and so does analysis's Judge
// (analysis/judge.cc), so that the two read a request alike. `context` and
// `scratch` must outlive the result.
inline RequestFacts MatchFacts(const CompiledPolicySet& set, const DecisionFacts& facts,
                               const EvalContext& context, RenderBuffer* scratch) {
  RequestFacts match;
  match.action_lower = facts.action_lower;
  match.resource = facts.request->resource;
  match.context = &context;
  match.scratch = scratch;
  match.not_principal_deny_always = facts.has_identity && !set.boundary.empty();
  return match;
}

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
