// File: engine/lint/tag_checks.cc
//
// Deny statements whose tag conditions some of their actions ignore:
//
//   deny-with-unsupported-tag-key  a Deny that tests `aws:ResourceTag/...`,
//                                  `aws:RequestTag/...` or `aws:TagKeys` on actions AWS sends no
//                                  such key for: the condition is false for them, so they are
//                                  not denied (DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE)
//   deny-notaction-with-tag-key    the same with NotAction: every action that does not carry the
//                                  key, present or future, escapes the Deny
//                                  (DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE)
//   allow-with-unsupported-tag-key  the same in an Allow: those actions are not allowed by
//   allow-notaction-with-tag-key    it (suggestions, ALLOW_WITH_... and ALLOW_NOTACTION_WITH_
//                                   UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE)
//
// Which actions carry a key is the catalogue's per-action and per-resource-type
// condition keys (ActionSupportsKey), as the Service Authorization Reference lists them.

#include <algorithm>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// The global tag keys Access Analyzer's tag checks are about.
bool IsTagKey(const KeyInfo& key) {
  return key.global && (StartsWithIgnoreCase(key.name, "aws:ResourceTag/") ||
                        StartsWithIgnoreCase(key.name, "aws:RequestTag/") ||
                        EqualsIgnoreCase(key.name, "aws:TagKeys"));
}

// Whether the test of member `key` under operator `name` is false when the
// request lacks the key, so that a Deny with it never applies to an action
// that does not carry the key: a plain positive operator, or any
// `ForAnyValue:` test. `...IfExists`, a negated operator and `ForAllValues:`
// are true on a missing key (the action is then always denied: no hole).
// `Null` is left out: `"Null": {key: "false"}` says on purpose that requests
// without the key are not denied.
bool FalseWhenAbsent(const OperatorName& name) {
  if (name.info->family == OperatorFamily::kNull || name.if_exists) return false;
  if (name.qualifier == SetQualifier::kForAnyValue) return true;
  if (name.qualifier == SetQualifier::kForAllValues) return false;
  return !name.info->negated;
}

// "`a`, `b` and `c`", at most `limit` names, then "and N more".
std::string NameList(const std::vector<std::string_view>& names, size_t limit) {
  std::string text;
  size_t shown = std::min(names.size(), limit);
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) text += i + 1 == shown && shown == names.size() ? " and " : ", ";
    text += Quote(names[i]);
  }
  if (shown < names.size()) text += " and " + std::to_string(names.size() - shown) + " more";
  return text;
}

void CheckKey(LintContext& context, const StatementView& statement, uint32_t key_node,
              const KeyInfo& info) {
  const CatalogueData& catalogue = context.catalogue;
  const std::string_view key = context.doc.node(key_node).key;
  // A Deny that misses actions is a hole (a security warning); an Allow that
  // misses them only grants less than it reads (a suggestion).
  const bool deny = statement.deny;
  const LintSeverity severity = deny ? LintSeverity::kSecurityWarning : LintSeverity::kSuggestion;
  const std::string effect = deny ? "`Deny`" : "`Allow`";
  const std::string outcome =
      deny ? "so they are not denied" : "so this statement does not allow them";
  if (statement.not_action) {
    context.Add(key_node, deny ? "deny-notaction-with-tag-key" : "allow-notaction-with-tag-key",
                severity,
                deny ? "DENY_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
                     : "ALLOW_NOTACTION_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE",
                effect + " with `NotAction` and " + Quote(key) +
                    ": the condition is false for every action AWS sends no such key for, "
                    "present or future, " +
                    outcome,
                deny ? "list the actions to deny in `Action` instead of `NotAction`"
                     : "list the actions to allow in `Action` instead of `NotAction`",
                true);
    return;
  }
  const std::string_view code =
      deny ? "deny-with-unsupported-tag-key" : "allow-with-unsupported-tag-key";
  const std::string_view aws_code = deny ? "DENY_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE"
                                         : "ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE";
  const uint32_t id = catalogue.KeyId(info);
  bool every_action = false;
  size_t ignoring = 0;
  std::string_view example;
  std::vector<std::string_view> services;
  for (const ActionEntry& entry : statement.actions) {
    if (entry.all) every_action = true;
    for (const ActionInfo* action : entry.actions) {
      if (ActionSupportsKey(catalogue, *action, id)) continue;
      ++ignoring;
      std::string_view prefix = catalogue.services()[action->service].prefix;
      if (std::find(services.begin(), services.end(), prefix) == services.end()) {
        services.push_back(prefix);
      }
      if (example.empty()) example = entry.text;
    }
  }
  if (every_action) {
    context.Add(key_node, code, severity, aws_code,
                effect + " of every action (`*`) on " + Quote(key) +
                    ": the condition is false for the many actions AWS sends no such key for, " +
                    outcome,
                "name the actions that carry the key here, and the others in a statement "
                "of their own (by resource ARN)",
                true);
    return;
  }
  if (ignoring == 0) return;
  std::sort(services.begin(), services.end());
  context.Add(key_node, code, severity, aws_code,
              Quote(key) + " is not in the request for " + std::to_string(ignoring) +
                  (ignoring == 1 ? " action" : " actions") + " of this " + effect + " (" +
                  (services.size() == 1 ? "service " : "services ") + NameList(services, 5) +
                  (example.empty() ? "" : "; e.g. " + Quote(example)) +
                  "): the condition is false for them, " + outcome,
              deny ? "move those actions to a statement of their own that denies by resource "
                     "ARN; `...IfExists` is no fix: it denies them always"
                   : "move those actions to a statement of their own that allows by resource "
                     "ARN; `...IfExists` is no fix: it allows them always",
              true);
}

}  // namespace

void CheckDenyTagConditions(LintContext& context, const StatementView& statement) {
  if ((!statement.deny && !statement.allow) || statement.condition == kNoNode ||
      statement.action == kNoNode) {
    return;
  }
  const JsonDocument& doc = context.doc;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    OperatorName name;
    std::string code, message, help;
    if (!doc.node(op).is_object() ||
        !ParseOperatorName(doc.node(op).key, &name, &code, &message, &help)) {
      continue;  // the grammar check reports it
    }
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      // Only `aws:` keys are tag keys here: skip the lookup for the rest.
      if (!StartsWithIgnoreCase(doc.node(k).key, "aws:")) continue;
      const KeyInfo* info = context.catalogue.FindKey(doc.node(k).key);
      if (info == nullptr || !IsTagKey(*info) || !FalseWhenAbsent(name)) continue;
      CheckKey(context, statement, k, *info);
    }
  }
}

}  // namespace iameval::internal
