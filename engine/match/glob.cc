// File: engine/match/glob.cc
//
// The `*` / `?` matcher of glob.h.
//
// A pattern with k stars is k+1 segments: s0 * s1 * ... * sk. The text
// matches when s0 matches at its start, sk at its end, and s1 ... s(k-1) can
// be placed in order, without overlap, in what lies between. Taking each
// middle segment at its leftmost possible position is optimal: any placement
// that succeeds can be shifted left segment by segment without breaking, so
// the greedy choice never loses a match. No backtracking, no recursion.
//
// Finding one segment starts as a direct scan: memchr to the next occurrence
// of its first byte, then a word-wise compare (or a byte loop for `?`). On real ARNs that
// settles it in a few dozen nanoseconds. Its worst case, though, is
// |window| x |segment| ("aaaab" in "aaaa...a"), so the scan gets a work budget
// linear in the window; a segment of at most 64 bytes that exhausts it is
// handed to a Shift-And scan from where the direct scan stopped. Bit i of the
// Shift-And state says "the segment's first i+1 bytes end here": one shift,
// one OR and one AND per text byte, `?` being a bit set in every byte's mask.
// Its 2 KB mask table is built on the stack per search, so a compiled Glob
// stays small and hostile patterns cannot blow up memory. Together: O(|window|
// + |segment|) per segment whatever the input. Segments over 64 bytes have no
// Shift-And; their direct scan is unbounded, O(|window| x |segment|).

#include "match/glob.h"

#include <cstddef>
#include <cstring>

