// File: engine/policy/policy_document.cc
//
// The top level of a policy document: which members it may have, the policy
// language version (which decides whether policy variables exist), its Id,
// and the statements, read one by one up to Limits::max_statements.

#include "policy/policy_document.h"

#include <algorithm>
#include <string>

#include "base/message_text.h"
#include "policy/element_values.h"
#include "policy/statement_elements.h"

namespace iameval::internal {
namespace {

constexpr std::string_view kVersion2012 = "2012-10-17";
constexpr std::string_view kVersion2008 = "2008-10-17";

constexpr std::string_view kTopLevelElements[] = {"Version", "Id", "Statement"};

void ReadVersion(ParseContext* context, uint32_t root) {
  uint32_t node = context->doc.Member(root, "Version");
  if (node == kNoNode) {
    switch (context->rules.version) {
      case VersionRule::kOptional:
        context->Warn(root, "missing-version",
                      "the policy has no `Version`: policy variables such as `${aws:username}` are "
                      "read as literal text",
                      false, "add \"Version\": \"2012-10-17\"");
        break;
      case VersionRule::kRequired:
        context->Error(root, "version-required",
                       std::string(context->rules.noun) + " must have a `Version`", false,
                       "add \"Version\": \"2012-10-17\"");
        break;
      case VersionRule::kRequired2012:
        context->Error(root, "version-required",
                       std::string(context->rules.noun) + " must have `Version` `2012-10-17`",
                       false, "add \"Version\": \"2012-10-17\"");
        break;
    }
    return;
  }
  const JsonNode& version = context->Node(node);
  if (!version.is_string()) {
    context->Error(node, "wrong-type",
                   "`Version` must be a string, not " + JsonTypeWithArticle(version.type), false,
                   "write \"Version\": \"2012-10-17\"");
    return;
  }
  if (version.text != kVersion2012 && version.text != kVersion2008) {
    context->Error(node, "invalid-version",
                   "`Version` must be `2012-10-17` or `2008-10-17`, not " + Quote(version.text),
                   false, "the version is the policy language's, not a date of your own");
    return;
  }
  if (context->rules.version == VersionRule::kRequired2012 && version.text != kVersion2012) {
    context->Error(node, "version-required",
                   std::string(context->rules.noun) + " must have `Version` `2012-10-17`, not " +
                       Quote(version.text));
  }
  if (context->kind == PolicyKind::kKmsKey && version.text != kVersion2012) {
    // AWS KMS Developer Guide, "Key policy format and elements": set Version
    // to 2012-10-17; it documents no other.
    context->Warn(node, "key-policy-version",
                  "a key policy's `Version` should be `2012-10-17`, not " + Quote(version.text) +
                      ": policy variables are read as literal text",
                  false, "write \"Version\": \"2012-10-17\"");
  }
  context->policy->version = version.text;
  context->policy->variables_enabled = version.text == kVersion2012;
}

void ReadId(ParseContext* context, uint32_t root) {
  uint32_t node = context->doc.Member(root, "Id");
  if (node == kNoNode) return;
  if (!context->Node(node).is_string()) {
    context->Error(node, "wrong-type",
                   "`Id` must be a string, not " + JsonTypeWithArticle(context->Node(node).type));
    return;
  }
  context->policy->id = context->Node(node).text;
}

void ReadStatements(ParseContext* context, uint32_t root) {
  uint32_t node = context->doc.Member(root, "Statement");
  if (node == kNoNode) {
    context->Error(root, "missing-statement", "the policy has no `Statement`");
    return;
  }
  const JsonNode& statement = context->Node(node);
  SidOwners sids;
  if (statement.is_object()) {
    CompileStatement(context, node, 0, &sids);
    return;
  }
  if (!statement.is_array()) {
    context->Error(node, "wrong-type",
                   "`Statement` must be an object or an array of objects, not " +
                       JsonTypeWithArticle(statement.type));
    return;
  }
  if (statement.child_count == 0) {
    context->Warn(node, "no-statements",
                  "`Statement` is an empty array: the policy allows nothing");
    return;
  }
  if (statement.child_count > context->limits.max_statements) {
    // Only the statements within the limit are read, so a hostile document
    // cannot produce findings without end.
    context->Error(node, "too-many-statements",
                   "the policy has " + WithThousands(statement.child_count) +
                       " statements, over the limit of " +
                       WithThousands(context->limits.max_statements));
  }
  size_t readable = std::min<size_t>(statement.child_count, context->limits.max_statements);
  context->policy->statements.reserve(readable);
  sids.reserve(readable);
  uint32_t index = 0;
  for (uint32_t c = statement.first_child; c != kNoNode && index < context->limits.max_statements;
       c = context->Node(c).next_sibling, ++index) {
    if (!context->Node(c).is_object()) {
      context->Error(
          c, "not-an-object",
          "a statement must be a json object, not " + JsonTypeWithArticle(context->Node(c).type));
      continue;
    }
    CompileStatement(context, c, index, &sids);
  }
}

}  // namespace

void ReadDocument(ParseContext* context) {
  uint32_t root = context->doc.root();
  CheckKnownMembers(context, root, kTopLevelElements, "the policy document");
  ReadVersion(context, root);
  ReadId(context, root);
  ReadStatements(context, root);
}

}  // namespace iameval::internal
