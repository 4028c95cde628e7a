// File: engine/base/simd_bytes.h
//
// Sixteen bytes at a time against ASCII ranges, where SSE2 is there (every
// x86-64 build): every decision checks the caller's names and the action
// byte by byte against IAM's character sets, and a table lookup per byte
// was a tenth of a decision. Elsewhere (WebAssembly, other CPUs) the
// callers keep their byte loops: IAMEVAL_HAVE_SSE2 says which.
//
//   const __m128i x = LoadBytes16(p);
//   const unsigned digits = ByteMask(BytesInRange(x, '0', '9'));  // bit i: byte i

#ifndef IAMEVAL_ENGINE_SIMD_BYTES_H_
#define IAMEVAL_ENGINE_SIMD_BYTES_H_

#if defined(__SSE2__)
#include <emmintrin.h>

#define IAMEVAL_HAVE_SSE2 1

namespace iameval::internal {

inline __m128i LoadBytes16(const char* p) noexcept {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}

// The 8 bytes at `low` then the 8 at `high`, for texts of 8 to 16 bytes
// (the two halves may overlap).
inline __m128i LoadHalves(const char* low, const char* high) noexcept {
  return _mm_unpacklo_epi64(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(low)),
                            _mm_loadl_epi64(reinterpret_cast<const __m128i*>(high)));
}

// 0xff in each byte of `x` within [lo, hi], 0 elsewhere; lo >= 1 and
// hi <= 0x7e. The compares are signed, so bytes of 0x80 or more (negative)
// are in no range.
inline __m128i BytesInRange(__m128i x, char lo, char hi) noexcept {
  return _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(lo - 1))),
                       _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(hi + 1))));
}

inline __m128i BytesEqualTo(__m128i x, char c) noexcept {
  return _mm_cmpeq_epi8(x, _mm_set1_epi8(c));
}

// Bit i set when byte i of `marks` is 0xff.
inline unsigned ByteMask(__m128i marks) noexcept {
  return static_cast<unsigned>(_mm_movemask_epi8(marks));
}

}  // namespace iameval::internal

#endif  // __SSE2__

#endif  // IAMEVAL_ENGINE_SIMD_BYTES_H_