namespace iameval::internal {
namespace {

constexpr size_t kNotFound = static_cast<size_t>(-1);

// Shift-And state is one machine word.
constexpr size_t kMaxShiftAndSegment = 64;

// The direct scan's budget, in compared bytes, for a segment of at most 64
// bytes: about what building the Shift-And table costs, plus a few passes
// over the window. Linear in the window, so the bound above holds.
constexpr size_t kDirectScanBaseBudget = 256;
constexpr size_t kDirectScanPassesBudget = 4;

// What DirectScan returns when its budget ran out before it decided.
constexpr size_t kGaveUp = kNotFound - 1;

}  // namespace

// Tests lower this cap on the candidate starts a direct scan verifies before
// handing over to Shift-And (0: Shift-And at once; 1 or 2: hand over midway),
// so the exhaustive sweeps, whose texts are short, check Shift-And and the
// hand-over too. Never written outside tests; declared there, not in glob.h.
size_t glob_direct_scan_verifications_for_testing = static_cast<size_t>(-1);

namespace {

// One run of pattern bytes between stars.
struct SegmentRef {
  const char* data = nullptr;
  size_t size = 0;
  bool plain = true;  // no `?` and no literal marker: compared word by word
};

bool IsPlainByte(char p) { return p != '?' && p != kLiteralStar && p != kLiteralQuestion; }

// Counts the `*` of `pattern` and clears `plain` if a byte is `?` or a
// literal marker: in runs of at most 255 bytes into byte-sized counters,
// which the compiler turns into vector compares.
void ScanPattern(std::string_view pattern, size_t* stars, bool* plain) {
  const char* data = pattern.data();
  size_t left = pattern.size();
  uint8_t other = 0;
  while (left > 0) {
    const size_t run = left < 255 ? left : 255;
    uint8_t in_run = 0;
    for (size_t i = 0; i < run; ++i) {
      const char c = data[i];
      in_run += static_cast<uint8_t>(c == '*');
      other |= static_cast<uint8_t>((c == '?') | (c == kLiteralStar) | (c == kLiteralQuestion));
    }
    *stars += in_run;
    data += run;
    left -= run;
  }
  if (other != 0) *plain = false;
}

bool IsPlain(const char* data, size_t size) {
  for (size_t i = 0; i < size; ++i) {
    if (!IsPlainByte(data[i])) return false;
  }
  return true;
}

// The text byte a non-`?` pattern byte stands for.
inline unsigned char LiteralByte(char p) {
  if (p == kLiteralStar) return '*';
  if (p == kLiteralQuestion) return '?';
  return static_cast<unsigned char>(p);
}

// Whether pattern byte `p` (never `*`) matches text byte `t`. A marker stands
// for its character only: the marker byte itself in the text is not matched.
inline bool ByteMatches(char p, char t) {
  if (p == '?') return true;
  if (p == kLiteralStar) return t == '*';
  if (p == kLiteralQuestion) return t == '?';
  return p == t;
}

// Whether `segment` matches the segment.size bytes at `text`.
inline bool MatchesAt(const SegmentRef& segment, const char* text) noexcept {
  if (segment.plain) return BytesEqual(segment.data, text, segment.size);
  for (size_t i = 0; i < segment.size; ++i) {
    if (!ByteMatches(segment.data[i], text[i])) return false;
  }
  return true;
}

// Leftmost start in [from, limit - size] where `segment` matches, trying each
// start in turn; memchr skips to the candidates when the segment opens with a
// literal byte. Gives up (kGaveUp, `*resume` the first start not yet ruled
// out) rather than verify more than `max_verifications` candidates.
size_t DirectScan(const SegmentRef& segment, const char* text, size_t from, size_t limit,
                  size_t max_verifications, size_t* resume) noexcept {
  const size_t last_start = limit - segment.size;
  const char first = segment.data[0];
  const bool first_literal = first != '?';
  const char first_byte = static_cast<char>(LiteralByte(first));
  size_t verified = 0;
  for (size_t start = from; start <= last_start; ++start) {
    if (first_literal) {
      const void* hit = std::memchr(text + start, first_byte, last_start - start + 1);
      if (hit == nullptr) return kNotFound;
      start = static_cast<size_t>(static_cast<const char*>(hit) - text);
    }
    if (verified == max_verifications) {
      *resume = start;
      return kGaveUp;
    }
    ++verified;
    if (MatchesAt(segment, text + start)) return start;
  }
  return kNotFound;
}

// Leftmost start in [from, limit - size] where `segment` (1 to 64 bytes)
// matches, by Shift-And. O(limit - from + size), whatever the input.
size_t ShiftAndScan(const SegmentRef& segment, const char* text, size_t from,
                    size_t limit) noexcept {
  uint64_t masks[256];
  std::memset(masks, 0, sizeof(masks));
  uint64_t any_byte = 0;  // the positions holding `?`
  for (size_t i = 0; i < segment.size; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    const char p = segment.data[i];
    if (p == '?') {
      any_byte |= bit;
    } else {
      masks[LiteralByte(p)] |= bit;
    }
  }
  const uint64_t accept = uint64_t{1} << (segment.size - 1);
  // With a literal first byte, no match can start until that byte appears:
  // while the state is empty, memchr jumps there.
  const bool first_literal = segment.data[0] != '?';
  const char first_byte = static_cast<char>(LiteralByte(segment.data[0]));

  uint64_t state = 0;
  for (size_t j = from; j < limit; ++j) {
    if (state == 0 && first_literal) {
      const void* hit = std::memchr(text + j, first_byte, limit - j);
      if (hit == nullptr) return kNotFound;
      j = static_cast<size_t>(static_cast<const char*>(hit) - text);
    }
    state = ((state << 1) | 1) & (masks[static_cast<unsigned char>(text[j])] | any_byte);
    if (state & accept) return j + 1 - segment.size;
  }
  return kNotFound;
}

// Leftmost start in [from, limit - size] where non-empty `segment` matches.
size_t FindSegment(const SegmentRef& segment, const char* text, size_t from,
                   size_t limit) noexcept {
  if (limit < from || limit - from < segment.size) return kNotFound;
  size_t resume = from;
  if (segment.size > kMaxShiftAndSegment) {
#if defined(__GLIBC__)
    if (segment.plain) {
      // glibc's memmem is the Two-Way algorithm for long needles: linear in
      // the text whatever the segment, where the direct scan below costs up
      // to |segment| comparisons per text byte. (Elsewhere, e.g. Emscripten's
      // musl in strict C++ mode, memmem may not be declared: direct scan.)
      const void* hit = memmem(text + from, limit - from, segment.data, segment.size);
      return hit == nullptr ? kNotFound : static_cast<size_t>(static_cast<const char*>(hit) - text);
    }
#endif
    return DirectScan(segment, text, from, limit, static_cast<size_t>(-1), &resume);
  }
  const size_t budget = kDirectScanBaseBudget + kDirectScanPassesBudget * (limit - from);
  size_t max_verifications = budget / segment.size;
  if (max_verifications > glob_direct_scan_verifications_for_testing) {
    max_verifications = glob_direct_scan_verifications_for_testing;
  }
  const size_t found = DirectScan(segment, text, from, limit, max_verifications, &resume);
  if (found != kGaveUp) return found;
  // Every start before `resume` is ruled out; Shift-And goes on from there.
  return ShiftAndScan(segment, text, resume, limit);
}

// Matches `text` against first * middle... * last (at least one star).
// `next_middle(&segment)` yields the middle segments in order and returns
// false after the last one; empty middles (from `**`) may be yielded.
template <typename NextMiddle>
bool MatchStarred(const SegmentRef& first, const SegmentRef& last, std::string_view text,
                  NextMiddle&& next_middle) noexcept {
  const size_t n = text.size();
  if (n < first.size + last.size) return false;
  if (!MatchesAt(first, text.data())) return false;
  if (!MatchesAt(last, text.data() + n - last.size)) return false;
  size_t position = first.size;
  const size_t limit = n - last.size;  // middles must not overlap the last segment
  SegmentRef middle;
  while (next_middle(&middle)) {
    if (middle.size == 0) continue;
    const size_t at = FindSegment(middle, text.data(), position, limit);
    if (at == kNotFound) return false;
    position = at + middle.size;
  }
  return true;
}

SegmentRef MakeSegment(std::string_view pattern, size_t begin, size_t end) {
  SegmentRef segment;
  segment.data = pattern.data() + begin;
  segment.size = end - begin;
  segment.plain = IsPlain(segment.data, segment.size);
  return segment;
}

// ---------------------------------------------------------------------------
// `?` is one character, a code point, not one byte (IAM User Guide, "IAM JSON
// policy elements: Resource" and "Condition operators": `?` matches any single
// character). Every matcher above counts bytes, which is the same thing while
// the text is ASCII; a text with a byte >= 0x80 and a pattern with a `?` take
// the code-point path below instead. It keeps the greedy leftmost placement
// (a segment without stars spans a fixed number of code points, so placements
// stay ordered), compares literal bytes as bytes, and lets a `?` take a whole
// UTF-8 sequence. Starts are tried at code point boundaries only. It costs
// O(|segment| x |text|) per segment, without Shift-And: only non-ASCII texts
// under `?` patterns, bounded by Limits::max_pattern_length, come here.

bool HasNonAscii(std::string_view text) noexcept {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ull) return true;
  }
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return true;
  }
  return false;
}

