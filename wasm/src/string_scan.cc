// File: wasm/src/string_scan.cc
//
// memchr, memcmp, memcpy and memmove for the WebAssembly module. Emscripten's
// libc gives these as portable C: memchr steps through four-byte words after
// a byte loop to align, memcmp compares byte by byte, memcpy copies four bytes
// at a time only when both pointers share their alignment (else byte by
// byte) and hands 512 bytes or more to JavaScript. The engine calls them on
// every short text it reads and copies (std::string_view::find, ==, the JSON
// reader, the linter's name and ARN scans, std::string), and under Node they
// took about a tenth of a lint (bench/NOTES.md, "Lint"). WebAssembly loads
// eight unaligned bytes in one instruction, sixteen with SIMD (the module is
// built with -msimd128), and is little-endian, so the first matching or
// differing byte of a word is its lowest flagged byte. Linked into
// iameval_core only: defining them here keeps libc's out of the module.
// Compiled with -fno-builtin (CMakeLists.txt), so these loops are not turned
// back into calls to themselves.

#include <wasm_simd128.h>

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

inline void Store(unsigned char* p, uint64_t word) { __builtin_memcpy(p, &word, 8); }

inline uint32_t Load4(const unsigned char* p) {
  uint32_t word;
  __builtin_memcpy(&word, p, 4);
  return word;
}

inline void Store4(unsigned char* p, uint32_t word) { __builtin_memcpy(p, &word, 4); }

// Up to 16 bytes: every byte is loaded before any is stored, so the source
// and the destination may overlap (memmove's short case too).
inline void CopyShort(unsigned char* d, const unsigned char* s, size_t n) {
  if (n >= 8) {
    const uint64_t head = Load(s);
    const uint64_t tail = Load(s + n - 8);
    Store(d, head);
    Store(d + n - 8, tail);
  } else if (n >= 4) {
    const uint32_t head = Load4(s);
    const uint32_t tail = Load4(s + n - 4);
    Store4(d, head);
    Store4(d + n - 4, tail);
  } else if (n != 0) {
    const unsigned char first = s[0];
    const unsigned char middle = s[n / 2];
    const unsigned char last = s[n - 1];
    d[0] = first;
    d[n / 2] = middle;
    d[n - 1] = last;
  }
}

// Over 16 bytes, front to back in 16-byte vectors; the last (maybe partial)
// vector is loaded first and stored last, so no byte loop is needed. Right
// for memmove when `d` is below `s`: no store reaches a byte not yet loaded.
inline void CopyForward(unsigned char* d, const unsigned char* s, size_t n) {
  const v128_t last = wasm_v128_load(s + n - 16);
  unsigned char* const last_at = d + n - 16;
  for (; n > 16; d += 16, s += 16, n -= 16) wasm_v128_store(d, wasm_v128_load(s));
  wasm_v128_store(last_at, last);
}

// The mirror image, for memmove when `d` is above `s`.
inline void CopyBackward(unsigned char* d, const unsigned char* s, size_t n) {
  const v128_t first = wasm_v128_load(s);
  for (; n > 16; n -= 16) wasm_v128_store(d + n - 16, wasm_v128_load(s + n - 16));
  wasm_v128_store(d, first);
}

}  // namespace

extern "C" {

// Sixteen bytes at a time from 16 on (the last vector overlaps the one before,
// whose bytes did not match), eight at a time below.
void* memchr(const void* source, int c, size_t n) {
  const unsigned char* s = static_cast<const unsigned char*>(source);
  const unsigned char byte = static_cast<unsigned char>(c);
  if (n >= 16) {
    const v128_t pattern = wasm_i8x16_splat(static_cast<int8_t>(byte));
    const unsigned char* const last = s + n - 16;
    for (;; s += 16) {
      if (s > last) s = last;
      const uint32_t hits = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(s), pattern));
      if (hits != 0) return const_cast<unsigned char*>(s + __builtin_ctz(hits));
      if (s == last) return nullptr;
    }
  }
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

// Emscripten's memcpy copies four bytes at a time only when both pointers
// share their alignment (else one byte at a time), and hands 512 bytes or more
// to JavaScript (HEAPU8.copyWithin), a call out of wasm.
void* memcpy(void* __restrict destination, const void* __restrict source, size_t n) {
  unsigned char* d = static_cast<unsigned char*>(destination);
  const unsigned char* s = static_cast<const unsigned char*>(source);
  if (n <= 16) {
    CopyShort(d, s, n);
  } else {
    CopyForward(d, s, n);
  }
  return destination;
}

void* memmove(void* destination, const void* source, size_t n) {
  unsigned char* d = static_cast<unsigned char*>(destination);
  const unsigned char* s = static_cast<const unsigned char*>(source);
  if (n <= 16) {
    CopyShort(d, s, n);
  } else if (reinterpret_cast<uintptr_t>(d) - reinterpret_cast<uintptr_t>(s) >= n) {
    CopyForward(d, s, n);  // `d` below `s`, or past its end
  } else {
    CopyBackward(d, s, n);
  }
  return destination;
}

int memcmp(const void* left, const void* right, size_t n) {
  const unsigned char* a = static_cast<const unsigned char*>(left);
  const unsigned char* b = static_cast<const unsigned char*>(right);
  if (n >= 16) {
    for (size_t at = 0;; at += 16) {
      if (at > n - 16) at = n - 16;
      const uint32_t same =
          wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(a + at), wasm_v128_load(b + at)));
      if (same != 0xffff) {
        const size_t first = at + static_cast<size_t>(__builtin_ctz(~same));
        return static_cast<int>(a[first]) - static_cast<int>(b[first]);
      }
      if (at == n - 16) return 0;
    }
  }
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
