// File: engine/testing/choices.cc

#include "testing/choices.h"

namespace iameval::testing {

size_t SeededChoices::Below(size_t n) {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<size_t>(z % n);
}

size_t ByteChoices::Below(size_t n) {
  if (n <= 1) return 0;
  size_t value = Byte();
  if (n > 256) value = value << 8 | Byte();
  return value % n;
}

}  // namespace iameval::testing
