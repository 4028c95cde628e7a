// File: engine/decide/decision_rules.cc

#include "decide/decision_rules.h"

#include <string_view>

#include "base/message_text.h"

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

}  // namespace

Conclusion Conclude(const Tallies& t, const DecisionFacts& facts) noexcept {
  // 0. GetCallerIdentity needs no permission: AWS answers it even when a
  // policy denies it (STS API Reference, GetCallerIdentity).
  // The VPC endpoint's policy is no permission of the caller's but a filter
  // on the network path: iameval holds even this action to it (decisions.md
  // §48), and otherwise decides it like any other, which denies.
  if (facts.needs_no_permission && !t.vpc_endpoint_silent && !t[kVpcEndpointBucket].denied) {
    return Make(Decision::kAllowed, Reason::kNoPermissionNeeded);
  }
  // 1. An applicable Deny anywhere is final.
  if (t.Denied()) {
    Conclusion conclusion = Make(Decision::kExplicitDeny, Reason::kExplicitDeny);
    conclusion.denied_in = t[kScpBucket].denied           ? kScpBucket
                           : t[kRcpBucket].denied         ? kRcpBucket
                           : t[kVpcEndpointBucket].denied ? kVpcEndpointBucket
                           : t[kBoundaryBucket].denied    ? kBoundaryBucket
                           : t[kSessionBucket].denied     ? kSessionBucket
                           : t[kResourceBucket].denied    ? kResourceBucket
                                                          : kIdentityBucket;
    return conclusion;
  }
  // An explicit Deny still reports as such across partitions, hence here.
  if (facts.partition_mismatch) {
    return Make(Decision::kImplicitDeny, Reason::kPartitionMismatch);
  }

  // Root credentials cannot assume a role (IAM User Guide, "Switch to an IAM
  // role (AWS API)") nor call AssumeRoot (STS API Reference, AssumeRoot).
  if (facts.root_cannot_call) return Make(Decision::kImplicitDeny, Reason::kRootCannotAssumeRole);

  // 2. RCPs only ever deny (decisions.md §46). 3. Every SCP level must allow.
  if (t.scp_in_force && !t.scp_every_level_allows) {
    Conclusion conclusion = Make(Decision::kImplicitDeny, Reason::kScpLevelSilent);
    conclusion.level = t.scp_first_silent_level;
    return conclusion;
  }
  // The VPC endpoint's policy must allow too; it grants nothing (AWS
  // PrivateLink Guide, "Control access to VPC endpoints using endpoint
  // policies": it "does not override or replace identity-based policies or
  // resource-based policies").
  if (t.vpc_endpoint_silent) {
    return Make(Decision::kImplicitDeny, Reason::kVpcEndpointDoesNotAllow);
  }

  const GrantClass grant = t[kResourceBucket].best_grant;
  const bool identity_allows = facts.is_root || (facts.has_identity && t[kIdentityBucket].allowed);
  // A boundary limits the users and roles it can be set on.
  const Tally& boundary = t[kBoundaryBucket];
  const bool boundary_allows = !facts.has_identity || !boundary.in_force || boundary.allowed;
  // Session policies limit the callers that have sessions, and the root
  // user's sessions from sts:AssumeRoot, whose task policy is one (STS API
  // Reference, AssumeRoot). For anyone else only their Denies count
  // (decisions.md §34, §38); a federated user's session without a session
  // policy has no permissions.
  const bool session_in_force = (facts.has_session || facts.is_root) && t[kSessionBucket].in_force;
  const bool session_allows = session_in_force ? t[kSessionBucket].allowed
                                               : facts.caller.kind != CallerKind::kFederatedUser;
  const Reason limits_reason = !boundary_allows    ? Reason::kBoundaryDoesNotAllow
                               : !session_in_force ? Reason::kFederatedWithoutSessionPolicy
                                                   : Reason::kSessionPolicyDoesNotAllow;
  // The guardrails an allowed answer also rests on, where in force.
  const uint8_t scps = Bit(kScpBucket) | Bit(kVpcEndpointBucket);

  // Callers without an account of their own: only a direct grant counts.
  if (!facts.has_identity && !facts.is_root) {
    if (grant == GrantClass::kDirect) {
      return Make(Decision::kAllowed, Reason::kNoAccountDirectGrant,
                  Bit(kResourceBucket) | Bit(kVpcEndpointBucket), GrantClass::kDirect);
    }
    return Make(Decision::kImplicitDeny, Reason::kNoAccountNoGrant);
  }

  // An unknown owner is decided as another account: the cross-account rule
  // allows nothing the same-account rule would not (spec/decision.md §2.1).
  if (facts.owner_unknown || facts.caller.account != facts.resource_account) {
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

std::string_view ReasonCode(Reason reason) noexcept {
  switch (reason) {
    case Reason::kExplicitDeny:
      return "explicit-deny";
    case Reason::kPartitionMismatch:
      return "partition-mismatch";
    case Reason::kScpLevelSilent:
      return "scp-does-not-allow";
    case Reason::kNoAccountDirectGrant:
      return "no-account-resource-grant";
    case Reason::kNoAccountNoGrant:
      return "no-account-no-resource-grant";
    case Reason::kCrossAccountNoResourceGrant:
      return "cross-account-no-resource-grant";
    case Reason::kCrossAccountNoIdentityGrant:
      return "cross-account-no-identity-grant";
    case Reason::kCrossAccountAllowed:
      return "cross-account-allowed";
    case Reason::kBoundaryDoesNotAllow:
      return "boundary-does-not-allow";
    case Reason::kFederatedWithoutSessionPolicy:
      return "federated-without-session-policy";
    case Reason::kSessionPolicyDoesNotAllow:
      return "session-policy-does-not-allow";
    case Reason::kResourcePolicyMustAllow:
      return "resource-policy-required";
    case Reason::kResourceGrantsDirectly:
      return "resource-policy-grants-caller";
    case Reason::kResourceGrantsRole:
      return "resource-policy-grants-role";
    case Reason::kNoIdentityGrant:
      return "no-identity-grant";
    case Reason::kIdentityAllows:
      return "identity-allows";
    case Reason::kRootInOwnAccount:
      return "root-in-own-account";
    case Reason::kNoPermissionNeeded:
      return "no-permission-needed";
    case Reason::kVpcEndpointDoesNotAllow:
      return "vpc-endpoint-does-not-allow";
    case Reason::kRootCannotAssumeRole:
      return "root-cannot-assume-role";
  }
  return "implicit-deny";
}

// Why a cross-account rule decided a request whose resource has no known
// owner; empty otherwise.
std::string_view OwnerNote(const DecisionFacts& facts) {
  return facts.owner_unknown
             ? " (the resource's owner is unknown: the request has no `resourceAccount` and "
               "the ARN names no account, so both accounts' policies must allow and "
               "`aws:ResourceAccount` is absent)"
             : "";
}

std::string ReasonText(const Conclusion& conclusion, const DecisionFacts& facts) {
  const Request& request = *facts.request;
  const std::string action = Quote(request.action);
  const std::string_view owner_note = OwnerNote(facts);
  switch (conclusion.reason) {
    case Reason::kExplicitDeny: {
      static constexpr const char* kWhere[kBucketCount] = {
          "an identity-based policy", "the resource-based policy", "the permissions boundary",
          "a session policy",         "a service control policy",  "a resource control policy",
          "the vpc endpoint policy"};
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
             Quote(request.principal) + std::string(owner_note);
    case Reason::kCrossAccountNoIdentityGrant:
      return "cross-account request: no identity-based policy allows " + action +
             std::string(owner_note);
    case Reason::kCrossAccountAllowed:
      return "allowed in both accounts: the resource-based policy and the caller's "
             "identity-based policies allow it" +
             std::string(owner_note);
    case Reason::kBoundaryDoesNotAllow:
      return "the permissions boundary does not allow " + action + std::string(owner_note);
    case Reason::kFederatedWithoutSessionPolicy:
      return "a federated user's session without a session policy has no permissions";
    case Reason::kSessionPolicyDoesNotAllow:
      if (facts.is_root) {
        return "the root session's task policy (a session policy) does not allow " + action;
      }
      return "no session policy allows " + action + std::string(owner_note);
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
    case Reason::kNoPermissionNeeded:
      return "`sts:GetCallerIdentity` needs no permission: AWS answers it even when a policy "
             "denies it";
    case Reason::kVpcEndpointDoesNotAllow: {
      const Context::Entry* endpoint = request.context.Find("aws:SourceVpce");
      std::string name;
      if (endpoint != nullptr && endpoint->values.size() == 1) {
        name = " " + Quote(endpoint->values.front().text);
      }
      return "the policy of the vpc endpoint" + name + " the request came through does not allow " +
             action;
    }
    case Reason::kRootCannotAssumeRole:
      return "the root user cannot call " + action + ": AWS refuses it to root credentials";
  }
  return "implicit deny";
}

}  // namespace iameval::internal
