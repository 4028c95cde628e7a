// File: engine/arn.cc
//
// Splitting Amazon Resource Names into their six parts (arn.h). Only the
// first five colons split: resource parts such as `function:f:PROD` or
// `log-group:/a/b:*` keep theirs.

#include "arn.h"

namespace iameval::internal {

bool SplitArn(std::string_view text, ArnView* out) noexcept {
  constexpr std::string_view kPrefix = "arn:";
  if (text.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view rest = text.substr(kPrefix.size());
  std::string_view* const fields[] = {&out->partition, &out->service, &out->region, &out->account};
  for (std::string_view* field : fields) {
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return false;
    *field = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  out->resource = rest;
  return true;
}

bool IsAccountId(std::string_view text) noexcept {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace iameval::internal
