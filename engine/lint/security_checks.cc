// File: engine/lint/security_checks.cc
//
// Grants broader than they look:
//
//   pass-role-with-wildcard-resource  `iam:PassRole` on `*`, `role/*` or NotResource: any role,
//                                     any service (Access Analyzer's PASS_ROLE_* warnings;
//                                     the walk is role_grant.cc's)
//   allow-with-not-action             Allow + NotAction: grants every action but the listed ones
//   allow-with-not-resource           Allow + NotResource: every resource but the listed ones
//   public-access                     resource policy: Allow to `*` without a condition
//   cross-account-access              resource policy: Allow to another account without a condition
//   service-principal-without-source  resource policy: Allow to a service without aws:SourceArn /
//                                     aws:SourceAccount (confused deputy)

#include <string>
#include <vector>

#include "lint/lint_context.h"
#include "lint/role_grant.h"

namespace iameval::internal {
namespace {

// The 12-digit account in a principal value (`123456789012`,
// `arn:aws:iam::123456789012:role/x`), or empty.
std::string_view PrincipalAccount(std::string_view value) {
  auto digits = [](std::string_view text) {
    if (text.size() != 12) return false;
    for (char c : text) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (digits(value)) return value;
  if (value.substr(0, 4) != "arn:") return {};
  size_t field = 0, start = 0;
  for (size_t i = 0; i <= value.size(); ++i) {
    if (i == value.size() || value[i] == ':') {
      if (field == 4)
        return digits(value.substr(start, i - start)) ? value.substr(start, i - start)
                                                      : std::string_view();
      ++field;
      start = i + 1;
    }
  }
  return {};
}

std::string_view ResourceAccount(std::string_view arn) { return PrincipalAccount(arn); }

bool HasAnyCondition(const JsonDocument& doc, const StatementView& statement) {
  return statement.condition != kNoNode && doc.node(statement.condition).child_count > 0;
}

// Access Analyzer's six PASS_ROLE_* security warnings (role_grant.h).
constexpr RoleGrantCheck kPassRole = {
    "iam:passrole",
    "iam:PassedToService",
    "pass-role-with-wildcard-resource",
    LintSeverity::kSecurityWarning,
    "PASS_ROLE",
    "iam:PassRole",
    "lets the caller pass any role to any service",
    "for every role",
    "name the roles' ARNs, or add an `iam:PassedToService` condition",
    "grant `iam:PassRole` in its own statement, on the roles' ARNs, or add an "
    "`iam:PassedToService` condition",
};

void CheckNotElements(LintContext& context, const StatementView& statement) {
  if (!statement.allow) return;
  if (statement.not_action) {
    context.Add(statement.action, "allow-with-not-action", LintSeverity::kWarning, "",
                "`Allow` with `NotAction` grants every action of every service except those listed,"
                " including services AWS adds later",
                "list the actions to allow instead", true);
  }
  if (statement.not_resource) {
    context.Add(statement.resource, "allow-with-not-resource", LintSeverity::kWarning, "",
                "`Allow` with `NotResource` grants every resource except those listed",
                "list the resources to allow instead", true);
  }
}

void CheckPrincipals(LintContext& context, const StatementView& statement) {
  if (!statement.allow || statement.principal == kNoNode || statement.not_principal) return;
  const PolicyKind kind = context.kind;
  if (!IsResourcePolicyKind(kind)) return;
  const JsonDocument& doc = context.doc;
  const bool conditioned = HasAnyCondition(doc, statement);
  const JsonNode& principal = doc.node(statement.principal);

  // Accounts the resources belong to, to tell cross-account grants.
  std::vector<std::string_view> resource_accounts;
  for (uint32_t node : statement.resources) {
    std::string_view account = ResourceAccount(doc.node(node).text);
    if (!account.empty()) resource_accounts.push_back(account);
  }

  auto check_aws = [&](uint32_t node) {
    std::string_view value = doc.node(node).text;
    if (value == "*") {
      if (!conditioned && kind != PolicyKind::kRoleTrust) {
        context.Add(node, "public-access", LintSeverity::kSecurityWarning, "",
                    "`Allow` to every principal (`*`) without a condition: anyone, in any "
                    "account or none, is granted this access",
                    "add a condition such as `aws:PrincipalOrgID` or `aws:SourceVpce`, or name "
                    "the principals");
      }
      return;
    }
    std::string_view account = PrincipalAccount(value);
    if (account.empty() || conditioned || resource_accounts.empty()) return;
    for (std::string_view owner : resource_accounts) {
      if (owner == account) return;
    }
    context.Add(node, "cross-account-access", LintSeverity::kWarning, "",
                "grants account " + Quote(account) +
                    ", which owns none of the statement's "
                    "resources, without a condition",
                "make sure the other account is meant to have this access");
  };

  if (principal.is_string()) {
    check_aws(statement.principal);
    return;
  }
  if (!principal.is_object()) return;
  for (uint32_t member = principal.first_child; member != kNoNode;
       member = doc.node(member).next_sibling) {
    const std::string_view type = doc.node(member).key;
    std::vector<uint32_t> values = StringNodes(doc, member);
    if (type == "AWS") {
      for (uint32_t node : values) check_aws(node);
    } else if (type == "Service" && kind != PolicyKind::kRoleTrust) {
      if (values.empty()) continue;
      static constexpr std::string_view kSourceKeys[] = {"aws:SourceArn", "aws:SourceAccount",
                                                         "aws:SourceOrgID", "aws:SourceOrgPaths"};
      bool restricted = false;
      for (std::string_view key : kSourceKeys) {
        restricted = restricted || statement.HasConditionKey(doc, key);
      }
      if (restricted) continue;
      for (uint32_t node : values) {
        if (conditioned) {
          context.Add(node, "service-principal-without-source", LintSeverity::kSuggestion,
                      "RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
                      "the service principal " + Quote(doc.node(node).text) +
                          " is limited by other keys, not by `aws:SourceArn` or "
                          "`aws:SourceAccount`",
                      "add `aws:SourceArn` or `aws:SourceAccount` (confused deputy)");
        } else {
          context.Add(node, "service-principal-without-source", LintSeverity::kSecurityWarning,
                      "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL",
                      "the service principal " + Quote(doc.node(node).text) +
                          " may act for any account's resources: nothing names the source",
                      "add a condition on `aws:SourceArn` or `aws:SourceAccount` (confused "
                      "deputy)");
        }
      }
    }
  }
}

}  // namespace

void CheckSecurity(LintContext& context, const StatementView& statement) {
  CheckRoleGrant(context, statement, kPassRole);
  CheckNotElements(context, statement);
  CheckPrincipals(context, statement);
}

}  // namespace iameval::internal
