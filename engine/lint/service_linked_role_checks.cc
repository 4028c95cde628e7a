// File: engine/lint/service_linked_role_checks.cc
//
//   create-slr-with-wildcard-resource  an Allow that lets `iam:CreateServiceLinkedRole` (named,
//                                      covered by a wildcard action, or not excluded by
//                                      NotAction) create any service's linked role (`*`, a role
//                                      ARN whose name is wildcards only, or NotResource),
//                                      without an `iam:AWSServiceName` condition
//                                      (Access Analyzer's six CREATE_SLR_* general warnings)
//
// The same shapes as PASS_ROLE_* (security_checks.cc), graded a warning as
// Access Analyzer grades them: a service-linked role only lets its service
// act, but the caller chooses which service.

#include <string>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/lint_context.h"
#include "lint/text_match.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

bool MatchesCreateSlr(std::string_view pattern) {
  // Most entries name another service: only `i...`, `*...` and `?...` can match.
  const char first = pattern.empty() ? '\0' : pattern[0];
  if (first != 'i' && first != 'I' && first != '*' && first != '?') return false;
  return GlobMatchIgnoreCase(pattern, "iam:createservicelinkedrole");
}

// Whether an `iam:AWSServiceName` condition under a positive operator, with
// a value other than `*`, limits the services whose roles may be created.
bool LimitsServiceName(const JsonDocument& doc, const StatementView& statement) {
  if (statement.condition == kNoNode) return false;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      if (!EqualsIgnoreCase(doc.node(k).key, "iam:AWSServiceName")) continue;
      OperatorName name;
      std::string code, message, help;
      if (!ParseOperatorName(doc.node(op).key, &name, &code, &message, &help) ||
          name.info->negated || name.info->family == OperatorFamily::kNull) {
        continue;
      }
      for (uint32_t v : StringNodes(doc, k)) {
        if (!GlobMatch(doc.node(v).text, "*")) return true;
      }
    }
  }
  return false;
}

}  // namespace

void CheckCreateServiceLinkedRole(LintContext& context, const StatementView& statement) {
  if (!statement.allow || statement.action == kNoNode) return;
  const JsonDocument& doc = context.doc;
  // What grants the action first (one character rejects most entries), then
  // the resources: most statements stop at the first step.
  const ActionEntry* found = nullptr;  // a named action first, else the first wildcard
  if (statement.not_action) {
    for (const ActionEntry& entry : statement.actions) {
      if (MatchesCreateSlr(entry.text)) return;  // excluded
    }
  } else {
    for (const ActionEntry& entry : statement.actions) {
      if (!MatchesCreateSlr(entry.text)) continue;
      if (!entry.wildcard) {
        found = &entry;
        break;
      }
      if (found == nullptr) found = &entry;
    }
    if (found == nullptr) return;
  }
  uint32_t wide = kNoNode;  // the resource entry that covers every role
  if (!statement.not_resource) {
    for (uint32_t node : statement.resources) {
      if (CoversEveryRoleName(doc.node(node).text)) {
        wide = node;
        break;
      }
    }
    if (wide == kNoNode) return;
  }
  if (LimitsServiceName(doc, statement)) return;
  const std::string where = statement.not_resource ? std::string("with `NotResource`")
                                                   : "on " + Quote(doc.node(wide).text);
  const std::string help =
      "name the service-linked roles' ARNs "
      "(`arn:aws:iam::*:role/aws-service-role/SERVICE.amazonaws.com/*`), or add an "
      "`iam:AWSServiceName` condition";
  if (found == nullptr) {  // NotAction that does not exclude it
    context.Add(statement.action, "create-slr-with-wildcard-resource", LintSeverity::kWarning,
                statement.not_resource ? "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE"
                                       : "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                "`NotAction` " + where +
                    " allows `iam:CreateServiceLinkedRole` for the role of every service",
                help, true);
    return;
  }
  const bool exact = !found->wildcard;
  context.Add(found->node, "create-slr-with-wildcard-resource", LintSeverity::kWarning,
              exact ? (statement.not_resource ? "CREATE_SLR_WITH_NOT_RESOURCE"
                                              : "CREATE_SLR_WITH_STAR_IN_RESOURCE")
                    : (statement.not_resource ? "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
                                              : "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE"),
              (exact ? Quote(found->text)
                     : Quote(found->text) + ", which covers `iam:CreateServiceLinkedRole`,") +
                  " " + where + " lets the caller create the service-linked role of any service",
              help);
}

}  // namespace iameval::internal
