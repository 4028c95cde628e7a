// File: engine/policy/resource_elements.h
//
// A statement's `Resource` or `NotResource` (spec/grammar.md §2,
// "Resources"): `*` or an ARN of six `:`-separated parts, policy variables
// only in its resource part. Whether the element is required, optional or
// forbidden is the kind's (a role trust policy has none; a KMS statement
// without one never applies).
//
//   "Resource": "arn:aws:s3:::bucket/${aws:username}/*"

#ifndef IAMEVAL_ENGINE_RESOURCE_ELEMENTS_H_
#define IAMEVAL_ENGINE_RESOURCE_ELEMENTS_H_

#include <cstdint>

#include "policy/compiled_policy.h"
#include "policy/parse_context.h"

namespace iameval::internal {

// Reads the resources of `statement` into `out`.
void ReadResources(ParseContext* context, uint32_t statement, CompiledStatement* out);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_RESOURCE_ELEMENTS_H_
