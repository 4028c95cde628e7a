// File: engine/analysis/glob_regions_test.cc

#include "analysis/glob_regions.h"

#include <catch2/catch.hpp>

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

}  // namespace
}  // namespace iameval::internal
