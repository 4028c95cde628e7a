// File: engine/lint/service_principal_key_checks.cc
//
//   condition-key-not-for-service-principal  a resource policy statement whose principals
//       are all service principals, with a condition on a key that AWS sets only for
//       other callers (`aws:PrincipalOrgID`: the principal's account is in an
//       organization; `aws:PrincipalTag/...`: a tagged user or role; ...), by the
//       global key table's `callers` (scripts/catalogue/global_keys.tsv, from the AWS
//       global condition keys page's Availability notes): the key is never in these
//       requests (UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL)
//
// Access Analyzer's own example: `aws:PrincipalOrgID` with
// `cloudfront.amazonaws.com`. A principal list mixing service principals with
// others is not judged: the key may be meant for the others.

#include <string>
#include <string_view>

#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

// Callers (global_keys.tsv) that are IAM identities or their sessions, never
// a service principal calling in its own name.
bool IsIdentityOnlyCaller(std::string_view callers) {
  static constexpr std::string_view kIdentityOnly[] = {"principal-in-organization",
                                                       "tagged-principal",
                                                       "iam-user",
                                                       "assumed-root",
                                                       "oidc-role-session",
                                                       "sign-in-session",
                                                       "source-identity",
                                                       "identity-center-session",
                                                       "ec2-instance-role",
                                                       "ssm-managed-instance",
                                                       "lambda-function-role",
                                                       "codebuild-build-role",
                                                       "glue-role-session",
                                                       "chatbot-session"};
  for (std::string_view caller : kIdentityOnly) {
    if (callers == caller) return true;
  }
  return false;
}

}  // namespace

void CheckServicePrincipalKeys(LintContext& context, const StatementView& statement) {
  if (statement.principal == kNoNode || statement.not_principal || statement.condition == kNoNode ||
      !IsResourcePolicyKind(context.kind) || context.kind == PolicyKind::kServiceControl ||
      context.kind == PolicyKind::kResourceControl) {
    return;
  }
  const JsonDocument& doc = context.doc;
  const JsonNode& principal = doc.node(statement.principal);
  if (!principal.is_object() || principal.first_child == kNoNode) return;
  std::string services;  // for the message
  for (uint32_t member = principal.first_child; member != kNoNode;
       member = doc.node(member).next_sibling) {
    if (doc.node(member).key != "Service") return;  // another kind of principal too
    for (uint32_t v : StringNodes(doc, member)) {
      if (services.empty()) services = std::string(doc.node(v).text);
    }
  }
  if (services.empty()) return;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      const std::string_view key = doc.node(k).key;
      const KeyInfo* info = context.catalogue.FindKey(key);
      if (info == nullptr || !info->global || !IsIdentityOnlyCaller(info->callers)) continue;
      context.Add(k, "condition-key-not-for-service-principal", LintSeverity::kError,
                  "UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL",
                  Quote(key) + " is never in a request of a service principal such as " +
                      Quote(services) + " (AWS sets it: " + std::string(info->note) + ")",
                  "to limit a service principal, use `aws:SourceArn`, `aws:SourceAccount`, "
                  "`aws:SourceOrgID` or `aws:SourceOrgPaths`",
                  true);
    }
  }
}

}  // namespace iameval::internal
