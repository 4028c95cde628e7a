// File: engine/testing/reference_conditions.h
//
// NEVER FOR PRODUCTION: the reference evaluator's Condition element and
// policy variables (reference_evaluator.h), transcribed from
// spec/conditions.md and spec/variables.md without reading the engine: every
// operator family (String, Numeric, Date, Bool, Binary, IP, ARN, Null),
// `IfExists`, the set qualifiers and `${...}` substitution, each done the
// plain way (strtod, inet_pton, a civil-calendar day count, a base64 table).
// Input outside what it understands is refused (ReferenceRefused), never
// guessed at.
//
//   const bool holds = ReferenceConditionHolds(statement["Condition"], context,
//                                              /*variables=*/true, /*is_deny=*/false);

#ifndef IAMEVAL_ENGINE_TESTING_REFERENCE_CONDITIONS_H_
#define IAMEVAL_ENGINE_TESTING_REFERENCE_CONDITIONS_H_

#include <rapidjson/document.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace iameval::testing {

// Thrown for input outside the reference's subset; ReferenceDecide turns it
// into ReferenceResult::error.
struct ReferenceRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A pattern with, for each byte, whether it is literal (came from a
// variable's value or an escape, so `*` and `?` in it are plain characters).
struct ReferencePattern {
  std::string text;
  std::vector<bool> literal;  // same length as text
};

// `*` any run, `?` one byte, literal bytes only themselves: a table over
// pattern x text, |pattern| x |text| steps whatever the pattern.
bool ReferenceGlobPattern(const ReferencePattern& pattern, std::string_view text);

// The keys spec/context.md derives from the request, as the reference works
// them out (reference_evaluator.cc): a JSON object of key -> value, holding
// only the keys this request has. A key set in the context wins over it.
struct ReferenceKeys {
  const rapidjson::Value* context = nullptr;  // the request's `context`, or null
  const rapidjson::Value* derived = nullptr;  // an object, or null
};

// Renders `text` with its `${...}` variables from `keys` when `variables` (a
// 2012-10-17 document), else
// takes it as written. Returns false when a variable has no value and no
// default: then the whole string has no value (spec/variables.md §6).
bool ReferenceRender(std::string_view text, const ReferenceKeys& keys, bool variables,
                     ReferencePattern* out);

// Whether a statement's `Condition` value holds for a request with `keys`.
// `is_deny`: the statement's effect, for unreadable request values
// (spec/conditions.md §5).
bool ReferenceConditionHolds(const rapidjson::Value& condition, const ReferenceKeys& keys,
                             bool variables, bool is_deny);

// Reads an instant as the Date operators do (decisions.md §22), as whole
// epoch seconds (rounded down) and as `YYYY-MM-DDThh:mm:ssZ`; false when it
// is not one.
bool ReferenceReadInstant(const rapidjson::Value& value, int64_t* seconds, std::string* text);

// Whether spec/context.md derives `key` (ignoring case).
bool ReferenceIsDerivedKey(std::string_view key);

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_REFERENCE_CONDITIONS_H_
