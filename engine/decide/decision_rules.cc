// File: engine/decide/decision_rules.cc

#include "decide/decision_rules.h"

#include <string_view>

namespace iameval::internal {
namespace {

constexpr uint8_t Bit(Bucket bucket) { return static_cast<uint8_t>(1u << bucket); }
constexpr uint8_t kLimits = Bit(kBoundaryBucket) | Bit(kSessionBucket);

Conclusion Make(Decision decision, Reason reason, uint8_t allow_buckets = 0,
                GrantClass resource_grant = GrantClass::kNone) {
  Conclusion conclusion;
  conclusion.decision = decision;
  conclusion.reason = reason;
  conclusion.allow_buckets = allow_buckets;
  conclusion.resource_grant = resource_grant;
  return conclusion;
}

std::string Quote(std::string_view text) {
  std::string quoted = "`";
  quoted.append(text.data(), text.size());
  quoted += "`";
  return quoted;
}

}  // namespace

Conclusion Conclude(const Tallies& t, const DecisionFacts& facts) noexcept {
  // 1. An applicable Deny anywhere is final.
  if (t.Denied()) {
    Conclusion conclusion = Make(Decision::kExplicitDeny, Reason::kExplicitDeny);
    conclusion.denied_in = t[kScpBucket].denied        ? kScpBucket
                           : t[kRcpBucket].denied      ? kRcpBucket
                           : t[kBoundaryBucket].denied ? kBoundaryBucket
                           : t[kSessionBucket].denied  ? kSessionBucket
                           : t[kResourceBucket].denied ? kResourceBucket
                                                       : kIdentityBucket;
    return conclusion;
  }
  // An explicit Deny still reports as such across partitions, hence here.
  if (facts.partition_mismatch) {
    return Make(Decision::kImplicitDeny, Reason::kPartitionMismatch);
  }

  // 2. RCPs only ever deny (decisions.md §46). 3. Every SCP level must allow.
  if (t.scp_in_force && !t.scp_every_level_allows) {
    Conclusion conclusion = Make(Decision::kImplicitDeny, Reason::kScpLevelSilent);
    conclusion.level = t.scp_first_silent_level;
    return conclusion;
  }

  const GrantClass grant = t[kResourceBucket].best_grant;
  const bool identity_allows = facts.is_root || (facts.has_identity && t[kIdentityBucket].allowed);
  // A boundary limits the users and roles it can be set on.
  const Tally& boundary = t[kBoundaryBucket];
  const bool boundary_allows = !facts.has_identity || !boundary.in_force || boundary.allowed;
  // Session policies limit the callers that have sessions. For anyone else
  // only their Denies count (decisions.md §34, §38); a federated user's
  // session without a session policy has no permissions.
  const bool session_in_force = facts.has_session && t[kSessionBucket].in_force;
  const bool session_allows = session_in_force ? t[kSessionBucket].allowed
                                               : facts.caller.kind != CallerKind::kFederatedUser;
  const Reason limits_reason = !boundary_allows    ? Reason::kBoundaryDoesNotAllow
                               : !session_in_force ? Reason::kFederatedWithoutSessionPolicy
                                                   : Reason::kSessionPolicyDoesNotAllow;
  const uint8_t scps = Bit(kScpBucket);

  // Callers without an account of their own: only a direct grant counts.
  if (!facts.has_identity && !facts.is_root) {
    if (grant == GrantClass::kDirect) {
      return Make(Decision::kAllowed, Reason::kNoAccountDirectGrant, Bit(kResourceBucket),
                  GrantClass::kDirect);
    }
    return Make(Decision::kImplicitDeny, Reason::kNoAccountNoGrant);
  }

  if (facts.caller.account != facts.resource_account) {
    // Both accounts must allow: the resource's policy grants, the caller's
    // own policies allow (decisions.md; catalogue §5.9).
    if (grant == GrantClass::kNone) {
      return Make(Decision::kImplicitDeny, Reason::kCrossAccountNoResourceGrant);
    }
    if (!identity_allows) {
      return Make(Decision::kImplicitDeny, Reason::kCrossAccountNoIdentityGrant);
    }
    if (!boundary_allows || !session_allows) return Make(Decision::kImplicitDeny, limits_reason);
    return Make(Decision::kAllowed, Reason::kCrossAccountAllowed,
                Bit(kResourceBucket) | Bit(kIdentityBucket) | kLimits | scps);
  }

  if (grant == GrantClass::kNone && ResourcePolicyRequired(facts)) {
    return Make(Decision::kImplicitDeny, Reason::kResourcePolicyMustAllow);
  }
  if (grant == GrantClass::kDirect) {
    return Make(Decision::kAllowed, Reason::kResourceGrantsDirectly, Bit(kResourceBucket) | scps,
                GrantClass::kDirect);
  }
  if (grant == GrantClass::kRole && boundary_allows && session_allows) {
    return Make(Decision::kAllowed, Reason::kResourceGrantsRole,
                Bit(kResourceBucket) | kLimits | scps, GrantClass::kRole);
  }
  // A role grant the limits stop is reported as the identity path's verdict,
  // which cannot be better.
  if (!identity_allows) return Make(Decision::kImplicitDeny, Reason::kNoIdentityGrant);
  if (!boundary_allows || !session_allows) return Make(Decision::kImplicitDeny, limits_reason);
  uint8_t allow_buckets = Bit(kIdentityBucket) | kLimits | scps;
  if (grant == GrantClass::kAccount) allow_buckets |= Bit(kResourceBucket);
  return Make(Decision::kAllowed,
              facts.is_root ? Reason::kRootInOwnAccount : Reason::kIdentityAllows, allow_buckets,
              GrantClass::kAccount);
}

std::string ReasonText(const Conclusion& conclusion, const DecisionFacts& facts) {
  const Request& request = *facts.request;
  const std::string action = Quote(request.action);
  switch (conclusion.reason) {
    case Reason::kExplicitDeny: {
      static constexpr const char* kWhere[kBucketCount] = {
          "an identity-based policy", "the resource-based policy", "the permissions boundary",
          "a session policy",         "a service control policy",  "a resource control policy"};
      return std::string("an explicit deny in ") + kWhere[conclusion.denied_in] + " applies to " +
             action;
    }
    case Reason::kPartitionMismatch:
      return "the principal's partition " + Quote(facts.caller.partition) +
             " differs from the resource's " + Quote(facts.resource_arn.partition);
    case Reason::kScpLevelSilent:
      return "no service control policy at organization level " + std::to_string(conclusion.level) +
             " allows " + action;
    case Reason::kNoAccountDirectGrant:
      return "the resource-based policy allows the caller";
    case Reason::kNoAccountNoGrant:
      return "no resource-based policy statement allows this caller " + Quote(request.principal);
    case Reason::kCrossAccountNoResourceGrant:
      return "cross-account request: the resource-based policy does not allow " +
             Quote(request.principal);
    case Reason::kCrossAccountNoIdentityGrant:
      return "cross-account request: no identity-based policy allows " + action;
    case Reason::kCrossAccountAllowed:
      return "allowed in both accounts: the resource-based policy and the caller's "
             "identity-based policies allow it";
    case Reason::kBoundaryDoesNotAllow:
      return "the permissions boundary does not allow " + action;
    case Reason::kFederatedWithoutSessionPolicy:
      return "a federated user's session without a session policy has no permissions";
    case Reason::kSessionPolicyDoesNotAllow:
      return "no session policy allows " + action;
    case Reason::kResourcePolicyMustAllow:
      return std::string("the ") +
             (IsKmsKeyResource(facts) ? "key policy" : "resource-based policy") +
             " must allow this request and no statement of it does";
    case Reason::kResourceGrantsDirectly:
      return "the resource-based policy allows the caller directly";
    case Reason::kResourceGrantsRole:
      return "the resource-based policy allows the caller's role";
    case Reason::kNoIdentityGrant:
      return "no identity-based policy allows " + action + " on " + Quote(request.resource);
    case Reason::kIdentityAllows:
      return "an identity-based policy allows it";
    case Reason::kRootInOwnAccount:
      return "the account root user has full access in its own account";
  }
  return "implicit deny";
}

}  // namespace iameval::internal
