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
#include "json/json_tree.h"
#include "policy/compiled_policy.h"

namespace iameval::internal {

// Parses, validates and compiles `text` as a policy of `kind`. Appends every
// finding, in document order, to `findings`. Returns null when any is an error.
// With `tree`, also hands back the located JSON tree it read, when the text
// was JSON (else `tree` is left empty): `iameval lint` reads the document once.
std::shared_ptr<CompiledPolicy> ParsePolicyDocument(std::string_view text, PolicyKind kind,
                                                    const Limits& limits,
                                                    std::vector<Finding>* findings,
                                                    JsonDocument* tree = nullptr);

// Check()'s findings (every exception caught and reported as Check reports
// it), and, in `tree`, the located JSON tree they were found in (empty when
// the text is not JSON or reading it failed).
std::vector<Finding> CheckKeepingTree(std::string_view text, PolicyKind kind, const Limits& limits,
                                      JsonDocument* tree);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_POLICY_PARSER_H_
