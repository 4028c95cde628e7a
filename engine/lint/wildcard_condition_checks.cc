// File: engine/lint/wildcard_condition_checks.cc
//
// `StringLike` and `StringNotLike` given a value of only `*`s, which matches
// every value the key can have, so the entry tests only whether the key is
// there (Access Analyzer's suggestions; their triggers are inferred from the
// fixes the reference gives):
//
//   equivalent-to-null-false  `StringLike` `*`: true exactly when the key is present:
//                             write `"Null": {key: "false"}` (EQUIVALENT_TO_NULL_FALSE)
//   equivalent-to-null-true   `StringNotLike` `*` (with or without IfExists): true exactly
//                             when it is absent: `"Null": {key: "true"}` (EQUIVALENT_TO_NULL_TRUE)
//   redundant-wildcard-key    `StringLikeIfExists` `*`: always true, the key limits nothing
//                             (REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION)
//   wildcard-condition-never-matches  `StringNotLike` `*` on a key every request carries
//                             (`aws:CurrentTime`, ...): never true, so the statement never
//                             applies (REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION)
//
// Set qualifiers (`ForAnyValue:`, `ForAllValues:`) compare each value of a
// list and are left alone.

#include <string>
#include <string_view>

#include "condition/condition_operators.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

bool OnlyStars(std::string_view text) {
  return !text.empty() && text.find_first_not_of('*') == std::string_view::npos;
}

}  // namespace

void CheckWildcardConditions(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  ForEachConditionOperator(doc, statement, [&](uint32_t op, const OperatorName& name) {
    if (name.info->family != OperatorFamily::kStringLike || name.qualifier != SetQualifier::kNone) {
      return;
    }
    const std::string_view op_name = doc.node(op).key;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      bool star = false;
      for (uint32_t v : StringNodes(doc, k)) star = star || OnlyStars(doc.node(v).text);
      if (!star) continue;
      const std::string key(doc.node(k).key);
      if (!name.info->negated) {
        if (name.if_exists) {
          context.Add(k, "redundant-wildcard-key", LintSeverity::kSuggestion,
                      "REDUNDANT_KEY_DUE_TO_WILDCARD_IN_CONDITION",
                      Quote(op_name) + " with `*` on " + Quote(key) +
                          " is always true: `*` matches any value, and IfExists any absence",
                      "remove the key from the condition", true);
        } else {
          context.Add(
              k, "equivalent-to-null-false", LintSeverity::kSuggestion, "EQUIVALENT_TO_NULL_FALSE",
              Quote(op_name) + " with `*` on " + Quote(key) + " only tests that the key is present",
              "write `\"Null\": {\"" + key + "\": \"false\"}`", true);
        }
        continue;
      }
      const KeyInfo* info = context.catalogue.FindKey(key);
      if (info != nullptr && info->global && info->presence == KeyPresence::kAlways) {
        context.Add(k, "wildcard-condition-never-matches", LintSeverity::kSuggestion,
                    "REDUNDANT_STATEMENT_DUE_TO_WILDCARD_IN_CONDITION",
                    Quote(op_name) + " with `*` on " + Quote(key) +
                        ", which every request carries, is never true: this statement never "
                        "applies",
                    "remove the statement, or the key from its condition", true);
      } else {
        context.Add(
            k, "equivalent-to-null-true", LintSeverity::kSuggestion, "EQUIVALENT_TO_NULL_TRUE",
            Quote(op_name) + " with `*` on " + Quote(key) + " only tests that the key is absent",
            "write `\"Null\": {\"" + key + "\": \"true\"}`", true);
      }
    }
  });
}

}  // namespace iameval::internal
