// File: engine/decide/rcp_services_test.cc

#include "decide/rcp_services.h"

#include <catch2/catch.hpp>

namespace iameval::internal {
namespace {

TEST_CASE("the RCP service list is sorted, lowercase and found", "[rcp_services]") {
  size_t count = 0;
  const std::string_view* services = RcpSupportedServices(&count);
  REQUIRE(count > 0);
  for (size_t i = 0; i < count; ++i) {
    INFO(services[i]);
    CHECK(RcpSupportsService(services[i]));
    for (char c : services[i]) CHECK(!(c >= 'A' && c <= 'Z'));
    if (i > 0) CHECK(services[i - 1] < services[i]);
  }
  CHECK_FALSE(RcpSupportsService("lambda"));
  CHECK_FALSE(RcpSupportsService("ec2"));
  CHECK_FALSE(RcpSupportsService(""));
}

}  // namespace
}  // namespace iameval::internal
