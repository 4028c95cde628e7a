// File: engine/lint/text_match.h
//
// Small text tests lint runs thousands of times per document, without
// allocating: a near miss within two edits (for "did you mean"), and a glob
// match that ignores ASCII case (IAM action names).
//
//   WithinTwoEdits("GetObjekt", "GetObject")        // true
//   GlobMatchIgnoreCase("get*", "GetObjectTagging")  // true

#ifndef IAMEVAL_ENGINE_LINT_TEXT_MATCH_H_
#define IAMEVAL_ENGINE_LINT_TEXT_MATCH_H_

#include <cstddef>
#include <string_view>

namespace iameval::internal {

// The edit distance between `a` and `b` (ASCII case ignored) when it is at
// most 2, else 3. A band of five diagonals, stopped as soon as every cell
// passes 2: O(|a|) work. Names over 128 bytes count as far (3).
size_t EditDistanceUpToTwo(std::string_view a, std::string_view b);

// `*` any run, `?` one character, everything else itself ignoring ASCII case.
// Iterative, with one backtrack point (optimal for `*`-globs).
bool GlobMatchIgnoreCase(std::string_view pattern, std::string_view text);

// `*` any run, `?` one byte, everything else itself (case-sensitive:
// callers lowercase both sides to ignore case), segment by segment: the
// head and tail compared in place, each middle segment found with a
// substring search (leftmost placement is optimal for `*`-globs). For a
// pattern tried against many names. GlobMatch but for `?` on non-ASCII text.
bool GlobMatchBySegments(std::string_view pattern, std::string_view text);

// Writes `text` with ASCII letters lowercased to `out` (text.size() bytes),
// eight bytes at a time.
void LowerAsciiInto(std::string_view text, char* out);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_LINT_TEXT_MATCH_H_
