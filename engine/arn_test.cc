// File: engine/arn_test.cc

#include "arn.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <string_view>

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

// The plain definition SplitArn must agree with: the first four colons after
// "arn:" end partition, service, region and account.
bool ReferenceSplit(std::string_view text, ArnView* out) {
  if (text.substr(0, 4) != "arn:") return false;
  std::string_view rest = text.substr(4);
  std::string_view* fields[] = {&out->partition, &out->service, &out->region, &out->account};
  for (std::string_view* field : fields) {
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos) return false;
    *field = rest.substr(0, colon);
    rest.remove_prefix(colon + 1);
  }
  out->resource = rest;
  return true;
}

TEST_CASE("SplitArn agrees with the plain definition on every colon layout", "[arn]") {
  // Texts of "arn:" and up to 20 bytes drawn from colons and the bytes the
  // word-wise colon search could confuse with one (';' = ':' + 1, ':' | 0x80,
  // NUL), over every length, so colons land in every byte of a word and in
  // the byte-wise tail.
  const char alphabet[] = {':', 'a', ';', static_cast<char>(0xba), '\0'};
  uint32_t state = 12345;
  for (int round = 0; round < 20000; ++round) {
    state = state * 1664525u + 1013904223u;
    const size_t length = state % 21;
    std::string text = "arn:";
    for (size_t i = 0; i < length; ++i) {
      state = state * 1664525u + 1013904223u;
      text += alphabet[(state >> 16) % sizeof(alphabet)];
    }
    ArnView fast, slow;
    const bool fast_ok = SplitArn(text, &fast);
    REQUIRE(fast_ok == ReferenceSplit(text, &slow));
    if (!fast_ok) continue;
    CHECK(fast.partition == slow.partition);
    CHECK(fast.service == slow.service);
    CHECK(fast.region == slow.region);
    CHECK(fast.account == slow.account);
    CHECK(fast.resource == slow.resource);
  }
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

TEST_CASE("IsAccountId agrees with a byte-by-byte check for every byte at every position",
          "[arn]") {
  // The word-wise check must see each of the 12 bytes: put every byte value
  // at every position of an otherwise valid id.
  for (size_t position = 0; position < 12; ++position) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string id = "111122223333";
      id[position] = static_cast<char>(byte);
      const bool digit = byte >= '0' && byte <= '9';
      INFO("position " << position << ", byte " << byte);
      CHECK(IsAccountId(id) == digit);
    }
  }
}

}  // namespace
}  // namespace iameval::internal
