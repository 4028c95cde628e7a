// File: engine/base/ascii.cc

#include "base/ascii.h"

namespace iameval::internal {

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

namespace {

// Reads one code point of UTF-8 `text` at `*i`, advancing past it: its lead
// byte and continuation bytes. Invalid UTF-8 reads byte by byte.
uint32_t NextCodePoint(std::string_view text, size_t* i) noexcept {
  const auto lead = static_cast<unsigned char>(text[(*i)++]);
  if (lead < 0x80) return lead;
  const int extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  uint32_t code = lead & (0x3f >> extra);
  for (int k = 0; k < extra && *i < text.size(); ++k) {
    const auto next = static_cast<unsigned char>(text[*i]);
    if ((next & 0xc0) != 0x80) break;
    code = (code << 6) | (next & 0x3f);
    ++*i;
  }
  return code;
}

// A Latin-1 letter with a one-to-one case partner in Latin-1 (À-Þ, à-þ but
// ×, ÷, ß and ÿ): its lowercase form.
bool Latin1Lower(uint32_t c, uint32_t* lower) noexcept {
  if (c < 0xc0 || c > 0xfe || c == 0xd7 || c == 0xf7 || c == 0xdf) return false;
  *lower = c | 0x20;
  return true;
}

// The code points beyond ASCII that a wider folding takes to an ASCII
// letter: KELVIN SIGN (k), LATIN SMALL LETTER LONG S (s), dotted capital I
// and dotless small i (i, as Java's equalsIgnoreCase compares them).
bool FoldsToAscii(uint32_t c) noexcept {
  return c == 0x212a || c == 0x17f || c == 0x130 || c == 0x131;
}

}  // namespace

bool MayEqualUnderWiderCaseFolding(std::string_view a, std::string_view b) noexcept {
  size_t i = 0, j = 0;
  bool beyond_ascii = false;
  while (i < a.size() && j < b.size()) {
    const uint32_t x = NextCodePoint(a, &i);
    const uint32_t y = NextCodePoint(b, &j);
    if (x == y) continue;
    if (x < 0x80 && y < 0x80) {
      if (LowerAscii(static_cast<char>(x)) != LowerAscii(static_cast<char>(y))) return false;
      continue;
    }
    if ((x < 0x80 && !FoldsToAscii(y)) || (y < 0x80 && !FoldsToAscii(x))) return false;
    uint32_t lx = 0, ly = 0;
    if (Latin1Lower(x, &lx) && Latin1Lower(y, &ly) && lx != ly) return false;
    beyond_ascii = true;
  }
  return beyond_ascii && i == a.size() && j == b.size();
}

}  // namespace iameval::internal
