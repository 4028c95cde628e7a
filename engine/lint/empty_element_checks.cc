// File: engine/lint/empty_element_checks.cc
//
// Elements present but empty, which the grammar accepts and which change
// nothing (Access Analyzer's suggestions):
//
//   empty-condition   `"Condition": {}`, or an operator with no keys
//                     (`"StringEquals": {}`) (EMPTY_OBJECT_CONDITION)
//   empty-sid         `"Sid": ""` (EMPTY_SID_VALUE)

#include "lint/lint_context.h"

namespace iameval::internal {

void CheckEmptyElements(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  if (statement.condition != kNoNode) {
    const JsonNode& condition = doc.node(statement.condition);
    if (condition.child_count == 0) {
      context.Add(statement.condition, "empty-condition", LintSeverity::kSuggestion,
                  "EMPTY_OBJECT_CONDITION",
                  "`Condition` is empty: it limits nothing and can be removed",
                  "remove the empty `Condition`, or write the conditions meant", true);
    }
    for (uint32_t op = condition.first_child; op != kNoNode; op = doc.node(op).next_sibling) {
      if (!doc.node(op).is_object() || doc.node(op).child_count != 0) continue;
      context.Add(op, "empty-condition", LintSeverity::kSuggestion, "EMPTY_OBJECT_CONDITION",
                  Quote(doc.node(op).key) + " names no condition key: it limits nothing",
                  "remove it, or name the keys meant", true);
    }
  }
  for (uint32_t c = doc.node(statement.node).first_child; c != kNoNode;
       c = doc.node(c).next_sibling) {
    const JsonNode& member = doc.node(c);
    if (member.key != "Sid") continue;
    if (member.is_string() && member.text.empty()) {
      context.Add(c, "empty-sid", LintSeverity::kSuggestion, "EMPTY_SID_VALUE",
                  "`Sid` is empty: it identifies nothing", "name the statement, or remove `Sid`",
                  true);
    }
    break;
  }
}

}  // namespace iameval::internal
