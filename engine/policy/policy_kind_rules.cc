// File: engine/policy/policy_kind_rules.cc
//
// The table itself. A kind lists only where it differs from an identity
// policy.

#include "policy/policy_kind_rules.h"

namespace iameval::internal {

KindRules RulesFor(PolicyKind kind) {
  KindRules rules;
  switch (kind) {
    case PolicyKind::kIdentity:
      rules.noun = "an identity policy";
      break;
    case PolicyKind::kPermissionsBoundary:
      rules.noun = "a permissions boundary";
      rules.size_quota = 6144;
      break;
    case PolicyKind::kSession:
      rules.noun = "a session policy";
      rules.size_quota = 2048;
      break;
    case PolicyKind::kRoleTrust:
      rules.noun = "a role trust policy";
      rules.principal = Presence::kRequired;
      rules.resource = Presence::kForbidden;
      rules.size_quota = 4096;
      break;
    case PolicyKind::kResource:
      rules.noun = "a resource-based policy";
      rules.unique_sids_required = false;
      rules.principal = Presence::kRequired;
      rules.not_principal_allowed = true;
      rules.resource = Presence::kOptional;
      rules.sid = SidCharacters::kAny;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 20480;
      rules.quota_counts_everything = true;
      break;
    case PolicyKind::kKmsKey:
      rules.noun = "a kms key policy";
      rules.unique_sids_required = false;
      rules.principal = Presence::kRequired;
      rules.not_principal_allowed = true;
      rules.resource = Presence::kOptional;
      rules.resourceless_statement_is_dead = true;
      rules.sid = SidCharacters::kAlphanumericSpace;
      rules.version = VersionRule::kRequired;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 32768;
      rules.quota_counts_everything = true;
      break;
    case PolicyKind::kServiceControl:
      rules.noun = "a service control policy";
      rules.unique_sids_required = false;
      rules.resource = Presence::kOptional;
      rules.version = VersionRule::kRequired2012;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 5120;
      rules.quota_counts_everything = true;
      break;
    case PolicyKind::kResourceControl:
      rules.noun = "a resource control policy";
      rules.unique_sids_required = false;
      rules.principal = Presence::kRequired;
      rules.version = VersionRule::kRequired2012;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 5120;
      rules.quota_counts_everything = true;
      break;
    case PolicyKind::kVpcEndpoint:
    case PolicyKind::kGatewayVpcEndpoint:
      // A resource-based policy on the endpoint: "It must contain a Principal
      // element. The size of an endpoint policy cannot exceed 20,480
      // characters, including white space." (AWS PrivateLink Guide, "Control
      // access to VPC endpoints using endpoint policies", Considerations). A
      // gateway endpoint's Principal may only be `*` (principal_elements.cc).
      rules.noun = kind == PolicyKind::kVpcEndpoint ? "an interface vpc endpoint policy"
                                                    : "a gateway vpc endpoint policy";
      rules.principal = Presence::kRequired;
      rules.not_principal_allowed = kind == PolicyKind::kVpcEndpoint;
      rules.unique_sids_required = false;
      rules.resource = Presence::kOptional;
      rules.sid = SidCharacters::kAny;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 20480;
      rules.quota_counts_everything = true;
      break;
  }
  return rules;
}

}  // namespace iameval::internal
