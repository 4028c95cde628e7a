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

// The product walked cell by cell: any lengths (callers bound them).
bool OverlapByCells(std::string_view a, std::string_view b) {
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

// The same product with `b` (under 63 characters) as bits: row i is the set
// of j with (i, j) reachable. Within a row, a `*` of `b` at j passes j on to
// j + 1 (it is skipped, or consumes a character of a `*` of `a`); a `*` of
// `a` passes every reached j on to the end. Between rows, a `*` of `a` keeps
// the row (skipped), and a character of `a` moves on where `b` has a `*`
// (consumed by it) or a character it matches (both advance).
bool OverlapByRows(std::string_view a, std::string_view b) {
  const size_t m = b.size();
  const uint64_t all = (uint64_t{1} << (m + 1)) - 1;  // j in [0, m]
  uint64_t stars = 0, any = 0;                        // `*`, `?` of b
  uint64_t by_char[128] = {};  // per lowercase ASCII byte, the j where b has it
  uint64_t other = 0;          // j where b has a byte past ASCII: compared one by one
  for (size_t j = 0; j < m; ++j) {
    const unsigned char c = static_cast<unsigned char>(b[j]);
    const uint64_t bit = uint64_t{1} << j;
    if (c == '*') {
      stars |= bit;
    } else if (c == '?') {
      any |= bit;
    } else if (c < 128) {
      by_char[static_cast<unsigned char>(LowerAscii(static_cast<char>(c)))] |= bit;
    } else {
      other |= bit;
    }
  }
  const uint64_t chars = all & ~stars & ~(uint64_t{1} << m);  // j < m holding a character
  uint64_t row = 1;
  for (size_t i = 0;; ++i) {
    if (i < a.size() && a[i] == '*') {
      // From the lowest reached j, every j up to m.
      row = row == 0 ? 0 : all & ~((row & -row) - 1);
    } else {
      for (uint64_t next = row | ((row & stars) << 1); next != row;
           next = row | ((row & stars) << 1)) {
        row = next;
      }
    }
    if (i == a.size()) return (row >> m) & 1;
    if (row == 0) return false;
    if (a[i] == '*') continue;  // the row stays, the `*` skipped
    const unsigned char c = static_cast<unsigned char>(a[i]);
    uint64_t matches;
    if (c == '?') {
      matches = chars;
    } else {
      matches = any;
      if (c < 128) matches |= by_char[static_cast<unsigned char>(LowerAscii(a[i]))];
      for (uint64_t rest = other; rest != 0; rest &= rest - 1) {
        const size_t j = static_cast<size_t>(__builtin_ctzll(rest));
        if (b[j] == a[i]) matches |= uint64_t{1} << j;
      }
    }
    row = (row & stars) | ((row & matches) << 1);
  }
}

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
  // The shorter pattern's states fit one word: each row of the product is a
  // bitmask over it, and a row's moves are a few word operations.
  if (std::min(a.size(), b.size()) < 63) {
    return a.size() <= b.size() ? OverlapByRows(b, a) : OverlapByRows(a, b);
  }
  return OverlapByCells(a, b);
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
