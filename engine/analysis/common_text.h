// File: engine/analysis/common_text.h
//
// A shortest text that every one of a few wildcard patterns matches: the
// witness resource an analysis decides a request about. `*` is any run of
// characters, `?` one character, everything else itself (case counts, as it
// does for resources).
//
//   std::string text;
//   CommonText({"arn:aws:s3:::logs*", "arn:aws:s3:::?*/?*"}, &text);
//   // text == "arn:aws:s3:::logs/x"
//
// A `?` or `*` that must stand for a character no pattern spells becomes `x`.

#ifndef IAMEVAL_ENGINE_ANALYSIS_COMMON_TEXT_H_
#define IAMEVAL_ENGINE_ANALYSIS_COMMON_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace iameval::internal {

// At most this many patterns, each at most kMaxCommonTextPattern bytes.
inline constexpr size_t kMaxCommonTextPatterns = 4;
inline constexpr size_t kMaxCommonTextPattern = 2048;

// True with `out` set to a shortest text all `patterns` match; false when
// they have none in common, or when the search would visit more than
// `max_states` states (the patterns are then not proved disjoint: callers
// treat false as "no witness", never as "no overlap").
bool CommonText(const std::vector<std::string_view>& patterns, std::string* out,
                size_t max_states = 200000);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANALYSIS_COMMON_TEXT_H_
