// File: engine/lint/text_match_test.cc
//
// The banded edit distance agrees with the full one wherever either is at
// most 2; the case-blind glob agrees with GlobMatch on lowercased text.

#include "lint/text_match.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "base/did_you_mean.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

TEST_CASE("EditDistanceUpToTwo agrees with EditDistance up to 2", "[lint]") {
  CHECK(EditDistanceUpToTwo("GetObjekt", "GetObject") == 1);
  CHECK(EditDistanceUpToTwo("getobject", "GetObject") == 0);
  CHECK(EditDistanceUpToTwo("", "ab") == 2);
  CHECK(EditDistanceUpToTwo("abc", "") == 3);
  CHECK(EditDistanceUpToTwo(std::string(200, 'a'), std::string(200, 'a')) == 3);
  const std::vector<std::string> words = {"",     "a",    "ab",   "ba",    "abc",   "acb",
                                          "bca",  "abcd", "abdc", "xabcd", "abcdx", "aabb",
                                          "abab", "bbaa", "cab",  "abcde", "edcba", "ace"};
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      size_t full = EditDistance(a, b);
      INFO(a << " vs " << b);
      CHECK(EditDistanceUpToTwo(a, b) == (full <= 2 ? full : 3));
    }
  }
}

TEST_CASE("GlobMatchIgnoreCase is GlobMatch on lowercased text", "[lint]") {
  const std::vector<std::string> patterns = {"*", "get*", "Get*Tag*", "?et*", "*object", "a?c", ""};
  const std::vector<std::string> texts = {"GetObject", "getobjecttagging", "abc", "ABC", "",
                                          "PutObject", "GetBucketTagging"};
  for (const std::string& p : patterns) {
    for (const std::string& t : texts) {
      INFO(p << " vs " << t);
      CHECK(GlobMatchIgnoreCase(p, t) == GlobMatch(LowerAscii(p), LowerAscii(t)));
    }
  }
}

TEST_CASE("GlobMatchBySegments agrees with GlobMatch on every small pattern and text", "[lint]") {
  // Patterns of up to 5 symbols over {a, b, *, ?} against texts of up to 6
  // letters: segments found in place, by search, and with `?` inside them.
  const char symbols[] = {'a', 'b', '*', '?'};
  std::vector<std::string> patterns{""};
  for (size_t at = 0; at < patterns.size(); ++at) {
    if (patterns[at].size() == 5) continue;
    for (char c : symbols) patterns.push_back(patterns[at] + c);
  }
  std::vector<std::string> texts{""};
  for (size_t at = 0; at < texts.size(); ++at) {
    if (texts[at].size() == 6) continue;
    texts.push_back(texts[at] + 'a');
    texts.push_back(texts[at] + 'b');
  }
  std::string disagreements;
  for (const std::string& p : patterns) {
    for (const std::string& t : texts) {
      if (GlobMatchBySegments(p, t) != GlobMatch(p, t)) disagreements += p + " vs " + t + "; ";
    }
  }
  CHECK(disagreements.empty());
  CHECK(GlobMatchBySegments("*dataquality*", "createdataqualityruleset"));
  CHECK_FALSE(GlobMatchBySegments("get*tagging", "getobjecttaggin"));
}

TEST_CASE("LowerAsciiInto lowercases ASCII letters only, eight bytes at a time", "[lint]") {
  // Every byte value, at every offset of a word, and a tail shorter than eight.
  std::string text;
  for (int c = 0; c < 256; ++c) text += static_cast<char>(c);
  text += "GetObjectTAGGING@[`{Z";
  for (size_t start = 0; start < 9; ++start) {
    std::string_view part = std::string_view(text).substr(start);
    std::string out(part.size(), '\0');
    LowerAsciiInto(part, out.data());
    CHECK(out == LowerAscii(part));
  }
}

}  // namespace
}  // namespace iameval::internal
