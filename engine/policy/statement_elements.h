// File: engine/policy/statement_elements.h
//
// One statement (spec/grammar.md §2, "Statements"): its elements checked
// against the language and the kind's rules, and compiled into a
// CompiledStatement that joins context->policy. `Sid`, `Effect` and
// `Condition` are read here, and the one `Allow` a resource control policy
// may hold; principals, actions and resources have files of their own.
//
//   {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}

#ifndef IAMEVAL_ENGINE_STATEMENT_ELEMENTS_H_
#define IAMEVAL_ENGINE_STATEMENT_ELEMENTS_H_

#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "policy/parse_context.h"

namespace iameval::internal {

// The statement node that first used each Sid, for duplicate-sid findings.
// The Sids are views of the document's node text, which outlives the map.
using SidOwners = std::unordered_map<std::string_view, uint32_t>;

// Compiles the statement object at `node`, statement `index` of the policy.
void CompileStatement(ParseContext* context, uint32_t node, uint32_t index, SidOwners* sids);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_STATEMENT_ELEMENTS_H_
