// File: engine/base/ascii.h
//
// ASCII letter case, for the parts of the policy language that ignore it
// (action names) and for noticing near misses that differ only in it
// (`allow` for `Allow`). Bytes outside A-Z are left alone, so UTF-8 text
// passes through unchanged.
//
//   LowerAscii("S3:GetObject") == "s3:getobject"
//   EqualsIgnoreCase("allow", "Allow")

#ifndef IAMEVAL_ENGINE_ASCII_H_
#define IAMEVAL_ENGINE_ASCII_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/bytes_equal.h"

namespace iameval::internal {

inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view text);

// ASCII-lowercases the eight bytes of `word` at once; bytes outside A-Z
// (UTF-8 included) are left alone.
inline uint64_t LowerAsciiWord(uint64_t word) noexcept {
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  const uint64_t low7 = word & ~kHigh;
  const uint64_t at_least_a = low7 + 0x3f3f3f3f3f3f3f3full;  // high bit: byte >= 'A'
  const uint64_t beyond_z = low7 + 0x2525252525252525ull;    // high bit: byte > 'Z'
  const uint64_t upper = at_least_a & ~beyond_z & ~word & kHigh;
  return word | (upper >> 2);
}

// ASCII case-insensitive equality; no allocation. Inline: condition-key
// lookups call it for every candidate entry. Eight bytes at a time, with an
// exact-byte fast path.
inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) {
      const uint64_t u = LoadWord(x + i);
      const uint64_t v = LoadWord(y + i);
      if (u != v && LowerAsciiWord(u) != LowerAsciiWord(v)) return false;
    }
    // The last eight bytes, overlapping the loop's when n is no multiple of 8.
    const uint64_t u = LoadWord(x + n - 8);
    const uint64_t v = LoadWord(y + n - 8);
    return u == v || LowerAsciiWord(u) == LowerAsciiWord(v);
  }
  for (size_t i = 0; i < n; ++i) {
    const unsigned char p = static_cast<unsigned char>(x[i]);
    const unsigned char q = static_cast<unsigned char>(y[i]);
    if (p == q) continue;
    // Different bytes are equal ignoring case only as the two cases of a letter.
    const unsigned char lower = p | 0x20;
    if (lower != (q | 0x20) || lower < 'a' || lower > 'z') return false;
  }
  return true;
}

// Whether `a` and `b`, which EqualsIgnoreCase calls different, might be equal
// under a case folding wider than ASCII's, one code point for one (Unicode
// simple case folding; Java's String.equalsIgnoreCase): the same number of
// code points, and wherever two of them differ beyond ASCII case, neither is
// ASCII (or the other is one of the few that fold to an ASCII letter, such
// as U+212A KELVIN SIGN) and they are not two different Latin-1 letters
// (`É`/`é` and `K`/`k` may; `é`/`ü`, `é`/`e` and `a`/`b` may not).
// IgnoreCase conditions read such a pair as undecided, never widening access
// (decisions.md §26). No allocation.
bool MayEqualUnderWiderCaseFolding(std::string_view a, std::string_view b) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ASCII_H_
