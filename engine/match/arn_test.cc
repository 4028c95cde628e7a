// File: engine/match/arn_test.cc

#include "match/arn.h"

#include <catch2/catch.hpp>

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
