// File: engine/lint/role_grant.h
//
// The statement walk that Access Analyzer's PASS_ROLE_* and CREATE_SLR_*
// checks share: does an Allow grant one IAM action on every role of an
// account, with no condition naming the services it may serve? Both read the
// same six shapes (the action named, covered by a wildcard, or not excluded
// by NotAction; on `*`, a role ARN whose name is wildcards only, or
// NotResource) and differ only in the action, the condition key that narrows
// it, and the words of the finding:
//
//   constexpr RoleGrantCheck kPassRole = {
//       "iam:passrole", "iam:PassedToService", "pass-role-with-wildcard-resource", ...};
//   CheckRoleGrant(context, statement, kPassRole);
//
// Used by security_checks.cc (iam:PassRole) and service_linked_role_checks.cc
// (iam:CreateServiceLinkedRole).

#ifndef IAMEVAL_ENGINE_LINT_ROLE_GRANT_H_
#define IAMEVAL_ENGINE_LINT_ROLE_GRANT_H_

#include <string_view>

#include "lint/lint_context.h"

namespace iameval::internal {

// One check of this shape: what it looks for and how it words its finding.
struct RoleGrantCheck {
  std::string_view action_lower;   // `iam:passrole`: an IAM action, in lowercase
  std::string_view narrowing_key;  // `iam:PassedToService`: names the services it may serve
  std::string_view code;           // the finding's kebab-case code (spec/findings.md)
  LintSeverity severity;
  std::string_view aws_prefix;  // `PASS_ROLE`: Access Analyzer's codes are this + `_WITH_...`
  std::string_view action;      // `iam:PassRole`, as messages name it
  // The message's end for an Action entry (after "`iam:*` on `*`"), and for
  // NotAction (after "`NotAction` on `*` allows `iam:PassRole`").
  std::string_view lets;            // "lets the caller pass any role to any service"
  std::string_view not_action_for;  // "for every role"
  std::string_view help;
  std::string_view not_action_help;
};

// Adds `check`'s finding when `statement` grants its action on every role
// without a positive condition on its narrowing key with a value other
// than `*`: at the first Action entry granting it (a named one before a
// wildcard), or at the NotAction element.
void CheckRoleGrant(LintContext& context, const StatementView& statement,
                    const RoleGrantCheck& check);

// Whether a Resource entry covers every role of an account, whatever its
// name: `*`, or a role ARN whose name is wildcards only.
bool CoversEveryRoleName(std::string_view resource);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_LINT_ROLE_GRANT_H_
