// File: engine/decide/rcp_services.h
//
// The services whose actions resource control policies (RCPs) apply to.
// AWS applies RCPs only to the services its Organizations guide lists; for
// any other service an RCP neither denies nor allows (spec/decision.md §4.2).
// The list is data (rcp_services.cc), with its date and source: when AWS adds
// a service, add its prefix there and a conformance case.
//
//   RcpSupportsService("s3")      // true
//   RcpSupportsService("lambda")  // false (as of the list's date)

#ifndef IAMEVAL_ENGINE_RCP_SERVICES_H_
#define IAMEVAL_ENGINE_RCP_SERVICES_H_

#include <cstddef>
#include <string_view>

namespace iameval::internal {

// Whether RCPs apply to actions of `service_lower` (an ASCII-lowercased
// service prefix, e.g. "s3"). Never allocates.
bool RcpSupportsService(std::string_view service_lower) noexcept;

// The list itself, sorted, for tests and documentation.
const std::string_view* RcpSupportedServices(size_t* count) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_RCP_SERVICES_H_
