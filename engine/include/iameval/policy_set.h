// File: iameval/policy_set.h
//
// A PolicySet is every policy in force for one kind of request, arranged by
// the role each plays in AWS's decision procedure, compiled once and then
// asked any number of questions, from any number of threads at once.
//
//   iameval::PolicySet::Builder builder;
//   builder.AddIdentityPolicy(role_policy)
//          .SetResourcePolicy(bucket_policy)
//          .AddScpLevel({root_scp})          // organization root
//          .AddScpLevel({workloads_ou_scp}); // an OU below it
//   iameval::BuildResult built = std::move(builder).Build();
//   if (!built.ok()) { std::cerr << built.error; return; }
//   iameval::Answer answer = built.set->Decide(request);
//
// Deciding never allocates unless an Explanation is asked for, never throws,
// and never touches shared mutable state.

#ifndef IAMEVAL_POLICY_SET_H_
#define IAMEVAL_POLICY_SET_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "iameval/decision.h"
#include "iameval/policy.h"
#include "iameval/request.h"

namespace iameval {

namespace internal {
struct CompiledPolicySet;
}  // namespace internal

struct BuildResult;

class PolicySet {
 public:
  class Builder {
   public:
    // Identity-based policies of the principal: user, group and role
    // policies, inline and managed, as one list. Kind kIdentity.
    Builder& AddIdentityPolicy(Policy policy);
    // The target resource's own policy: kResource, kRoleTrust or kKmsKey.
    Builder& SetResourcePolicy(Policy policy);
    // Kind kPermissionsBoundary.
    Builder& SetPermissionsBoundary(Policy policy);
    // Policies passed when the caller's session was created. Kind kSession.
    Builder& AddSessionPolicy(Policy policy);
    // One organization level (root, each OU, the account) of SCPs; every
    // level must allow. Kind kServiceControl.
    Builder& AddScpLevel(std::vector<Policy> level);
    // One level of RCPs of the resource's account. Kind kResourceControl.
    Builder& AddRcpLevel(std::vector<Policy> level);
    // The policy of the VPC endpoint the requests come through: kVpcEndpoint
    // (an interface endpoint) or kGatewayVpcEndpoint. A request decided with
    // it must say the endpoint in its context (`aws:SourceVpce`); without
    // one, AWS's default full-access endpoint policy is in force, which
    // changes nothing (spec/decision.md §4.3).
    Builder& SetVpcEndpointPolicy(Policy policy);
    // Puts `policy` in the slot its kind names, through the method above for
    // that slot; an SCP or RCP joins the level of its kind added last (the
    // first level, when none has been added yet).
    Builder& AddPolicy(Policy policy);

    BuildResult Build() &&;

   private:
    std::shared_ptr<internal::CompiledPolicySet> set_;
    std::string error_;
    bool failed_ = false;  // a step ran out of memory: Build fails
    void Reject(const Policy& policy, const char* slot);
  };

  // The decision for `request`. When `explanation` is not null it is filled
  // with the determining statements and each policy kind's verdict.
  Answer Decide(const Request& request, Explanation* explanation = nullptr) const noexcept;

  const internal::CompiledPolicySet& compiled() const { return *impl_; }

 private:
  explicit PolicySet(std::shared_ptr<const internal::CompiledPolicySet> impl)
      : impl_(std::move(impl)) {}
  std::shared_ptr<const internal::CompiledPolicySet> impl_;
};

struct BuildResult {
  std::optional<PolicySet> set;
  std::string error;  // why Build failed (a policy of the wrong kind for its
                      // slot, or memory ran out); no builder method throws
  bool ok() const { return set.has_value(); }
};

}  // namespace iameval

#endif  // IAMEVAL_POLICY_SET_H_
