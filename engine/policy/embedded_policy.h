// File: engine/policy/embedded_policy.h
//
// A policy document that is part of a larger text the caller wrote: a policy
// given as an object inside a DecideJson envelope or a policies object. It is
// parsed from its own bytes, exactly as written (no re-serialising, so AWS's
// size quotas count the caller's characters), and every line:column it
// reports, in findings and in the compiled statements that explanations
// point at, is placed in the larger text.
//
//   // `bytes` starts at line 3, column 17 of the envelope
//   ParseResult parsed = ParseEmbeddedPolicy(bytes, {3, 17}, PolicyKind::kIdentity, limits);

#ifndef IAMEVAL_ENGINE_EMBEDDED_POLICY_H_
#define IAMEVAL_ENGINE_EMBEDDED_POLICY_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "iameval/policy.h"

namespace iameval::internal {

// Where a document's first byte stands in the larger text: 1-based, columns
// in Unicode code points, as JsonNode::line and JsonNode::column.
struct TextOrigin {
  uint32_t line = 1;
  uint32_t column = 1;
};

// Policy::Parse and Check for a document whose first byte stands at `origin`.
ParseResult ParseEmbeddedPolicy(std::string_view text, TextOrigin origin, PolicyKind kind,
                                const Limits& limits);
std::vector<Finding> CheckEmbeddedPolicy(std::string_view text, TextOrigin origin, PolicyKind kind,
                                         const Limits& limits);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_EMBEDDED_POLICY_H_
