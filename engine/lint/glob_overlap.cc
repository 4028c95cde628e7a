// File: engine/lint/glob_overlap.cc
//
// The overlap of two globs is a reachability question on the product of
// their automata: state (i, j) means "a[0..i) and b[0..j) have consumed the
// same text". A `*` may be skipped (epsilon) or consume one character and
// stay; a `?` or a literal consumes one. The patterns overlap when (|a|, |b|)
// is reachable from (0, 0). Worklist over a bitmap: no recursion.

#include "lint/glob_overlap.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/ascii.h"
#include "lint/text_match.h"

namespace iameval::internal {
namespace {

std::string ReplaceVariables(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      size_t end = text.find('}', i);
      if (end != std::string_view::npos) {
        if (out.empty() || out.back() != '*') out += '*';
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace

std::string ResourcePattern(std::string_view resource) { return ReplaceVariables(resource); }
std::string TemplatePattern(std::string_view arn_template) {
  return ReplaceVariables(arn_template);
}

namespace {

bool IsWild(char c) { return c == '*' || c == '?'; }

bool SameChar(char x, char y) { return x == '?' || y == '?' || LowerAscii(x) == LowerAscii(y); }

}  // namespace

bool GlobsOverlap(std::string_view a, std::string_view b) {
  // The literal heads, up to either side's first `*`, must agree, and so must
  // the literal tails: most pairs part there, before the product is built.
  while (!a.empty() && !b.empty() && a.front() != '*' && b.front() != '*') {
    if (!SameChar(a.front(), b.front())) return false;
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() != '*' && b.back() != '*') {
    if (!SameChar(a.back(), b.back())) return false;
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty() || b.empty()) {
    std::string_view rest = a.empty() ? b : a;
    return rest.find_first_not_of('*') == std::string_view::npos;
  }
  const bool a_wild = a.find('*') != std::string_view::npos;
  const bool b_wild = b.find('*') != std::string_view::npos;
  if (!a_wild || !b_wild) {
    // One side has no `*`: it is one text, up to its `?`s. With no `?` in it
    // either, a plain match decides.
    std::string_view text = a_wild ? b : a;
    std::string_view glob = a_wild ? a : b;
    if (std::none_of(text.begin(), text.end(), IsWild)) return GlobMatchIgnoreCase(glob, text);
  }
  const size_t n = a.size(), m = b.size();
  const size_t width = m + 1;
  // Moves only go forward in i or j, so one pass in (i, j) order settles
  // every state: reach[i][j] is final before it is read.
  thread_local std::vector<uint8_t> reach;
  reach.assign((n + 1) * width, 0);
  reach[0] = 1;
  for (size_t i = 0; i <= n; ++i) {
    for (size_t j = 0; j <= m; ++j) {
      if (!reach[i * width + j]) continue;
      if (i == n && j == m) return true;
      const bool a_star = i < n && a[i] == '*';
      const bool b_star = j < m && b[j] == '*';
      const bool a_char = i < n && !a_star;
      const bool b_char = j < m && !b_star;
      if (a_star) reach[(i + 1) * width + j] = 1;
      if (b_star) reach[i * width + j + 1] = 1;
      if (a_star && b_char) reach[i * width + j + 1] = 1;
      if (b_star && a_char) reach[(i + 1) * width + j] = 1;
      if (a_char && b_char &&
          (a[i] == '?' || b[j] == '?' || LowerAscii(a[i]) == LowerAscii(b[j]))) {
        reach[(i + 1) * width + j + 1] = 1;
      }
    }
  }
  return false;
}

namespace {

// Splits `arn` after its fifth `:` into fields[0..4] and the rest; false
// when it has fewer.
bool SplitArn(std::string_view arn, std::string_view fields[6]) {
  size_t start = 0;
  for (int f = 0; f < 5; ++f) {
    size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return false;
    fields[f] = arn.substr(start, colon - start);
    start = colon + 1;
  }
  fields[5] = arn.substr(start);
  return true;
}

}  // namespace

bool ArnOverlap(std::string_view resource, std::string_view template_pattern) {
  std::string_view r[6], t[6];
  if (!SplitArn(resource, r) || !SplitArn(template_pattern, t)) {
    return GlobsOverlap(resource, template_pattern);
  }
  bool fields_agree = true;
  for (int f = 0; f < 6 && fields_agree; ++f) fields_agree = GlobsOverlap(r[f], t[f]);
  if (fields_agree) return true;
  const std::string_view head = resource.substr(0, resource.size() - r[5].size());
  if (head.find('*') == std::string_view::npos) return false;
  return GlobsOverlap(resource, template_pattern);
}

}  // namespace iameval::internal
