// File: engine/lint/condition_checks.cc
//
// Condition keys and operators against the catalogue:
//
//   unknown-condition-key                 a key near a known one: a typo, "did you mean"
//   condition-key-not-in-catalogue        a key near none: retired, newer or misspelt beyond help
//   condition-key-not-supported           none of the statement's actions sets the key
//   condition-operator-type-mismatch      `StringEquals` on a date key, `Bool` on a string key
//   string-like-on-arn-key                `StringLike` on an ARN key: use `ArnLike`
//   forallvalues-on-single-valued-key     always true when the key is absent, and meaningless
//   foranyvalue-on-single-valued-key      the qualifier changes nothing
//   missing-qualifier-on-multivalued-key  a plain operator on a list of values
//   forallvalues-without-null-guard       Allow + ForAllValues: true when the key is absent
//   ifexists-on-always-present-key        IfExists on a key every request carries

#include <string>
#include <vector>

#include "base/ascii.h"
#include "base/did_you_mean.h"
#include "condition/condition_operators.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

// Whether an operator of `family` reads values of a key of `type` as the key
// means them. String operators compare any key's text; Arn operators want
// ARNs; the others their own type.
bool FamilyFitsType(OperatorFamily family, KeyType type) {
  switch (family) {
    case OperatorFamily::kNull:
      return true;
    case OperatorFamily::kString:
    case OperatorFamily::kStringIgnoreCase:
    case OperatorFamily::kStringLike:
      return type == KeyType::kString || type == KeyType::kArn;
    case OperatorFamily::kArn:
      // Many String keys hold ARNs (`kms:EncryptionContext:aws:s3:arn`): Arn
      // operators read them as AWS means.
      return type == KeyType::kArn || type == KeyType::kString;
    case OperatorFamily::kNumeric:
      return type == KeyType::kNumeric || type == KeyType::kDateOrNumeric;
    case OperatorFamily::kDate:
      return type == KeyType::kDate || type == KeyType::kDateOrNumeric;
    case OperatorFamily::kBool:
      return type == KeyType::kBool;
    case OperatorFamily::kBinary:
      return type == KeyType::kBinary;
    case OperatorFamily::kIp:
      return type == KeyType::kIpAddress;
  }
  return true;
}

std::string_view FamilyAdvice(KeyType type) {
  switch (type) {
    case KeyType::kString:
      return "use a String operator (StringEquals, StringLike, ...)";
    case KeyType::kArn:
      return "use an Arn operator (ArnEquals, ArnLike, ...)";
    case KeyType::kBool:
      return "use `Bool`";
    case KeyType::kNumeric:
      return "use a Numeric operator (NumericEquals, NumericLessThan, ...)";
    case KeyType::kDate:
      return "use a Date operator (DateGreaterThan, DateLessThan, ...)";
    case KeyType::kIpAddress:
      return "use `IpAddress` or `NotIpAddress`";
    case KeyType::kBinary:
      return "use `BinaryEquals`";
    case KeyType::kDateOrNumeric:
      return "use a Date or Numeric operator";
    case KeyType::kUnknown:
      break;
  }
  return {};
}

bool IsFalseValue(const JsonNode& node) {
  return node.type == JsonType::kFalse ||
         (node.is_string() && EqualsIgnoreCase(node.text, "false"));
}

// Whether the statement makes sure `key` is present: `"Null": {key: "false"}`,
// or a positive ForAnyValue test of it (false when the key is absent).
bool HasPresenceGuard(const JsonDocument& doc, uint32_t condition, std::string_view key) {
  for (uint32_t op = doc.node(condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    OperatorName name;
    std::string code, message, help;
    if (!doc.node(op).is_object() ||
        !ParseOperatorName(doc.node(op).key, &name, &code, &message, &help)) {
      continue;
    }
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      if (!EqualsIgnoreCase(doc.node(k).key, key)) continue;
      if (name.info->family == OperatorFamily::kNull) {
        const JsonNode& value = doc.node(k);
        if (IsFalseValue(value)) return true;
        if (value.is_array() && value.child_count == 1 &&
            IsFalseValue(doc.node(value.first_child))) {
          return true;
        }
      } else if (name.qualifier == SetQualifier::kForAnyValue && !name.info->negated &&
                 !name.if_exists) {
        return true;
      }
    }
  }
  return false;
}

