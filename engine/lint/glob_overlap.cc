// File: engine/lint/glob_overlap.cc
//
// The overlap of two globs is a reachability question on the product of
// their automata: state (i, j) means "a[0..i) and b[0..j) have consumed the
// same text". A `*` may be skipped (epsilon) or consume one character and
// stay; a `?` or a literal consumes one. The patterns overlap when (|a|, |b|)
// is reachable from (0, 0). Worklist over a bitmap: no recursion.

#include "lint/glob_overlap.h"

#include <vector>

#include "base/ascii.h"

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

bool GlobsOverlap(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  const size_t width = m + 1;
  std::vector<bool> seen((n + 1) * width, false);
  std::vector<std::pair<size_t, size_t>> work;
  auto visit = [&](size_t i, size_t j) {
    if (seen[i * width + j]) return;
    seen[i * width + j] = true;
    work.emplace_back(i, j);
  };
  visit(0, 0);
  while (!work.empty()) {
    auto [i, j] = work.back();
    work.pop_back();
    if (i == n && j == m) return true;
    const bool a_star = i < n && a[i] == '*';
    const bool b_star = j < m && b[j] == '*';
    if (a_star) visit(i + 1, j);
    if (b_star) visit(i, j + 1);
    const bool a_char = i < n && !a_star;
    const bool b_char = j < m && !b_star;
    if (a_star && b_char) visit(i, j + 1);
    if (b_star && a_char) visit(i + 1, j);
    if (a_char && b_char && (a[i] == '?' || b[j] == '?' || LowerAscii(a[i]) == LowerAscii(b[j]))) {
      visit(i + 1, j + 1);
    }
  }
  return false;
}

}  // namespace iameval::internal
