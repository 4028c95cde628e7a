// File: engine/condition/condition_keys.cc
//
// The key catalogue of condition_keys.h, from AWS's global condition key
// list (reference catalogue §7) and the service keys AWS's own examples use
// with set qualifiers. Keys are compared ignoring case, as AWS does.

#include "condition/condition_keys.h"

#include "base/ascii.h"

namespace iameval::internal {
namespace {

// Keys typed as lists ("ArrayOf...", "Multivalued"): they need a qualifier.
constexpr std::string_view kMultivalued[] = {
    "aws:TagKeys",
    "aws:CalledVia",
    "aws:PrincipalOrgPaths",
    "aws:ResourceOrgPaths",
    "aws:SourceOrgPaths",
    "aws:VpceOrgPaths",
    "aws:PrincipalServiceNamesList",
    "kms:EncryptionContextKeys",
    "kms:GrantOperations",
    "sts:TransitiveTagKeys",
    "dynamodb:Attributes",
    "dynamodb:LeadingKeys",
    "ses:Recipients",
    "cognito-identity.amazonaws.com:amr",
};

// Keys documented as single-valued: a qualifier on them is over-permissive.
constexpr std::string_view kSingleValued[] = {
    "aws:PrincipalArn",
    "aws:PrincipalAccount",
    "aws:PrincipalOrgID",
    "aws:PrincipalIsAWSService",
    "aws:PrincipalServiceName",
    "aws:PrincipalType",
    "aws:userid",
    "aws:username",
    "aws:AssumedRoot",
    "aws:FederatedProvider",
    "aws:TokenIssueTime",
    "aws:MultiFactorAuthAge",
    "aws:MultiFactorAuthPresent",
    "aws:Ec2InstanceSourceVpc",
    "aws:Ec2InstanceSourcePrivateIPv4",
    "aws:SourceIdentity",
    "aws:SourceIp",
    "aws:SourceVpc",
    "aws:SourceVpcArn",
    "aws:SourceVpce",
    "aws:VpceAccount",
    "aws:VpceOrgID",
    "aws:VpcSourceIp",
    "aws:ResourceAccount",
    "aws:ResourceOrgID",
    "aws:CalledViaFirst",
    "aws:CalledViaLast",
    "aws:ViaAWSService",
    "aws:CurrentTime",
    "aws:EpochTime",
    "aws:referer",
    "aws:RequestedRegion",
    "aws:SecureTransport",
    "aws:SourceAccount",
    "aws:SourceArn",
    "aws:SourceOrgID",
    "aws:UserAgent",
};

// Key families with one value per tag or context key.
constexpr std::string_view kSingleValuedPrefixes[] = {
    "aws:RequestTag/",
    "aws:ResourceTag/",
    "aws:PrincipalTag/",
    "kms:EncryptionContext:",
};

}  // namespace

KeyArity ConditionKeyArity(std::string_view key) noexcept {
  for (std::string_view known : kMultivalued) {
    if (EqualsIgnoreCase(key, known)) return KeyArity::kMultivalued;
  }
  for (std::string_view known : kSingleValued) {
    if (EqualsIgnoreCase(key, known)) return KeyArity::kSingleValued;
  }
  for (std::string_view prefix : kSingleValuedPrefixes) {
    if (key.size() > prefix.size() && EqualsIgnoreCase(key.substr(0, prefix.size()), prefix)) {
      return KeyArity::kSingleValued;
    }
  }
  return KeyArity::kUnknown;
}

}  // namespace iameval::internal
