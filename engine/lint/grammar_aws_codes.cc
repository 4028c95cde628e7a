// File: engine/lint/grammar_aws_codes.cc
//
// Access Analyzer's issue code for a finding of the grammar check (findings.md),
// where it has one (shared/reference/access-analyzer-checks.md §3). Most codes
// map one to one; a few of ours cover several of AA's, told apart by the
// policy kind (size quotas, principals), the element (empty lists), the
// operator (empty value lists, unreadable values) or the message (malformed
// variables and ARNs). spec/lint.md lists them.

#include <string_view>

#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool Contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The condition operator a finding's path runs through: `StringEquals` in
// `Statement[0].Condition.StringEquals["k"]`, `ForAllValues:StringEquals` in
// `Statement[0].Condition["ForAllValues:StringEquals"]["k"]`. Empty outside
// a Condition.
std::string_view PathOperator(std::string_view path) {
  size_t at = path.find("Condition");
  if (at == std::string_view::npos) return {};
  std::string_view rest = path.substr(at + 9);
  if (rest.substr(0, 2) == "[\"") {
    rest.remove_prefix(2);
    return rest.substr(0, rest.find('"'));
  }
  if (rest.substr(0, 1) != ".") return {};
  rest.remove_prefix(1);
  return rest.substr(0, rest.find_first_of(".["));
}

std::string_view SizeQuotaCode(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
    case PolicyKind::kPermissionsBoundary:
    case PolicyKind::kSession:
      return "POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA";
    case PolicyKind::kRoleTrust:
      return "POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA";
    case PolicyKind::kServiceControl:
      return "POLICY_SIZE_EXCEEDS_SCP_QUOTA";
    case PolicyKind::kResourceControl:
      return "POLICY_SIZE_EXCEEDS_RCP_QUOTA";
    case PolicyKind::kResource:
    case PolicyKind::kKmsKey:
    case PolicyKind::kVpcEndpoint:
    case PolicyKind::kGatewayVpcEndpoint:
      return "POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA";
  }
  return {};
}

// The set-qualifier and IfExists variants of AA's empty-value suggestion.
std::string_view EmptyConditionCode(std::string_view op) {
  if (op.substr(0, 13) == "ForAllValues:") return "EMPTY_ARRAY_CONDITION_FORALLVALUES";
  if (op.substr(0, 12) == "ForAnyValue:") return "EMPTY_ARRAY_CONDITION_FORANYVALUE";
  if (EndsWith(op, "IfExists")) return "EMPTY_ARRAY_CONDITION_IFEXISTS";
  return "EMPTY_ARRAY_CONDITION";
}

// A value the operator cannot read: AA's TYPE_MISMATCH_* by the operator's
// type (an error for an IP range, warnings for the rest), and
// INVALID_CONDITION_DATA_TYPE for a value of another JSON type, which the
// grammar reports as an error (condition.cc, UnreadableValue).
std::string_view ConditionValueCode(std::string_view op, Severity severity) {
  if (Contains(op, "IpAddress")) return "TYPE_MISMATCH_IP_RANGE";
  if (severity == Severity::kError) return "INVALID_CONDITION_DATA_TYPE";
  if (Contains(op, "Bool") || Contains(op, "Null")) return "TYPE_MISMATCH_BOOLEAN";
  if (Contains(op, "Date")) return "TYPE_MISMATCH_DATE";
  if (Contains(op, "Numeric")) return "TYPE_MISMATCH_NUMBER";
  if (Contains(op, "Binary")) return "TYPE_MISMATCH_STRING";
  return {};
}

// A malformed `${...}`, by what the grammar says of it (condition/variables.cc).
std::string_view VariableCode(std::string_view message) {
  if (Contains(message, "no closing `}`") || Contains(message, "expected `}`")) {
    return "MISSING_BRACE_IN_VARIABLE";
  }
  if (Contains(message, "single quotes") || Contains(message, "no closing `'`")) {
    return "MISSING_QUOTE_IN_VARIABLE";
  }
  if (message.substr(0, 15) == "empty policy va") return "EMPTY_VARIABLE";
  if (Contains(message, "has a space")) return "UNSUPPORTED_SPACE_IN_VARIABLE";
  return {};
}

}  // namespace

