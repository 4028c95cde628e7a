// File: engine/analysis/glob_regions_test.cc

#include "analysis/glob_regions.h"

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "match/glob.h"

namespace iameval::internal {
namespace {

TEST_CASE("glob regions find every combination of matches, each with a witness", "[analysis]") {
  RegionSearch search;
  search.Add(GlobToTokens("b/a*"));
  search.Add(GlobToTokens("b/*x"));
  std::vector<Region> regions;
  REQUIRE(search.Explore({}, 0, &regions));
  // Neither, only a*, only *x, both (b/a...x): four regions.
  REQUIRE(regions.size() == 4);
  for (const Region& r : regions) {
    CHECK(GlobMatch("b/a*", r.witness) == r.matches[0]);
    CHECK(GlobMatch("b/*x", r.witness) == r.matches[1]);
  }
  bool both = false;
  for (const Region& r : regions) both = both || (r.matches[0] && r.matches[1]);
  CHECK(both);
}

TEST_CASE("glob regions honour required templates and part-wise ARN stars", "[analysis]") {
  RegionSearch search;
  const int any = search.Add(GlobToTokens("arn:aws:s3:::*"));
  const int bucket = search.Add(TemplateTokens("arn:${Partition}:s3:::${BucketName}"));
  std::vector<Region> regions;
  REQUIRE(search.Explore({{bucket}}, 0, &regions));
  REQUIRE(regions.size() == 2);  // partition aws or not
  for (const Region& r : regions) {
    CHECK(r.witness.rfind("arn:", 0) == 0);
    CHECK(GlobMatch("arn:aws:s3:::*", r.witness) == r.matches[static_cast<size_t>(any)]);
  }
  // ArnLike's `*` in the region part does not cross a `:`.
  std::string_view parts[6] = {"arn", "aws", "sqs", "*", "111122223333", "q"};
  RegionSearch arn;
  arn.Add(ArnPartTokens(parts));
  std::vector<Region> arn_regions;
  REQUIRE(arn.Explore({}, 0, &arn_regions));
  for (const Region& r : arn_regions) {
    if (r.matches[0]) CHECK(r.witness == "arn:aws:sqs::111122223333:q");
  }
}

// Every text over the walk's alphabet up to kLength characters, against the
// walk: the same combinations, each witness as short as the shortest text
// that takes its combination (the walk's alphabet here: `a`, `b`, `:` and
// its fresh `x`).
TEST_CASE("glob regions are the combinations texts take, each with a shortest witness",
          "[analysis][property]") {
  constexpr size_t kLength = 6;
  std::vector<std::string> texts = {""};
  for (size_t begin = 0; texts.back().size() < kLength;) {
    const size_t end = texts.size();
    for (size_t i = begin; i < end; ++i) {
      for (char c : std::string_view("ab:x")) texts.push_back(texts[i] + c);
    }
    begin = end;
  }
  std::mt19937 random(15);
  for (int round = 0; round < 150; ++round) {
    std::vector<std::string> globs(1 + random() % 4);
    for (std::string& glob : globs) {
      for (size_t n = random() % 6; n > 0; --n) glob += "ab:*?"[random() % 5];
    }
    RegionSearch search;
    for (const std::string& glob : globs) search.Add(GlobToTokens(glob));
    std::vector<Region> regions;
    REQUIRE(search.Explore({}, 0, &regions));
    std::map<std::vector<bool>, size_t> shortest;  // combination -> shortest text's length
    for (const std::string& text : texts) {
      std::vector<bool> matches;
      for (const std::string& glob : globs) matches.push_back(GlobMatch(glob, text));
      shortest.emplace(matches, text.size());
    }
    INFO("globs: " << globs.size() << " first `" << globs[0] << "`");
    std::map<std::vector<bool>, size_t> walked;
    for (const Region& r : regions) {
      for (size_t g = 0; g < globs.size(); ++g)
        CHECK(GlobMatch(globs[g], r.witness) == r.matches[g]);
      CHECK(walked.emplace(r.matches, r.witness.size()).second);  // each combination once
    }
    for (const auto& [matches, length] : shortest) {
      auto found = walked.find(matches);
      REQUIRE(found != walked.end());
      CHECK(found->second == length);
    }
    for (const auto& [matches, length] : walked) {
      if (length <= kLength) CHECK(shortest.count(matches) == 1);
    }
  }
}

}  // namespace
}  // namespace iameval::internal
