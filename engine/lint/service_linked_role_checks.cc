// File: engine/lint/service_linked_role_checks.cc
//
//   create-slr-with-wildcard-resource  an Allow that lets `iam:CreateServiceLinkedRole` (named,
//                                      covered by a wildcard action, or not excluded by
//                                      NotAction) create any service's linked role (`*`, a role
//                                      ARN whose name is wildcards only, or NotResource),
//                                      without an `iam:AWSServiceName` condition
//                                      (Access Analyzer's six CREATE_SLR_* general warnings)
//
// The same shapes as PASS_ROLE_* (security_checks.cc), found by the same walk
// (role_grant.cc), graded a warning as Access Analyzer grades them: a
// service-linked role only lets its service act, but the caller chooses which
// service.

#include "lint/lint_context.h"
#include "lint/role_grant.h"

namespace iameval::internal {
namespace {

constexpr std::string_view kHelp =
    "name the service-linked roles' ARNs "
    "(`arn:aws:iam::*:role/aws-service-role/SERVICE.amazonaws.com/*`), or add an "
    "`iam:AWSServiceName` condition";

constexpr RoleGrantCheck kCreateServiceLinkedRole = {
    "iam:createservicelinkedrole",
    "iam:AWSServiceName",
    "create-slr-with-wildcard-resource",
    LintSeverity::kWarning,
    "CREATE_SLR",
    "iam:CreateServiceLinkedRole",
    "lets the caller create the service-linked role of any service",
    "for the role of every service",
    kHelp,
    kHelp,
};

}  // namespace

void CheckCreateServiceLinkedRole(LintContext& context, const StatementView& statement) {
  CheckRoleGrant(context, statement, kCreateServiceLinkedRole);
}

}  // namespace iameval::internal