std::string_view GrammarAwsCode(const Finding& finding, PolicyKind kind) {
  const std::string_view code = finding.code;
  static constexpr struct {
    std::string_view ours, aws;
  } kCodes[] = {
      {"invalid-json", "JSON_SYNTAX_ERROR"},
      {"wrong-type", "DATA_TYPE_MISMATCH"},
      {"unknown-element", "INVALID_POLICY_ELEMENT"},
      {"missing-statement", "MISSING_STATEMENT"},
      {"invalid-version", "INVALID_VERSION"},
      {"missing-version", "MISSING_VERSION"},
      {"missing-effect", "MISSING_EFFECT"},
      {"invalid-effect", "INVALID_EFFECT"},
      {"missing-action", "MISSING_ACTION"},
      {"missing-resource", "MISSING_RESOURCE"},
      {"missing-principal", "MISSING_PRINCIPAL"},
      {"conflicting-elements", "UNSUPPORTED_ELEMENT_COMBINATION"},
      {"invalid-sid", "UNSUPPORTED_SID"},
      {"unknown-principal-type", "INVALID_PRINCIPAL_KEY"},
      {"wildcard-in-principal", "UNSUPPORTED_WILDCARD_IN_PRINCIPAL"},
      {"resource-not-allowed", "ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"},
      {"trust-policy-wildcard-principal", "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL"},
      {"rcp-principal-must-be-wildcard", "RCP_SYNTAX_ERROR_PRINCIPAL"},
      {"rcp-allow-not-supported", "RCP_SYNTAX_ERROR_ALLOW"},
      {"rcp-notaction-not-supported", "RCP_SYNTAX_ERROR_NOTACTION"},
      {"unknown-condition-operator", "INVALID_CONDITION_OPERATOR"},
      {"null-with-ifexists", "NULL_WITH_IF_EXISTS"},
      {"invalid-condition-key", "INVALID_CONDITION_KEY_FORMAT"},
      {"condition-key-duplicate-case", "DUPLICATE_KEYS_WITH_DIFFERENT_CASE"},
      {"cidr-host-bits-set", "IMPROVE_IP_RANGE"},
      {"variable-in-old-version", "VARIABLE_UNSUPPORTED_IN_VERSION"},
      {"wildcard-in-service", "WILDCARD_IN_SERVICE_NAME"},
      {"null-with-qualifier", "NULL_WITH_QUALIFIER"},
      {"qualifier-on-single-valued-key", "FORALLVALUES_WITH_SINGLE_VALUED_KEY"},
      {"missing-qualifier-on-multivalued-key", "MISSING_QUALIFIER"},
      {"allow-with-notprincipal", "ALLOW_WITH_NOT_PRINCIPAL"},
  };
  for (const auto& entry : kCodes) {
    if (entry.ours == code) return entry.aws;
  }
  const std::string_view path = finding.path;
  if (code == "policy-too-large") return SizeQuotaCode(kind);
  if (code == "duplicate-sid") {
    // IAM requires unique Sids (IAM User Guide, Sid element: "In IAM, the Sid
    // value must be unique within a JSON policy"); for the other kinds AWS
    // states no such rule, and Access Analyzer only recommends it.
    const bool iam = kind == PolicyKind::kIdentity || kind == PolicyKind::kPermissionsBoundary ||
                     kind == PolicyKind::kSession || kind == PolicyKind::kRoleTrust;
    return iam ? "UNIQUE_SIDS_REQUIRED" : "UNIQUE_SIDS_RECOMMENDED";
  }
  if (code == "principal-not-allowed") {
    return kind == PolicyKind::kServiceControl ? "SCP_SYNTAX_ERROR_PRINCIPAL"
                                               : "UNSUPPORTED_PRINCIPAL";
  }
  if (code == "notprincipal-not-allowed") {
    return kind == PolicyKind::kResourceControl ? "RCP_SYNTAX_ERROR_PRINCIPAL"
                                                : "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL";
  }
  if (code == "empty-list") {
    if (Contains(path, "Principal")) {
      // `"Principal": {}` (policy/principal_elements.cc says "an empty object").
      return Contains(finding.message, "empty object") ? "EMPTY_OBJECT_PRINCIPAL"
                                                       : "EMPTY_ARRAY_PRINCIPAL";
    }
    if (EndsWith(path, "Resource")) return "EMPTY_ARRAY_RESOURCE";
    return "EMPTY_ARRAY_ACTION";
  }
  if (code == "empty-condition-values") return EmptyConditionCode(PathOperator(path));
  if (code == "invalid-condition-value") {
    return ConditionValueCode(PathOperator(path), finding.severity);
  }
  if (code == "variable-not-allowed") {
    return PathOperator(path).empty() ? "VARIABLE_UNSUPPORTED_IN_ELEMENT"
                                      : "INVALID_VARIABLE_FOR_OPERATOR";
  }
  if (code == "invalid-variable") return VariableCode(finding.message);
  if (code == "invalid-resource") {
    // resource_elements.cc: text without `arn:`, or an ARN short of fields.
    return Contains(finding.message, "expected `*` or an arn") ? "INVALID_ARN_PREFIX"
                                                               : "MISSING_ARN_FIELD";
  }
  if (code == "invalid-principal") {
    if (Contains(path, ".Service")) return "INVALID_SERVICE_PRINCIPAL_FORMAT";
    if (Contains(path, ".Federated") && kind == PolicyKind::kRoleTrust) {
      return "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY";
    }
    return "INVALID_PRINCIPAL_FORMAT";
  }
  if (code == "principal-unique-id") {
    // `AROA...` names a role, `AIDA...` a user.
    if (Contains(finding.message, "`AROA")) return "INVALID_ROLE_REFERENCE";
    if (Contains(finding.message, "`AIDA")) return "INVALID_USER_REFERENCE";
  }
  return {};
}

}  // namespace iameval::internal