bool HasQuestion(const char* data, size_t size) noexcept {
  // An empty string_view may hold a null pointer, which memchr must not see.
  return size != 0 && std::memchr(data, '?', size) != nullptr;
}

inline bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Bytes of the UTF-8 sequence that `lead` opens (1 for ASCII and for bytes
// that open none), never past `left`.
inline size_t SequenceLength(char lead, size_t left) {
  const unsigned char b = static_cast<unsigned char>(lead);
  const size_t length = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  return length < left ? length : left;
}

// Whether `segment` matches at text[at], a `?` taking one code point; on a
// match `*end` is just past it.
bool MatchesAtCodePoints(const SegmentRef& segment, std::string_view text, size_t at,
                         size_t* end) noexcept {
  size_t j = at;
  for (size_t i = 0; i < segment.size; ++i) {
    if (j >= text.size()) return false;
    if (segment.data[i] == '?') {
      j += SequenceLength(text[j], text.size() - j);
    } else {
      if (!ByteMatches(segment.data[i], text[j])) return false;
      ++j;
    }
  }
  *end = j;
  return true;
}

// Code points `segment` spans: a `?` one, a literal character one (its
// continuation bytes none).
size_t CodePointsOf(const SegmentRef& segment) noexcept {
  size_t count = 0;
  for (size_t i = 0; i < segment.size; ++i) count += !IsContinuation(segment.data[i]);
  return count;
}

template <typename NextMiddle>
bool MatchStarredCodePoints(const SegmentRef& first, const SegmentRef& last, std::string_view text,
                            NextMiddle&& next_middle) noexcept {
  // The last segment ends the text: it starts as many code points back as it spans.
  size_t last_start = text.size();
  for (size_t k = CodePointsOf(last); k > 0; --k) {
    if (last_start == 0) return false;
    --last_start;
    while (last_start > 0 && IsContinuation(text[last_start])) --last_start;
  }
  size_t end = 0;
  if (!MatchesAtCodePoints(last, text, last_start, &end) || end != text.size()) return false;
  size_t position = 0;
  if (!MatchesAtCodePoints(first, text, 0, &position) || position > last_start) return false;
  SegmentRef middle;
  while (next_middle(&middle)) {
    if (middle.size == 0) continue;
    bool found = false;
    for (size_t start = position; start < last_start && !found; ++start) {
      if (IsContinuation(text[start])) continue;
      found = MatchesAtCodePoints(middle, text, start, &end) && end <= last_start;
    }
    if (!found) return false;
    position = end;
  }
  return true;
}

// A star-less pattern with `?` against a non-ASCII text.
bool MatchesWholeCodePoints(const SegmentRef& segment, std::string_view text) noexcept {
  size_t end = 0;
  return MatchesAtCodePoints(segment, text, 0, &end) && end == text.size();
}

}  // namespace

