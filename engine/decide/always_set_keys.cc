// File: engine/decide/always_set_keys.cc

#include "decide/always_set_keys.h"

#include "base/ascii.h"

namespace iameval::internal {
namespace {

// IAM User Guide, "AWS global condition context keys" (read 2026-12), as
// scripts/catalogue/global_keys.tsv records it.
constexpr AlwaysSetKey kKeys[] = {
    {"aws:PrincipalAccount", AlwaysSetFor::kEveryCaller},
    {"aws:PrincipalType", AlwaysSetFor::kEveryCaller},
    {"aws:userid", AlwaysSetFor::kEveryCaller},
    {"aws:ViaAWSService", AlwaysSetFor::kEveryCaller},
    {"aws:CurrentTime", AlwaysSetFor::kEveryCaller},
    {"aws:EpochTime", AlwaysSetFor::kEveryCaller},
    {"aws:RequestedRegion", AlwaysSetFor::kEveryCaller},
    {"aws:SecureTransport", AlwaysSetFor::kEveryCaller},
    {"aws:UserAgent", AlwaysSetFor::kEveryCaller},
    {"aws:PrincipalArn", AlwaysSetFor::kSignedCallers},
    {"aws:PrincipalIsAWSService", AlwaysSetFor::kSignedCallers},
    {"aws:MultiFactorAuthPresent", AlwaysSetFor::kTemporaryCredentials},
    {"aws:TokenIssueTime", AlwaysSetFor::kTemporaryCredentials},
};

}  // namespace

const AlwaysSetKey* AlwaysSetKeys(size_t* count) noexcept {
  *count = sizeof kKeys / sizeof kKeys[0];
  return kKeys;
}

bool AwsAlwaysSets(std::string_view key, const Caller& caller) noexcept {
  for (const AlwaysSetKey& entry : kKeys) {
    if (!EqualsIgnoreCase(key, entry.name)) continue;
    switch (entry.callers) {
      case AlwaysSetFor::kEveryCaller:
        return true;
      case AlwaysSetFor::kSignedCallers:
        return caller.kind != CallerKind::kAnonymous;
      case AlwaysSetFor::kTemporaryCredentials:
        // A role given as the caller is decided as a session of the role.
        return caller.kind == CallerKind::kRoleSession || caller.kind == CallerKind::kRole ||
               caller.kind == CallerKind::kFederatedUser;
    }
  }
  return false;
}

}  // namespace iameval::internal
