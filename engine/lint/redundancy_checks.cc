// File: engine/lint/redundancy_checks.cc
//
// What a policy says twice:
//
//   redundant-action     an Action entry another entry of the list already covers
//   redundant-statement  a statement without conditions that another statement of the same
//                        effect and principal, also without conditions, covers entirely
//                        (same actions or fewer, same resources or fewer): it is shadowed
//
// "Covers" is read on the patterns' text: `s3:*` covers `s3:Get*` because
// the glob `s3:*` matches the text `s3:Get*`. That is exact for `*`-globs
// and never claims a cover that does not hold.

#include <string>
#include <vector>

#include "base/ascii.h"
#include "lint/lint_context.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

bool Covers(std::string_view general, std::string_view specific, bool ignore_case) {
  if (ignore_case) return GlobMatch(LowerAscii(general), LowerAscii(specific));
  return GlobMatch(general, specific);
}

// Every string of `inner` is covered by some string of `outer`.
bool ListCovered(const JsonDocument& doc, const std::vector<uint32_t>& outer,
                 const std::vector<uint32_t>& inner, bool ignore_case) {
  if (inner.empty()) return false;
  for (uint32_t i : inner) {
    bool covered = false;
    for (uint32_t o : outer) {
      if (Covers(doc.node(o).text, doc.node(i).text, ignore_case)) {
        covered = true;
        break;
      }
    }
    if (!covered) return false;
  }
  return true;
}

// The statement's principal element as canonical text, for comparison:
// statements with different principals never cover each other.
std::string PrincipalText(const JsonDocument& doc, const StatementView& statement) {
  if (statement.principal == kNoNode) return {};
  std::string text = statement.not_principal ? "!" : "=";
  std::vector<uint32_t> stack{statement.principal};
  while (!stack.empty()) {
    uint32_t n = stack.back();
    stack.pop_back();
    const JsonNode& node = doc.node(n);
    text += node.key;
    text += '\x1f';
    text += node.text;
    text += '\x1e';
    for (uint32_t c = node.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
      stack.push_back(c);
    }
  }
  return text;
}

}  // namespace

void CheckRedundancy(LintContext& context, const std::vector<StatementView>& statements) {
  const JsonDocument& doc = context.doc;
  for (const StatementView& statement : statements) {
    if (statement.action == kNoNode) continue;
    const auto& entries = statement.actions;
    for (size_t i = 0; i < entries.size(); ++i) {
      for (size_t j = 0; j < entries.size(); ++j) {
        if (i == j) continue;
        // An exact duplicate is reported at its second occurrence only.
        bool same = EqualsIgnoreCase(entries[i].text, entries[j].text);
        if (same && j > i) continue;
        if (!Covers(entries[j].text, entries[i].text, true)) continue;
        context.Add(entries[i].node, "redundant-action", LintSeverity::kSuggestion,
                    "REDUNDANT_ACTION",
                    Quote(entries[i].text) + " is already " +
                        (same ? "listed" : "covered by " + Quote(entries[j].text)),
                    "remove it");
        break;
      }
    }
  }

  // Pairwise: bounded, as documents may hold thousands of statements.
  constexpr size_t kMaxStatementsCompared = 200;
  if (statements.size() > kMaxStatementsCompared) return;
  for (size_t i = 0; i < statements.size(); ++i) {
    const StatementView& inner = statements[i];
    if (inner.action == kNoNode || inner.resource == kNoNode || inner.not_action ||
        inner.not_resource || inner.condition != kNoNode || (!inner.allow && !inner.deny)) {
      continue;
    }
    std::vector<uint32_t> inner_actions = StringNodes(doc, inner.action);
    std::string inner_principal = PrincipalText(doc, inner);
    for (size_t j = 0; j < statements.size(); ++j) {
      if (i == j) continue;
      const StatementView& outer = statements[j];
      if (outer.allow != inner.allow || outer.deny != inner.deny || outer.action == kNoNode ||
          outer.resource == kNoNode || outer.not_action || outer.not_resource ||
          outer.condition != kNoNode || PrincipalText(doc, outer) != inner_principal) {
        continue;
      }
      if (!ListCovered(doc, StringNodes(doc, outer.action), inner_actions, true) ||
          !ListCovered(doc, outer.resources, inner.resources, false)) {
        continue;
      }
      // Two equal statements: report the second.
      bool mutual = ListCovered(doc, inner_actions, StringNodes(doc, outer.action), true) &&
                    ListCovered(doc, inner.resources, outer.resources, false);
      if (mutual && j > i) continue;
      context.Add(inner.node, "redundant-statement", LintSeverity::kSuggestion,
                  "REDUNDANT_STATEMENT",
                  std::string("this statement ") + (mutual ? "repeats" : "is covered by") +
                      " statement " + std::to_string(outer.index) + " (" + doc.Path(outer.node) +
                      "): it " + (inner.allow ? "grants" : "denies") + " nothing more",
                  "remove it, or merge the two");
      break;
    }
  }
}

}  // namespace iameval::internal
