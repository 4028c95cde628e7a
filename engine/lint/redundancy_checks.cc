// File: engine/lint/redundancy_checks.cc
//
// What a policy says twice:
//
//   redundant-action     an Action entry another entry of the list already covers
//   redundant-resource   a Resource (or NotResource) entry another entry of the list
//                        already covers: `arn:aws:s3:::b/x` beside `arn:aws:s3:::b/*`
//   redundant-statement  a statement without conditions that another statement of the same
//                        effect and principal, also without conditions, covers entirely
//                        (same actions or fewer, same resources or fewer): it is shadowed
//
// "Covers" is read on the patterns' text: `s3:*` covers `s3:Get*` because
// the glob `s3:*` matches the text `s3:Get*`. That never claims a cover that
// does not hold, once a `?` is kept from standing for a `*` (Matches).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "lint/lint_context.h"
#include "lint/text_match.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

// A list of patterns ready for "is this text one of them, or covered by
// one": the texts sorted (binary search), the wildcards apart (only they
// cover a different text). Built over views; for actions the views are
// lowercase copies in one buffer (IAM compares actions ignoring case),
// resources are compared as written.
// Whether `pattern` covers `text`, itself a pattern: GlobMatch, segment by
// segment where a `?` stands for one byte (always but for a `?` against text
// beyond ASCII: GlobMatch then reads code points). A `?` of the pattern could
// match a `*` of the text as a character, which is no cover (`a?` does not
// match all that `a*` does): such a pair is never judged a cover.
bool Matches(std::string_view pattern, std::string_view text) {
  if (pattern.find('?') != std::string_view::npos) {
    if (text.find('*') != std::string_view::npos) return false;
    for (char c : text) {
      if (static_cast<unsigned char>(c) >= 0x80) return GlobMatch(pattern, text);
    }
  }
  return GlobMatchBySegments(pattern, text);
}

class PatternList {
 public:
  // Action entries, lowercased.
  explicit PatternList(const std::vector<ActionEntry>& entries) {
    size_t bytes = 0;
    for (const ActionEntry& entry : entries) bytes += entry.text.size();
    lower_.resize(bytes);
    texts_.reserve(entries.size());
    size_t at = 0;
    for (const ActionEntry& entry : entries) {
      LowerAsciiInto(entry.text, &lower_[at]);
      // CheckActions found the entry's wildcards already.
      if (entry.wildcard) wild_.push_back(static_cast<uint32_t>(texts_.size()));
      texts_.push_back(std::string_view(lower_).substr(at, entry.text.size()));
      at += entry.text.size();
    }
    Finish();
  }
  // Resource strings, as written.
  PatternList(const JsonDocument& doc, const std::vector<uint32_t>& nodes) {
    texts_.reserve(nodes.size());
    for (uint32_t node : nodes) {
      const std::string_view text = doc.node(node).text;
      if (FirstWildcard(text) != std::string_view::npos) {
        wild_.push_back(static_cast<uint32_t>(texts_.size()));
      }
      texts_.push_back(text);
    }
    Finish();
  }

  // Entry i's text (lowercase for actions).
  std::string_view text(size_t i) const { return texts_[i]; }
  size_t size() const { return texts_.size(); }
  // Entry indices ordered by text, equal texts by index.
  const std::vector<uint32_t>& sorted() const { return sorted_; }
  const std::vector<uint32_t>& wildcards() const { return wild_; }

  // True when `text` (lowercase for actions) is in the list or a wildcard
  // of it matches it.
  bool Covers(std::string_view text) const {
    auto at = std::lower_bound(sorted_.begin(), sorted_.end(), text,
                               [&](uint32_t i, std::string_view t) { return texts_[i] < t; });
    if (at != sorted_.end() && texts_[*at] == text) return true;
    for (uint32_t w : wild_) {
      if (Matches(texts_[w], text)) return true;
    }
    return false;
  }
  bool CoversAll(const PatternList& other) const {
    if (other.size() == 0) return false;
    for (size_t i = 0; i < other.size(); ++i) {
      if (!Covers(other.text(i))) return false;
    }
    return true;
  }

 private:
  // The first eight bytes of `text`, big-endian, zero-padded: comparing two
  // keys orders the texts as far as those bytes go.
  static uint64_t Key(std::string_view text) {
    unsigned char bytes[8] = {};
    // An empty text may have no data at all: memcpy must not see it.
    if (!text.empty()) std::memcpy(bytes, text.data(), std::min<size_t>(text.size(), 8));
    uint64_t key = 0;
    for (unsigned char b : bytes) key = (key << 8) | b;  // compilers make this one bswap
    return key;
  }

