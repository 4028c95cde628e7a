// File: wasm/src/string_scan.cc
//
// memchr and memcmp for the WebAssembly module, eight bytes at a time.
// Emscripten's libc gives these as portable C: memchr steps through four-byte
// words after a byte loop to align, memcmp compares byte by byte. The engine
// calls them on every short text it reads (std::string_view::find, ==, the
// JSON reader, the linter's name and ARN scans), and under Node they took
// about a tenth of a lint (bench/NOTES.md, "Lint"). WebAssembly loads eight
// unaligned bytes in one instruction and is little-endian, so the first
// matching or differing byte of a word is its lowest flagged byte. Linked
// into iameval_core only: defining them here keeps libc's out of the module.
// Compiled with -fno-builtin (CMakeLists.txt), so these loops are not turned
// back into calls to themselves.

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHighs = 0x8080808080808080ull;

inline uint64_t Load(const unsigned char* p) {
  uint64_t word;
  __builtin_memcpy(&word, p, 8);
  return word;
}

}  // namespace

extern "C" {

void* memchr(const void* source, int c, size_t n) {
  const unsigned char* s = static_cast<const unsigned char*>(source);
  const unsigned char byte = static_cast<unsigned char>(c);
  const uint64_t pattern = kOnes * byte;
  for (; n >= 8; s += 8, n -= 8) {
    const uint64_t x = Load(s) ^ pattern;  // zero bytes where `byte` is
    // The lowest flagged byte is the first zero byte (flags above it may be
    // borrows, never below).
    const uint64_t zero = (x - kOnes) & ~x & kHighs;
    if (zero != 0) return const_cast<unsigned char*>(s + (__builtin_ctzll(zero) >> 3));
  }
  for (; n != 0; ++s, --n) {
    if (*s == byte) return const_cast<unsigned char*>(s);
  }
  return nullptr;
}

int memcmp(const void* left, const void* right, size_t n) {
  const unsigned char* a = static_cast<const unsigned char*>(left);
  const unsigned char* b = static_cast<const unsigned char*>(right);
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    const uint64_t difference = Load(a) ^ Load(b);
    if (difference != 0) {
      const size_t at = static_cast<size_t>(__builtin_ctzll(difference) >> 3);
      return static_cast<int>(a[at]) - static_cast<int>(b[at]);
    }
  }
  for (; n != 0; ++a, ++b, --n) {
    if (*a != *b) return static_cast<int>(*a) - static_cast<int>(*b);
  }
  return 0;
}

}  // extern "C"
