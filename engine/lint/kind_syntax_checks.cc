// File: engine/lint/kind_syntax_checks.cc
//
// What AWS refuses that the grammar accepts (Access Analyzer's errors):
//
//   federated-principal-not-supported  a `Federated` principal in a resource policy other than
//                                      a role trust policy (FEDERATED_PRINCIPAL_NOT_SUPPORTED)
//   scp-action-wildcard-not-at-end     an SCP action with `*` before its end, or a `?`
//                                      (SCP_SYNTAX_ERROR_ACTION_WILDCARD)
//   rcp-action-unsupported-service     an RCP action of a service RCPs do not apply to
//                                      (RCP_SYNTAX_ERROR_ACTION)
//   multiple-boolean-values            `Bool` given several values
//                                      (INVALID_CONDITION_MULTIPLE_BOOLEAN)
//   arn-service-not-lowercase          an ARN's service in capitals: `arn:aws:S3:::b`
//                                      (INVALID_ARN_SERVICE_CASE)

#include <string>
#include <string_view>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "decide/rcp_services.h"
#include "lint/aws_regions.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

void CheckFederatedOutsideTrust(LintContext& context, const StatementView& statement) {
  if (statement.principal == kNoNode || context.kind == PolicyKind::kRoleTrust ||
      !IsResourcePolicyKind(context.kind)) {
    return;
  }
  const JsonDocument& doc = context.doc;
  if (!doc.node(statement.principal).is_object()) return;
  for (uint32_t member = doc.node(statement.principal).first_child; member != kNoNode;
       member = doc.node(member).next_sibling) {
    if (doc.node(member).key != "Federated") continue;
    context.Add(member, "federated-principal-not-supported", LintSeverity::kError,
                "FEDERATED_PRINCIPAL_NOT_SUPPORTED",
                "a `Federated` principal is accepted only in a role's trust policy",
                "let the identity provider's users assume a role (its trust policy names the "
                "provider) and grant that role here; lint a trust policy with `--kind roleTrust`",
                true);
  }
}

void CheckScpActionWildcards(LintContext& context, const StatementView& statement) {
  if (context.kind != PolicyKind::kServiceControl) return;
  for (const ActionEntry& entry : statement.actions) {
    if (!entry.wildcard) continue;
    const std::string_view text = entry.text;
    const size_t star = text.find('*');
    if (text.find('?') == std::string_view::npos &&
        (star == std::string_view::npos || star + 1 == text.size())) {
      continue;
    }
    context.Add(entry.node, "scp-action-wildcard-not-at-end", LintSeverity::kError,
                "SCP_SYNTAX_ERROR_ACTION_WILDCARD",
                Quote(text) + ": an SCP takes a wildcard only as the last character of an action",
                "list the actions, or end the pattern with `*` (`s3:Get*`)");
  }
}

// RCPs apply only to the services AWS lists as supporting them (decide/rcp_services.h):
// an action of another service in an RCP is never controlled by it.
void CheckRcpActionServices(LintContext& context, const StatementView& statement) {
  if (context.kind != PolicyKind::kResourceControl || statement.not_action) return;
  for (const ActionEntry& entry : statement.actions) {
    const std::string_view text = entry.text;
    const size_t colon = text.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view prefix = text.substr(0, colon);
    if (FirstWildcard(prefix) != std::string_view::npos) continue;
    std::string lower(prefix);
    for (char& c : lower) c = LowerAscii(c);
    // Typos and services newer than the catalogue: action_checks.cc says so.
    if (RcpSupportsService(lower) || context.catalogue.FindService(lower) == nullptr) continue;
    context.Add(entry.node, "rcp-action-unsupported-service", LintSeverity::kWarning,
                "RCP_SYNTAX_ERROR_ACTION",
                Quote(text) + ": resource control policies do not apply to " + Quote(prefix) +
                    " actions, so this statement never controls it",
                "an RCP names actions of the services AWS Organizations lists as supporting "
                "RCPs (s3, sts, sqs, kms, secretsmanager, ...)");
  }
}

void CheckMultipleBooleans(LintContext& context, const StatementView& statement) {
  if (statement.condition == kNoNode) return;
  const JsonDocument& doc = context.doc;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    const std::string_view name_text = doc.node(op).key;
    // Only `Bool`, `BoolIfExists` and their qualified forms: skip the rest unread.
    if (name_text.find("Bool") == std::string_view::npos) continue;
    OperatorName name;
    std::string code, message, help;
    if (!ParseOperatorName(name_text, &name, &code, &message, &help) ||
        name.info->family != OperatorFamily::kBool || name.qualifier != SetQualifier::kNone) {
      continue;
    }
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      if (!doc.node(k).is_array() || doc.node(k).child_count < 2) continue;
      context.Add(k, "multiple-boolean-values", LintSeverity::kError,
                  "INVALID_CONDITION_MULTIPLE_BOOLEAN",
                  Quote(name_text) + " on " + Quote(doc.node(k).key) +
                      " is given several values: a Boolean key holds one",
                  "give one value, `true` or `false` (both is no condition; use `Null` to test "
                  "presence)",
                  true);
    }
  }
}

// An ARN's account field: empty (S3, IAM's global resources), 12 digits, or
// `aws` (resources AWS owns: `arn:aws:iam::aws:policy/...`).
bool IsValidAccount(std::string_view account) {
  if (account.empty() || account == "aws") return true;
  if (account.size() != 12) return false;
  for (char c : account) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckArnFields(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  for (uint32_t node : statement.resources) {
    const std::string_view text = doc.node(node).text;
    // arn:partition:service:region:account:resource (the grammar checked the six parts)
    std::string_view all[6];
    if (!SplitArnFields(text, all) || all[0] != "arn") continue;
    const std::string_view* fields = all + 1;
    const std::string_view partition = fields[0], service = fields[1], account = fields[3];
    bool upper = false;
    for (char c : service) upper = upper || (c >= 'A' && c <= 'Z');
    if (upper && service.find("${") == std::string_view::npos) {
      context.Add(node, "arn-service-not-lowercase", LintSeverity::kError,
                  "INVALID_ARN_SERVICE_CASE",
                  Quote(text) + ": the service in an ARN is lowercase, so " + Quote(service) +
                      " matches no resource",
                  "write the service prefix in lowercase");
    }
    if (!HasWildcardOrVariable(partition) && !IsKnownPartitionName(partition)) {
      context.Add(node, "invalid-arn-partition", LintSeverity::kError, "INVALID_PARTITION",
                  Quote(text) + ": " + Quote(partition) +
                      " is no AWS partition, so the ARN matches no resource",
                  "write `aws` (or `aws-cn`, `aws-us-gov`, ...), or `*`");
    }
    if (!HasWildcardOrVariable(account) && !IsValidAccount(account)) {
      context.Add(node, "invalid-arn-account", LintSeverity::kError, "INVALID_ARN_ACCOUNT",
                  Quote(text) + ": the account " + Quote(account) +
                      " is not 12 digits, so the ARN matches no resource",
                  "write the 12-digit account id, or `*`");
    }
  }
}

}  // namespace

void CheckKindSyntax(LintContext& context, const StatementView& statement) {
  CheckFederatedOutsideTrust(context, statement);
  CheckScpActionWildcards(context, statement);
  CheckRcpActionServices(context, statement);
  CheckMultipleBooleans(context, statement);
  CheckArnFields(context, statement);
}

}  // namespace iameval::internal
