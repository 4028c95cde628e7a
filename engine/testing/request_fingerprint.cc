// File: engine/testing/request_fingerprint.cc

#include "testing/request_fingerprint.h"

#include <cstdint>
#include <cstring>
#include <sstream>

namespace iameval::testing {

std::string RequestFingerprint(const Request& r) {
  std::ostringstream out;
  out << r.principal << '|' << r.action << '|' << r.resource << '|' << r.resource_account << '|'
      << r.principal_role_arn << '|' << r.principal_is_service_linked_role
      << r.principal_in_management_account << r.resource_in_management_account
      << r.resource_is_aws_managed_key << static_cast<int>(r.resource_policy_rule) << '|'
      << (r.now ? std::to_string(r.now->time_since_epoch().count()) : "-");
  for (const Context::Entry& entry : r.context.entries()) {
    out << "\n" << entry.key << (entry.is_list ? "[]" : "") << ':';
    for (const ContextScalar& value : entry.values) {
      uint64_t bits;
      std::memcpy(&bits, &value.number, sizeof bits);
      out << ' ' << static_cast<int>(value.type) << '/' << value.text << '/' << bits << '/'
          << value.boolean;
    }
  }
  out << "\nindex " << r.context.index().size();
  return out.str();
}

}  // namespace iameval::testing
