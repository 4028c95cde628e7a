// File: engine/policy/iam_character_range.cc
//
// The text is walked once, with positions counted as the JSON layer counts
// them (json_text.h), and each offending character is matched to the token
// it stands in by binary search over the tree's token starts: the tree knows
// where every string starts, not what text it covers.

#include "policy/iam_character_range.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>

#include "json/json_text.h"
#include "json/utf8.h"

namespace iameval::internal {
namespace {

// U+0100 and above start with a lead byte of 0xC4 or more; continuation
// bytes stop at 0xBF.
bool StartsAboveLatin1(char c) { return static_cast<unsigned char>(c) >= 0xC4; }

Finding OutsideRange(std::string_view text, size_t offset, Severity severity, std::string path,
                     uint32_t line, uint32_t column) {
  size_t length = 1;
  uint32_t cp = DecodeUtf8At(text, offset, &length);
  char code_point[16];
  std::snprintf(code_point, sizeof code_point, "U+%04X", cp);
  Finding finding;
  finding.code = "character-outside-iam-range";
  finding.severity = severity;
  finding.message = "character `" + std::string(text.substr(offset, length)) + "` (" + code_point +
                    ") is outside the range iam accepts: tab, line feed, carriage "
                    "return and U+0020 to U+00FF";
  finding.path = std::move(path);
  finding.line = line;
  finding.column = column;
  return finding;
}

// The first byte of `text` that starts a character above U+00FF, or npos.
size_t FindAboveLatin1(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (StartsAboveLatin1(text[i])) return i;
  }
  return std::string_view::npos;
}

}  // namespace

void CheckIamCharacterRange(std::string_view text, const JsonDocument& doc, Severity severity,
                            std::vector<Finding>* findings) {
  // Most documents have none: skip the slow path. The largest byte is found
  // without branches, which the compiler vectorizes. A `\u` escape can
  // write such a character in plain ASCII, so text with escapes is looked at.
  unsigned char largest = 0;
  for (char c : text) largest = std::max(largest, static_cast<unsigned char>(c));
  const bool raw = StartsAboveLatin1(static_cast<char>(largest));
  const bool escaped = text.find("\\u") != std::string_view::npos;
  if (!raw && !escaped) return;

  // Every token start in document order: a member's name, then its value.
  struct TokenStart {
    uint32_t line, column, node;
    bool key;
  };
  std::vector<TokenStart> starts;
  starts.reserve(doc.size() * 2);
  for (uint32_t n = 0; n < doc.size(); ++n) {
    const JsonNode& node = doc.node(n);
    if (node.key_line != 0) starts.push_back({node.key_line, node.key_column, n, true});
    starts.push_back({node.line, node.column, n, false});
  }
  auto before = [](const TokenStart& t, const TextPosition& at) {
    return t.line != at.line ? t.line < at.line : t.column <= at.column;
  };
  std::vector<bool> reported(starts.size(), false);
  const size_t first_new = findings->size();

  bool after_cr = false;
  for (TextPosition pos; raw && pos.offset < text.size();
       AdvancePosition(text[pos.offset], &after_cr, &pos)) {
    if (!StartsAboveLatin1(text[pos.offset])) continue;
    auto it = std::partition_point(starts.begin(), starts.end(),
                                   [&](const TokenStart& t) { return before(t, pos); });
    if (it == starts.begin()) continue;
    size_t token = static_cast<size_t>(it - starts.begin()) - 1;
    if (reported[token]) continue;
    reported[token] = true;
    findings->push_back(OutsideRange(text, pos.offset, severity, doc.Path(starts[token].node),
                                     pos.line, pos.column));
  }
  if (!escaped) return;
  // Characters written as escapes: found in the decoded strings, reported at
  // the start of the string that holds them.
  for (size_t token = 0; token < starts.size(); ++token) {
    if (reported[token]) continue;
    const JsonNode& node = doc.node(starts[token].node);
    std::string_view decoded = starts[token].key  ? std::string_view(node.key)
                               : node.is_string() ? node.text
                                                  : std::string_view();
    size_t at = FindAboveLatin1(decoded);
    if (at == std::string_view::npos) continue;
    reported[token] = true;
    findings->push_back(OutsideRange(decoded, at, severity, doc.Path(starts[token].node),
                                     starts[token].line, starts[token].column));
  }
  std::stable_sort(findings->begin() + static_cast<std::ptrdiff_t>(first_new), findings->end(),
                   [](const Finding& a, const Finding& b) {
                     return a.line != b.line ? a.line < b.line : a.column < b.column;
                   });
}

}  // namespace iameval::internal
