// File: engine/decide/condition_explain.cc
//
// Every statement in force whose action, resource and principal match the
// request and that has a Condition is traced entry by entry, by the
// explaining walk (policy_walk.h), which visits every candidate. A key it
// consulted and the request lacked is a missing key; supplying it could
// change the decision when the statement would then flip (apply, or stop
// applying) and the decision recounted with it flipped differs.

#include "decide/condition_explain.h"

#include <algorithm>
#include <string>
#include <tuple>

#include "base/message_text.h"
#include "decide/always_set_keys.h"
#include "decide/rcp_services.h"

namespace iameval::internal {
namespace {

// The decision had the walk found `added` applying too (in `added_bucket`),
// or `removed` not applying. Recounts the tallies from the walk's hits, as
// WalkPolicies counts them.
class Recount {
 public:
  Recount(const CompiledPolicySet& set, const DecisionFacts& facts, const std::vector<Hit>& hits,
          bool rcps_in_force)
      : set_(set), facts_(facts), hits_(hits) {
    in_force_[kIdentityBucket] = !set.identity.empty();
    in_force_[kResourceBucket] = !set.resource.empty();
    in_force_[kBoundaryBucket] = !set.boundary.empty();
    in_force_[kSessionBucket] = !set.sessions.empty();
    in_force_[kScpBucket] = facts.scp_applies && !set.scps.empty();
    in_force_[kRcpBucket] = rcps_in_force;
  }

  Decision With(const Hit* added, Bucket added_bucket, const Hit* removed) const {
    Tallies t;
    for (size_t b = 0; b < kBucketCount; ++b) t.by_bucket[b].in_force = in_force_[b];
    t.scp_in_force = in_force_[kScpBucket];
    std::vector<bool> level_allows(set_.scps.size(), false);
    auto count = [&](size_t bucket, const Hit& hit) {
      Tally& tally = t.by_bucket[bucket];
      if (hit.effect() == Effect::kDeny) {
        tally.denied = true;
        return;
      }
      tally.allowed = true;
      if (hit.grant > tally.best_grant) tally.best_grant = hit.grant;
      if (bucket == kScpBucket && hit.level >= 0 &&
          static_cast<size_t>(hit.level) < level_allows.size()) {
        level_allows[hit.level] = true;
      }
    };
    for (const Hit& hit : hits_) {
      if (removed != nullptr && hit.Same(*removed)) continue;
      if (hit.bucket < kBucketCount) count(hit.bucket, hit);
    }
    if (added != nullptr) count(added_bucket, *added);
    if (t.scp_in_force) {
      for (size_t level = 0; level < level_allows.size(); ++level) {
        if (!level_allows[level]) {
          t.scp_every_level_allows = false;
          t.scp_first_silent_level = static_cast<int>(level);
          break;
        }
      }
    }
    return Conclude(t, facts_).decision;
  }