// Whether every request for the statement's actions carries `aws:TagKeys`:
// each is a tagging action (access level Tagging) that lists the key. A
// request to tag or untag names the tag keys it sets or removes, so the
// key cannot be absent and `ForAllValues:` needs no `Null` guard there.
// `named` is empty unless the statement's actions are all known.
bool TagKeysAlwaysSent(const CatalogueData& catalogue, const KeyInfo& key,
                       const std::vector<const ActionInfo*>& named) {
  if (named.empty() || !EqualsIgnoreCase(key.name, "aws:TagKeys")) return false;
  const uint32_t id = catalogue.KeyId(key);
  for (const ActionInfo* action : named) {
    if ((action->access & kAccessTagging) == 0 || !ActionSupportsKey(catalogue, *action, id)) {
      return false;
    }
  }
  return true;
}

// Within two edits only names within two characters of length: the others
// are not measured at all.
bool NearInLength(std::string_view a, std::string_view b) {
  return a.size() + 2 >= b.size() && b.size() + 2 >= a.size();
}

void CheckUnknownKey(LintContext& context, uint32_t node, std::string_view key) {
  const CatalogueData& catalogue = context.catalogue;
  size_t colon = key.find(':');
  std::string_view prefix = key.substr(0, colon);
  if (EqualsIgnoreCase(prefix, "aws")) {
    if (EqualsIgnoreCase(key, "aws:ARN")) {
      context.Add(node, "unknown-condition-key", LintSeverity::kError,
                  "UNSUPPORTED_GLOBAL_CONDITION_KEY", "`aws:ARN` is not a condition key",
                  "use `aws:PrincipalArn` or `aws:SourceArn`", true);
      return;
    }
    std::vector<std::string_view> names;
    for (const KeyInfo& info : catalogue.keys()) {
      if (info.global && !info.is_template && NearInLength(info.name, key)) {
        names.push_back(info.name);
      }
    }
    std::string help = DidYouMean(key, names.data(), names.size());
    if (help.empty()) {
      context.Add(node, "condition-key-not-in-catalogue", LintSeverity::kWarning,
                  "INVALID_GLOBAL_CONDITION_KEY",
                  Quote(key) +
                      " is no global condition key AWS documents: a condition on it "
                      "sees no value",
                  NewerHelp(catalogue), true);
    } else {
      context.Add(node, "unknown-condition-key", LintSeverity::kError,
                  "INVALID_GLOBAL_CONDITION_KEY", Quote(key) + " is not a global condition key",
                  help, true);
    }
    return;
  }
  if (const ServiceInfo* service = catalogue.FindService(prefix)) {
    std::vector<std::string_view> names;
    for (uint32_t id : service->keys) {
      const KeyInfo& info = catalogue.keys()[id];
      if (!info.is_template && NearInLength(info.name, key)) names.push_back(info.name);
    }
    std::string help = DidYouMean(key, names.data(), names.size());
    if (help.empty()) {
      context.Add(node, "condition-key-not-in-catalogue", LintSeverity::kWarning,
                  "INVALID_SERVICE_CONDITION_KEY",
                  Quote(key) + " is no condition key of " + std::string(service->prefix) + " (" +
                      std::string(service->title) +
                      ") the catalogue knows: a condition on it sees no value",
                  NewerHelp(catalogue), true);
    } else {
      context.Add(node, "unknown-condition-key", LintSeverity::kError,
                  "INVALID_SERVICE_CONDITION_KEY",
                  Quote(key) + " is not a condition key of " + std::string(service->prefix) + " (" +
                      std::string(service->title) + ")",
                  help, true);
    }
    return;
  }
  // Identity providers name their own keys (`accounts.google.com:aud`,
  // `oidc.eks.<region>.amazonaws.com/id/<id>:sub`): only bare prefixes can be judged.
  if (catalogue.IsForeignKeyPrefix(prefix) ||
      prefix.find_first_of("./") != std::string_view::npos) {
    return;
  }
  context.Add(node, "condition-key-not-in-catalogue", LintSeverity::kWarning, "INVALID_SERVICE",
              Quote(prefix) + " in " + Quote(key) +
                  " is no service prefix the catalogue knows: a condition on it sees no value",
              NewerHelp(catalogue), true);
}

}  // namespace

