// File: engine/decide/vpce_policy_services.h
//
// The services that do not support VPC endpoint policies. AWS: "Not all AWS
// services support endpoint policies. If an AWS service doesn't support
// endpoint policies, we allow full access to any endpoint for the service."
// (AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint
// policies", Considerations). For such a service the endpoint's policy is not
// read (spec/decision.md §4.3). The list is data (vpce_policy_services.cc),
// with its date and source.
//
//   VpcEndpointPolicySupportsService("s3")   // true: the policy is read

#ifndef IAMEVAL_ENGINE_VPCE_POLICY_SERVICES_H_
#define IAMEVAL_ENGINE_VPCE_POLICY_SERVICES_H_

#include <cstddef>
#include <string_view>

namespace iameval::internal {

// Whether a VPC endpoint's policy is read for actions of `service_lower` (an
// ASCII-lowercased service prefix, e.g. "s3"): true unless the service is
// listed as not supporting endpoint policies. Never allocates.
bool VpcEndpointPolicySupportsService(std::string_view service_lower) noexcept;

// The services listed as not supporting endpoint policies, sorted, for tests
// and documentation.
const std::string_view* VpcEndpointPolicyUnsupportedServices(size_t* count) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_VPCE_POLICY_SERVICES_H_
