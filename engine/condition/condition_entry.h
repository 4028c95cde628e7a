// File: engine/condition/condition_entry.h
//
// One compiled operator/key pair of a Condition block, say
// `"ForAnyValue:StringLike": {"aws:TagKeys": ["team-*", "env"]}`, and how it
// is decided for a request.
//
// Policy values are typed once, when the policy is compiled: numbers,
// instants, CIDR ranges, decoded bytes, lowercased strings, globs, ARN
// patterns split into their parts. Values with policy variables stay
// Templates and are rendered per decision into a stack buffer. Request
// values are read on the fly with the values.h readers. Deciding never
// allocates unless a rendered variable exceeds the buffer's inline size.
//
// The rules (decisions.md §18-§21, reference catalogue §3.5-§3.6), with V
// the request's values for the key and "v matches" meaning v matches at
// least one policy value:
//
//   plain positive       some v matches            absent: false
//   plain negated        no v matches              absent: true
//   ForAnyValue:         some v matches (negated:  some v matches none)
//   ForAllValues:        every v matches (negated: no v matches)
//   ...IfExists          as above when the key is present; absent: true
//   Null                 "true": V is null; "false": V is not null
//
// Set qualifiers see a null key (absent, empty list, single "") as no
// values. A request value the operator cannot read (`soon` for a Date
// operator) makes the whole entry false in an Allow and true in a Deny, so it
// never widens access (§21).

#ifndef IAMEVAL_ENGINE_CONDITION_ENTRY_H_
#define IAMEVAL_ENGINE_CONDITION_ENTRY_H_

#include <string>
#include <string_view>
#include <vector>

#include "condition/condition_operators.h"
#include "condition/eval_context.h"
#include "condition/values.h"
#include "condition/variables.h"
#include "iameval/decision.h"
#include "match/glob.h"

namespace iameval::internal {

// An ArnEquals / ArnLike value: one glob per ARN part (decisions.md §14).
struct ArnPattern {
  enum class Kind : uint8_t {
    kParts,     // match part by part
    kAnything,  // the pattern is exactly `*`: any value, ARN or not
    kNothing,   // fewer than six parts, or a first part that cannot match `arn`
  };
  Kind kind = Kind::kNothing;
  // Partition, service, region, account, resource (the first part, `arn`,
  // is checked when the pattern is built).
  Glob parts[5];
};

// Splits `pattern` (glob form) at its first five colons; the sixth part keeps
// any further colons. Returns false when there are fewer than six parts.
bool SplitArnPattern(std::string_view pattern, std::string_view parts[6]) noexcept;

// Builds the ArnPattern for a glob-form pattern.
ArnPattern MakeArnPattern(std::string_view pattern);

// An ArnEquals / ArnLike value with policy variables, split into its six
// parts before any rendering: a `:` inside a substituted value is then text
// within its part, never a separator that shifts the parts after it (a
// session tag `us-east-1:444455556666:x` must not move a pattern into
// another account). Substituted text is literal (decisions.md §29).
struct ArnTemplate {
  Template parts[6];  // `arn`, partition, service, region, account, resource
};

// Splits `text`, a policy value as written, at its first five colons outside
// `${...}` variables; the sixth part keeps any further colons. Returns false
// when there are fewer than six parts.
bool SplitArnTemplateText(std::string_view text, std::string_view parts[6]) noexcept;

struct ConditionEntry {
  OperatorFamily family = OperatorFamily::kString;
  Comparison comparison = Comparison::kEquals;
  bool negated = false;
  bool if_exists = false;
  SetQualifier qualifier = SetQualifier::kNone;
  ConditionKey key;  // lowercased, hashed

  // The policy values, typed. Only the members of the entry's family are
  // filled.
  std::vector<std::string> strings;  // kString as written; kStringIgnoreCase
                                     // lowercased; kBinary decoded bytes
  std::vector<double> numbers;       // kNumeric
  std::vector<Instant> instants;     // kDate
  std::vector<IpNetwork> networks;   // kIp
  std::vector<Glob> globs;           // kStringLike
  std::vector<ArnPattern> arns;      // kArn
  bool accepts_true = false;         // kBool: `true` listed; kNull: "key is null" listed
  bool accepts_false = false;        // kBool: `false` listed; kNull: "key is not null" listed
  // A policy value AWS stores but that cannot be read as the family's type
  // (`Bool` "1", `Numeric` "inf"; Access Analyzer only warns). The entry then
  // never widens access: false in an Allow, true in a Deny, whenever the
  // values are compared (decisions.md §21).
  bool has_unreadable_value = false;
  // Values with policy variables (kString, kStringIgnoreCase, kStringLike,
  // kBool), rendered per decision.
  std::vector<Template> templates;
  std::vector<ArnTemplate> arn_templates;  // kArn values with policy variables

  // For explanations only (ConditionBlock::Trace), kept after the members
  // Evaluate reads: the operator (its name without qualifier and IfExists)
  // and the key as the policy wrote it.
  const OperatorInfo* info = nullptr;
  std::string key_text;

  // Whether the entry holds for the request. `buffer` is scratch space for
  // rendering templates (may be null when the entry has none). Throws only
  // what Template::Render throws.
  bool Evaluate(const EvalContext& context, Effect effect, RenderBuffer* buffer) const;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_CONDITION_ENTRY_H_
