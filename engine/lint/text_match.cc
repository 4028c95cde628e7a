// File: engine/lint/text_match.cc

#include "lint/text_match.h"

#include <algorithm>

#include "base/ascii.h"

namespace iameval::internal {

size_t EditDistanceUpToTwo(std::string_view a, std::string_view b) {
  constexpr size_t kFar = 3;
  constexpr size_t kMax = 128;
  const size_t n = a.size(), m = b.size();
  if (n > kMax || m > kMax || (n > m ? n - m : m - n) > 2) return kFar;
  // Row i holds D[i][j] for j in [i-2, i+2]: band[k] = D[i][i - 2 + k].
  size_t previous[5], current[5];
  for (size_t k = 0; k < 5; ++k) {
    // Row 0: D[0][j] = j for j = k - 2 (out of range below 0).
    const long j = static_cast<long>(k) - 2;
    previous[k] = (j < 0 || static_cast<size_t>(j) > m) ? kFar : static_cast<size_t>(j);
  }
  for (size_t i = 1; i <= n; ++i) {
    size_t row_min = kFar;
    for (size_t k = 0; k < 5; ++k) {
      const long j = static_cast<long>(i) + static_cast<long>(k) - 2;
      if (j < 0 || static_cast<size_t>(j) > m) {
        current[k] = kFar;
        continue;
      }
      size_t best = kFar;
      if (j == 0) {
        best = std::min(kFar, i);
      } else {
        // D[i-1][j-1] is previous[k]; D[i-1][j] previous[k+1]; D[i][j-1] current[k-1].
        const size_t cost = LowerAscii(a[i - 1]) == LowerAscii(b[j - 1]) ? 0 : 1;
        best = previous[k] + cost;
        if (k + 1 < 5) best = std::min(best, previous[k + 1] + 1);
        if (k > 0) best = std::min(best, current[k - 1] + 1);
      }
      current[k] = std::min(best, kFar);
      row_min = std::min(row_min, current[k]);
    }
    if (row_min >= kFar) return kFar;
    std::copy(current, current + 5, previous);
  }
  // D[n][m] sits at k = m - n + 2.
  return previous[m + 2 - n];
}

bool GlobMatchIgnoreCase(std::string_view pattern, std::string_view text) {
  size_t p = 0, t = 0;
  size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = ++p;
      star_text = t;
      continue;
    }
    if (p < pattern.size() &&
        (pattern[p] == '?' || LowerAscii(pattern[p]) == LowerAscii(text[t]))) {
      ++p;
      ++t;
      continue;
    }
    if (star == std::string_view::npos) return false;
    p = star;
    t = ++star_text;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace iameval::internal
