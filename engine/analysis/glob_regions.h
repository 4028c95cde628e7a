// File: engine/analysis/glob_regions.h
//
// The regions a set of wildcard patterns cuts a text space into, each with a
// witness text: for every combination of "matches / does not match" the
// patterns can take together on some text, one shortest text that takes it.
// Found exactly, by a breadth-first walk of the product of the patterns'
// automata (spec/analysis.md, "Glob regions"); nothing is sampled.
//
//   RegionSearch search;
//   int object = search.Add(GlobTokens("arn:aws:s3:::b/*"));
//   int secret = search.Add(GlobTokens("arn:aws:s3:::b/secret*"));
//   int shape = search.Add(TemplateTokens("arn:${Partition}:s3:::${BucketName}/${Key}"));
//   std::vector<Region> regions;
//   bool complete = search.Explore({{shape}}, 100000, &regions);
//   // regions: {"arn:a:s3:::b/secret", {1, 1, 1}}, {"arn:a:s3:::b/x", {1, 0, 1}}, ...
//
// The alphabet walked is every character the patterns name, `:` and one
// character none names: any other character moves every automaton as that
// one does, so the walk reaches every combination there is.

#ifndef IAMEVAL_ENGINE_ANALYSIS_GLOB_REGIONS_H_
#define IAMEVAL_ENGINE_ANALYSIS_GLOB_REGIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iameval::internal {

// One step of a pattern.
struct GlobToken {
  enum class Kind : uint8_t {
    kLiteral,      // `c` itself
    kFold,         // `c` ignoring ASCII case (c lowercased)
    kAny,          // any one character
    kAnyNoColon,   // any one character but `:`
    kStar,         // any run of characters
    kStarNoColon,  // any run of characters without `:`
    kEnd,          // the end of one alternative (RegionSearch::AddUnion); matches nothing
  };
  Kind kind = Kind::kLiteral;
  char c = 0;
};
using GlobTokens = std::vector<GlobToken>;

// A Resource / StringLike glob: `*` and `?` wildcards (kLiteralStar and
// kLiteralQuestion stand for themselves). `ignore_case` folds letters.
GlobTokens GlobToTokens(std::string_view glob, bool ignore_case = false);
// A text compared for equality.
GlobTokens ExactTokens(std::string_view text, bool ignore_case = false);
// An ArnLike / ArnEquals value split into its parts (`arn`, partition,
// service, region, account, resource): wildcards in the first five parts do
// not cross a `:`, those of the resource part do.
GlobTokens ArnPartTokens(const std::string_view parts[6]);
// A catalogue ARN template: each `${...}` stands for one or more characters,
// without `:` in the first five parts; `${Partition}` stands for `partition`
// (the caller replaces the template by one per partition AWS has).
GlobTokens TemplateTokens(std::string_view arn_template, std::string_view partition = {});

struct Region {
  std::string witness;
  std::vector<bool> matches;  // per pattern, in Add order
};

class RegionSearch {
 public:
  // Adds a pattern; returns its index.
  int Add(GlobTokens tokens);
  // Adds one pattern matching what any of `alternatives` matches: a required
  // group of many templates walks as one automaton, not as many.
  int AddUnion(const std::vector<GlobTokens>& alternatives);
  size_t size() const { return patterns_.size(); }

  // Every combination of matches over the patterns that some text takes,
  // with a shortest such text, where the `required` groups hold (every text
  // when `required` is empty). The patterns of `required` are left out of
  // the combinations (they constrain only).
  // Returns false when the walk stopped at `max_states` product states:
  // `out` then holds the regions found so far.
  // `required` holds groups: at least one pattern of each group must match.
  // With `nonempty`, the empty text is no witness.
  bool Explore(const std::vector<std::vector<int>>& required, size_t max_states,
               std::vector<Region>* out, bool nonempty = false) const;

 private:
  std::vector<GlobTokens> patterns_;
  std::vector<std::vector<uint32_t>> starts_;  // each pattern's first positions
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANALYSIS_GLOB_REGIONS_H_
