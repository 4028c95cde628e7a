// File: engine/match/arn_test.cc

#include "match/arn.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace iameval::internal {
namespace {

TEST_CASE("SplitArn splits at the first five colons", "[arn]") {
  ArnView arn;
  REQUIRE(SplitArn("arn:aws:lambda:us-east-1:111122223333:function:f:PROD", &arn));
  CHECK(arn.partition == "aws");
  CHECK(arn.service == "lambda");
  CHECK(arn.region == "us-east-1");
  CHECK(arn.account == "111122223333");
  CHECK(arn.resource == "function:f:PROD");

  REQUIRE(SplitArn("arn:aws:s3:::bucket/key/with:colon", &arn));
  CHECK(arn.service == "s3");
  CHECK(arn.region.empty());
  CHECK(arn.account.empty());
  CHECK(arn.resource == "bucket/key/with:colon");

  REQUIRE(SplitArn("arn:aws-cn:iam::111122223333:role/path/r", &arn));
  CHECK(arn.partition == "aws-cn");
  CHECK(arn.resource == "role/path/r");
}

TEST_CASE("SplitArn accepts six parts with empty fields", "[arn]") {
  ArnView arn;
  REQUIRE(SplitArn("arn:::::", &arn));
  CHECK(arn.partition.empty());
  CHECK(arn.resource.empty());
  REQUIRE(SplitArn("arn:aws:s3:::", &arn));
  CHECK(arn.resource.empty());
}

TEST_CASE("SplitArn rejects what is not an ARN", "[arn]") {
  ArnView arn;
  CHECK_FALSE(SplitArn("", &arn));
  CHECK_FALSE(SplitArn("*", &arn));
  CHECK_FALSE(SplitArn("arn", &arn));
  CHECK_FALSE(SplitArn("arn:aws:s3::", &arn));    // five parts
  CHECK_FALSE(SplitArn("ARN:aws:s3:::b", &arn));  // the prefix is lowercase
  CHECK_FALSE(SplitArn("xarn:aws:s3:::b", &arn));
  CHECK_FALSE(SplitArn("111122223333", &arn));
}

TEST_CASE("IsAccountId wants exactly 12 digits", "[arn]") {
  CHECK(IsAccountId("111122223333"));
  CHECK(IsAccountId("000000000000"));
  CHECK_FALSE(IsAccountId(""));
  CHECK_FALSE(IsAccountId("11112222333"));
  CHECK_FALSE(IsAccountId("1111222233334"));
  CHECK_FALSE(IsAccountId("11112222333a"));
  CHECK_FALSE(IsAccountId("1111-2222-33"));
  CHECK_FALSE(IsAccountId(" 11122223333"));
}

}  // namespace
}  // namespace iameval::internal

namespace iameval::internal {
namespace {

// The first five colons found one byte at a time: what SplitArn's word-wise
// and block-wise searches must agree with, whatever the length and wherever
// the colons fall.
TEST_CASE("SplitArn agrees with a byte-wise split at every length and colon place", "[arn]") {
  uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  };
  for (int trial = 0; trial < 20000; ++trial) {
    const size_t length = 4 + next() % 70;
    std::string text = "arn:";
    while (text.size() < length)
      text += next() % 5 == 0 ? ':' : static_cast<char>('a' + next() % 26);
    std::vector<size_t> colons;
    for (size_t i = 4; i < text.size() && colons.size() < 4; ++i) {
      if (text[i] == ':') colons.push_back(i);
    }
    ArnView arn;
    const bool split = SplitArn(text, &arn);
    INFO(text);
    REQUIRE(split == (colons.size() == 4));
    if (!split) continue;
    const std::string_view view(text);
    CHECK(arn.partition == view.substr(4, colons[0] - 4));
    CHECK(arn.service == view.substr(colons[0] + 1, colons[1] - colons[0] - 1));
    CHECK(arn.region == view.substr(colons[1] + 1, colons[2] - colons[1] - 1));
    CHECK(arn.account == view.substr(colons[2] + 1, colons[3] - colons[2] - 1));
    CHECK(arn.resource == view.substr(colons[3] + 1));
  }
}

}  // namespace
}  // namespace iameval::internal
