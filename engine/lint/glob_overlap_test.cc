// File: engine/lint/glob_overlap_test.cc
//
// Two globs overlap when some text matches both: checked on the shapes lint
// meets (ARN templates against policy resources) and against brute force.

#include "lint/glob_overlap.h"

#include <catch2/catch.hpp>
#include <string>

#include "match/glob.h"

namespace iameval::internal {
namespace {

TEST_CASE("GlobsOverlap on ARN templates and policy resources", "[lint]") {
  const std::string object = TemplatePattern("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
  CHECK(object == "arn:*:s3:::*/*");
  CHECK(GlobsOverlap("arn:aws:s3:::b/*", object));
  CHECK(GlobsOverlap("arn:aws:s3:::b/key.txt", object));
  CHECK_FALSE(GlobsOverlap("arn:aws:s3:::b", object));
  CHECK(GlobsOverlap("arn:aws:s3:::b*", object));  // `*` may hold the `/`
  CHECK(GlobsOverlap("*", object));
  CHECK_FALSE(GlobsOverlap("arn:aws:s3:us-east-1::b/k", "arn:*:s3:::*/*"));
  CHECK(GlobsOverlap("arn:aws:s3:::b/?", object));
  CHECK(GlobsOverlap("ARN:AWS:S3:::b/k", object));  // case is not held against a resource
  CHECK(GlobsOverlap("*x*y*", "*Y*X*"));
  CHECK(GlobsOverlap("*x*", "*y"));  // `xy`
  // Bytes past ASCII compare as they are.
  CHECK(GlobsOverlap("*\xc3\xa9*",
                     "a*\xc3\xa9"
                     "b"));
  CHECK(GlobsOverlap("*?", "a*\xc3"));
  CHECK(ResourcePattern("arn:aws:s3:::b/${aws:username}/*") == "arn:aws:s3:::b/*/*");
}

TEST_CASE("ArnOverlap reads the first five fields apart", "[lint]") {
  const std::string bucket = TemplatePattern("arn:${Partition}:s3:::${BucketName}");
  CHECK(ArnOverlap("arn:aws:s3:::b", bucket));
  CHECK(ArnOverlap("arn:aws:s3:::b/k", bucket));  // a bucket name is any text to the template
  CHECK_FALSE(ArnOverlap("arn:aws:s3:us-east-1::b", bucket));
  CHECK_FALSE(ArnOverlap("arn:aws:sqs:us-east-1:1:q", bucket));
  // A template placeholder holds no `:` in the first five fields...
  const std::string role = TemplatePattern("arn:${Partition}:iam::${Account}:role/${RoleName}");
  CHECK(GlobsOverlap("arn:aws:iam::1:2:role/x", role));
  CHECK_FALSE(ArnOverlap("arn:aws:iam::1:2:role/x", role));
  // ...but the policy's own `*` may run across one.
  CHECK(ArnOverlap("arn:aws:*:b", bucket));
  CHECK(ArnOverlap("arn:*", bucket));
  CHECK(ArnOverlap("arn:aws:s3:*:b", bucket));
}

TEST_CASE("GlobsOverlap agrees with brute force over a small alphabet", "[lint]") {
  // Every pattern of up to 4 symbols over {a, b, *, ?} against every other:
  // they overlap exactly when some text of up to 8 letters matches both.
  const char symbols[] = {'a', 'b', '*', '?'};
  const std::string kStars(63, '*');
  std::vector<std::string> patterns{""};
  for (size_t length = 1; length <= 3; ++length) {
    size_t before = patterns.size();
    for (size_t i = 0; i < before; ++i) {
      if (patterns[i].size() != length - 1) continue;
      for (char c : symbols) patterns.push_back(patterns[i] + c);
    }
  }
  std::vector<std::string> texts{""};
  for (size_t length = 1; length <= 6; ++length) {
    size_t before = texts.size();
    for (size_t i = 0; i < before; ++i) {
      if (texts[i].size() != length - 1) continue;
      texts.push_back(texts[i] + 'a');
      texts.push_back(texts[i] + 'b');
    }
  }
  for (const std::string& a : patterns) {
    for (const std::string& b : patterns) {
      bool brute = false;
      for (const std::string& text : texts) {
        if (GlobMatch(a, text) && GlobMatch(b, text)) {
          brute = true;
          break;
        }
      }
      INFO(a << " vs " << b);
      CHECK(GlobsOverlap(a, b) == brute);
      // A run of `*` is one `*`: each first `*` made 63 of them sends the
      // pair down the cell-by-cell walk, which must agree with the bit rows.
      const size_t a_star = a.find('*'), b_star = b.find('*');
      if (a_star != std::string::npos && b_star != std::string::npos) {
        CHECK(GlobsOverlap(std::string(a).replace(a_star, 1, kStars),
                           std::string(b).replace(b_star, 1, kStars)) == brute);
      }
    }
  }
}

}  // namespace
}  // namespace iameval::internal
