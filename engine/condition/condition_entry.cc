// File: engine/condition/condition_entry.cc
//
// Deciding one operator/key entry for a request (condition_entry.h). This
// is the hot path of conditions: no allocation, no re-reading of policy
// values, one pass over the request's values.

#include "condition/condition_entry.h"

#include <cmath>
#include <type_traits>

#include "match/arn.h"

namespace iameval::internal {
namespace {

// kUnreadable: the value cannot be read as the operator's type, or (IgnoreCase)
// its match is undecided; either way it never widens access (decisions.md §21, §26).
enum class ValueMatch : uint8_t { kNoMatch, kMatch, kUnreadable };

template <typename T>
bool Compare(const T& value, const T& policy, Comparison comparison) {
  switch (comparison) {
    case Comparison::kEquals:
      return value == policy;
    case Comparison::kLess:
      return value < policy;
    case Comparison::kLessOrEqual:
      return value <= policy;
    case Comparison::kGreater:
      return value > policy;
    case Comparison::kGreaterOrEqual:
      return value >= policy;
  }
  return false;
}

// The parts of an ARN-shaped request value after `arn:`, in ArnPattern order.
struct ArnParts {
  bool is_arn = false;
  std::string_view parts[5];
};

ArnParts ReadArnValue(std::string_view text) {
  ArnParts value;
  ArnView view;
  if (SplitArn(text, &view)) {
    value.is_arn = true;
    value.parts[0] = view.partition;
    value.parts[1] = view.service;
    value.parts[2] = view.region;
    value.parts[3] = view.account;
    value.parts[4] = view.resource;
  }
  return value;
}

bool ArnPatternMatches(const ArnPattern& pattern, const ArnParts& value) {
  switch (pattern.kind) {
    case ArnPattern::Kind::kAnything:
      return true;
    case ArnPattern::Kind::kNothing:
      return false;
    case ArnPattern::Kind::kParts:
      break;
  }
  if (!value.is_arn) return false;
  for (int i = 0; i < 5; ++i) {
    if (!pattern.parts[i].Matches(value.parts[i])) return false;
  }
  return true;
}

// Renders an ARN template part by part, matching as it goes.
bool ArnTemplateMatches(const ArnTemplate& pattern, const ArnParts& value,
                        const EvalContext& context, RenderBuffer* buffer) {
  if (!value.is_arn) return false;
  if (!pattern.parts[0].Render(context, true, buffer) || !GlobMatch(buffer->view(), "arn")) {
    return false;
  }
  for (int i = 0; i < 5; ++i) {
    if (!pattern.parts[i + 1].Render(context, true, buffer) ||
        !GlobMatch(buffer->view(), value.parts[i])) {
      return false;  // no match, or an unresolved variable: matches nothing
    }
  }
  return true;
}

// The index just past the `${...}` variable starting at `text[start]`
// (grammar in variables.cc; the text has already been parsed, so it is
// well formed).
size_t SkipVariable(std::string_view text, size_t start) {
  size_t i = start + 2;
  while (i < text.size() && text[i] != '}' && text[i] != ',') ++i;
  if (i < text.size() && text[i] == ',') {
    // A quoted default may hold `:` and `}`.
    const size_t open = text.find('\'', i);
    const size_t close = open == std::string_view::npos ? open : text.find('\'', open + 1);
    if (close != std::string_view::npos) i = close + 1;
    i = text.find('}', i);
  }
  return i == std::string_view::npos || i >= text.size() ? text.size() : i + 1;
}

// The readers and MatchValue take a request value as the caller's context
// holds it (ContextScalar) or as the engine derived it (ScalarView): both
// have `type`, `text`, `number` and `boolean`, and reading the context's
// values in place spares a copy per value.
template <typename Value>
bool ReadRequestNumber(const Value& value, double* out) {
  switch (value.type) {
    case ContextScalar::Type::kNumber:
      *out = value.number;
      return !std::isnan(value.number);
    case ContextScalar::Type::kString:
      return ReadNumber(value.text, out);
    case ContextScalar::Type::kBool:
      break;
  }
  return false;
}

template <typename Value>
bool ReadRequestInstant(const Value& value, Instant* out) {
  if constexpr (std::is_same_v<Value, ScalarView>) {
    if (value.has_instant) {
      *out = value.instant;  // the derived current time, already read
      return true;
    }
  }
  switch (value.type) {
    case ContextScalar::Type::kNumber:
      return InstantFromEpochNumber(value.number, out);
    case ContextScalar::Type::kString:
      return ReadInstant(value.text, out);
    case ContextScalar::Type::kBool:
      break;
  }
  return false;
}

template <typename Value>
bool ReadRequestBool(const Value& value, bool* out) {
  switch (value.type) {
    case ContextScalar::Type::kBool:
      *out = value.boolean;
      return true;
    case ContextScalar::Type::kString:
      return ReadBool(value.text, out);
    case ContextScalar::Type::kNumber:
      break;
  }
  return false;
}

// Whether a kStringIgnoreCase value that matches none of `entry`'s policy
// values would match one under a case folding wider than ASCII's (`É`/`é`):
// then it is undecided, as AWS does not say which folding it uses, and
// decides as an unreadable value, never widening access (decisions.md §26).
// Out of line: only values that do not match get here, and the rare answer
// is yes.
[[gnu::noinline]] bool IgnoreCaseUndecided(const ConditionEntry& entry, std::string_view value,
                                           const EvalContext& context, RenderBuffer* buffer) {
  for (const std::string& policy : entry.strings) {
    if (MayEqualUnderWiderCaseFolding(policy, value)) return true;
  }
  for (const Template& policy : entry.templates) {
    if (policy.Render(context, false, buffer) &&
        MayEqualUnderWiderCaseFolding(buffer->view(), value)) {
      return true;
    }
  }
  return false;
}

// Whether request value `value` matches at least one of `entry`'s policy
// values, or cannot be read as the operator's type.
template <typename Value>
ValueMatch MatchValue(const ConditionEntry& entry, const Value& value, const EvalContext& context,
                      RenderBuffer* buffer) {
  switch (entry.family) {
    case OperatorFamily::kString: {
      for (const std::string& policy : entry.strings) {
        if (policy == value.text) return ValueMatch::kMatch;
      }
      for (const Template& policy : entry.templates) {
        if (policy.Render(context, false, buffer) && buffer->view() == value.text) {
          return ValueMatch::kMatch;
        }
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kStringIgnoreCase: {
      for (const std::string& policy : entry.strings) {
        if (EqualsIgnoreCase(policy, value.text)) return ValueMatch::kMatch;
      }
      for (const Template& policy : entry.templates) {
        if (policy.Render(context, false, buffer) && EqualsIgnoreCase(buffer->view(), value.text)) {
          return ValueMatch::kMatch;
        }
      }
      return IgnoreCaseUndecided(entry, value.text, context, buffer) ? ValueMatch::kUnreadable
                                                                     : ValueMatch::kNoMatch;
    }
    case OperatorFamily::kStringLike: {
      for (const Glob& policy : entry.globs) {
        if (policy.Matches(value.text)) return ValueMatch::kMatch;
      }
      for (const Template& policy : entry.templates) {
        if (policy.Render(context, true, buffer) && GlobMatch(buffer->view(), value.text)) {
          return ValueMatch::kMatch;
        }
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kNumeric: {
      double number = 0;
      if (!ReadRequestNumber(value, &number)) return ValueMatch::kUnreadable;
      for (double policy : entry.numbers) {
        if (Compare(number, policy, entry.comparison)) return ValueMatch::kMatch;
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kDate: {
      Instant instant;
      if (!ReadRequestInstant(value, &instant)) return ValueMatch::kUnreadable;
      for (const Instant& policy : entry.instants) {
        if (Compare(instant, policy, entry.comparison)) return ValueMatch::kMatch;
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kBool: {
      bool flag = false;
      if (!ReadRequestBool(value, &flag)) return ValueMatch::kUnreadable;
      if (flag ? entry.accepts_true : entry.accepts_false) return ValueMatch::kMatch;
      for (const Template& policy : entry.templates) {
        bool rendered = false;
        // A rendered value that is no boolean matches nothing, like an
        // unresolved variable.
        if (policy.Render(context, false, buffer) && ReadBool(buffer->view(), &rendered) &&
            rendered == flag) {
          return ValueMatch::kMatch;
        }
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kBinary: {
      if (value.type != ContextScalar::Type::kString) return ValueMatch::kUnreadable;
      bool equal = false;
      // Read the value even when the policy lists none, so an unreadable
      // value is always reported as such.
      if (!Base64DecodesTo(value.text, entry.strings.empty() ? "" : entry.strings[0], &equal)) {
        return ValueMatch::kUnreadable;
      }
      if (equal) return ValueMatch::kMatch;
      for (size_t i = 1; i < entry.strings.size(); ++i) {
        if (Base64DecodesTo(value.text, entry.strings[i], &equal) && equal) {
          return ValueMatch::kMatch;
        }
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kIp: {
      IpAddress address;
      if (value.type != ContextScalar::Type::kString) return ValueMatch::kUnreadable;
      bool read = false;
      if constexpr (std::is_same_v<Value, ContextScalar>) {
        read = context.ReadIp(value, &address);  // read once per decision
      } else {
        read = ReadIpAddress(value.text, &address);
      }
      if (!read) return ValueMatch::kUnreadable;
      for (const IpNetwork& policy : entry.networks) {
        if (policy.Contains(address)) return ValueMatch::kMatch;
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kArn: {
      // A value that is not an ARN is readable: it just matches no ARN
      // pattern (decisions.md §14).
      const ArnParts arn = ReadArnValue(value.text);
      for (const ArnPattern& policy : entry.arns) {
        if (ArnPatternMatches(policy, arn)) return ValueMatch::kMatch;
      }
      for (const ArnTemplate& policy : entry.arn_templates) {
        if (ArnTemplateMatches(policy, arn, context, buffer)) return ValueMatch::kMatch;
      }
      return ValueMatch::kNoMatch;
    }
    case OperatorFamily::kNull:
      break;  // decided from the key alone, in Evaluate
  }
  return ValueMatch::kNoMatch;
}

}  // namespace

bool SplitArnPattern(std::string_view pattern, std::string_view parts[6]) noexcept {
  for (int i = 0; i < 5; ++i) {
    const size_t colon = pattern.find(':');
    if (colon == std::string_view::npos) return false;
    parts[i] = pattern.substr(0, colon);
    pattern.remove_prefix(colon + 1);
  }
  parts[5] = pattern;
  return true;
}

bool SplitArnTemplateText(std::string_view text, std::string_view parts[6]) noexcept {
  size_t start = 0;
  int found = 0;
  size_t i = 0;
  while (i < text.size() && found < 5) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      i = SkipVariable(text, i);
      continue;
    }
    if (text[i] == ':') {
      parts[found++] = text.substr(start, i - start);
      start = i + 1;
    }
    ++i;
  }
  if (found < 5) return false;
  parts[5] = text.substr(start);
  return true;
}

ArnPattern MakeArnPattern(std::string_view pattern) {
  ArnPattern compiled;
  if (pattern == "*") {
    compiled.kind = ArnPattern::Kind::kAnything;
    return compiled;
  }
  std::string_view parts[6];
  if (!SplitArnPattern(pattern, parts) || !GlobMatch(parts[0], "arn")) {
    compiled.kind = ArnPattern::Kind::kNothing;
    return compiled;
  }
  compiled.kind = ArnPattern::Kind::kParts;
  for (int i = 0; i < 5; ++i) compiled.parts[i] = Glob(std::string(parts[i + 1]));
  return compiled;
}

namespace {

// Decides `entry` on the request's values for its key: `count` values at
// `values` when `present`, given as a list when `is_list` (KeyValues'
// meaning).
template <typename Value>
bool DecideOnValues(const ConditionEntry& entry, bool present, bool is_list, const Value* values,
                    size_t count, const EvalContext& context, Effect effect, RenderBuffer* buffer) {
  // Absent, an empty list, or a single empty string (decisions.md §20).
  const bool is_null = !present || count == 0 ||
                       (count == 1 && !is_list && values[0].type == ContextScalar::Type::kString &&
                        values[0].text.empty());

  if (entry.family == OperatorFamily::kNull) {
    if (entry.has_unreadable_value) return effect == Effect::kDeny;  // decisions.md §21
    // With a qualifier Null is degenerate (warned at compile time).
    if (entry.qualifier == SetQualifier::kForAllValues) return true;
    if (entry.qualifier == SetQualifier::kForAnyValue) return false;
    return is_null ? entry.accepts_true : entry.accepts_false;
  }

  if (!present && entry.if_exists) return true;
  // Set qualifiers see a null key as no values; plain operators see a
  // present "" as the value "" (decisions.md §20).
  if (!present) count = 0;
  if (entry.qualifier != SetQualifier::kNone && is_null) count = 0;

  // A policy value that cannot be read decides like a request value that
  // cannot be read: never widening access (decisions.md §21).
  if (entry.has_unreadable_value && count > 0) return effect == Effect::kDeny;

  bool some_match = false;  // some request value matches some policy value
  bool some_miss = false;   // some request value matches no policy value
  for (size_t i = 0; i < count; ++i) {
    switch (MatchValue(entry, values[i], context, buffer)) {
      case ValueMatch::kUnreadable:
        return effect == Effect::kDeny;  // never widens access (decisions.md §21)
      case ValueMatch::kMatch:
        some_match = true;
        break;
      case ValueMatch::kNoMatch:
        some_miss = true;
        break;
    }
  }

  switch (entry.qualifier) {
    case SetQualifier::kNone:  // decisions.md §19
      return entry.negated ? !some_match : some_match;
    case SetQualifier::kForAnyValue:
      return entry.negated ? some_miss : some_match;
    case SetQualifier::kForAllValues:
      return entry.negated ? !some_match : !some_miss;
  }
  return false;
}

}  // namespace

bool ConditionEntry::Evaluate(const EvalContext& context, Effect effect,
                              RenderBuffer* buffer) const {
  // The caller's values are read where they are; a derived value (one at
  // most) is made on the stack.
  if (const Context::Entry* entry = context.RequestEntry(key)) {
    return DecideOnValues(*this, true, entry->is_list, entry->values.data(), entry->values.size(),
                          context, effect, buffer);
  }
  const KeyValues derived = context.DerivedValue(key.derived);
  if (!derived.present()) {
    return DecideOnValues<ScalarView>(*this, false, false, nullptr, 0, context, effect, buffer);
  }
  const ScalarView value = derived.at(0);
  return DecideOnValues(*this, true, false, &value, 1, context, effect, buffer);
}

}  // namespace iameval::internal
