// File: engine/json/utf8.cc
//
// The UTF-8 checks of ParseJson and the decoding of everything that names a
// character by its code point (syntax errors, the IAM character range).

#include "json/utf8.h"

#include <cstring>

namespace iameval::internal {

size_t Utf8SequenceLength(const unsigned char* p, size_t available) {
  unsigned char b0 = p[0];
  if (b0 < 0x80) return 1;
  size_t length;
  unsigned char min1 = 0x80, max1 = 0xBF;  // bounds of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) min1 = 0xA0;  // overlong
    if (b0 == 0xED) max1 = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) min1 = 0x90;  // overlong
    if (b0 == 0xF4) max1 = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (available < length) return 0;
  if (p[1] < min1 || p[1] > max1) return 0;
  for (size_t i = 2; i < length; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  return length;
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    // Policies are mostly ASCII: eight bytes at a time while no high bit is set.
    if (text.size() - i >= 8) {
      uint64_t word;
      std::memcpy(&word, bytes + i, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    size_t length = Utf8SequenceLength(bytes + i, text.size() - i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

size_t CountCodePoints(std::string_view text) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  size_t continuation = 0;
  size_t i = 0;
  for (; text.size() - i >= 8; i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    // Bit 7 set and bit 6 clear marks a continuation byte; the marks are
    // summed by multiplication (baseline x86-64 has no popcount).
    uint64_t marks = (word & ~(word << 1) & kHighBits) >> 7;
    continuation += (marks * kOnes) >> 56;
  }
  for (; i < text.size(); ++i) continuation += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  return text.size() - continuation;
}

uint32_t DecodeUtf8At(std::string_view text, size_t i, size_t* length) {
  auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    *length = 1;
    return b;
  }
  size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  uint32_t cp = b & (0x7F >> n);
  for (size_t k = 1; k < n && i + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  *length = n;
  return cp;
}

}  // namespace iameval::internal
