// File: engine/match/arn.cc
//
// Splitting Amazon Resource Names into their six parts (arn.h). Only the
// first five colons split: resource parts such as `function:f:PROD` or
// `log-group:/a/b:*` keep theirs.

#include "match/arn.h"

#include <cstdint>
#include <cstring>

#include "base/bytes_equal.h"
#include "base/simd_bytes.h"

namespace iameval::internal {

namespace {

// A mask with the high bit set in each byte of `word` that is a colon, and
// no other bit. Exact per byte: no carry crosses from one byte to the next.
inline uint64_t ColonBytes(uint64_t word) noexcept {
  constexpr uint64_t kColons = 0x3a3a3a3a3a3a3a3aull;
  constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
  const uint64_t zero_where_colon = word ^ kColons;
  return ~(((zero_where_colon & kLow7) + kLow7) | zero_where_colon | kLow7);
}

}  // namespace

bool SplitArn(std::string_view text, ArnView* out) noexcept {
  const char* const data = text.data();
  const size_t size = text.size();
  if (size < 4 || std::memcmp(data, "arn:", 4) != 0) return false;
  // The positions of the four colons after "arn:" (partition, service,
  // region, account). Every decision splits two ARNs, so they are found
  // eight bytes at a time rather than by four calls into memchr.
  size_t colons[4];
  size_t found = 0;
  size_t at = 4;
#if IAMEVAL_HAVE_SSE2
  // Sixteen bytes at a time, the last block overlapping the one before it
  // (its bytes already searched shifted out of the mask).
  if (size >= 4 + 16) {
    for (; found < 4; at += 16) {
      const bool last = at + 16 > size;
      const size_t start = last ? size - 16 : at;
      unsigned mask = ByteMask(BytesEqualTo(LoadBytes16(data + start), ':')) >> (at - start);
      for (; mask != 0 && found < 4; mask &= mask - 1) {
        colons[found++] = at + static_cast<size_t>(__builtin_ctz(mask));
      }
      if (last) break;
    }
    at = size;  // every byte searched
  }
#endif
  for (; found < 4 && at + 8 <= size; at += 8) {
    for (uint64_t mask = ColonBytes(LoadWord(data + at)); mask != 0 && found < 4;
         mask &= mask - 1) {
      colons[found++] = at + static_cast<size_t>(__builtin_ctzll(mask)) / 8;
    }
  }
  for (; found < 4 && at < size; ++at) {
    if (data[at] == ':') colons[found++] = at;
  }
  if (found < 4) return false;
  out->partition = std::string_view(data + 4, colons[0] - 4);
  out->service = std::string_view(data + colons[0] + 1, colons[1] - colons[0] - 1);
  out->region = std::string_view(data + colons[1] + 1, colons[2] - colons[1] - 1);
  out->account = std::string_view(data + colons[2] + 1, colons[3] - colons[2] - 1);
  out->resource = std::string_view(data + colons[3] + 1, size - colons[3] - 1);
  return true;
}

}  // namespace iameval::internal
