// File: engine/policy/action_elements.cc
//
// `Action` and `NotAction`: which of the two a statement has, and each value
// checked and compiled into a lowercased glob (actions match without regard
// to case). A statement with both is an error, but the values of both are
// still checked, so that every mistake is reported; `Action`'s are kept.

#include "policy/action_elements.h"

#include <algorithm>
#include <string>
#include <utility>

#include "base/ascii.h"
#include "base/message_text.h"
#include "match/glob.h"
#include "policy/element_values.h"

namespace iameval::internal {
namespace {

// `*` or `prefix:name`; the prefix of letters, digits, `.` and `-` (moto's
// rendering of IAM's check), wildcards allowed with a warning.
bool CompileAction(ParseContext* context, uint32_t node, std::string_view element, Glob* out) {
  if (!CheckPatternValue(context, node, element, "action",
                         "write `service:Action`, e.g. `s3:GetObject`, or `*`")) {
    return false;
  }
  std::string_view text = context->Node(node).text;
  if (text != "*") {
    if (context->policy->variables_enabled && text.find("${") != std::string_view::npos) {
      context->Error(
          node, "variable-not-allowed",
          "policy variables are not substituted in " + ElementName(element) + ": " + Quote(text));
      return false;
    }
    size_t colon = text.find(':');
    std::string problem;
    std::string help;
    if (colon == std::string_view::npos) {
      problem = "expected `*` or `service:action`";
      help = "prefix the action with its service, e.g. `s3:GetObject`";
    } else if (text.find(':', colon + 1) != std::string_view::npos) {
      problem = "it has more than one `:`";
    } else if (colon == 0) {
      problem = "the service prefix before `:` is empty";
    } else if (colon + 1 == text.size()) {
      problem = "the action name after `:` is empty";
      help = "use " + Quote(std::string(text) + "*") + " for every action of the service";
    } else {
      std::string_view prefix(text.data(), colon);
      bool prefix_ok = std::all_of(prefix.begin(), prefix.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '*' || c == '?';
      });
      if (!prefix_ok) {
        problem = "the service prefix " + Quote(prefix) +
                  " may only contain letters, digits, `.` and `-`";
      } else if (HasWildcard(prefix)) {
        context->Warn(node, "wildcard-in-service",
                      "wildcard in the service prefix of " + Quote(text) +
                          ": it matches actions of every service whose prefix fits",
                      false, "name the service, e.g. `s3:GetObject`");
      }
    }
    if (!problem.empty()) {
      context->Error(node, "invalid-action", Quote(text) + " is not a valid action: " + problem,
                     false, help);
      return false;
    }
  }
  *out = Glob(LowerAscii(text));
  return true;
}

}  // namespace

void ReadActions(ParseContext* context, uint32_t statement, Effect effect, bool effect_known,
                 CompiledStatement* out) {
  uint32_t action = context->doc.Member(statement, "Action");
  uint32_t not_action = context->doc.Member(statement, "NotAction");
  if (action == kNoNode && not_action == kNoNode) {
    context->Error(statement, "missing-action", "the statement has no `Action` or `NotAction`");
    return;
  }
  CheckNotBoth(context, action, not_action);
  if (not_action != kNoNode && context->kind == PolicyKind::kResourceControl) {
    context->Error(not_action, "rcp-notaction-not-supported",
                   "`NotAction` is not supported in resource control policies", true);
  }
  bool rcp_deny =
      context->kind == PolicyKind::kResourceControl && effect_known && effect == Effect::kDeny;
  out->not_action = action == kNoNode;
  ReserveForValues(*context, action != kNoNode ? action : not_action, &out->actions);
  for (uint32_t node : {action, not_action}) {
    if (node == kNoNode) continue;
    bool used = node == (action != kNoNode ? action : not_action);
    const std::string_view element = context->Node(node).key;
    ForEachString(context, node, element, [&](uint32_t v) {
      Glob glob;
      if (!CompileAction(context, v, element, &glob)) return;
      if (rcp_deny && context->Node(v).text == "*") {
        context->Error(v, "rcp-action-wildcard-alone",
                       "`*` alone is not allowed as an action in a resource control policy", false,
                       "name the service, e.g. `s3:*`");
        return;
      }
      if (used) out->actions.push_back(std::move(glob));
    });
  }
}

}  // namespace iameval::internal
