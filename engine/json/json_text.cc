// File: engine/json/json_text.cc
//
// Positions counted after the fact, the same way AdvancePosition counts them
// byte by byte, and token starts replayed for syntax errors.

#include "json/json_text.h"

#include <cstdint>
#include <cstring>

namespace iameval::internal {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// Whether any byte of `word` is below `limit` (at most 128): the classic
// zero-byte test, exact about whether one exists. Below '\r' + 1 catches
// both line breaks, and tab, which is rare enough to take the slow path.
bool HasByteBelow(uint64_t word, unsigned char limit) {
  return ((word - kOnes * limit) & ~word & kHighBits) != 0;
}

// UTF-8 continuation bytes (10xxxxxx) in `word`: bit 7 set, bit 6 clear.
// The flags are summed by multiplication rather than a popcount, which
// baseline x86-64 lacks as an instruction.
uint32_t CountContinuationBytes(uint64_t word) {
  uint64_t flags = (word & ~(word << 1) & kHighBits) >> 7;
  return static_cast<uint32_t>((flags * kOnes) >> 56);
}

}  // namespace

void AdvancePositionTo(std::string_view text, size_t offset, bool* after_cr, TextPosition* pos) {
  if (offset > text.size()) offset = text.size();
  // Worked on in locals, which the compiler keeps in registers.
  TextPosition at = *pos;
  bool cr = *after_cr;
  while (at.offset < offset) {
    if (offset - at.offset >= 8) {
      uint64_t word;
      std::memcpy(&word, text.data() + at.offset, sizeof word);
      if (!HasByteBelow(word, '\r' + 1)) {
        // No line break: only the column moves, by the code points started.
        at.column += 8 - CountContinuationBytes(word);
        at.offset += 8;
        cr = false;
        continue;
      }
    }
    AdvancePosition(text[at.offset], &cr, &at);
  }
  *pos = at;
  *after_cr = cr;
}

TextPosition Locate(std::string_view text, size_t offset) {
  TextPosition pos;
  bool after_cr = false;
  AdvancePositionTo(text, offset, &after_cr, &pos);
  return pos;
}

size_t EstimateNodeCount(std::string_view text) {
  // Counted in runs of 240 bytes into a byte-sized counter, which the
  // compiler turns into vector compares, 16 bytes a step with no scalar
  // tail (240 is a multiple of 16 that a byte can count to); `[` and `{`
  // differ only in bit 5.
  size_t count = 1;
  const char* data = text.data();
  size_t left = text.size();
  while (left > 0) {
    const size_t run = left < 240 ? left : 240;
    uint8_t in_run = 0;
    for (size_t i = 0; i < run; ++i) {
      const auto c = static_cast<unsigned char>(data[i]);
      in_run += static_cast<uint8_t>((c == ',') | ((c | 0x20) == '{'));
    }
    count += in_run;
    data += run;
    left -= run;
  }
  return count;
}

size_t TokenStartBefore(std::string_view text, size_t taken) {
  if (taken > text.size()) taken = text.size();
  size_t start = 0;
  bool at_boundary = true;
  JsonStringScanner strings;
  for (size_t i = 0; i < taken; ++i) {
    char c = text[i];
    if (strings.Take(c)) {
      bool separator = IsJsonWhitespace(c) || IsJsonStructural(c);
      if (!separator && at_boundary) start = i;
      at_boundary = separator;
    } else {
      at_boundary = false;
    }
  }
  return start;
}

}  // namespace iameval::internal
