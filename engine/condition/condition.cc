// File: engine/condition/condition.cc
//
// Compiling a Condition element: checking every operator name, key and
// value against the grammar (spec/findings.md, "Conditions and variables"),
// typing each policy value once for its operator's family, and evaluating
// the compiled block (operators AND, keys AND; condition_entry.h decides
// each operator/key pair).
//
// One finding per problem, located at the offending member name or value,
// and one error does not stop the others from being found.

#include "condition/condition.h"

#include <utility>

#include "base/ascii.h"
#include "base/message_text.h"
#include "condition/condition_entry.h"
#include "condition/condition_keys.h"
#include "condition/condition_operators.h"
#include "condition/values.h"
#include "condition/variables.h"

namespace iameval::internal {

struct ConditionBlock::Impl {
  std::vector<ConditionEntry> entries;
  // Whether any entry has policy variables, so evaluating needs a
  // RenderBuffer (most blocks do not, and need not construct one).
  bool has_templates = false;
};

const std::vector<ConditionEntry>& ConditionBlock::entries() const {
  static const std::vector<ConditionEntry> kNone;
  return impl_ == nullptr ? kNone : impl_->entries;
}

namespace {

// The text of a scalar condition value: strings as given, numbers as
// written, booleans as `true` / `false`.
std::string_view ScalarText(const JsonNode& node) {
  switch (node.type) {
    case JsonType::kTrue:
      return "true";
    case JsonType::kFalse:
      return "false";
    default:
      return node.text;
  }
}

bool IsScalar(const JsonNode& node) {
  return node.is_string() || node.is_bool() || node.type == JsonType::kNumber;
}

class Compiler {
 public:
  Compiler(FindingReporter* report, const ConditionCompileOptions& options)
      : report_(*report),
        doc_(report->document()),
        options_(options),
        limits_(options.limits != nullptr ? *options.limits : default_limits_) {}

  void CompileBlock(uint32_t node, std::vector<ConditionEntry>* out);

