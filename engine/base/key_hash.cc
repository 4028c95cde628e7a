// File: engine/base/key_hash.cc
//
// The per-process seed of KeyHash (key_hash.h).

#include "base/key_hash.h"

#include <chrono>
#include <cstdint>
#include <random>

namespace iameval::internal {

namespace {

uint64_t DrawSeed() noexcept {
  // The clock and an address vary from run to run even where no entropy
  // source exists; random_device (getrandom natively, crypto.getRandomValues
  // in WebAssembly) makes the seed unpredictable where one does.
  static const int anchor = 0;
  uint64_t seed =
      static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
      reinterpret_cast<uintptr_t>(&anchor) ^ 0x243f6a8885a308d3ull;
  try {
    std::random_device device;
    seed ^= (uint64_t{device()} << 32) ^ device();
  } catch (...) {
    // No entropy source: the clock and the address stand alone.
  }
  return seed;
}

}  // namespace

uint64_t KeyHashSeed() noexcept {
  // A function-local static: initialised on first use, whatever order the
  // program's static initialisers run in, and thread-safe.
  static const uint64_t seed = DrawSeed();
  return seed;
}

}  // namespace iameval::internal
