// File: engine/base/bytes_equal.h
//
// Word loads and the equality of two short byte ranges, inline. Deciding compares ARN-sized
// literals and index keys dozens of times; for those, a call into libc's
// memcmp (its dispatch, its length checks) costs more than the comparison.

#ifndef IAMEVAL_ENGINE_BYTES_EQUAL_H_
#define IAMEVAL_ENGINE_BYTES_EQUAL_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace iameval::internal {

// Eight bytes of text at `p`, in memory order (any alignment).
inline uint64_t LoadWord(const char* p) noexcept {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// Whether the n bytes at `a` and at `b` are equal: eight bytes at a time,
// the last word overlapping the one before it.
inline bool BytesEqual(const char* a, const char* b, size_t n) noexcept {
  auto load32 = [](const char* p) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  if (n >= 8) {
    const char* const a_last = a + n - 8;
    const char* const b_last = b + n - 8;
    for (; a < a_last; a += 8, b += 8) {
      if (LoadWord(a) != LoadWord(b)) return false;
    }
    return LoadWord(a_last) == LoadWord(b_last);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_BYTES_EQUAL_H_
