// File: engine/json_api/policy_set_json.h
//
// The policies object of the JSON face (conformance/FORMAT.md): its slots
// read from a located tree into PolicySetAssembly (iameval/json.h), each
// document handed on as the bytes the caller wrote, at its place in the text.
//
//   PolicySetResult set = AssemblePolicySet(text, doc, node, resource_kind, limits);

#ifndef IAMEVAL_ENGINE_POLICY_SET_JSON_H_
#define IAMEVAL_ENGINE_POLICY_SET_JSON_H_

#include <cstdint>
#include <string_view>

#include "iameval/json.h"
#include "json/json_tree.h"

namespace iameval::internal {

// The policy set the policies object at `node` of `doc` (read from `text`)
// describes. `error` is set when the object itself is malformed.
PolicySetResult AssemblePolicySet(std::string_view text, const JsonDocument& doc, uint32_t node,
                                  PolicyKind resource_kind, const Limits& limits);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_POLICY_SET_JSON_H_
