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

}  // namespace

void CheckIamCharacterRange(std::string_view text, const JsonDocument& doc, Severity severity,
                            std::vector<Finding>* findings) {
  // Most documents have none: skip the slow path. The largest byte is found
  // without branches, which the compiler vectorizes.
  unsigned char largest = 0;
  for (char c : text) largest = std::max(largest, static_cast<unsigned char>(c));
  if (!StartsAboveLatin1(static_cast<char>(largest))) return;

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

  bool after_cr = false;
  size_t reported = SIZE_MAX;  // index into `starts` of the last string reported
  for (TextPosition pos; pos.offset < text.size();
       AdvancePosition(text[pos.offset], &after_cr, &pos)) {
    if (!StartsAboveLatin1(text[pos.offset])) continue;
    auto it = std::partition_point(starts.begin(), starts.end(),
                                   [&](const TokenStart& t) { return before(t, pos); });
    if (it == starts.begin()) continue;
    size_t token = static_cast<size_t>(it - starts.begin()) - 1;
    if (token == reported) continue;
    reported = token;
    size_t length = 1;
    uint32_t cp = DecodeUtf8At(text, pos.offset, &length);
    char code_point[16];
    std::snprintf(code_point, sizeof code_point, "U+%04X", cp);
    Finding finding;
    finding.code = "character-outside-iam-range";
    finding.severity = severity;
    finding.message = "character `" + std::string(text.substr(pos.offset, length)) + "` (" +
                      code_point +
                      ") is outside the range iam accepts: tab, line feed, carriage "
                      "return and U+0020 to U+00FF";
    finding.path = doc.Path(starts[token].node);
    finding.line = pos.line;
    finding.column = pos.column;
    findings->push_back(std::move(finding));
  }
}

}  // namespace iameval::internal
