// File: engine/lint/text_match.cc

#include "lint/text_match.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

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

namespace {

// Whether `segment` (no `*`; `?` any character) matches `text` at `at`.
bool SegmentAt(std::string_view segment, std::string_view text, size_t at) {
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '?' && segment[i] != text[at + i]) return false;
  }
  return true;
}

// The leftmost place at or after `from`, ending by `end`, where `segment`
// matches `text`; npos when none.
size_t FindSegment(std::string_view segment, std::string_view text, size_t from, size_t end) {
  if (segment.find('?') == std::string_view::npos) {
    const size_t found = text.substr(0, end).find(segment, from);
    return found;
  }
  for (size_t at = from; at + segment.size() <= end; ++at) {
    if (SegmentAt(segment, text, at)) return at;
  }
  return std::string_view::npos;
}

}  // namespace

bool GlobMatchBySegments(std::string_view pattern, std::string_view text) {
  const size_t first_star = pattern.find('*');
  if (first_star == std::string_view::npos) {
    return pattern.size() == text.size() && SegmentAt(pattern, text, 0);
  }
  const size_t last_star = pattern.rfind('*');
  const std::string_view head = pattern.substr(0, first_star);
  const std::string_view tail = pattern.substr(last_star + 1);
  if (head.size() + tail.size() > text.size() || !SegmentAt(head, text, 0) ||
      !SegmentAt(tail, text, text.size() - tail.size())) {
    return false;
  }
  size_t at = head.size();
  const size_t end = text.size() - tail.size();
  for (size_t p = first_star + 1; p < last_star;) {
    size_t star = pattern.find('*', p);
    const std::string_view segment = pattern.substr(p, star - p);
    p = star + 1;
    if (segment.empty()) continue;
    const size_t found = FindSegment(segment, text, at, end);
    if (found == std::string_view::npos) return false;
    at = found + segment.size();
  }
  return true;
}

void LowerAsciiInto(std::string_view text, char* out) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    // Per byte: 0x80 where the byte is ASCII and in 'A'..'Z', then 0x20 there.
    const uint64_t low7 = x & (0x7F * kOnes);
    const uint64_t above_z = low7 + (0x25 * kOnes);  // 0x80 set when > 'Z'
    const uint64_t from_a = low7 + (0x3F * kOnes);   // 0x80 set when >= 'A'
    const uint64_t upper = (from_a ^ above_z) & ~x & (0x80 * kOnes);
    x |= upper >> 2;
    std::memcpy(out + i, &x, 8);
  }
  for (; i < text.size(); ++i) out[i] = LowerAscii(text[i]);
}

}  // namespace iameval::internal
