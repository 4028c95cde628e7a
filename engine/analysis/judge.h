// File: engine/analysis/judge.h
//
// How an analysis asks the engine about one candidate request: either AWS's
// full decision over a policy set, or what one policy itself grants (its own
// verdict: an Allow of it applies and no Deny of it does), read from the
// tallies the decision procedure keeps per policy kind.
//
//   Judge after = Judge::ForPolicy(after_set, PolicyKind::kServiceControl);
//   Decision decision;
//   if (after.Granted(request, &decision)) { ... after.GrantedBy(request) ... }

#ifndef IAMEVAL_ENGINE_ANALYSIS_JUDGE_H_
#define IAMEVAL_ENGINE_ANALYSIS_JUDGE_H_

#include <vector>

#include "decide/compiled_policy_set.h"
#include "decide/policy_walk.h"
#include "iameval/decision.h"
#include "iameval/policy_set.h"
#include "iameval/request.h"

namespace iameval::internal {

class Judge {
 public:
  // AWS's decision over `set`.
  static Judge ForSet(const PolicySet& set);
  // The verdict of the one policy of `kind` that `set` holds.
  static Judge ForPolicy(const PolicySet& set, PolicyKind kind);

  // Whether the request is granted; `decision` (optional) receives the
  // decision, or for a policy's verdict kExplicitDeny when a Deny of it
  // applies, else kImplicitDeny or kAllowed.
  bool Granted(const Request& request, Decision* decision = nullptr) const;
  // The statements that grant it (Allows of the policy, or the determining
  // statements of the decision).
  std::vector<StatementRef> GrantedBy(const Request& request) const;

  const PolicySet& set() const { return *set_; }

  // Why the engine would refuse `request` over `set` (a principal or
  // resource of no known form; no `aws:SourceVpce` where the set holds a vpc
  // endpoint policy), or null. A refused candidate is denied by both sides of
  // a comparison alike, so it would hide whatever it stands for: the analysis
  // notes it and cannot answer PASS.
  static const char* Refusal(const CompiledPolicySet& set, const Request& request);

 private:
  const PolicySet* set_ = nullptr;
  bool single_ = false;
  Bucket bucket_ = kIdentityBucket;
};

// The tally bucket a policy of `kind` is counted in.
Bucket BucketOf(PolicyKind kind);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANALYSIS_JUDGE_H_
