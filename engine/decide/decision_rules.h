// File: engine/decide/decision_rules.h
//
// The decision read off the tallies (spec/decision.md): a pure function of
// what the policies said (Tallies) and who asks for what (DecisionFacts), so
// each rule can be read, and tested, apart from matching statements.
//
//   Conclusion conclusion = Conclude(tallies, facts);
//   conclusion.decision        // kAllowed, kExplicitDeny or kImplicitDeny
//   ReasonText(conclusion, tallies, facts)   // only when explaining: allocates

#ifndef IAMEVAL_ENGINE_DECISION_RULES_H_
#define IAMEVAL_ENGINE_DECISION_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "decide/policy_walk.h"
#include "decide/request_facts.h"
#include "iameval/decision.h"

namespace iameval::internal {

// Which rule decided.
enum class Reason : uint8_t {
  kExplicitDeny,                   // a Deny applied (Conclusion::denied_in says where)
  kPartitionMismatch,              // the caller's partition is not the resource's
  kScpLevelSilent,                 // no SCP of Conclusion::level allows
  kNoAccountDirectGrant,           // a caller without an account, granted directly
  kNoAccountNoGrant,               // ... and not granted
  kCrossAccountNoResourceGrant,    // other account: the resource policy does not allow
  kCrossAccountNoIdentityGrant,    // other account: no identity policy allows
  kCrossAccountAllowed,            // both accounts allow
  kBoundaryDoesNotAllow,           // the permissions boundary does not allow
  kFederatedWithoutSessionPolicy,  // a federated user's session has no session policy
  kSessionPolicyDoesNotAllow,      // no session policy allows
  kResourcePolicyMustAllow,        // a trust or key policy must allow, and does not
  kResourceGrantsDirectly,         // the resource policy names the caller
  kResourceGrantsRole,             // the resource policy names the caller's role
  kNoIdentityGrant,                // same account: nothing allows
  kIdentityAllows,                 // same account: an identity policy allows
  kRootInOwnAccount,               // the root user in its own account
  kNoPermissionNeeded,             // sts:GetCallerIdentity: allowed, even under a Deny
  kVpcEndpointDoesNotAllow,        // the policy of the request's VPC endpoint does not allow
  kRootCannotAssumeRole,           // the root user calling sts:AssumeRole* or AssumeRoot
};

struct Conclusion {
  Decision decision = Decision::kImplicitDeny;
  Reason reason = Reason::kNoIdentityGrant;
  Bucket denied_in = kIdentityBucket;  // for kExplicitDeny: the tally reported
  int level = -1;                      // for kScpLevelSilent
  // The statements that determined the decision: for kExplicitDeny every
  // Deny hit; otherwise the Allow hits of the buckets in `allow_buckets` (a
  // bit per Bucket), of the resource bucket only those of `resource_grant`
  // unless it is kNone.
  uint8_t allow_buckets = 0;
  GrantClass resource_grant = GrantClass::kNone;
};

// The decision for `facts` given what the policies said.
Conclusion Conclude(const Tallies& tallies, const DecisionFacts& facts) noexcept;

// The rule's stable kebab-case code (spec/decision.md §11), e.g.
// "boundary-does-not-allow". Static text; never allocates.
std::string_view ReasonCode(Reason reason) noexcept;

// The conclusion as one lowercase sentence, e.g. "the permissions boundary
// does not allow `s3:GetObject`".
std::string ReasonText(const Conclusion& conclusion, const DecisionFacts& facts);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_DECISION_RULES_H_
