// File: engine/lint/federated_principal_checks.cc
//
// Trust in an OpenID Connect identity provider that no condition narrows
// (Access Analyzer's checks of federated principals):
//
//   oidc-principal-without-condition   an OIDC provider as `Federated` principal, and no condition
//                                      key of that provider: any identity it issues tokens for
//                                      may assume the role
//                                      (MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL)
//   github-oidc-without-repository     GitHub's provider without a `...:sub` condition: any
//                                      repository's workflow may assume the role
//                                      (MISSING_GITHUB_REPO_CONDITION_KEY)
//   github-oidc-wildcard-repository    a `...:sub` value whose repository part is a wildcard
//                                      (SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED)
//
// Only Allow statements with `Principal` (a NotPrincipal is the grammar's and
// allow-with-notprincipal's business). A SAML provider is not OIDC.

#include <string>
#include <string_view>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

constexpr std::string_view kGitHubHost = "token.actions.githubusercontent.com";

bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// The issuer an OIDC `Federated` value names, as its condition keys spell
// their prefix: `arn:aws:iam::111122223333:oidc-provider/HOST[/PATH]` gives
// `HOST[/PATH]`; a bare domain (`accounts.google.com`,
// `cognito-identity.amazonaws.com`) is its own. Empty for a SAML provider, or
// a value of another form.
std::string_view OidcIssuer(std::string_view federated) {
  if (StartsWithIgnoreCase(federated, "arn:")) {
    constexpr std::string_view kMarker = ":oidc-provider/";
    size_t at = federated.find(kMarker);
    return at == std::string_view::npos ? std::string_view()
                                        : federated.substr(at + kMarker.size());
  }
  if (federated.find('.') == std::string_view::npos ||
      federated.find(':') != std::string_view::npos) {
    return {};
  }
  return federated;
}

// Whether the issuer is GitHub's (github.com, or GitHub Enterprise Cloud's
// `token.actions.githubusercontent.com/ENTERPRISE`).
bool IsGitHubIssuer(std::string_view issuer) {
  return StartsWithIgnoreCase(issuer, kGitHubHost) &&
         (issuer.size() == kGitHubHost.size() || issuer[kGitHubHost.size()] == '/');
}

// Whether a `sub` value leaves the repository open: GitHub's subject is
// `repo:ORG/REPO:...` (or `repo:ORG/REPO`); a wildcard before the end of
// `ORG/REPO`, or a value of another form that a wildcard widens (`*`), lets
// other repositories' workflows in. A wildcard only in the branch or
// environment part (`repo:org/app:*`) names one repository: no finding.
bool OpensRepository(std::string_view sub) {
  size_t wildcard = FirstWildcard(sub);
  if (wildcard == std::string_view::npos) return false;
  if (!StartsWithIgnoreCase(sub, "repo:")) return true;
  size_t repository_end = sub.find(':', 5);
  return repository_end == std::string_view::npos || wildcard < repository_end;
}

// The keys of the statement's Condition that begin with `issuer` + ":", under
// any operator but `Null` (a presence test limits nothing). For each,
// `visit(operator, key node)`; a negated operator (`StringNotEquals`) leaves
// every other value in, so the callers do not count it as a limit.
template <typename Visit>
void ForEachIssuerKey(const JsonDocument& doc, const StatementView& statement,
                      std::string_view issuer, Visit&& visit) {
  if (statement.condition == kNoNode) return;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    OperatorName name;
    std::string code, message, help;
    if (!ParseOperatorName(doc.node(op).key, &name, &code, &message, &help) ||
        name.info->family == OperatorFamily::kNull) {
      continue;
    }
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      std::string_view key = doc.node(k).key;
      if (key.size() > issuer.size() && key[issuer.size()] == ':' &&
          StartsWithIgnoreCase(key, issuer)) {
        visit(name, k);
      }
    }
  }
}

void CheckGitHub(LintContext& context, const StatementView& statement, uint32_t value,
                 std::string_view issuer) {
  const JsonDocument& doc = context.doc;
  bool limited = false;
  uint32_t open = kNoNode;  // a `sub` value that leaves the repository open
  ForEachIssuerKey(doc, statement, issuer, [&](const OperatorName& name, uint32_t key) {
    if (!EqualsIgnoreCase(doc.node(key).key.substr(issuer.size() + 1), "sub") ||
        name.info->negated) {
      return;
    }
    limited = true;
    for (uint32_t v : StringNodes(doc, key)) {
      if (open == kNoNode && name.info->family == OperatorFamily::kStringLike &&
          OpensRepository(doc.node(v).text)) {
        open = v;
      }
    }
  });
  if (!limited) {
    context.Add(value, "github-oidc-without-repository", LintSeverity::kSecurityWarning,
                "MISSING_GITHUB_REPO_CONDITION_KEY",
                "GitHub's identity provider is trusted without a `" + std::string(issuer) +
                    ":sub` condition: a workflow of any repository, in any organization, may "
                    "assume the role",
                "add a `StringEquals` or `StringLike` condition on `" + std::string(issuer) +
                    ":sub` naming the repository and branch (`repo:ORG/REPO:ref:refs/heads/main`)");
    return;
  }
  if (open != kNoNode) {
    context.Add(open, "github-oidc-wildcard-repository", LintSeverity::kWarning,
                "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED",
                "the wildcard in " + Quote(doc.node(open).text) +
                    " lets workflows of repositories outside your control assume the role",
                "name the repository (and branch) in full: `repo:ORG/REPO:ref:refs/heads/main`");
  }
}

void CheckOidc(LintContext& context, const StatementView& statement, uint32_t value,
               std::string_view issuer) {
  bool limited = false;
  ForEachIssuerKey(context.doc, statement, issuer, [&](const OperatorName& name, uint32_t) {
    limited = limited || !name.info->negated;
  });
  if (limited) return;
  context.Add(value, "oidc-principal-without-condition", LintSeverity::kSecurityWarning,
              "MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL",
              "the OpenID Connect provider " + Quote(issuer) +
                  " is trusted without a condition on its keys: any identity it issues tokens "
                  "for may assume the role",
              "add a condition on `" + std::string(issuer) + ":aud` (the application) and `" +
                  std::string(issuer) + ":sub` (the user)");
}

}  // namespace

void CheckFederatedPrincipals(LintContext& context, const StatementView& statement) {
  // Elsewhere a `Federated` principal is an error of its own
  // (federated-principal-not-supported, kind_syntax_checks.cc).
  if (context.kind != PolicyKind::kRoleTrust || !statement.allow ||
      statement.principal == kNoNode || statement.not_principal) {
    return;
  }
  const JsonDocument& doc = context.doc;
  const JsonNode& principal = doc.node(statement.principal);
  if (!principal.is_object()) return;
  for (uint32_t member = principal.first_child; member != kNoNode;
       member = doc.node(member).next_sibling) {
    if (doc.node(member).key != "Federated") continue;
    for (uint32_t value : StringNodes(doc, member)) {
      std::string_view issuer = OidcIssuer(doc.node(value).text);
      if (issuer.empty()) continue;
      if (IsGitHubIssuer(issuer)) {
        CheckGitHub(context, statement, value, issuer);
      } else {
        CheckOidc(context, statement, value, issuer);
      }
    }
  }
}

}  // namespace iameval::internal
