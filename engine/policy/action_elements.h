// File: engine/policy/action_elements.h
//
// A statement's `Action` or `NotAction` (spec/grammar.md §2, "Actions"): `*`
// or `service:action`, the service prefix of letters, digits, `.` and `-`,
// wildcards allowed (with a warning in the prefix), no policy variables.
// Values compile to lowercased globs.
//
//   "Action": ["s3:GetObject", "s3:List*"]    ->  globs s3:getobject, s3:list*

#ifndef IAMEVAL_ENGINE_ACTION_ELEMENTS_H_
#define IAMEVAL_ENGINE_ACTION_ELEMENTS_H_

#include <cstdint>

#include "iameval/decision.h"
#include "policy/compiled_policy.h"
#include "policy/parse_context.h"

namespace iameval::internal {

// Reads the actions of `statement` into `out`. `effect` counts only when
// `effect_known`: a resource control policy's Deny may not use `*` alone.
void ReadActions(ParseContext* context, uint32_t statement, Effect effect, bool effect_known,
                 CompiledStatement* out);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ACTION_ELEMENTS_H_
