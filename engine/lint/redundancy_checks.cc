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

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/ascii.h"
#include "lint/lint_context.h"
#include "lint/text_match.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

bool HasWildcard(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

// A list of patterns ready for "is this one covered": exact texts in a hash
// set, wildcards apart (only they can cover a different text). Actions
// compare ignoring case, resources not.
class PatternSet {
 public:
  PatternSet(const JsonDocument& doc, const std::vector<uint32_t>& nodes, bool ignore_case)
      : ignore_case_(ignore_case) {
    for (uint32_t node : nodes) {
      std::string_view text = doc.node(node).text;
      if (HasWildcard(text)) wild_.push_back(text);
      exact_.insert(Key(text));
    }
  }
  // True when some pattern of the set other than `text` itself covers it
  // (with `count_self`, `text` itself counts too).
  bool Covers(std::string_view text) const {
    if (exact_.count(Key(text)) != 0) return true;
    for (std::string_view w : wild_) {
      if (ignore_case_ ? GlobMatchIgnoreCase(w, text) : GlobMatch(w, text)) return true;
    }
    return false;
  }
  bool CoversAll(const JsonDocument& doc, const std::vector<uint32_t>& nodes) const {
    if (nodes.empty()) return false;
    for (uint32_t node : nodes) {
      if (!Covers(doc.node(node).text)) return false;
    }
    return true;
  }

 private:
  std::string Key(std::string_view text) const {
    return ignore_case_ ? LowerAscii(text) : std::string(text);
  }
  bool ignore_case_;
  std::unordered_set<std::string> exact_;
  std::vector<std::string_view> wild_;
};

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

void CheckRedundantActions(LintContext& context, const StatementView& statement) {
  const auto& entries = statement.actions;
  // Wildcard entries by their service (lowercase `s3:`), and those whose
  // service is itself a pattern: an entry is compared with these only.
  std::unordered_map<std::string, std::vector<size_t>> wild_by_service;
  std::vector<size_t> wild_any;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!entries[i].wildcard) continue;
    std::string_view text = entries[i].text;
    size_t colon = text.find(':');
    std::string_view service = text.substr(0, colon == std::string_view::npos ? 0 : colon + 1);
    if (service.empty() || HasWildcard(service)) {
      wild_any.push_back(i);
    } else {
      wild_by_service[LowerAscii(service)].push_back(i);
    }
  }
  std::unordered_set<std::string> seen;
  static const std::vector<size_t> kNone;
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string lower = LowerAscii(entries[i].text);
    // An exact duplicate is reported at its second occurrence only.
    if (!seen.insert(lower).second) {
      context.Add(entries[i].node, "redundant-action", LintSeverity::kSuggestion,
                  "REDUNDANT_ACTION", Quote(entries[i].text) + " is already listed", "remove it");
      continue;
    }
    size_t colon = lower.find(':');
    auto found = colon == std::string::npos ? wild_by_service.end()
                                            : wild_by_service.find(lower.substr(0, colon + 1));
    const std::vector<size_t>& same = found == wild_by_service.end() ? kNone : found->second;
    const std::vector<size_t>* groups[] = {&same, &wild_any};
    for (const std::vector<size_t>* group : groups) {
      bool reported = false;
      for (size_t j : *group) {
        if (j == i || EqualsIgnoreCase(entries[i].text, entries[j].text)) continue;
        if (!GlobMatchIgnoreCase(entries[j].text, entries[i].text)) continue;
        context.Add(entries[i].node, "redundant-action", LintSeverity::kSuggestion,
                    "REDUNDANT_ACTION",
                    Quote(entries[i].text) + " is already covered by " + Quote(entries[j].text),
                    "remove it");
        reported = true;
        break;
      }
      if (reported) break;
    }
  }
}

}  // namespace

void CheckRedundancy(LintContext& context, const std::vector<StatementView>& statements) {
  const JsonDocument& doc = context.doc;
  for (const StatementView& statement : statements) {
    if (statement.action != kNoNode) CheckRedundantActions(context, statement);
  }

  // Pairwise: bounded, as documents may hold thousands of statements.
  constexpr size_t kMaxStatementsCompared = 200;
  if (statements.size() > kMaxStatementsCompared) return;
  auto comparable = [](const StatementView& s) {
    return s.action != kNoNode && s.resource != kNoNode && !s.not_action && !s.not_resource &&
           s.condition == kNoNode && (s.allow || s.deny);
  };
  struct Prepared {
    std::vector<uint32_t> actions;
    PatternSet action_set;
    PatternSet resource_set;
    std::string principal;
  };
  std::vector<std::unique_ptr<Prepared>> prepared(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    if (!comparable(statements[i])) continue;
    std::vector<uint32_t> actions = StringNodes(doc, statements[i].action);
    prepared[i] = std::make_unique<Prepared>(Prepared{
        actions, PatternSet(doc, actions, true), PatternSet(doc, statements[i].resources, false),
        PrincipalText(doc, statements[i])});
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    if (!prepared[i]) continue;
    const StatementView& inner = statements[i];
    for (size_t j = 0; j < statements.size(); ++j) {
      if (i == j || !prepared[j]) continue;
      const StatementView& outer = statements[j];
      if (outer.allow != inner.allow || prepared[j]->principal != prepared[i]->principal) continue;
      if (!prepared[j]->action_set.CoversAll(doc, prepared[i]->actions) ||
          !prepared[j]->resource_set.CoversAll(doc, inner.resources)) {
        continue;
      }
      // Two equal statements: report the second.
      bool mutual = prepared[i]->action_set.CoversAll(doc, prepared[j]->actions) &&
                    prepared[i]->resource_set.CoversAll(doc, outer.resources);
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