bool GlobMatch(std::string_view pattern, std::string_view text) noexcept {
  const bool by_code_point = HasQuestion(pattern.data(), pattern.size()) && HasNonAscii(text);
  const size_t first_star = pattern.find('*');
  if (first_star == std::string_view::npos) {
    if (by_code_point) return MatchesWholeCodePoints(MakeSegment(pattern, 0, pattern.size()), text);
    if (pattern.size() != text.size()) return false;
    return MatchesAt(MakeSegment(pattern, 0, pattern.size()), text.data());
  }
  const size_t last_star = pattern.rfind('*');
  const SegmentRef first = MakeSegment(pattern, 0, first_star);
  const SegmentRef last = MakeSegment(pattern, last_star + 1, pattern.size());
  // Middle segments are found on the fly between the first and last star.
  size_t cursor = first_star + 1;
  auto next_middle = [&](SegmentRef* out) {
    if (cursor > last_star) return false;
    size_t star = pattern.find('*', cursor);  // never npos: last_star is ahead
    *out = MakeSegment(pattern, cursor, star);
    cursor = star + 1;
    return true;
  };
  if (by_code_point) return MatchStarredCodePoints(first, last, text, next_middle);
  return MatchStarred(first, last, text, next_middle);
}

Glob::Glob(std::string pattern) : pattern_(std::move(pattern)) {
  const std::string_view p = pattern_;
  // One pass finds what the shape depends on: the stars, and whether any
  // byte is `?` or a literal marker; where the stars stand only matters when
  // there are some.
  size_t stars = 0;
  bool plain = true;
  ScanPattern(p, &stars, &plain);
  const size_t first_star = stars > 0 ? p.find('*') : std::string_view::npos;
  const size_t last_star = stars > 0 ? p.rfind('*') : 0;
  if (stars == 0 && plain) {
    shape_ = Shape::kExact;
    min_length_ = static_cast<uint32_t>(p.size());
    return;
  }
  if (stars > 0 && stars == p.size()) {
    shape_ = Shape::kAnything;
    return;
  }
  // The two other fast shapes, one plain literal with stars on one side only
  // ("abc*", "*abc"), need no segment list: most compiled globs are of these
  // shapes, and leaving the list empty spares an allocation per pattern.
  // With all the stars in one run at an end, every other byte is the
  // literal's, so the literal is plain when the whole pattern is.
  if (stars > 0 && plain) {
    const bool leading_star = first_star == 0;
    const bool trailing_star = last_star == p.size() - 1;
    const bool stars_run_to_the_end = last_star - first_star + 1 == stars && trailing_star;
    const bool stars_run_from_the_start = last_star + 1 == stars;
    if (!leading_star && stars_run_to_the_end) {
      shape_ = Shape::kPrefix;  // the literal is p[0, first_star)
      min_length_ = static_cast<uint32_t>(first_star);
      return;
    }
    if (!trailing_star && stars_run_from_the_start) {
      shape_ = Shape::kSuffix;  // the literal is p[last_star + 1, end)
      min_length_ = static_cast<uint32_t>(p.size() - last_star - 1);
      return;
    }
  }
  // Everything else is matched segment by segment: a segment per run
  // between stars (one, for a star-less pattern with `?` or markers).
  shape_ = Shape::kGeneral;
  has_question_ = HasQuestion(p.data(), p.size());
  segments_.reserve(stars + 1);
  size_t begin = 0;
  for (size_t i = 0; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '*') {
      segments_.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(i - begin),
                           !IsPlain(p.data() + begin, i - begin)});
      min_length_ += static_cast<uint32_t>(i - begin);
      begin = i + 1;
    }
  }
}

bool Glob::MatchesGeneral(std::string_view text) const noexcept {
  if (text.size() < min_length_) return false;
  auto ref = [this](const Segment& s) {
    return SegmentRef{pattern_.data() + s.begin, s.length, !s.has_question};
  };
  const bool by_code_point = has_question_ && HasNonAscii(text);
  if (segments_.size() == 1) {  // no star: `?` or markers only
    if (by_code_point) return MatchesWholeCodePoints(ref(segments_[0]), text);
    return text.size() == segments_[0].length && MatchesAt(ref(segments_[0]), text.data());
  }
  size_t next = 1;
  const size_t end = segments_.size() - 1;
  auto next_middle = [&](SegmentRef* out) {
    if (next >= end) return false;
    *out = ref(segments_[next++]);
    return true;
  };
  if (by_code_point) {
    return MatchStarredCodePoints(ref(segments_.front()), ref(segments_.back()), text, next_middle);
  }
  return MatchStarred(ref(segments_.front()), ref(segments_.back()), text, next_middle);
}

uint32_t CountStars(std::string_view pattern) noexcept {
  size_t stars = 0;
  bool plain = true;
  ScanPattern(pattern, &stars, &plain);
  return static_cast<uint32_t>(stars);
}

}  // namespace iameval::internal
