// File: wasm/src/string_scan_test.cc
//
// string_scan.cc's memchr, memcmp, memcpy and memmove against byte-at-a-time
// loops: every size from 0 to 300 bytes, 24 source alignments and 80
// destination offsets, memmove overlapping either way. Built by the wasm tree
// as string_scan_test.js (wasm/CMakeLists.txt) and run under Node by
// `make test-wasm`; compiled with -fno-builtin, so every mem* call below
// reaches the functions under test. Exit status 1 and a count per function
// when any answer differs.

#include <cstddef>
#include <cstdio>
#include <cstring>

namespace {

unsigned char buffer[1200];
unsigned char expected[1200];
unsigned char scratch[1200];
unsigned seed = 1;

unsigned char NextByte() {
  seed = seed * 1103515245u + 12345u;
  return static_cast<unsigned char>(seed >> 16);
}

size_t Next(size_t below) {
  seed = seed * 1103515245u + 12345u;
  return (seed >> 8) % below;
}

void Fill() {
  for (size_t i = 0; i < sizeof buffer; ++i) buffer[i] = expected[i] = NextByte();
}

bool Same() {
  for (size_t i = 0; i < sizeof buffer; ++i) {
    if (buffer[i] != expected[i]) return false;
  }
  return true;
}

}  // namespace

int main() {
  long cases = 0;
  long wrong_memmove = 0;
  long wrong_memcpy = 0;
  long wrong_memchr = 0;
  long wrong_memcmp = 0;
  for (size_t n = 0; n <= 300; ++n) {
    for (size_t source_at = 0; source_at < 24; ++source_at) {
      for (int offset = -40; offset < 40; ++offset) {
        ++cases;
        // memmove within one buffer: overlapping either way, or not at all.
        Fill();
        const size_t from = 300 + source_at;
        size_t to = from + offset;
        memmove(buffer + to, buffer + from, n);
        for (size_t i = 0; i < n; ++i) scratch[i] = expected[from + i];
        for (size_t i = 0; i < n; ++i) expected[to + i] = scratch[i];
        if (!Same()) ++wrong_memmove;

        // memcpy between disjoint ranges.
        Fill();
        to = 700 + offset;
        memcpy(buffer + to, buffer + source_at, n);
        for (size_t i = 0; i < n; ++i) expected[to + i] = expected[source_at + i];
        if (!Same()) ++wrong_memcpy;

        // memchr: a byte present somewhere, or absent; only the low byte of
        // the int counts.
        int byte = n != 0 ? buffer[source_at + Next(n)] : 0;
        if (Next(4) == 0) byte = 0x100 + (byte ^ 0x55);
        const unsigned char* first = nullptr;
        for (size_t i = 0; i < n && first == nullptr; ++i) {
          if (buffer[source_at + i] == static_cast<unsigned char>(byte))
            first = buffer + source_at + i;
        }
        if (memchr(buffer + source_at, byte, n) != first) ++wrong_memchr;

        // memcmp: equal, or one bit flipped somewhere; only the sign counts.
        for (size_t i = 0; i < sizeof buffer; ++i) expected[i] = buffer[i];
        if (n != 0 && Next(2) == 0) expected[source_at + Next(n)] ^= 1u << Next(8);
        int sign = 0;
        for (size_t i = 0; i < n && sign == 0; ++i) {
          sign = buffer[source_at + i] - expected[source_at + i];
        }
        const int got = memcmp(buffer + source_at, expected + source_at, n);
        if ((got > 0) != (sign > 0) || (got < 0) != (sign < 0)) ++wrong_memcmp;
      }
    }
  }
  std::printf("string_scan: %ld cases; wrong: memmove %ld, memcpy %ld, memchr %ld, memcmp %ld\n",
              cases, wrong_memmove, wrong_memcpy, wrong_memchr, wrong_memcmp);
  return wrong_memmove + wrong_memcpy + wrong_memchr + wrong_memcmp == 0 ? 0 : 1;
}
