// File: engine/lint/trust_policy_checks.cc
//
// Role trust policies whose assume action cannot serve their principal
// (Access Analyzer's trust policy errors):
//
//   mismatched-action-for-principal   `sts:AssumeRoleWithWebIdentity` for SAML providers only,
//                                     or `sts:AssumeRoleWithSAML` for OIDC providers only: STS
//                                     never lets them in that way (MISMATCHED_ACTION_FOR_PRINCIPAL)
//   roles-anywhere-missing-action     `rolesanywhere.amazonaws.com` trusted without
//                                     `sts:AssumeRole`, `sts:TagSession` and
//                                     `sts:SetSourceIdentity`, which IAM Roles Anywhere requests
//                                     together (MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY)
//   redundant-session-principal       an assumed-role session beside its own role, which
//                                     already covers every session of it (suggestion,
//                                     REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY)

#include <string>
#include <string_view>
#include <vector>

#include "base/ascii.h"
#include "lint/lint_context.h"
#include "lint/text_match.h"

namespace iameval::internal {
namespace {

enum class Federation { kNone, kSaml, kOidc, kMixed };

// What the statement's `Federated` principals are: all SAML providers, all
// OpenID Connect ones, both, or none.
Federation FederationOf(const JsonDocument& doc, uint32_t principal) {
  Federation kind = Federation::kNone;
  for (uint32_t member = doc.node(principal).first_child; member != kNoNode;
       member = doc.node(member).next_sibling) {
    if (doc.node(member).key != "Federated") continue;
    for (uint32_t v : StringNodes(doc, member)) {
      const bool saml = doc.node(v).text.find(":saml-provider/") != std::string_view::npos;
      const Federation one = saml ? Federation::kSaml : Federation::kOidc;
      kind = kind == Federation::kNone || kind == one ? one : Federation::kMixed;
    }
  }
  return kind;
}

void CheckMismatchedAction(LintContext& context, const StatementView& statement) {
  const Federation kind = FederationOf(context.doc, statement.principal);
  if (kind != Federation::kSaml && kind != Federation::kOidc) return;
  const std::string_view wrong =
      kind == Federation::kSaml ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRoleWithSAML";
  for (const ActionEntry& entry : statement.actions) {
    if (entry.wildcard || !EqualsIgnoreCase(entry.text, wrong)) continue;
    context.Add(entry.node, "mismatched-action-for-principal", LintSeverity::kError,
                "MISMATCHED_ACTION_FOR_PRINCIPAL",
                Quote(entry.text) + " cannot be used by " +
                    (kind == Federation::kSaml ? "a SAML provider" : "an OpenID Connect provider") +
                    ", the statement's only federated principals",
                kind == Federation::kSaml ? "SAML federation assumes a role with "
                                            "`sts:AssumeRoleWithSAML`"
                                          : "OpenID Connect federation assumes a role with "
                                            "`sts:AssumeRoleWithWebIdentity`");
  }
}

bool TrustsRolesAnywhere(const JsonDocument& doc, uint32_t principal) {
  for (uint32_t member = doc.node(principal).first_child; member != kNoNode;
       member = doc.node(member).next_sibling) {
    if (doc.node(member).key != "Service") continue;
    for (uint32_t v : StringNodes(doc, member)) {
      if (EqualsIgnoreCase(doc.node(v).text, "rolesanywhere.amazonaws.com")) return true;
    }
  }
  return false;
}

void CheckRolesAnywhere(LintContext& context, const StatementView& statement) {
  if (!TrustsRolesAnywhere(context.doc, statement.principal)) return;
  static constexpr std::string_view kNeeded[] = {"sts:AssumeRole", "sts:TagSession",
                                                 "sts:SetSourceIdentity"};
  std::string missing;
  for (std::string_view needed : kNeeded) {
    bool granted = false;
    for (const ActionEntry& entry : statement.actions) {
      granted = granted || GlobMatchIgnoreCase(entry.text, needed);
    }
    if (!granted) missing += (missing.empty() ? "" : ", ") + Quote(needed);
  }
  if (missing.empty()) return;
  context.Add(statement.action, "roles-anywhere-missing-action", LintSeverity::kError,
              "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY",
              "IAM Roles Anywhere is trusted without " + missing +
                  ": it requests all three together, so it cannot assume the role",
              "allow `sts:AssumeRole`, `sts:TagSession` and `sts:SetSourceIdentity`", true);
}

// `arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION` -> `ACCOUNT`, `NAME`.
bool SplitSession(std::string_view arn, std::string_view* account, std::string_view* role) {
  constexpr std::string_view kHead = ":sts::";
  const size_t head = arn.find(kHead);
  if (arn.compare(0, 4, "arn:") != 0 || head == std::string_view::npos) return false;
  std::string_view rest = arn.substr(head + kHead.size());
  constexpr std::string_view kAssumed = ":assumed-role/";
  const size_t colon = rest.find(kAssumed);
  if (colon == std::string_view::npos) return false;
  *account = rest.substr(0, colon);
  rest = rest.substr(colon + kAssumed.size());
  *role = rest.substr(0, rest.find('/'));
  return !role->empty();
}

// Whether `arn` is `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`.
bool IsRoleArn(std::string_view arn, std::string_view account, std::string_view role) {
  const size_t head = arn.find(":iam::");
  if (arn.compare(0, 4, "arn:") != 0 || head == std::string_view::npos) return false;
  std::string_view rest = arn.substr(head + 6);
  if (rest.substr(0, account.size()) != account || rest.substr(account.size(), 6) != ":role/") {
    return false;
  }
  rest = rest.substr(account.size() + 6);
  const size_t slash = rest.rfind('/');
  return (slash == std::string_view::npos ? rest : rest.substr(slash + 1)) == role;
}

void CheckRedundantSessions(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  for (uint32_t member = doc.node(statement.principal).first_child; member != kNoNode;
       member = doc.node(member).next_sibling) {
    if (doc.node(member).key != "AWS" || !doc.node(member).is_array()) continue;
    const std::vector<uint32_t> values = StringNodes(doc, member);
    for (uint32_t session : values) {
      std::string_view account, role;
      if (!SplitSession(doc.node(session).text, &account, &role)) continue;
      for (uint32_t other : values) {
        if (other == session || !IsRoleArn(doc.node(other).text, account, role)) continue;
        context.Add(session, "redundant-session-principal", LintSeverity::kSuggestion,
                    "REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY",
                    Quote(doc.node(session).text) + " is a session of " +
                        Quote(doc.node(other).text) + ", which the policy already trusts",
                    "remove the session principal");
        break;
      }
    }
  }
}

}  // namespace

void CheckTrustPolicy(LintContext& context, const StatementView& statement) {
  if (context.kind != PolicyKind::kRoleTrust || !statement.allow || statement.not_action ||
      statement.principal == kNoNode || statement.not_principal ||
      !context.doc.node(statement.principal).is_object()) {
    return;
  }
  CheckMismatchedAction(context, statement);
  CheckRolesAnywhere(context, statement);
  CheckRedundantSessions(context, statement);
}

}  // namespace iameval::internal
