// File: engine/lint/rcp_condition_checks.cc
//
// Resource control policies apply to every caller of a resource: IAM
// principals and AWS services acting for you alike. A Deny whose condition
// reads a key that only one kind of caller carries also hits the other kind
// unless the statement says which kind it means. Access Analyzer's three
// general warnings, with the guards its messages name:
//
//   rcp-missing-principal-guard          a principal key (`aws:PrincipalOrgID`, ...) without
//                                        `"BoolIfExists": {"aws:PrincipalIsAWSService": "false"}`
//                                        (RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY)
//   rcp-missing-service-principal-guard  a service key (`aws:SourceOrgID`, ...) without
//                                        `... {"aws:PrincipalIsAWSService": "true"}`
//                                        (RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY)
//   rcp-missing-source-null-check        a service key without `"Null": {"aws:SourceAccount":
//                                        "false"}` (or `aws:SourceArn`): some service calls
//                                        carry no such key
//                                        (RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK)
//
// The keys are those of the AWS global condition keys page's "Properties of
// the principal" that name who the principal is, and the `aws:Source*` keys
// AWS sets when a service principal calls for a resource. A `Null` test on a
// key is not its use.

#include <string>
#include <string_view>
#include <vector>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

bool IsPrincipalKey(std::string_view key) {
  static constexpr std::string_view kKeys[] = {"aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
                                               "aws:PrincipalAccount", "aws:PrincipalArn"};
  for (std::string_view k : kKeys) {
    if (EqualsIgnoreCase(key, k)) return true;
  }
  // aws:PrincipalTag/KEY
  return key.size() > 17 && EqualsIgnoreCase(key.substr(0, 17), "aws:PrincipalTag/");
}

bool IsServiceKey(std::string_view key) {
  static constexpr std::string_view kKeys[] = {"aws:SourceOrgID", "aws:SourceOrgPaths",
                                               "aws:SourceAccount", "aws:SourceArn"};
  for (std::string_view k : kKeys) {
    if (EqualsIgnoreCase(key, k)) return true;
  }
  return false;
}

// Whether every value of key node `k` is the Boolean `want` (a JSON Boolean
// or its string).
bool AllValuesAre(const JsonDocument& doc, uint32_t k, std::string_view want) {
  const JsonNode& node = doc.node(k);
  auto is = [&](const JsonNode& v) {
    return (v.is_string() || v.is_bool()) && EqualsIgnoreCase(v.text, want);
  };
  if (!node.is_array()) return is(node);
  if (node.first_child == kNoNode) return false;
  for (uint32_t c = node.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    if (!is(doc.node(c))) return false;
  }
  return true;
}

struct Guards {
  bool not_service = false;     // Bool[IfExists] aws:PrincipalIsAWSService false
  bool service = false;         // ... true
  bool source_present = false;  // Null aws:SourceAccount or aws:SourceArn false
};

}  // namespace

void CheckRcpConditions(LintContext& context, const StatementView& statement) {
  if (context.kind != PolicyKind::kResourceControl || !statement.deny ||
      statement.condition == kNoNode) {
    return;
  }
  const JsonDocument& doc = context.doc;
  Guards guards;
  // The keys used, at their nodes: principal ones, then service ones.
  std::vector<uint32_t> principal_keys, service_keys;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    OperatorName name;
    std::string code, message, help;
    if (!ParseOperatorName(doc.node(op).key, &name, &code, &message, &help)) continue;
    const OperatorFamily family = name.info->family;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      const std::string_view key = doc.node(k).key;
      if (family == OperatorFamily::kNull) {
        if ((EqualsIgnoreCase(key, "aws:SourceAccount") ||
             EqualsIgnoreCase(key, "aws:SourceArn")) &&
            name.qualifier == SetQualifier::kNone && AllValuesAre(doc, k, "false")) {
          guards.source_present = true;
        }
        continue;
      }
      if (family == OperatorFamily::kBool && name.qualifier == SetQualifier::kNone &&
          EqualsIgnoreCase(key, "aws:PrincipalIsAWSService")) {
        if (AllValuesAre(doc, k, "false")) guards.not_service = true;
        if (AllValuesAre(doc, k, "true")) guards.service = true;
        continue;
      }
      if (IsPrincipalKey(key)) principal_keys.push_back(k);
      if (IsServiceKey(key)) service_keys.push_back(k);
    }
  }
  if (!guards.not_service) {
    for (uint32_t k : principal_keys) {
      context.Add(k, "rcp-missing-principal-guard", LintSeverity::kWarning,
                  "RCP_MISSING_RELATED_PRINCIPAL_CONDITION_KEY",
                  Quote(doc.node(k).key) +
                      " limits IAM principals, but an RCP also applies to AWS services calling "
                      "for you, which this statement then denies too",
                  "add `\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"false\"}` to the "
                  "condition",
                  true);
    }
  }
  for (uint32_t k : service_keys) {
    if (!guards.service) {
      context.Add(k, "rcp-missing-service-principal-guard", LintSeverity::kWarning,
                  "RCP_MISSING_RELATED_SERVICE_PRINCIPAL_CONDITION_KEY",
                  Quote(doc.node(k).key) +
                      " limits AWS services calling for you, but an RCP also applies to your "
                      "IAM principals, which this statement then denies too",
                  "add `\"BoolIfExists\": {\"aws:PrincipalIsAWSService\": \"true\"}` to the "
                  "condition",
                  true);
    }
    if (!guards.source_present) {
      context.Add(k, "rcp-missing-source-null-check", LintSeverity::kWarning,
                  "RCP_MISSING_SERVICE_CONDITION_KEY_NULL_CHECK",
                  Quote(doc.node(k).key) +
                      ": some services call without `aws:SourceAccount` or `aws:SourceArn`, "
                      "and this statement denies those calls too",
                  "add `\"Null\": {\"aws:SourceAccount\": \"false\"}` (or `aws:SourceArn`) to "
                  "the condition",
                  true);
    }
  }
}

}  // namespace iameval::internal
