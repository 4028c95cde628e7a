// File: engine/arn.h
//
// Amazon Resource Names: arn:partition:service:region:account-id:resource.
// The resource part keeps any further colons and slashes.

#ifndef IAMEVAL_ENGINE_ARN_H_
#define IAMEVAL_ENGINE_ARN_H_

#include <string_view>

namespace iameval::internal {

struct ArnView {
  std::string_view partition, service, region, account, resource;
};

// Splits `text` at its first five colons. Returns false unless `text` starts
// with "arn:" and has at least six parts. Views point into `text`.
bool SplitArn(std::string_view text, ArnView* out) noexcept;

// True for a 12-digit AWS account id.
bool IsAccountId(std::string_view text) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ARN_H_
