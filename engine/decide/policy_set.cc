// File: engine/decide/policy_set.cc
//
// Assembling a policy set: each policy goes to the slot its kind allows, and
// the set is frozen once built (shared, immutable, thread-safe to read).

#include "iameval/policy_set.h"

#include "base/key_hash.h"
#include "decide/authorizer.h"
#include "decide/compiled_policy_set.h"

namespace iameval {

void PolicySet::Builder::Reject(const Policy& policy, const char* slot) {
  if (!error_.empty()) return;  // the first misplaced policy is the one to fix
  error_ = "a policy of kind `" + std::string(PolicyKindName(policy.kind())) +
           "` cannot be used as " + slot;
}

// Runs one step of building. The Builder never throws (iameval.h), and a
// policy silently left out could be the one with the Deny, so a step that
// fails (memory ran out) marks the builder failed and Build then fails.
template <typename Step>
static void Guarded(bool* failed, Step&& step) noexcept {
  try {
    step();
  } catch (...) {
    *failed = true;
  }
}

static internal::CompiledPolicySet& Ensure(std::shared_ptr<internal::CompiledPolicySet>& set) {
  if (!set) set = std::make_shared<internal::CompiledPolicySet>();
  return *set;
}

PolicySet::Builder& PolicySet::Builder::AddIdentityPolicy(Policy policy) {
  Guarded(&failed_, [&] {
    if (policy.kind() != PolicyKind::kIdentity) {
      Reject(policy, "an identity-based policy");
    } else {
      Ensure(set_).identity.policies.push_back(std::move(policy));
    }
  });
  return *this;
}

PolicySet::Builder& PolicySet::Builder::SetResourcePolicy(Policy policy) {
  Guarded(&failed_, [&] {
    if (!IsResourcePolicyKind(policy.kind())) {
      Reject(policy, "the resource-based policy");
    } else {
      Ensure(set_).resource.policies.assign(1, std::move(policy));
    }
  });
  return *this;
}

PolicySet::Builder& PolicySet::Builder::SetPermissionsBoundary(Policy policy) {
  Guarded(&failed_, [&] {
    if (policy.kind() != PolicyKind::kPermissionsBoundary) {
      Reject(policy, "the permissions boundary");
    } else {
      Ensure(set_).boundary.policies.assign(1, std::move(policy));
    }
  });
  return *this;
}

PolicySet::Builder& PolicySet::Builder::AddSessionPolicy(Policy policy) {
  Guarded(&failed_, [&] {
    if (policy.kind() != PolicyKind::kSession) {
      Reject(policy, "a session policy");
    } else {
      Ensure(set_).sessions.policies.push_back(std::move(policy));
    }
  });
  return *this;
}

PolicySet::Builder& PolicySet::Builder::AddScpLevel(std::vector<Policy> level) {
  Guarded(&failed_, [&] {
    for (const Policy& policy : level) {
      if (policy.kind() != PolicyKind::kServiceControl) {
        Reject(policy, "a service control policy");
        return;
      }
    }
    Ensure(set_).scps.emplace_back().policies = std::move(level);
  });
  return *this;
}

PolicySet::Builder& PolicySet::Builder::AddRcpLevel(std::vector<Policy> level) {
  Guarded(&failed_, [&] {
    for (const Policy& policy : level) {
      if (policy.kind() != PolicyKind::kResourceControl) {
        Reject(policy, "a resource control policy");
        return;
      }
    }
    Ensure(set_).rcps.emplace_back().policies = std::move(level);
  });
  return *this;
}

PolicySet::Builder& PolicySet::Builder::SetVpcEndpointPolicy(Policy policy) {
  Guarded(&failed_, [&] {
    if (!IsVpcEndpointPolicyKind(policy.kind())) {
      Reject(policy, "the vpc endpoint policy");
    } else {
      Ensure(set_).vpc_endpoint.policies.assign(1, std::move(policy));
    }
  });
  return *this;
}

PolicySet::Builder& PolicySet::Builder::AddPolicy(Policy policy) {
  switch (policy.kind()) {
    case PolicyKind::kIdentity:
      return AddIdentityPolicy(std::move(policy));
    case PolicyKind::kResource:
    case PolicyKind::kRoleTrust:
    case PolicyKind::kKmsKey:
      return SetResourcePolicy(std::move(policy));
    case PolicyKind::kPermissionsBoundary:
      return SetPermissionsBoundary(std::move(policy));
    case PolicyKind::kSession:
      return AddSessionPolicy(std::move(policy));
    case PolicyKind::kServiceControl:
    case PolicyKind::kResourceControl:
      Guarded(&failed_, [&] {
        auto& levels =
            policy.kind() == PolicyKind::kServiceControl ? Ensure(set_).scps : Ensure(set_).rcps;
        if (levels.empty()) levels.emplace_back();
        levels.back().policies.push_back(std::move(policy));
      });
      return *this;
    case PolicyKind::kVpcEndpoint:
    case PolicyKind::kGatewayVpcEndpoint:
      return SetVpcEndpointPolicy(std::move(policy));
  }
  // A kind no slot takes: refused rather than left out, since a policy left
  // out could be the one with the Deny.
  Reject(policy, "a member of a policy set");
  return *this;
}

BuildResult PolicySet::Builder::Build() && {
  // Draw KeyHash's seed now, if nothing has yet: a decision that hashes a
  // variable's key must not be the first use, which may allocate.
  internal::KeyHashSeed();
  BuildResult result;
  if (!error_.empty()) {
    result.error = std::move(error_);
    return result;
  }
  Guarded(&failed_, [&] {
    if (failed_) return;
    internal::CompiledPolicySet& set = Ensure(set_);
    for (internal::PolicyGroup* group :
         {&set.identity, &set.resource, &set.boundary, &set.sessions, &set.vpc_endpoint}) {
      group->Seal();
    }
    for (internal::PolicyGroup& level : set.scps) level.Seal();
    for (internal::PolicyGroup& level : set.rcps) level.Seal();
    set.has_vpc_endpoint = !set.vpc_endpoint.empty();
    result.set = PolicySet(std::move(set_));
  });
  if (failed_) {
    // No set, whether or not the message can be made: ok() is false.
    result.set.reset();
    Guarded(&failed_, [&] { result.error = "out of memory while building the policy set"; });
  }
  return result;
}

Answer PolicySet::Decide(const Request& request, Explanation* explanation) const noexcept {
  return internal::Authorize(*impl_, request, explanation);
}

}  // namespace iameval
