// File: engine/condition/condition_operators.cc
//
// The operator catalogue and operator-name parsing of condition_operators.h.

#include "condition/condition_operators.h"

#include "base/ascii.h"
#include "base/message_text.h"

namespace iameval::internal {
namespace {

constexpr std::string_view kIfExists = "IfExists";
constexpr std::string_view kForAllValues = "ForAllValues:";
constexpr std::string_view kForAnyValue = "ForAnyValue:";

using F = OperatorFamily;
using C = Comparison;

// Every operator AWS documents, in the order of its operators page.
constexpr OperatorInfo kOperators[] = {
    {"StringEquals", F::kString, C::kEquals, false, true},
    {"StringNotEquals", F::kString, C::kEquals, true, true},
    {"StringEqualsIgnoreCase", F::kStringIgnoreCase, C::kEquals, false, true},
    {"StringNotEqualsIgnoreCase", F::kStringIgnoreCase, C::kEquals, true, true},
    {"StringLike", F::kStringLike, C::kEquals, false, true},
    {"StringNotLike", F::kStringLike, C::kEquals, true, true},
    {"NumericEquals", F::kNumeric, C::kEquals, false, false},
    {"NumericNotEquals", F::kNumeric, C::kEquals, true, false},
    {"NumericLessThan", F::kNumeric, C::kLess, false, false},
    {"NumericLessThanEquals", F::kNumeric, C::kLessOrEqual, false, false},
    {"NumericGreaterThan", F::kNumeric, C::kGreater, false, false},
    {"NumericGreaterThanEquals", F::kNumeric, C::kGreaterOrEqual, false, false},
    {"DateEquals", F::kDate, C::kEquals, false, false},
    {"DateNotEquals", F::kDate, C::kEquals, true, false},
    {"DateLessThan", F::kDate, C::kLess, false, false},
    {"DateLessThanEquals", F::kDate, C::kLessOrEqual, false, false},
    {"DateGreaterThan", F::kDate, C::kGreater, false, false},
    {"DateGreaterThanEquals", F::kDate, C::kGreaterOrEqual, false, false},
    {"Bool", F::kBool, C::kEquals, false, true},
    {"BinaryEquals", F::kBinary, C::kEquals, false, false},
    {"IpAddress", F::kIp, C::kEquals, false, false},
    {"NotIpAddress", F::kIp, C::kEquals, true, false},
    {"ArnEquals", F::kArn, C::kEquals, false, true},
    {"ArnLike", F::kArn, C::kEquals, false, true},
    {"ArnNotEquals", F::kArn, C::kEquals, true, true},
    {"ArnNotLike", F::kArn, C::kEquals, true, true},
    {"Null", F::kNull, C::kEquals, false, false},
};

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// The operator name `base` probably meant, differing only in letter case
// (with or without IfExists), or empty.
std::string SuggestOperator(std::string_view base) {
  for (const OperatorInfo& info : kOperators) {
    if (EqualsIgnoreCase(base, info.name)) return std::string(info.name);
    if (info.family != OperatorFamily::kNull &&
        base.size() == info.name.size() + kIfExists.size() &&
        EqualsIgnoreCase(base.substr(0, info.name.size()), info.name) &&
        EqualsIgnoreCase(base.substr(info.name.size()), kIfExists)) {
      return std::string(info.name) + std::string(kIfExists);
    }
  }
  return {};
}

}  // namespace

const OperatorInfo* FindOperator(std::string_view base) noexcept {
  for (const OperatorInfo& info : kOperators) {
    if (info.name == base) return &info;
  }
  return nullptr;
}

std::string_view QualifierPrefix(SetQualifier qualifier) {
  switch (qualifier) {
    case SetQualifier::kForAllValues:
      return kForAllValues;
    case SetQualifier::kForAnyValue:
      return kForAnyValue;
    case SetQualifier::kNone:
      break;
  }
  return {};
}

bool ParseOperatorName(std::string_view text, OperatorName* out, std::string* error_code,
                       std::string* error_message, std::string* help) {
  *out = OperatorName();
  std::string_view base = text;
  const size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view prefix = text.substr(0, colon + 1);
    if (prefix == kForAllValues) {
      out->qualifier = SetQualifier::kForAllValues;
    } else if (prefix == kForAnyValue) {
      out->qualifier = SetQualifier::kForAnyValue;
    } else {
      *error_code = "invalid-condition-qualifier";
      *error_message = Quote(prefix) + " is not a set qualifier";
      if (EqualsIgnoreCase(prefix, kForAllValues)) {
        *help = "qualifiers are case-sensitive: write `ForAllValues:`";
      } else if (EqualsIgnoreCase(prefix, kForAnyValue)) {
        *help = "qualifiers are case-sensitive: write `ForAnyValue:`";
      } else {
        *help = "the qualifiers are `ForAllValues:` and `ForAnyValue:`";
      }
      return false;
    }
    base = text.substr(colon + 1);
  }

  if (EndsWith(base, kIfExists) && base.size() > kIfExists.size()) {
    const std::string_view without = base.substr(0, base.size() - kIfExists.size());
    if (without == "Null") {
      *error_code = "null-with-ifexists";
      *error_message = Quote(text) + " is not an operator: `Null` cannot take `IfExists`";
      *help = "`Null` already tests whether the key is present";
      return false;
    }
    if (const OperatorInfo* info = FindOperator(without)) {
      out->info = info;
      out->if_exists = true;
      return true;
    }
  }
  if (const OperatorInfo* info = FindOperator(base)) {
    out->info = info;
    return true;
  }

  *error_code = "unknown-condition-operator";
  *error_message = "unknown condition operator " + Quote(base);
  const std::string suggestion = SuggestOperator(base);
  help->clear();
  if (!suggestion.empty()) {
    *help = "operator names are case-sensitive: did you mean `" + suggestion + "`?";
  }
  return false;
}

}  // namespace iameval::internal
