// File: engine/decide/vpce_policy_services_test.cc

#include "decide/vpce_policy_services.h"

#include <catch2/catch.hpp>

namespace iameval::internal {
namespace {

TEST_CASE("the list of services without endpoint policies is sorted and lowercase",
          "[vpce_services]") {
  size_t count = 0;
  const std::string_view* services = VpcEndpointPolicyUnsupportedServices(&count);
  for (size_t i = 0; i < count; ++i) {
    INFO(services[i]);
    CHECK_FALSE(VpcEndpointPolicySupportsService(services[i]));
    for (char c : services[i]) CHECK(!(c >= 'A' && c <= 'Z'));
    if (i > 0) CHECK(services[i - 1] < services[i]);
  }
  // The services with gateway endpoints, and the ones data perimeters guard
  // most, have their endpoint policies read.
  for (std::string_view service : {"s3", "dynamodb", "sts", "kms", "ec2", "lambda", "sqs"}) {
    INFO(service);
    CHECK(VpcEndpointPolicySupportsService(service));
  }
}

}  // namespace
}  // namespace iameval::internal