  void Finish() {
    // Sorted by text, then index: by an eight-byte key first, so most
    // comparisons are one integer comparison.
    std::vector<std::pair<uint64_t, uint32_t>> keyed(texts_.size());
    for (uint32_t i = 0; i < keyed.size(); ++i) {
      keyed[i] = {Key(texts_[i]), i};
    }
    auto less = [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      int order = texts_[a.second].compare(texts_[b.second]);
      return order != 0 ? order < 0 : a.second < b.second;
    };
    // Policies often list their actions nearly in order (AWS's own sort
    // their mixed-case names): with few descents, insertion sort while it
    // moves little.
    size_t descents = 0;
    for (size_t i = 1; i < keyed.size(); ++i) descents += less(keyed[i], keyed[i - 1]);
    bool in_order = descents == 0;
    if (!in_order && descents * 16 <= keyed.size()) {
      size_t moves = 0;
      const size_t budget = 4 * keyed.size();
      for (size_t i = 1; i < keyed.size() && moves <= budget; ++i) {
        const std::pair<uint64_t, uint32_t> item = keyed[i];
        size_t j = i;
        for (; j > 0 && less(item, keyed[j - 1]); --j, ++moves) keyed[j] = keyed[j - 1];
        keyed[j] = item;
      }
      in_order = moves <= budget;
    }
    if (!in_order) std::sort(keyed.begin(), keyed.end(), less);
    Index(keyed);
  }

  void Index(const std::vector<std::pair<uint64_t, uint32_t>>& keyed) {
    sorted_.resize(keyed.size());
    for (size_t k = 0; k < keyed.size(); ++k) sorted_[k] = keyed[k].second;
  }

  std::string lower_;
  std::vector<std::string_view> texts_;
  std::vector<uint32_t> sorted_;
  std::vector<uint32_t> wild_;
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

// `entries` and `list` (its lowercase texts) of one Action element.
void CheckRedundantActions(LintContext& context, const std::vector<ActionEntry>& entries,
                           const PatternList& list) {
  const uint32_t none = UINT32_MAX;
  // An exact duplicate (ignoring case) is reported at its later occurrences.
  std::vector<bool> repeated(entries.size());
  const std::vector<uint32_t>& sorted = list.sorted();
  for (size_t k = 1; k < sorted.size(); ++k) {
    if (list.text(sorted[k]) != list.text(sorted[k - 1])) continue;
    repeated[sorted[k]] = true;
    context.Add(entries[sorted[k]].node, "redundant-action", LintSeverity::kSuggestion,
                "REDUNDANT_ACTION", Quote(entries[sorted[k]].text) + " is already listed",
                "remove it");
  }
  // For each entry, the first wildcard of its own service that covers it,
  // else the first whose service part is itself a pattern (`*`, `s3*:Get*`).
  // A wildcard can only cover entries that start with its literal head. In
  // sorted order those stand together, around the wildcard itself (its text
  // starts with its head too): walk out from it while the head holds, which
  // is usually no step at all.
  std::vector<uint32_t> by_service(entries.size(), none), by_any(entries.size(), none);
  std::vector<uint32_t> rank(sorted.size());
  for (uint32_t k = 0; k < sorted.size(); ++k) rank[sorted[k]] = k;
  for (uint32_t j : list.wildcards()) {
    std::string_view pattern = list.text(j);
    size_t colon = pattern.find(':');
    std::string_view head = pattern.substr(0, FirstWildcard(pattern));
    const bool any_service = colon == std::string_view::npos || head.size() <= colon;
    std::vector<uint32_t>& best = any_service ? by_any : by_service;
    auto starts_with_head = [&](uint32_t i) {
      std::string_view t = list.text(i);
      return t.size() >= head.size() && t.compare(0, head.size(), head) == 0;
    };
    size_t first = rank[j], last = rank[j] + 1;
    while (first > 0 && starts_with_head(sorted[first - 1])) --first;
    while (last < sorted.size() && starts_with_head(sorted[last])) ++last;
    for (size_t k = first; k < last; ++k) {
      uint32_t i = sorted[k];
      if (i == j || best[i] < j || list.text(i) == pattern) continue;
      if (Matches(pattern, list.text(i))) best[i] = j;
    }
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (repeated[i]) continue;
    uint32_t j = by_service[i] != none ? by_service[i] : by_any[i];
    if (j == none) continue;
    context.Add(entries[i].node, "redundant-action", LintSeverity::kSuggestion, "REDUNDANT_ACTION",
                Quote(entries[i].text) + " is already covered by " + Quote(entries[j].text),
                "remove it");
  }
}

// A Resource or NotResource list: each entry the list repeats or another
// entry covers. Resources match as one case-sensitive glob over the whole ARN
// (spec/matching.md §2), so a wildcard's text match is a cover, with two
// exceptions kept out: a policy variable (its value is known only per
// request, so only an exact repeat is judged), and a covering `?` over a
// covered `*` (Matches).
void CheckRedundantResources(LintContext& context, const StatementView& statement) {
  if (statement.resources.size() < 2) return;
  const JsonDocument& doc = context.doc;
  const std::vector<uint32_t>& nodes = statement.resources;
  const PatternList list(doc, nodes);
  const std::vector<uint32_t>& sorted = list.sorted();
  std::vector<bool> repeated(nodes.size());
  for (size_t k = 1; k < sorted.size(); ++k) {
    if (list.text(sorted[k]) != list.text(sorted[k - 1])) continue;
    repeated[sorted[k]] = true;
    context.Add(nodes[sorted[k]], "redundant-resource", LintSeverity::kSuggestion,
                "REDUNDANT_RESOURCE", Quote(list.text(sorted[k])) + " is already listed",
                "remove it");
  }
  auto has_variable = [](std::string_view text) {
    return text.find("${") != std::string_view::npos;
  };
  // As for actions: a wildcard covers only entries that start with its
  // literal head, which stand around it in sorted order.
  const uint32_t none = UINT32_MAX;
  std::vector<uint32_t> cover(nodes.size(), none);
  std::vector<uint32_t> rank(sorted.size());
  for (uint32_t k = 0; k < sorted.size(); ++k) rank[sorted[k]] = k;
  for (uint32_t j : list.wildcards()) {
    const std::string_view pattern = list.text(j);
    if (has_variable(pattern)) continue;
    const std::string_view head = pattern.substr(0, FirstWildcard(pattern));
    auto starts_with_head = [&](uint32_t i) {
      const std::string_view t = list.text(i);
      return t.size() >= head.size() && t.compare(0, head.size(), head) == 0;
    };
    size_t first = rank[j], last = rank[j] + 1;
    while (first > 0 && starts_with_head(sorted[first - 1])) --first;
    while (last < sorted.size() && starts_with_head(sorted[last])) ++last;
    for (size_t k = first; k < last; ++k) {
      const uint32_t i = sorted[k];
      const std::string_view text = list.text(i);
      if (i == j || cover[i] < j || text == pattern || has_variable(text)) continue;
      if (Matches(pattern, text)) cover[i] = j;
    }
  }
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (repeated[i] || cover[i] == none) continue;
    context.Add(nodes[i], "redundant-resource", LintSeverity::kSuggestion, "REDUNDANT_RESOURCE",
                Quote(list.text(i)) + " is already covered by " + Quote(list.text(cover[i])),
                statement.not_resource ? "remove it: the other entry already excludes it"
                                       : "remove it, unless the wildcard is what should go");
  }
}

}  // namespace