void CheckConditions(LintContext& context, const StatementView& statement) {
  if (statement.condition == kNoNode) return;
  const JsonDocument& doc = context.doc;
  const CatalogueData& catalogue = context.catalogue;
  const bool closed = statement.ActionsClosed();
  // The statement's distinct actions, gathered when a key needs them (a
  // wildcard's expansion can run to hundreds).
  const std::vector<const ActionInfo*> none;
  auto named_actions = [&]() -> const std::vector<const ActionInfo*>& {
    return closed ? statement.NamedActions() : none;
  };

  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    OperatorName name;
    std::string code, message, help;
    const JsonNode& op_node = doc.node(op);
    if (!op_node.is_object() || !ParseOperatorName(op_node.key, &name, &code, &message, &help)) {
      continue;  // the grammar check reports it
    }
    const OperatorFamily family = name.info->family;
    for (uint32_t k = op_node.first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      const std::string_view key = doc.node(k).key;
      if (key.find(':') == std::string::npos) continue;  // `invalid-condition-key`
      const KeyInfo* info = catalogue.FindKey(key);
      if (info == nullptr) {
        // A tag key without the tag's name is an error of its own
        // (missing-tag-key-in-condition, condition_key_risk_checks.cc).
        if (!IsTagKeyWithoutName(key)) CheckUnknownKey(context, k, key);
        continue;
      }
      // Service keys mean something only to the actions that set them.
      if (!info->global && closed && !named_actions().empty()) {
        const std::vector<const ActionInfo*>& named = named_actions();
        uint32_t id = catalogue.KeyId(*info);
        bool supported = false;
        for (const ActionInfo* action : named) {
          if (ActionSupportsKey(catalogue, *action, id)) {
            supported = true;
            break;
          }
        }
        if (!supported) {
          std::string subject = named.size() == 1 ? Quote(catalogue.ActionName(*named[0]))
                                                  : "any of the statement's actions";
          context.Add(k, "condition-key-not-supported", LintSeverity::kWarning,
                      "UNSUPPORTED_ACTION_FOR_CONDITION_KEY",
                      Quote(key) + " is not set for " + subject + ": the condition is " +
                          (name.info->negated || family == OperatorFamily::kNull ? "always true"
                                                                                 : "never true") +
                          (name.if_exists ? " (IfExists: always true)" : ""),
                      "the Service Authorization Reference lists the keys each action supports",
                      true);
        }
      }
      if (info->type == KeyType::kUnknown) continue;
      if (!FamilyFitsType(family, info->type)) {
        context.Add(k, "condition-operator-type-mismatch", LintSeverity::kWarning, "TYPE_MISMATCH",
                    Quote(op_node.key) + " on " + Quote(key) + ", a key of type " +
                        std::string(KeyTypeName(info->type)),
                    std::string(FamilyAdvice(info->type)), true);
      } else if (family == OperatorFamily::kStringLike && info->type == KeyType::kArn) {
        context.Add(k, "string-like-on-arn-key", LintSeverity::kSecurityWarning,
                    "STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS",
                    Quote(op_node.key) + " on the ARN key " + Quote(key),
                    "use `ArnLike`: it matches each ARN field apart, so `*` cannot run past a `:`",
                    true);
      }
      // An identity provider's audience has checks of its own
      // (condition_key_risk_checks.cc), graded as Access Analyzer grades them.
      if (family != OperatorFamily::kNull && !IsAudienceKey(key)) {
        if (name.qualifier == SetQualifier::kForAllValues && !info->multivalued) {
          context.Add(k, "forallvalues-on-single-valued-key", LintSeverity::kSecurityWarning,
                      "FORALLVALUES_WITH_SINGLE_VALUED_KEY",
                      "`ForAllValues:` on " + Quote(key) +
                          ", a single-valued key: the condition is also true when the key is "
                          "absent",
                      "drop the qualifier: a plain operator tests the one value", true);
        } else if (name.qualifier == SetQualifier::kForAnyValue && !info->multivalued) {
          context.Add(k, "foranyvalue-on-single-valued-key", LintSeverity::kWarning, "",
                      "`ForAnyValue:` on " + Quote(key) +
                          ", a single-valued key: the qualifier changes nothing",
                      "drop the qualifier", true);
        } else if (name.qualifier == SetQualifier::kNone && info->multivalued) {
          context.Add(k, "missing-qualifier-on-multivalued-key", LintSeverity::kWarning,
                      "MISSING_QUALIFIER",
                      Quote(op_node.key) + " on " + Quote(key) +
                          ", a multivalued key, without `ForAllValues:` or `ForAnyValue:`",
                      "say whether all or any of the request's values must match", true);
        } else if (name.qualifier == SetQualifier::kForAllValues && statement.allow &&
                   !name.if_exists && !HasPresenceGuard(doc, statement.condition, key) &&
                   !TagKeysAlwaysSent(catalogue, *info, named_actions())) {
          context.Add(
              k, "forallvalues-without-null-guard", LintSeverity::kWarning, "",
              "`ForAllValues:` in an Allow is true when " + Quote(key) +
                  " is absent: a request without it is allowed",
              "add `\"Null\": {\"" + std::string(key) + "\": \"false\"}` to require the key", true);
        }
      }
      if (name.if_exists && info->global && info->presence == KeyPresence::kAlways) {
        context.Add(
            k, "ifexists-on-always-present-key", LintSeverity::kSuggestion, "",
            "`IfExists` on " + Quote(key) + ", which every request carries: it changes nothing",
            "drop `IfExists`", true);
      }
    }
  }
}

}  // namespace iameval::internal
