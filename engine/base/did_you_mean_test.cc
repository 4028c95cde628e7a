// File: engine/base/did_you_mean_test.cc
//
// "did you mean" help: a difference in case first, then a near miss; nothing
// for short known names, long names or names far from all.

#include "base/did_you_mean.h"

#include <catch2/catch.hpp>
#include <string>

namespace iameval::internal {
namespace {

constexpr std::string_view kKnown[] = {"AWS", "Service", "Statement", "Sid"};

TEST_CASE("DidYouMean names a known name that differs only in case", "[parser]") {
  CHECK(DidYouMean("aws", kKnown) == "did you mean `AWS`? element names are case-sensitive");
  CHECK(DidYouMean("SID", kKnown) == "did you mean `Sid`? element names are case-sensitive");
}

TEST_CASE("DidYouMean names a known name within two edits", "[parser]") {
  CHECK(DidYouMean("Statment", kKnown) == "did you mean `Statement`?");
  CHECK(DidYouMean("Servise", kKnown) == "did you mean `Service`?");
  CHECK(DidYouMean("Sidd", kKnown).empty());  // `Sid` is too short to guess from
  CHECK(DidYouMean("Principal", kKnown).empty());
  CHECK(DidYouMean(std::string(40, 'S'), kKnown).empty());
}

TEST_CASE("EditDistance counts insertions, deletions and substitutions, not case", "[parser]") {
  CHECK(EditDistance("", "") == 0);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("Effect", "eFFECT") == 0);
}

}  // namespace
}  // namespace iameval::internal
