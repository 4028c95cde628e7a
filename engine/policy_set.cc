// File: engine/policy_set.cc
//
// Assembling a policy set: each policy goes to the slot its kind allows, and
// the set is frozen once built (shared, immutable, thread-safe to read).

#include "iameval/policy_set.h"

#include "authorizer.h"
#include "compiled_policy.h"

namespace iameval {

void PolicySet::Builder::Reject(const Policy& policy, const char* slot) {
  if (!error_.empty()) return;  // the first misplaced policy is the one to fix
  error_ = "a policy of kind `" + std::string(PolicyKindName(policy.kind())) +
           "` cannot be used as " + slot;
}

static internal::CompiledPolicySet& Ensure(std::shared_ptr<internal::CompiledPolicySet>& set) {
  if (!set) set = std::make_shared<internal::CompiledPolicySet>();
  return *set;
}

PolicySet::Builder& PolicySet::Builder::AddIdentityPolicy(Policy policy) {
  if (policy.kind() != PolicyKind::kIdentity) {
    Reject(policy, "an identity-based policy");
  } else {
    Ensure(set_).identity.push_back(std::move(policy));
  }
  return *this;
}

PolicySet::Builder& PolicySet::Builder::SetResourcePolicy(Policy policy) {
  if (!IsResourcePolicyKind(policy.kind())) {
    Reject(policy, "the resource-based policy");
  } else {
    Ensure(set_).resource = std::move(policy);
  }
  return *this;
}

PolicySet::Builder& PolicySet::Builder::SetPermissionsBoundary(Policy policy) {
  if (policy.kind() != PolicyKind::kPermissionsBoundary) {
    Reject(policy, "the permissions boundary");
  } else {
    Ensure(set_).boundary = std::move(policy);
  }
  return *this;
}

PolicySet::Builder& PolicySet::Builder::AddSessionPolicy(Policy policy) {
  if (policy.kind() != PolicyKind::kSession) {
    Reject(policy, "a session policy");
  } else {
    Ensure(set_).sessions.push_back(std::move(policy));
  }
  return *this;
}

PolicySet::Builder& PolicySet::Builder::AddScpLevel(std::vector<Policy> level) {
  for (const Policy& policy : level) {
    if (policy.kind() != PolicyKind::kServiceControl) {
      Reject(policy, "a service control policy");
      return *this;
    }
  }
  Ensure(set_).scps.push_back(std::move(level));
  return *this;
}

PolicySet::Builder& PolicySet::Builder::AddRcpLevel(std::vector<Policy> level) {
  for (const Policy& policy : level) {
    if (policy.kind() != PolicyKind::kResourceControl) {
      Reject(policy, "a resource control policy");
      return *this;
    }
  }
  Ensure(set_).rcps.push_back(std::move(level));
  return *this;
}

BuildResult PolicySet::Builder::Build() && {
  BuildResult result;
  if (!error_.empty()) {
    result.error = std::move(error_);
    return result;
  }
  Ensure(set_);
  result.set = PolicySet(std::move(set_));
  return result;
}

Answer PolicySet::Decide(const Request& request, Explanation* explanation) const noexcept {
  return internal::Authorize(*impl_, request, explanation);
}

}  // namespace iameval
