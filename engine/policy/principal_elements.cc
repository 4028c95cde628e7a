// File: engine/policy/principal_elements.cc
//
// `Principal` and `NotPrincipal`: whether the kind allows them, which of the
// two a statement has, the `*` or {"AWS": ..., "Service": ...} forms, and
// each value classified by principal.h. The per-kind twists live here too:
// a role trust policy warns about `*`, a resource control policy and a
// gateway VPC endpoint's policy take nothing else.

#include "policy/principal_elements.h"

#include <string>
#include <utility>
#include <vector>

#include "base/message_text.h"
#include "match/principal.h"
#include "policy/element_values.h"

namespace iameval::internal {
namespace {

constexpr std::string_view kPrincipalTypes[] = {"AWS", "Service", "Federated", "CanonicalUser"};

void CompilePrincipalValue(ParseContext* context, uint32_t node, std::string_view type_key,
                           std::vector<PrincipalPattern>* out) {
  std::string_view text = context->Node(node).text;
  if (context->policy->variables_enabled && text.find("${") != std::string_view::npos) {
    context->Error(node, "variable-not-allowed",
                   "policy variables are not substituted in principals: " + Quote(text), false,
                   "match the caller with a `Condition` on `aws:PrincipalArn` instead");
    return;
  }
  PrincipalPattern pattern;
  std::string code, message;
  if (!ClassifyPrincipal(type_key, text, &pattern, &code, &message)) {
    if (code.empty()) code = "invalid-principal";
    context->Error(node, std::move(code), std::move(message));
    return;
  }
  if (pattern.type == PrincipalPattern::Type::kUniqueId) {
    context->Warn(node, "principal-unique-id",
                  Quote(text) +
                      " is an iam unique id, which aws shows in place of a principal that was "
                      "deleted: it matches no caller",
                  false,
                  "a new principal of the same name is not this one; name it by its arn "
                  "again, or remove the entry");
  }
  if (context->kind == PolicyKind::kRoleTrust && pattern.type == PrincipalPattern::Type::kAnyone) {
    context->Warn(node, "trust-policy-wildcard-principal",
                  "`*` as the principal of a role trust policy lets anyone assume the role", false,
                  "name the accounts, roles or services that may assume it, or narrow `*` with a "
                  "`Condition`");
  }
  out->push_back(std::move(pattern));
}

// `*`, {"AWS": "*"} or {"AWS": ["*"]}: every caller.
bool IsWildcardPrincipal(ParseContext* context, const JsonNode& value) {
  if (value.is_string()) return value.text == "*";
  if (!value.is_object() || value.child_count != 1) return false;
  const JsonNode& aws = context->Node(value.first_child);
  if (aws.key != "AWS") return false;
  if (aws.is_string()) return aws.text == "*";
  if (!aws.is_array() || aws.child_count != 1) return false;
  const JsonNode& only = context->Node(aws.first_child);
  return only.is_string() && only.text == "*";
}

void CompilePrincipalElement(ParseContext* context, uint32_t node, std::string_view element,
                             std::vector<PrincipalPattern>* out) {
  const JsonNode& value = context->Node(node);
  if (context->kind == PolicyKind::kResourceControl) {
    // RCPs apply to every caller; conditions narrow them (decisions.md §46).
    if (!value.is_string() || value.text != "*") {
      context->Error(
          node, "rcp-principal-must-be-wildcard",
          "the `Principal` of a resource control policy must be `*`", false,
          "narrow the callers with a `Condition` instead, e.g. on `aws:PrincipalAccount`");
      return;
    }
  }
  if (context->kind == PolicyKind::kGatewayVpcEndpoint && !IsWildcardPrincipal(context, value)) {
    // "For gateway endpoints, you must set the Principal element to *. To
    // specify a principal, use the aws:PrincipalArn condition key." (AWS
    // PrivateLink Guide, "Control access to VPC endpoints using endpoint
    // policies", "Principals for gateway endpoints"). An account named here
    // would match its root user only, not its users and roles (ibid.): never
    // what its author meant, so it is refused rather than half-read.
    context->Error(node, "gateway-endpoint-principal-must-be-wildcard",
                   "the `" + std::string(element) +
                       "` of a gateway vpc endpoint policy must be `*` (or {\"AWS\": \"*\"})",
                   false,
                   "name the callers in a `Condition` on `aws:PrincipalArn` instead, e.g. "
                   "{\"StringEquals\": {\"aws:PrincipalArn\": "
                   "\"arn:aws:iam::111122223333:role/app\"}}");
    return;
  }
  if (value.is_string()) {
    CompilePrincipalValue(context, node, "*", out);
    return;
  }
  if (!value.is_object()) {
    context->Error(node, "wrong-type",
                   ElementName(element) +
                       " must be `*` or an object such as {\"AWS\": [...]}, not " +
                       JsonTypeWithArticle(value.type));
    return;
  }
  if (value.child_count == 0) {
    context->Error(node, "empty-list",
                   ElementName(element) + " is an empty object: it names no principal");
    return;
  }
  for (uint32_t c = value.first_child; c != kNoNode; c = context->Node(c).next_sibling) {
    const std::string_view type_key = context->Node(c).key;
    if (!IsOneOf(type_key, kPrincipalTypes)) {
      std::string help = DidYouMean(type_key, kPrincipalTypes);
      context->Error(c, "unknown-principal-type",
                     "unknown principal type " + Quote(type_key) +
                         ": expected `AWS`, `Service`, `Federated` or `CanonicalUser`",
                     true, help);
      continue;
    }
    ForEachString(context, c, type_key,
                  [&](uint32_t v) { CompilePrincipalValue(context, v, type_key, out); });
  }
}

}  // namespace

void ReadPrincipals(ParseContext* context, uint32_t statement, CompiledStatement* out) {
  uint32_t principal = context->doc.Member(statement, "Principal");
  uint32_t not_principal = context->doc.Member(statement, "NotPrincipal");

  if (context->rules.principal == Presence::kForbidden) {
    ReportElementsNotAllowed(
        context, principal, not_principal, "principal-not-allowed",
        "only resource-based policies name principals; this policy applies to whoever it "
        "is attached to");
    return;
  }

  if (not_principal != kNoNode && !context->rules.not_principal_allowed) {
    context->Error(not_principal, "notprincipal-not-allowed",
                   "`NotPrincipal` is not allowed in " + std::string(context->rules.noun), true);
  }
  CheckNotBoth(context, principal, not_principal);
  if (principal == kNoNode && not_principal == kNoNode) {
    context->Error(statement, "missing-principal",
                   "the statement has no `Principal`: " + std::string(context->rules.noun) +
                       " must say whom it applies to",
                   false,
                   context->kind == PolicyKind::kResourceControl ||
                           context->kind == PolicyKind::kVpcEndpoint ||
                           context->kind == PolicyKind::kGatewayVpcEndpoint
                       ? "add \"Principal\": \"*\""
                       : "add e.g. \"Principal\": {\"AWS\": "
                         "\"arn:aws:iam::111122223333:root\"}");
    return;
  }

  if (principal != kNoNode) {
    out->principal_mode = CompiledStatement::PrincipalMode::kList;
    CompilePrincipalElement(context, principal, "Principal", &out->principals);
  }
  if (not_principal != kNoNode && context->rules.not_principal_allowed) {
    std::vector<PrincipalPattern> patterns;
    CompilePrincipalElement(context, not_principal, "NotPrincipal", &patterns);
    uint32_t effect = context->doc.Member(statement, "Effect");
    if (principal == kNoNode && effect != kNoNode && context->Node(effect).is_string() &&
        context->Node(effect).text == "Allow") {
      // AWS: "NotPrincipal with Allow" is not supported (IAM User Guide, "AWS
      // JSON policy elements: NotPrincipal"). Read as everyone-but-these it
      // would grant anonymous callers too; iameval never grants from it
      // (decisions.md §16).
      context->Warn(not_principal, "allow-with-notprincipal",
                    "`NotPrincipal` with `Allow` is not supported by aws: iameval takes this "
                    "statement to grant nothing",
                    true,
                    "write \"Principal\": \"*\" with a `Condition` such as `ArnNotEquals` on "
                    "`aws:PrincipalArn`");
    }
    if (principal == kNoNode) {
      out->principal_mode = CompiledStatement::PrincipalMode::kNotList;
      out->principals = std::move(patterns);
    }
  }
}

}  // namespace iameval::internal
