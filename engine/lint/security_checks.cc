// File: engine/lint/security_checks.cc
//
// Grants broader than they look:
//
//   pass-role-with-wildcard-resource  `iam:PassRole` on `*`, `role/*` or NotResource: any role,
//                                     any service (Access Analyzer's PASS_ROLE_* warnings)
//   allow-with-not-action             Allow + NotAction: grants every action but the listed ones
//   allow-with-not-resource           Allow + NotResource: every resource but the listed ones
//   public-access                     resource policy: Allow to `*` without a condition
//   cross-account-access              resource policy: Allow to another account without a condition
//   service-principal-without-source  resource policy: Allow to a service without aws:SourceArn /
//                                     aws:SourceAccount (confused deputy)

#include <string>
#include <vector>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/lint_context.h"
#include "lint/text_match.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

bool MatchesPassRole(std::string_view pattern) {
  return GlobMatchIgnoreCase(pattern, "iam:passrole");
}

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

// Whether `text` is wildcards only, with at least one `*`: any run of characters.
bool OnlyWildcards(std::string_view text) {
  return text.find('*') != std::string_view::npos &&
         text.find_first_not_of("*?") == std::string_view::npos;
}

}  // namespace

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

namespace {

// Whether the statement limits the services a role may be passed to: an
// `iam:PassedToService` condition under a positive operator with a value
// other than `*` (a negated one, `StringNotEquals`, leaves every other service).
bool LimitsPassedToService(const JsonDocument& doc, const StatementView& statement) {
  if (statement.condition == kNoNode) return false;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    OperatorName name;
    std::string code, message, help;
    if (!doc.node(op).is_object() ||
        !ParseOperatorName(doc.node(op).key, &name, &code, &message, &help) || name.info->negated ||
        name.info->family == OperatorFamily::kNull) {
      continue;
    }
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      if (!EqualsIgnoreCase(doc.node(k).key, "iam:PassedToService")) continue;
      for (uint32_t v : StringNodes(doc, k)) {
        if (!GlobMatch(doc.node(v).text, "*")) return true;
      }
    }
  }
  return false;
}

// Access Analyzer's six PASS_ROLE_* security warnings: an Allow that lets
// `iam:PassRole` (named, covered by a wildcard action, or not excluded by
// NotAction) pass any role (`*`, a role ARN whose name is a wildcard, or
// NotResource), without an `iam:PassedToService` condition.
void CheckPassRole(LintContext& context, const StatementView& statement) {
  if (!statement.allow || statement.action == kNoNode) return;
  const JsonDocument& doc = context.doc;
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
  if (LimitsPassedToService(doc, statement)) return;
  const std::string where = statement.not_resource ? std::string("with `NotResource`")
                                                   : "on " + Quote(doc.node(wide).text);
  if (statement.not_action) {
    for (const ActionEntry& entry : statement.actions) {
      if (MatchesPassRole(entry.text)) return;  // PassRole is excluded
    }
    context.Add(statement.action, "pass-role-with-wildcard-resource",
                LintSeverity::kSecurityWarning,
                statement.not_resource ? "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE"
                                       : "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION",
                "`NotAction` " + where + " allows `iam:PassRole` for every role",
                "grant `iam:PassRole` in its own statement, on the roles' ARNs, or add an "
                "`iam:PassedToService` condition",
                true);
    return;
  }
  // A named iam:PassRole first; else the first wildcard that covers it.
  const ActionEntry* found = nullptr;
  for (const ActionEntry& entry : statement.actions) {
    if (!MatchesPassRole(entry.text)) continue;
    if (!entry.wildcard) {
      found = &entry;
      break;
    }
    if (found == nullptr) found = &entry;
  }
  if (found == nullptr) return;
  const bool exact = !found->wildcard;
  context.Add(found->node, "pass-role-with-wildcard-resource", LintSeverity::kSecurityWarning,
              exact ? (statement.not_resource ? "PASS_ROLE_WITH_NOT_RESOURCE"
                                              : "PASS_ROLE_WITH_STAR_IN_RESOURCE")
                    : (statement.not_resource ? "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE"
                                              : "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE"),
              (exact ? Quote(found->text) : Quote(found->text) + ", which covers `iam:PassRole`,") +
                  " " + where + " lets the caller pass any role to any service",
              "name the roles' ARNs, or add an `iam:PassedToService` condition");
}

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
  CheckPassRole(context, statement);
  CheckNotElements(context, statement);
  CheckPrincipals(context, statement);
}

}  // namespace iameval::internal