 private:
  template <typename... Args>
  void Error(Args&&... args) {
    report_.Error(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void Warning(Args&&... args) {
    report_.Warn(std::forward<Args>(args)...);
  }

  void CompileOperator(uint32_t node, std::vector<ConditionEntry>* out);
  bool CheckKey(uint32_t node, std::string_view operator_text, const OperatorName& name);
  void CompileValue(uint32_t node, std::string_view operator_text, ConditionEntry* entry);
  bool CompileTemplate(uint32_t node, std::string_view text, Template* out);
  bool CheckPattern(uint32_t node, std::string_view raw, std::string_view glob_text);
  void CompileArnTemplate(uint32_t node, std::string_view text, ConditionEntry* entry);
  void InvalidValue(uint32_t node, std::string_view operator_text, std::string_view expected,
                    std::string_view text, std::string help = {}) {
    Error(node, "invalid-condition-value",
          Quote(operator_text) + " needs " + std::string(expected) + ", not " + Quote(text), false,
          std::move(help));
  }
  // A value IAM stores although it is not of the operator's type (Access
  // Analyzer's TYPE_MISMATCH_BOOLEAN, _DATE, _NUMBER and _STRING are
  // warnings): a warning, and the entry never widens access
  // (ConditionEntry::has_unreadable_value, decisions.md §21).
  // A value of another JSON type (a number under `Bool`, `true` under
  // `NumericEquals`) stays an error: Access Analyzer's
  // INVALID_CONDITION_DATA_TYPE is one.
  void UnreadableValue(uint32_t node, std::string_view operator_text, std::string_view expected,
                       std::string_view text, ConditionEntry* entry, std::string help = {}) {
    if (!doc_.node(node).is_string()) {
      InvalidValue(node, operator_text, expected, text, std::move(help));
      return;
    }
    entry->has_unreadable_value = true;
    if (!help.empty()) help += "; ";
    help += "aws stores the policy but never reads this value as " + std::string(expected) +
            ": iameval then takes the condition as not met in an allow statement and as met in a "
            "deny statement, so it never grants more than aws";
    Warning(node, "invalid-condition-value",
            Quote(operator_text) + " needs " + std::string(expected) + ", not " + Quote(text),
            false, std::move(help));
  }

  FindingReporter& report_;
  const JsonDocument& doc_;
  const ConditionCompileOptions& options_;
  const Limits default_limits_;
  const Limits& limits_;
};

void Compiler::CompileBlock(uint32_t node, std::vector<ConditionEntry>* out) {
  const JsonNode& condition = doc_.node(node);
  if (!condition.is_object()) {
    Error(node, "not-an-object",
          "`Condition` must be an object mapping operators to keys, not " +
              JsonTypeWithArticle(condition.type));
    return;
  }
  for (uint32_t child = condition.first_child; child != kNoNode;
       child = doc_.node(child).next_sibling) {
    CompileOperator(child, out);
  }
}

void Compiler::CompileOperator(uint32_t node, std::vector<ConditionEntry>* out) {
  const JsonNode& block = doc_.node(node);
  const std::string_view operator_text = block.key;
  OperatorName name;
  std::string code, message, help;
  if (!ParseOperatorName(operator_text, &name, &code, &message, &help)) {
    Error(node, std::move(code), std::move(message), /*at_key=*/true, std::move(help));
    return;
  }
  const OperatorInfo& info = *name.info;
  if (info.family == OperatorFamily::kNull && name.qualifier != SetQualifier::kNone) {
    const bool all = name.qualifier == SetQualifier::kForAllValues;
    Warning(node, "null-with-qualifier",
            Quote(operator_text) + " is always " + (all ? "true" : "false"), /*at_key=*/true,
            "use `Null` without a qualifier to test whether a key is present");
  }
  if (!block.is_object()) {
    Error(node, "not-an-object",
          "condition operator " + Quote(operator_text) + " must map keys to values, not " +
              JsonTypeWithArticle(block.type));
    return;
  }

  // Keys already seen in this block, lowercased, for the duplicate-case check.
  std::vector<std::pair<std::string, uint32_t>> seen;
  for (uint32_t key_node = block.first_child; key_node != kNoNode;
       key_node = doc_.node(key_node).next_sibling) {
    const JsonNode& member = doc_.node(key_node);
    if (!CheckKey(key_node, operator_text, name)) continue;

    ConditionEntry entry;
    entry.family = info.family;
    entry.comparison = info.comparison;
    entry.negated = info.negated;
    entry.if_exists = name.if_exists;
    entry.qualifier = name.qualifier;
    entry.key = ConditionKey::Make(member.key);
    entry.info = &info;
    entry.key_text = member.key;

    bool duplicate = false;
    for (const auto& [earlier, earlier_node] : seen) {
      if (earlier != entry.key.name) continue;
      Error(key_node, "condition-key-duplicate-case",
            "condition key " + Quote(member.key) + " repeats " +
                Quote(doc_.node(earlier_node).key) + " in another letter case",
            /*at_key=*/true, "key names are case-insensitive: list all values under one key");
      duplicate = true;
      break;
    }
    if (duplicate) continue;
    seen.emplace_back(entry.key.name, key_node);

    // The values: one scalar or an array of scalars.
    if (member.is_array()) {
      if (member.child_count == 0) {
        Warning(
            key_node, "empty-condition-values",
            "condition key " + Quote(member.key) + " has no values under " + Quote(operator_text),
            /*at_key=*/false,
            "an empty list matches no request value; remove the key or give it values");
      }
      if (member.child_count > limits_.max_condition_values) {
        Error(key_node, "too-many-condition-values",
              "condition key " + Quote(member.key) + " has " + WithThousands(member.child_count) +
                  " values, over the limit of " + WithThousands(limits_.max_condition_values));
        continue;
      }
      for (uint32_t value = member.first_child; value != kNoNode;
           value = doc_.node(value).next_sibling) {
        const JsonNode& element = doc_.node(value);
        if (!IsScalar(element)) {
          Error(value, "wrong-type",
                "a condition value must be a string, number or boolean, not " +
                    JsonTypeWithArticle(element.type));
          continue;
        }
        CompileValue(value, operator_text, &entry);
      }
    } else if (IsScalar(member)) {
      CompileValue(key_node, operator_text, &entry);
    } else {
      Error(key_node, "wrong-type",
            "the values of condition key " + Quote(member.key) +
                " must be a string, number, boolean or an array of them, not " +
                JsonTypeWithArticle(member.type));
      continue;
    }
    out->push_back(std::move(entry));
  }
}

// Checks a condition key's form and warns about qualifier mismatches.
// Returns false when the key is invalid.
bool Compiler::CheckKey(uint32_t node, std::string_view operator_text, const OperatorName& name) {
  const std::string_view key = doc_.node(node).key;
  if (key.empty()) {
    Error(node, "invalid-condition-key", "empty condition key", /*at_key=*/true,
          "condition keys are `prefix:name`, such as `aws:SourceIp`");
    return false;
  }
  const size_t colon = key.find(':');
  if (colon == std::string::npos || colon == 0) {
    Error(node, "invalid-condition-key", "condition key " + Quote(key) + " has no `prefix:`",
          /*at_key=*/true, "condition keys are `prefix:name`, such as `aws:SourceIp`");
    return false;
  }
  if (colon + 1 == key.size()) {
    Error(node, "invalid-condition-key",
          "condition key " + Quote(key) + " has no name after its prefix", /*at_key=*/true);
    return false;
  }

  if (name.info->family == OperatorFamily::kNull) return true;  // Null suits any key
  const KeyArity arity = ConditionKeyArity(key);
  if (name.qualifier != SetQualifier::kNone && arity == KeyArity::kSingleValued) {
    Warning(node, "qualifier-on-single-valued-key",
            Quote(QualifierPrefix(name.qualifier)) + " on " + Quote(key) +
                ", which AWS documents as single-valued",
            /*at_key=*/true,
            "a qualifier makes the test over-permissive here; use " + Quote(name.info->name) +
                " without it");
  } else if (name.qualifier == SetQualifier::kNone && arity == KeyArity::kMultivalued) {
    Warning(node, "missing-qualifier-on-multivalued-key",
            Quote(key) + " is multivalued but " + Quote(operator_text) +
                " has no `ForAllValues:` or `ForAnyValue:` qualifier",
            /*at_key=*/true,
            "say whether every request value (`ForAllValues:`) or at least one "
            "(`ForAnyValue:`) must match");
  }
  return true;
}

bool Compiler::CompileTemplate(uint32_t node, std::string_view text, Template* out) {
  std::string code, message;
  if (!Template::Parse(text, options_.variables_enabled, out, &code, &message)) {
    Error(node, std::move(code), std::move(message));
    return false;
  }
  return true;
}

// Checks a Like/Arn pattern against the limits. `raw` is the value as
// written, `glob_text` its glob form.
bool Compiler::CheckPattern(uint32_t node, std::string_view raw, std::string_view glob_text) {
  for (char c : raw) {
    if (c == kLiteralStar || c == kLiteralQuestion) {
      // Those bytes stand for escaped wildcards inside a compiled glob.
      Error(node, "invalid-condition-value",
            "pattern " + Quote(raw) + " holds a control character");
      return false;
    }
  }
  if (raw.size() > limits_.max_pattern_length) {
    Error(node, "pattern-too-long",
          "condition value " + Quote(raw) + " is " + WithThousands(raw.size()) +
              " bytes long, over the limit of " + WithThousands(limits_.max_pattern_length));
    return false;
  }
  const uint32_t stars = CountStars(glob_text);
  if (stars > limits_.max_wildcards_per_pattern) {
    Error(node, "too-many-wildcards",
          "condition value " + Quote(raw) + " has " + std::to_string(stars) +
              " `*` wildcards, over the limit of " +
              std::to_string(limits_.max_wildcards_per_pattern));
    return false;
  }
  return true;
}

// An Arn value with variables: split first, then each part parsed on its
// own (condition_entry.h says why).
void Compiler::CompileArnTemplate(uint32_t node, std::string_view text, ConditionEntry* entry) {
  std::string_view parts[6];
  if (!SplitArnTemplateText(text, parts)) return;  // fewer than six parts: matches nothing
  ArnTemplate pattern;
  for (int i = 0; i < 6; ++i) {
    if (!CompileTemplate(node, parts[i], &pattern.parts[i])) return;
  }
  entry->arn_templates.push_back(std::move(pattern));
}

void Compiler::CompileValue(uint32_t node, std::string_view operator_text, ConditionEntry* entry) {
  const JsonNode& value = doc_.node(node);
  const std::string_view text = ScalarText(value);
  const bool mentions_variable = value.is_string() && text.find("${") != std::string_view::npos;
  if (mentions_variable && !options_.variables_enabled) {
    Warning(node, "variable-in-old-version",
            Quote(text) + " is literal text: policy variables need `\"Version\": \"2012-10-17\"`");
  }
  const bool has_variables = mentions_variable && options_.variables_enabled;

  switch (entry->family) {
    case OperatorFamily::kString:
    case OperatorFamily::kStringIgnoreCase: {
      Template parsed;
      if (!CompileTemplate(node, text, &parsed)) return;
      if (parsed.has_variables()) {
        entry->templates.push_back(std::move(parsed));
      } else if (entry->family == OperatorFamily::kString) {
        entry->strings.push_back(parsed.StaticText(false));
      } else {
        entry->strings.push_back(LowerAscii(parsed.StaticText(false)));
      }
      return;
    }
    case OperatorFamily::kStringLike:
    case OperatorFamily::kArn: {
      Template parsed;
      if (!CompileTemplate(node, text, &parsed)) return;
      const std::string glob_text = parsed.StaticText(true);
      if (!CheckPattern(node, text, glob_text)) return;
      if (!parsed.has_variables()) {
        if (entry->family == OperatorFamily::kStringLike) {
          entry->globs.emplace_back(glob_text);
        } else {
          entry->arns.push_back(MakeArnPattern(glob_text));
        }
      } else if (entry->family == OperatorFamily::kStringLike) {
        entry->templates.push_back(std::move(parsed));
      } else {
        CompileArnTemplate(node, text, entry);
      }
      return;
    }
    case OperatorFamily::kBool: {
      if (has_variables) {
        Template parsed;
        if (!CompileTemplate(node, text, &parsed)) return;
        if (parsed.has_variables()) {
          entry->templates.push_back(std::move(parsed));
          return;
        }
      }
      bool flag = false;
      if (value.type == JsonType::kNumber || !ReadBool(text, &flag)) {
        UnreadableValue(node, operator_text, "`true` or `false`", text, entry);
        return;
      }
      (flag ? entry->accepts_true : entry->accepts_false) = true;
      return;
    }
    default:
      break;
  }

  // The remaining families take no policy variables (decisions.md §28).
  if (has_variables) {
    Error(node, "variable-not-allowed",
          "policy variables are not substituted in " + Quote(operator_text) +
              " values: " + Quote(text));
    return;
  }
  switch (entry->family) {
    case OperatorFamily::kNumeric: {
      double number = 0;
      if (value.is_bool() || !ReadNumber(text, &number)) {
        UnreadableValue(node, operator_text, "a number", text, entry,
                        "numbers are written like `10`, `-2.5` or `1e3`");
        return;
      }
      entry->numbers.push_back(number);
      return;
    }
    case OperatorFamily::kDate: {
      Instant instant;
      // A JSON number is epoch seconds even with four digits.
      const bool ok = value.type == JsonType::kNumber ? ReadEpochSeconds(text, &instant)
                      : value.is_string()             ? ReadInstant(text, &instant)
                                                      : false;
      if (!ok) {
        UnreadableValue(node, operator_text, "a date or epoch seconds", text, entry,
                        "dates are written like `2024-06-01`, `2024-06-01T12:00:00Z` or "
                        "`1717243200`");
        return;
      }
      entry->instants.push_back(instant);
      return;
    }
    case OperatorFamily::kIp: {
      IpNetwork network;
      bool host_bits_set = false;
      if (!value.is_string() || !ReadIpNetwork(text, &network, &host_bits_set)) {
        InvalidValue(node, operator_text, "an IP address or CIDR range", text,
                     "ranges are written like `203.0.113.0/24` or `2001:db8::/32`");
        return;
      }
      if (host_bits_set) {
        Warning(node, "cidr-host-bits-set",
                Quote(text) + " has bits set after its prefix; they are ignored");
      }
      entry->networks.push_back(network);
      return;
    }
    case OperatorFamily::kBinary: {
      std::string bytes;
      if (!value.is_string() || !DecodeBase64(text, &bytes)) {
        UnreadableValue(node, operator_text, "padded base64", text, entry);
        return;
      }
      entry->strings.push_back(std::move(bytes));
      return;
    }
    case OperatorFamily::kNull: {
      bool flag = false;
      if (value.type == JsonType::kNumber || !ReadBool(text, &flag)) {
        UnreadableValue(node, operator_text, "`true` or `false`", text, entry);
        return;
      }
      (flag ? entry->accepts_true : entry->accepts_false) = true;
      return;
    }
    default:
      return;
  }
}

}  // namespace

ConditionBlock::ConditionBlock() = default;
ConditionBlock::~ConditionBlock() = default;
ConditionBlock::ConditionBlock(ConditionBlock&&) noexcept = default;
ConditionBlock& ConditionBlock::operator=(ConditionBlock&&) noexcept = default;

bool ConditionBlock::Compile(FindingReporter* report, uint32_t node,
                             const ConditionCompileOptions& options, ConditionBlock* out) {
  const size_t errors_before = report->errors();
  auto impl = std::make_unique<Impl>();
  Compiler compiler(report, options);
  compiler.CompileBlock(node, &impl->entries);
  for (const ConditionEntry& entry : impl->entries) {
    if (!entry.templates.empty() || !entry.arn_templates.empty()) impl->has_templates = true;
  }
  // A block without entries keeps no Impl, so empty() is a null test the
  // statement match can make inline.
  out->impl_ = impl->entries.empty() ? nullptr : std::move(impl);
  return report->errors() == errors_before;
}

bool ConditionBlock::Evaluate(const EvalContext& context, Effect effect) const {
  if (impl_ == nullptr) return true;
  if (!impl_->has_templates) {
    for (const ConditionEntry& entry : impl_->entries) {
      if (!entry.Evaluate(context, effect, /*buffer=*/nullptr)) return false;
    }
    return true;
  }
  RenderBuffer buffer;  // scratch for policy variables; stays on the stack
  for (const ConditionEntry& entry : impl_->entries) {
    if (!entry.Evaluate(context, effect, &buffer)) return false;
  }
  return true;
}

std::vector<EntryOutcome> ConditionBlock::Trace(const EvalContext& context, Effect effect) const {
  std::vector<EntryOutcome> outcomes;
  if (impl_ == nullptr) return outcomes;
  outcomes.reserve(impl_->entries.size());
  RenderBuffer buffer;
  for (const ConditionEntry& entry : impl_->entries) {
    EntryOutcome outcome;
    if (entry.info != nullptr) {
      outcome.qualifier = QualifierPrefix(entry.qualifier);
      outcome.name = entry.info->name;
      outcome.if_exists = entry.if_exists;
    }
    outcome.key = entry.key_text;
    outcome.key_lower = entry.key.name;
    outcome.key_present = context.Lookup(entry.key).present();
    outcome.holds = entry.Evaluate(context, effect, &buffer);
    outcomes.push_back(std::move(outcome));
  }
  return outcomes;
}

}  // namespace iameval::internal