 private:
  const CompiledPolicySet& set_;
  const DecisionFacts& facts_;
  const std::vector<Hit>& hits_;
  bool in_force_[kBucketCount] = {};
};

// The bucket (and SCP level) whose silence decided an implicit deny, or
// kBucketCount when no single policy kind did.
Bucket SilentBucket(const Conclusion& conclusion) {
  switch (conclusion.reason) {
    case Reason::kCrossAccountNoResourceGrant:
    case Reason::kResourcePolicyMustAllow:
    case Reason::kNoAccountNoGrant:
      return kResourceBucket;
    case Reason::kNoIdentityGrant:
    case Reason::kCrossAccountNoIdentityGrant:
      return kIdentityBucket;
    case Reason::kBoundaryDoesNotAllow:
      return kBoundaryBucket;
    case Reason::kSessionPolicyDoesNotAllow:
      return kSessionBucket;
    case Reason::kScpLevelSilent:
      return kScpBucket;
    default:
      return kBucketCount;
  }
}

std::string FailedEntryText(const EntryOutcome& entry) {
  return Quote(entry.condition_operator()) + " on " + Quote(entry.key) +
         (entry.key_present ? "" : " (the request has no value for it)");
}

}  // namespace

std::string StatementName(const StatementRef& ref) {
  std::string name = "statement " + std::to_string(ref.statement_index);
  if (!ref.sid.empty()) name += " (" + Quote(ref.sid) + ")";
  return name + " of " + std::string(PolicyKindName(ref.kind)) + " policy " +
         std::to_string(ref.policy_index);
}

void ExplainConditions(const CompiledPolicySet& set, const DecisionFacts& facts,
                       const std::vector<Traced>& traced, const std::vector<Hit>& hits,
                       const Conclusion& conclusion, Explanation* explanation) {
  const bool rcps_in_force = facts.rcp_applies && !set.rcps.empty() &&
                             RcpSupportsService(facts.action_lower.substr(0, facts.action_colon));
  if (traced.empty()) return;

  const Decision actual = conclusion.decision;
  const Recount recount(set, facts, hits, rcps_in_force);
  std::vector<std::string_view> missing_lower;  // parallel to explanation->missing_keys
  std::vector<bool> missed_by_deny;             // a Deny did not apply for lack of the key
  for (const Traced& t : traced) {
    bool flips = false;  // supplying its missing keys could flip the statement
    if (t.applies) {
      flips = std::any_of(t.entries.begin(), t.entries.end(),
                          [](const EntryOutcome& e) { return !e.key_present; });
    } else {
      flips = std::all_of(t.entries.begin(), t.entries.end(),
                          [](const EntryOutcome& e) { return e.holds || !e.key_present; });
    }
    bool could_change = false;
    if (flips) {
      const Decision flipped = t.applies ? recount.With(nullptr, t.bucket, &t.hit)
                                         : recount.With(&t.hit, t.bucket, nullptr);
      could_change = flipped != actual;
    }
    for (const EntryOutcome& entry : t.entries) {
      if (entry.key_present) continue;
      size_t i = 0;
      while (i < missing_lower.size() && missing_lower[i] != entry.key_lower) ++i;
      if (i == missing_lower.size()) {
        missing_lower.push_back(entry.key_lower);
        missed_by_deny.push_back(false);
        MissingKey key;
        key.key = std::string(entry.key);
        explanation->missing_keys.push_back(std::move(key));
      }
      // For a statement that failed, only the keys of failed entries decide.
      const bool decisive = t.applies || !entry.holds;
      if (could_change && decisive) explanation->missing_keys[i].could_change_decision = true;
      if (!t.applies && !entry.holds && t.hit.effect() == Effect::kDeny) missed_by_deny[i] = true;
    }
    if (!t.applies && actual != Decision::kAllowed) {
      for (const EntryOutcome& entry : t.entries) {
        if (entry.holds) continue;
        FailedCondition failed;
        failed.statement = t.hit.Ref();
        failed.condition_operator = entry.condition_operator();
        failed.key = std::string(entry.key);
        failed.key_missing = !entry.key_present;
        explanation->failed_conditions.push_back(std::move(failed));
      }
    }
  }
  // Usually in order already (the walk files what it traced by group,
  // policy and statement): sorting then would only take a buffer.
  auto by_statement = [](const FailedCondition& a, const FailedCondition& b) {
    const StatementRef& x = a.statement;
    const StatementRef& y = b.statement;
    return std::tie(x.kind, x.level, x.policy_index, x.statement_index) <
           std::tie(y.kind, y.level, y.policy_index, y.statement_index);
  };
  std::vector<FailedCondition>& failures = explanation->failed_conditions;
  if (!std::is_sorted(failures.begin(), failures.end(), by_statement)) {
    std::stable_sort(failures.begin(), failures.end(), by_statement);
  }

  // Keys AWS always sets for this caller: their absence is the usual cause
  // of a Deny that silently did not fire.
  for (size_t i = 0; i < explanation->missing_keys.size(); ++i) {
    MissingKey& key = explanation->missing_keys[i];
    if (!AwsAlwaysSets(key.key, facts.caller)) continue;
    key.always_set = true;
    explanation->notes.push_back(
        Quote(key.key) +
        " is absent from the request, yet AWS sets it on every request of this kind of caller "
        "(AWS global condition context keys): a condition consulted it" +
        (missed_by_deny[i] ? ", and a Deny did not apply for lack of it" : "") +
        "; give it in the request's context to decide as AWS would");
  }

  // An implicit deny whose deciding policy kind had an Allow that failed only
  // on its condition: the reason names it, rather than "does not allow".
  const Bucket silent = actual == Decision::kImplicitDeny ? SilentBucket(conclusion) : kBucketCount;
  if (silent == kBucketCount) return;
  for (const Traced& t : traced) {
    if (t.applies || t.bucket != silent || t.hit.effect() != Effect::kAllow) continue;
    if (silent == kScpBucket && t.hit.level != conclusion.level) continue;
    const auto failed = std::find_if(t.entries.begin(), t.entries.end(),
                                     [](const EntryOutcome& e) { return !e.holds; });
    if (failed == t.entries.end()) continue;
    explanation->reason += ": " + StatementName(t.hit.Ref()) +
                           " matches the action, resource and principal, but its condition " +
                           FailedEntryText(*failed) + " failed";
    return;
  }
}

}  // namespace iameval::internal