void CheckRedundancy(LintContext& context, const std::vector<StatementView>& statements) {
  const JsonDocument& doc = context.doc;
  // Each Action list's lowercase texts, for both checks.
  std::vector<std::unique_ptr<PatternList>> actions(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].action == kNoNode) continue;
    actions[i] = std::make_unique<PatternList>(statements[i].actions);
    CheckRedundantActions(context, statements[i].actions, *actions[i]);
  }
  for (const StatementView& statement : statements) CheckRedundantResources(context, statement);

  // Pairwise: bounded, as documents may hold thousands of statements.
  constexpr size_t kMaxStatementsCompared = 200;
  if (statements.size() > kMaxStatementsCompared) return;
  auto comparable = [](const StatementView& s) {
    return s.action != kNoNode && s.resource != kNoNode && !s.not_action && !s.not_resource &&
           s.condition == kNoNode && (s.allow || s.deny);
  };
  struct Prepared {
    PatternList resources;
    std::string principal;
  };
  std::vector<std::unique_ptr<Prepared>> prepared(statements.size());
  for (size_t i = 0; i < statements.size(); ++i) {
    if (!comparable(statements[i])) continue;
    prepared[i] = std::make_unique<Prepared>(
        Prepared{PatternList(doc, statements[i].resources), PrincipalText(doc, statements[i])});
  }
  for (size_t i = 0; i < statements.size(); ++i) {
    if (!prepared[i]) continue;
    const StatementView& inner = statements[i];
    for (size_t j = 0; j < statements.size(); ++j) {
      if (i == j || !prepared[j]) continue;
      const StatementView& outer = statements[j];
      if (outer.allow != inner.allow || prepared[j]->principal != prepared[i]->principal) continue;
      // Resources first: the shorter lists.
      if (!prepared[j]->resources.CoversAll(prepared[i]->resources) ||
          !actions[j]->CoversAll(*actions[i])) {
        continue;
      }
      // Two equal statements: report the second.
      bool mutual = prepared[i]->resources.CoversAll(prepared[j]->resources) &&
                    actions[i]->CoversAll(*actions[j]);
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
