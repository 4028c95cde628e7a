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

// A seed drawn once per process (base/key_hash.cc): keys come from callers,
// so a fixed hash would let someone compute offline a set of keys that share
// one probe run and turn every lookup into a scan. Hashes are compared only
// within the process (compiled conditions and request indexes alike), never
// stored or sent.
uint64_t KeyHashSeed() noexcept;

// Keys equal ignoring case hash alike.
inline uint32_t KeyHash(std::string_view key) noexcept {
  // Setting bit 5 of every byte maps the two cases of a letter to one value
  // (and a few other pairs too: a collision costs only a compare).
  constexpr uint64_t kFold = 0x2020202020202020ull;
  const size_t n = key.size();
  const char* p = key.data();
  uint64_t h = (n ^ KeyHashSeed()) * 0x9e3779b97f4a7c15ull;
  const auto mix = [&h](uint64_t word) {
    h = ((h >> 29 | h << 35) ^ (word | kFold)) * 0xbf58476d1ce4e5b9ull;
  };
  // Every byte takes part: keys come from callers (tag keys in
  // `aws:RequestTag/...`), so a hash that sampled only some words would let
  // a request fill one probe run with keys that differ where it does not
  // look, and turn each lookup into a scan. The last word overlaps the one
  // before it when the length is not a multiple of eight.
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) mix(LoadWord(p + i));
    mix(LoadWord(p + n - 8));
  } else {
    uint64_t word = 0;
    for (size_t i = 0; i < n; ++i) word |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    mix(word);
  }
  // A multiply carries each bit only upward, so keys that differ in their
  // last bytes (`...key1`, `...key2`) would differ only in the top bits and
  // crowd one run of the index's slots (measured: 61 slots walked per lookup
  // at 10,000 such keys). Folding the top half down and multiplying once
  // more spreads them over every bit.
  h = (h ^ (h >> 33)) * 0xff51afd7ed558ccdull;
  return static_cast<uint32_t>(h >> 32);
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_KEY_HASH_H_
