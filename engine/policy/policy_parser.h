// File: engine/policy/policy_parser.h
//
// From JSON text to a CompiledPolicy: the JSON layer (json_tree.h), the
// grammar of spec/grammar.md, the per-kind element rules, the limits, and the
// compilation of every element (actions, resources, principals, conditions).
// All findings are collected; one error does not hide the next.

#ifndef IAMEVAL_ENGINE_POLICY_PARSER_H_
#define IAMEVAL_ENGINE_POLICY_PARSER_H_

#include <memory>
#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "iameval/policy.h"
#include "policy/compiled_policy.h"

namespace iameval::internal {

// Parses, validates and compiles `text` as a policy of `kind`. Appends every
// finding, in document order, to `findings`. Returns null when any is an error.
std::shared_ptr<CompiledPolicy> ParsePolicyDocument(std::string_view text, PolicyKind kind,
                                                    const Limits& limits,
                                                    std::vector<Finding>* findings);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_POLICY_PARSER_H_
