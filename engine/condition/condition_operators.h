// File: engine/condition/condition_operators.h
//
// The catalogue of condition operators and the grammar of an operator name:
//
//   [ "ForAllValues:" | "ForAnyValue:" ] base [ "IfExists" ]
//
// where `base` is one of the 27 operators AWS documents. Every part is
// case-sensitive (decisions.md §7), `Null` takes no `IfExists`. Each
// operator declares its traits (family, comparison, negation, whether policy
// variables are substituted in its values) so the generic code handles
// IfExists, qualifiers and absent keys once for all of them.

#ifndef IAMEVAL_ENGINE_CONDITION_OPERATORS_H_
#define IAMEVAL_ENGINE_CONDITION_OPERATORS_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace iameval::internal {

// How an operator reads and compares values.
enum class OperatorFamily : uint8_t {
  kString,            // StringEquals, StringNotEquals
  kStringIgnoreCase,  // StringEqualsIgnoreCase, StringNotEqualsIgnoreCase
  kStringLike,        // StringLike, StringNotLike
  kNumeric,           // Numeric*
  kDate,              // Date*
  kBool,              // Bool
  kBinary,            // BinaryEquals
  kIp,                // IpAddress, NotIpAddress
  kArn,               // ArnEquals, ArnLike, ArnNotEquals, ArnNotLike
  kNull,              // Null
};

// The relation a Numeric or Date operator tests, request value against
// policy value; kEquals for every other family.
enum class Comparison : uint8_t { kEquals, kLess, kLessOrEqual, kGreater, kGreaterOrEqual };

enum class SetQualifier : uint8_t { kNone, kForAllValues, kForAnyValue };

struct OperatorInfo {
  std::string_view name;  // e.g. "StringNotLike"
  OperatorFamily family;
  Comparison comparison;
  // True for the "not" operators: the entry holds when no policy value
  // matches (StringNotEquals, NotIpAddress, ArnNotLike, ...).
  bool negated;
  // Policy variables are substituted in String, Arn and Bool values only
  // (decisions.md §28).
  bool variables_allowed;
};

// The operator named exactly `base` (no qualifier, no IfExists), or null.
const OperatorInfo* FindOperator(std::string_view base) noexcept;

// An operator name read by ParseOperatorName.
struct OperatorName {
  const OperatorInfo* info = nullptr;
  SetQualifier qualifier = SetQualifier::kNone;
  bool if_exists = false;
};

// Reads a Condition member name. On failure returns false with a finding
// code (`unknown-condition-operator`, `invalid-condition-qualifier`,
// `null-with-ifexists`), a lowercase message and, where one helps, advice
// (a likely intended spelling).
bool ParseOperatorName(std::string_view text, OperatorName* out, std::string* error_code,
                       std::string* error_message, std::string* help);

// "ForAllValues:", "ForAnyValue:" or "".
std::string_view QualifierPrefix(SetQualifier qualifier);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_CONDITION_OPERATORS_H_
