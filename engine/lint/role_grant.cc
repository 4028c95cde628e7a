// File: engine/lint/role_grant.cc
//
// An Allow that grants one IAM action on every role (role_grant.h): the walk
// behind Access Analyzer's PASS_ROLE_* and CREATE_SLR_* findings.

#include "lint/role_grant.h"

#include <string>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/text_match.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

// Whether an Action entry covers the IAM action `action_lower`. Most entries
// name another service: only `i...`, `*...` and `?...` can match.
bool CoversAction(std::string_view pattern, std::string_view action_lower) {
  const char first = pattern.empty() ? '\0' : pattern[0];
  if (first != 'i' && first != 'I' && first != '*' && first != '?') return false;
  return GlobMatchIgnoreCase(pattern, action_lower);
}

// Whether `text` is wildcards only, with at least one `*`: any run of characters.
bool OnlyWildcards(std::string_view text) {
  return text.find('*') != std::string_view::npos &&
         text.find_first_not_of("*?") == std::string_view::npos;
}

// Whether a `key` condition under a positive operator, with a value other
// than `*`, limits the statement (a negated one, `StringNotEquals`, leaves
// every other value; `Null` only asks whether the key is there).
bool NarrowedBy(const JsonDocument& doc, const StatementView& statement, std::string_view key) {
  if (statement.condition == kNoNode) return false;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      if (!EqualsIgnoreCase(doc.node(k).key, key)) continue;
      OperatorName name;
      std::string code, message, help;
      if (!ParseOperatorName(doc.node(op).key, &name, &code, &message, &help) ||
          name.info->negated || name.info->family == OperatorFamily::kNull) {
        break;  // the operator is the same for every key under it
      }
      for (uint32_t v : StringNodes(doc, k)) {
        if (!GlobMatch(doc.node(v).text, "*")) return true;
      }
    }
  }
  return false;
}

}  // namespace

void CheckRoleGrant(LintContext& context, const StatementView& statement,
                    const RoleGrantCheck& check) {
  if (!statement.allow || statement.action == kNoNode) return;
  // An SCP's or RCP's Allow grants nothing (it only sets the most that other
  // policies may grant): `FullAWSAccess`, `RCPFullAWSAccess` pass no role.
  if (context.kind == PolicyKind::kServiceControl || context.kind == PolicyKind::kResourceControl) {
    return;
  }
  const JsonDocument& doc = context.doc;
  // What grants the action first (one character rejects most entries), then
  // the resources: most statements stop at the first step.
  const ActionEntry* found = nullptr;  // a named action first, else the first wildcard
  if (statement.not_action) {
    for (const ActionEntry& entry : statement.actions) {
      if (CoversAction(entry.text, check.action_lower)) return;  // excluded
    }
  } else {
    for (const ActionEntry& entry : statement.actions) {
      if (!CoversAction(entry.text, check.action_lower)) continue;
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
  if (NarrowedBy(doc, statement, check.narrowing_key)) return;

  const std::string where = statement.not_resource ? std::string("with `NotResource`")
                                                   : "on " + Quote(doc.node(wide).text);
  std::string aws_code(check.aws_prefix);
  if (found == nullptr) {  // NotAction that does not exclude it
    aws_code += statement.not_resource ? "_WITH_NOT_ACTION_AND_NOT_RESOURCE"
                                       : "_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION";
    context.Add(statement.action, check.code, check.severity, aws_code,
                "`NotAction` " + where + " allows `" + std::string(check.action) + "` " +
                    std::string(check.not_action_for),
                std::string(check.not_action_help), true);
    return;
  }
  const bool exact = !found->wildcard;
  aws_code += exact ? (statement.not_resource ? "_WITH_NOT_RESOURCE" : "_WITH_STAR_IN_RESOURCE")
                    : (statement.not_resource ? "_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
                                              : "_WITH_STAR_IN_ACTION_AND_RESOURCE");
  std::string message = Quote(found->text);
  if (!exact) message += ", which covers `" + std::string(check.action) + "`,";
  message += " " + where + " " + std::string(check.lets);
  context.Add(found->node, check.code, check.severity, aws_code, std::move(message),
              std::string(check.help));
}

// Whether a Resource entry lets `iam:PassRole` pass any role of an account:
// `*`, or an ARN that can be an IAM role's whose role name is nothing but
// wildcards (`arn:aws:iam::111122223333:role/*`, `.../role/service-role/*`,
// `arn:aws:iam::*:*`). A name with literal text (`role/AmazonSageMaker*`,
// `role/*datazone*`) follows the convention by which services name their
// roles, which Access Analyzer's check takes into account: no finding
// (PASS_ROLE_WITH_STAR_IN_RESOURCE, "Resolving the security warning").
bool CoversEveryRoleName(std::string_view resource) {
  if (resource.find('*') == std::string_view::npos) return false;
  if (OnlyWildcards(resource)) return true;
  // arn:partition:service:region:account:resource
  std::string_view fields[6];
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= resource.size() && count < 5; ++i) {
    if (i == resource.size() || resource[i] == ':') {
      fields[count++] = resource.substr(start, i - start);
      start = i + 1;
    }
  }
  if (count < 5 || start > resource.size()) {
    // Fewer fields: a `*` ending the last one spans the rest (`arn:aws:iam::*`).
    return GlobMatch(fields[0], "arn") && (count < 3 || GlobMatch(fields[2], "iam")) &&
           !fields[count - 1].empty() && fields[count - 1].back() == '*';
  }
  fields[5] = resource.substr(start);
  if (!GlobMatch(fields[0], "arn") || !GlobMatch(fields[2], "iam") || !GlobMatch(fields[3], "")) {
    return false;
  }
  // The resource field: `role/[path/]name`. Its last segment must be
  // wildcards only, and what stands before it must be able to be `role/...`.
  std::string_view field = fields[5];
  constexpr std::string_view kRole = "role/";
  size_t slash = field.rfind('/');
  std::string_view dir =
      slash == std::string_view::npos ? field.substr(0, 0) : field.substr(0, slash + 1);
  std::string_view name = field.substr(dir.size());
  if (slash == std::string_view::npos) {  // `*`, `ro*`: the head of `role/` and a wildcard
    size_t wildcard = field.find_first_of("*?");
    return wildcard != std::string_view::npos &&
           kRole.substr(0, wildcard) == field.substr(0, wildcard) &&
           OnlyWildcards(field.substr(wildcard));
  }
  if (!OnlyWildcards(name)) return false;
  if (dir.substr(0, kRole.size()) == kRole) return true;
  size_t wildcard = dir.find_first_of("*?");
  return wildcard != std::string_view::npos && wildcard <= kRole.size() &&
         kRole.substr(0, wildcard) == dir.substr(0, wildcard);
}

}  // namespace iameval::internal
