// File: engine/condition/condition_keys.h
//
// What AWS documents about how many values a condition key carries, for the
// two warnings that catch set-qualifier mistakes:
//
//   qualifier-on-single-valued-key        ForAllValues:StringEquals aws:SourceIp
//   missing-qualifier-on-multivalued-key  StringEquals aws:TagKeys
//
// Only keys AWS documents are classified; any other key is kUnknown and
// draws no warning. Evaluation never depends on this catalogue: a request
// may give any key as a list or a single value (decisions.md §19).

#ifndef IAMEVAL_ENGINE_CONDITION_KEYS_H_
#define IAMEVAL_ENGINE_CONDITION_KEYS_H_

#include <cstdint>
#include <string_view>

namespace iameval::internal {

enum class KeyArity : uint8_t { kUnknown, kSingleValued, kMultivalued };

// The arity of `key` (any letter case).
KeyArity ConditionKeyArity(std::string_view key) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_CONDITION_KEYS_H_
