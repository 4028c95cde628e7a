// File: engine/policy/resource_elements.cc
//
// `Resource` and `NotResource`: whether the kind allows, requires or forbids
// them (policy_kind_rules.h), which of the two a statement has, and each
// value checked and compiled into an ARN pattern whose policy variables, if
// any, are filled in at decision time (variables.h).

#include "policy/resource_elements.h"

#include <string>
#include <utility>

#include "base/message_text.h"
#include "condition/variables.h"
#include "match/glob.h"
#include "policy/element_values.h"

namespace iameval::internal {
namespace {

// `*`, or an ARN of at least six parts whose policy variables, if any, sit in
// the region, account or resource part (after the third colon).
bool CompileResource(ParseContext* context, uint32_t node, std::string_view element,
                     ResourceEntry* out) {
  if (!CheckPatternValue(context, node, element, "resource", "write `*` or an ARN")) return false;
  std::string_view text = context->Node(node).text;

  if (text != "*") {
    if (text.compare(0, 4, "arn:") != 0) {
      context->Error(node, "invalid-resource",
                     Quote(text) + " is not a valid resource: expected `*` or an arn", false,
                     "an arn reads `arn:partition:service:region:account:resource`, e.g. "
                     "`arn:aws:s3:::my-bucket/*`");
      return false;
    }
    // Positions of the first five colons.
    size_t colons[5];
    size_t found = 0;
    for (size_t i = 0; i < text.size() && found < 5; ++i) {
      if (text[i] == ':') colons[found++] = i;
    }
    if (found < 5) {
      context->Error(node, "invalid-resource",
                     Quote(text) +
                         " is not a valid resource: an arn has six `:`-separated parts, "
                         "`arn:partition:service:region:account:resource`");
      return false;
    }
    size_t variable = text.find("${");
    if (variable != std::string_view::npos) {
      if (!context->policy->variables_enabled) {
        context->Warn(node, "variable-in-old-version",
                      Quote(text) +
                          " holds `${`, which is literal text here: policy variables need "
                          "\"Version\": \"2012-10-17\"");
      } else if (variable < colons[2]) {
        // The region and account fields take variables: AWS's own managed
        // policies write `arn:aws:kms:*:${aws:PrincipalAccount}:key/*`
        // (AmazonTimestreamInfluxDBServiceRolePolicy). The partition and the
        // service name a kind of resource and never do.
        context->Error(node, "variable-not-allowed",
                       "policy variable in the partition or service of " + Quote(text) +
                           ": aws substitutes variables only in the region, account and "
                           "resource parts of an arn");
        return false;
      }
    }
    std::string_view service(text.data() + colons[1] + 1, colons[2] - colons[1] - 1);
    if (HasWildcard(service)) {
      context->Warn(node, "wildcard-in-service",
                    "wildcard in the service segment of " + Quote(text) +
                        ": it matches resources of every service that fits",
                    false, "name the service, e.g. `arn:aws:s3:::my-bucket/*`");
    }
  }

  std::string code, message;
  if (!Template::Parse(text, context->policy->variables_enabled, &out->pattern, &code, &message)) {
    if (code.empty()) code = "invalid-variable";
    context->Error(node, std::move(code), std::move(message));
    return false;
  }
  if (!out->pattern.has_variables()) out->glob = Glob(out->pattern.StaticText(true));
  return true;
}

}  // namespace

void ReadResources(ParseContext* context, uint32_t statement, CompiledStatement* out) {
  uint32_t resource = context->doc.Member(statement, "Resource");
  uint32_t not_resource = context->doc.Member(statement, "NotResource");

  if (context->rules.resource == Presence::kForbidden) {
    ReportElementsNotAllowed(context, resource, not_resource, "resource-not-allowed",
                             "its statements apply to the role itself");
    out->resource_mode = CompiledStatement::ResourceMode::kAbsent;
    return;
  }
  if (resource == kNoNode && not_resource == kNoNode) {
    out->resource_mode = CompiledStatement::ResourceMode::kAbsent;
    if (context->rules.resource == Presence::kRequired) {
      context->Error(statement, "missing-resource",
                     "the statement has no `Resource` or `NotResource`", false,
                     "add \"Resource\": \"*\" or the ARNs the statement is about");
    } else if (context->rules.resourceless_statement_is_dead) {
      context->Warn(statement, "statement-without-resource",
                    "the statement has no `Resource`: kms accepts it but it never applies", false,
                    "add \"Resource\": \"*\", which in a key policy means this key");
    }
    return;
  }
  CheckNotBoth(context, resource, not_resource);
  uint32_t used = resource != kNoNode ? resource : not_resource;
  out->resource_mode = resource != kNoNode ? CompiledStatement::ResourceMode::kList
                                           : CompiledStatement::ResourceMode::kNotList;
  ReserveForValues(*context, used, &out->resources);
  for (uint32_t node : {resource, not_resource}) {
    if (node == kNoNode) continue;
    const std::string_view element = context->Node(node).key;
    ForEachString(context, node, element, [&](uint32_t v) {
      ResourceEntry entry;
      if (!CompileResource(context, v, element, &entry)) return;
      if (node == used) out->resources.push_back(std::move(entry));
    });
  }
}

}  // namespace iameval::internal
