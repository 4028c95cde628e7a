// File: engine/match/glob.h
//
// The wildcard matcher behind Action, Resource, NotResource, StringLike and
// ArnLike: `*` matches any run of characters (including none), `?` exactly
// one character (one code point of the UTF-8 text: AWS's "any single
// character"), everything else itself, byte for byte. There is
// no escape syntax; where text must match literally although it contains `*`
// or `?` (a policy variable's value, the `${*}` and `${?}` escapes), the
// pattern carries kLiteralStar / kLiteralQuestion in their place.
//
// Matching never recurses and never allocates. The pattern is split at its
// `*`s into segments; the first must match at the start, the last at the end,
// and each one between is found at its leftmost position after the previous
// one, which is optimal for `*`-globs. A segment is searched with memchr and
// memcmp under a work budget linear in the text; a segment of up to 64 bytes
// that exhausts it is finished by a bit-parallel (Shift-And) scan that handles
// `?`, so matching costs O(|text| + |pattern|) for such patterns. Longer
// segments keep the direct scan, O(|segment| x |text|) in the worst case.
// Both are bounded by Limits::max_pattern_length. All of this counts bytes,
// which is counting characters while the text is ASCII; a text with a byte of
// 0x80 or more under a pattern with `?` is matched by code points instead
// (glob.cc says how), so the ASCII path stays as fast as it was.
//
// Case: matching is case-sensitive. Callers that want case-insensitive
// matching (actions) lowercase both sides first.

#ifndef IAMEVAL_ENGINE_GLOB_H_
#define IAMEVAL_ENGINE_GLOB_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes_equal.h"

namespace iameval::internal {

// Pattern bytes standing for a literal `*` and a literal `?`. Policy text
// cannot contain them (control characters are rejected in patterns).
inline constexpr char kLiteralStar = '\x01';
inline constexpr char kLiteralQuestion = '\x02';

// One-shot match, for callers without a compiled Glob (the reference
// evaluator uses its own, deliberately naive matcher instead).
bool GlobMatch(std::string_view pattern, std::string_view text) noexcept;

// Whether `text` holds a wildcard (`*` or `?`) a glob would read as one.
// A plain loop: find_first_of calls memchr on "*?" once per byte of text.
inline bool HasWildcard(std::string_view text) noexcept {
  for (char c : text) {
    if (c == '*' || c == '?') return true;
  }
  return false;
}

// A pattern compiled once, matched many times.
class Glob {
 public:
  // How the pattern looks, so common shapes take a short path.
  enum class Shape : uint8_t {
    kAnything,  // "*": matches every text
    kExact,     // no wildcard: equality
    kPrefix,    // "abc*"
    kSuffix,    // "*abc"
    kGeneral,   // anything else
  };

  Glob() = default;
  explicit Glob(std::string pattern);

  // The common shapes are decided inline: statements are mostly exact ARNs,
  // `prefix*` and `*`, and a decision tests dozens of them.
  bool Matches(std::string_view text) const noexcept {
    switch (shape_) {
      case Shape::kAnything:
        return true;
      case Shape::kExact:
        return text.size() == min_length_ && BytesEqual(text.data(), pattern_.data(), min_length_);
      case Shape::kPrefix:  // the literal is the pattern's first min_length_ bytes
        return text.size() >= min_length_ && BytesEqual(text.data(), pattern_.data(), min_length_);
      case Shape::kSuffix:  // ... its last min_length_ bytes
        return text.size() >= min_length_ &&
               BytesEqual(text.data() + text.size() - min_length_,
                          pattern_.data() + pattern_.size() - min_length_, min_length_);
      case Shape::kGeneral:
        break;
    }
    return MatchesGeneral(text);
  }

  Shape shape() const { return shape_; }
  const std::string& pattern() const { return pattern_; }
  bool has_wildcards() const { return shape_ != Shape::kExact; }

 private:
  bool MatchesGeneral(std::string_view text) const noexcept;

  std::string pattern_;
  Shape shape_ = Shape::kExact;
  // The runs between stars, for kGeneral patterns only (the other shapes
  // are decided from pattern_ and min_length_ alone).
  struct Segment {
    uint32_t begin = 0, length = 0;
    bool has_question = false;  // `?` or a literal marker: compared byte by byte
  };
  std::vector<Segment> segments_;
  uint32_t min_length_ = 0;    // bytes outside `*`: shorter texts cannot match
  bool has_question_ = false;  // a `?` wildcard: non-ASCII texts match by code point
};

// Number of wildcard `*` in `pattern` (for Limits::max_wildcards_per_pattern).
uint32_t CountStars(std::string_view pattern) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_GLOB_H_
