// File: engine/policy/statement_elements.cc
//
// One statement: its members checked against the language, then each element
// read by its own reader: Sid and Effect here, Principal, Action and Resource
// in their files, Condition by the condition compiler (condition.h). A
// statement with findings is still compiled and kept, and later statements
// are read too; the policy is dropped at the end if any finding is an error.

#include "policy/statement_elements.h"

#include <algorithm>
#include <string>
#include <utility>

#include "base/ascii.h"
#include "base/message_text.h"
#include "condition/condition.h"
#include "policy/action_elements.h"
#include "policy/element_values.h"
#include "policy/principal_elements.h"
#include "policy/resource_elements.h"

namespace iameval::internal {
namespace {

constexpr std::string_view kStatementElements[] = {"Sid",          "Effect",      "Principal",
                                                   "NotPrincipal", "Action",      "NotAction",
                                                   "Resource",     "NotResource", "Condition"};

void ReadSid(ParseContext* context, uint32_t statement, CompiledStatement* out, SidOwners* sids) {
  uint32_t node = context->doc.Member(statement, "Sid");
  if (node == kNoNode) return;
  const JsonNode& sid = context->Node(node);
  if (!sid.is_string()) {
    context->Error(node, "wrong-type",
                   "`Sid` must be a string, not " + JsonTypeWithArticle(sid.type));
    return;
  }
  out->sid = sid.text;
  bool space_ok = context->rules.sid == SidCharacters::kAlphanumericSpace;
  if (context->rules.sid != SidCharacters::kAny) {
    bool valid = std::all_of(sid.text.begin(), sid.text.end(), [&](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             (space_ok && c == ' ');
    });
    if (!valid) {
      context->Error(node, "invalid-sid",
                     "`Sid` " + Quote(sid.text) + " may only contain letters" +
                         (space_ok ? ", digits and spaces" : " and digits") + " in " +
                         std::string(context->rules.noun));
    }
  }
  if (sid.text.empty()) return;  // several statements may leave their Sid empty
  auto [first, inserted] = sids->emplace(sid.text, statement);
  if (!inserted) {
    std::string message = "duplicate `Sid` " + Quote(sid.text) + ": statement `" +
                          context->doc.Path(first->second) + "` has it already";
    if (context->rules.unique_sids_required) {
      context->Error(node, "duplicate-sid", std::move(message), false,
                     "statement ids must be unique within a policy");
    } else {
      // Accepted, as AWS accepts it: a Sid names a statement and decides nothing.
      context->Warn(node, "duplicate-sid", std::move(message), false,
                    "give each statement its own id: tools that key statements by Sid "
                    "lose all but one");
    }
  }
}

bool ReadEffect(ParseContext* context, uint32_t statement, CompiledStatement* out) {
  uint32_t node = context->doc.Member(statement, "Effect");
  if (node == kNoNode) {
    context->Error(statement, "missing-effect", "the statement has no `Effect`", false,
                   "add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
    return false;
  }
  const JsonNode& effect = context->Node(node);
  if (!effect.is_string()) {
    context->Error(node, "wrong-type",
                   "`Effect` must be a string, not " + JsonTypeWithArticle(effect.type));
    return false;
  }
  if (effect.text == "Allow") {
    out->effect = Effect::kAllow;
    return true;
  }
  if (effect.text == "Deny") {
    out->effect = Effect::kDeny;
    return true;
  }
  bool case_only = EqualsIgnoreCase(effect.text, "Allow") || EqualsIgnoreCase(effect.text, "Deny");
  context->Error(node, "invalid-effect",
                 "`Effect` must be `Allow` or `Deny`, not " + Quote(effect.text), false,
                 case_only ? "`Effect` is case-sensitive" : "");
  return false;
}

void ReadCondition(ParseContext* context, uint32_t statement, CompiledStatement* out) {
  uint32_t node = context->doc.Member(statement, "Condition");
  if (node == kNoNode) return;
  if (!context->Node(node).is_object()) {
    context->Error(
        node, "not-an-object",
        "`Condition` must be a json object, not " + JsonTypeWithArticle(context->Node(node).type),
        false, "write {\"StringEquals\": {\"aws:PrincipalTag/team\": \"blue\"}}");
    return;
  }
  ConditionCompileOptions options;
  options.variables_enabled = context->policy->variables_enabled;
  options.kind = context->kind;
  options.limits = &context->limits;
  ConditionBlock::Compile(context, node, options, &out->condition);
}

// The one Allow an RCP may hold is RCPFullAWSAccess: Principal, Action and
// Resource all "*", nothing else that narrows or negates.
void CheckRcpAllowShape(ParseContext* context, uint32_t statement) {
  auto is_star = [&](const char* name, bool bare_only) {
    uint32_t node = context->doc.Member(statement, name);
    if (node == kNoNode) return false;
    const JsonNode& value = context->Node(node);
    if (value.is_string()) return value.text == "*";
    if (bare_only || !value.is_array() || value.child_count != 1) return false;
    const JsonNode& only = context->Node(value.first_child);
    return only.is_string() && only.text == "*";
  };
  bool full_access =
      is_star("Principal", true) && is_star("Action", false) && is_star("Resource", false);
  for (const char* narrowing : {"NotPrincipal", "NotAction", "NotResource", "Condition"}) {
    if (context->doc.Member(statement, narrowing) != kNoNode) full_access = false;
  }
  if (full_access) return;
  context->Error(
      context->doc.Member(statement, "Effect"), "rcp-allow-not-supported",
      "a resource control policy may only deny: its one `Allow` statement is "
      "`RCPFullAWSAccess` (`Principal`, `Action` and `Resource` all `*`, no `Condition`)",
      false, "write the statement as a `Deny`");
}

}  // namespace

void CompileStatement(ParseContext* context, uint32_t node, uint32_t index, SidOwners* sids) {
  CompiledStatement statement;
  statement.index = index;
  statement.line = context->Node(node).line;
  statement.column = context->Node(node).column;

  CheckKnownMembers(context, node, kStatementElements, "a statement");
  ReadSid(context, node, &statement, sids);
  bool effect_known = ReadEffect(context, node, &statement);
  ReadPrincipals(context, node, &statement);
  ReadActions(context, node, statement.effect, effect_known, &statement);
  ReadResources(context, node, &statement);
  ReadCondition(context, node, &statement);
  if (context->kind == PolicyKind::kResourceControl && effect_known &&
      statement.effect == Effect::kAllow) {
    CheckRcpAllowShape(context, node);
  }
  context->policy->statements.push_back(std::move(statement));
}

}  // namespace iameval::internal
