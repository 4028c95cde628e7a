// File: engine/base/message_text_test.cc
//
// User text in messages: backticks, escaped control characters, a cut after
// 80 code points; numbers with thousands separators.

#include "base/message_text.h"

#include <catch2/catch.hpp>
#include <string>

namespace iameval::internal {
namespace {

TEST_CASE("Quote puts user text in backticks, safe to print", "[json]") {
  CHECK(Quote("s3:GetObject") == "`s3:GetObject`");
  CHECK(Quote("") == "``");
  CHECK(Quote("a\nb\x01") == "`a\\u000ab\\u0001`");
  // Cut after 80 code points, not bytes: a multi-byte character is never split.
  CHECK(Quote(std::string(80, 'x')) == "`" + std::string(80, 'x') + "`");
  CHECK(Quote(std::string(81, 'x')) == "`" + std::string(80, 'x') + "...`");
  std::string euros;
  for (int i = 0; i < 81; ++i) euros += "€";
  CHECK(Quote(euros) == "`" + euros.substr(0, 80 * 3) + "...`");
}

TEST_CASE("ElementName puts a known name in backticks as is", "[json]") {
  CHECK(ElementName("NotResource") == "`NotResource`");
}

TEST_CASE("WithThousands separates thousands with commas", "[json]") {
  CHECK(WithThousands(0) == "0");
  CHECK(WithThousands(999) == "999");
  CHECK(WithThousands(1000) == "1,000");
  CHECK(WithThousands(10240) == "10,240");
  CHECK(WithThousands(5242880) == "5,242,880");
}

}  // namespace
}  // namespace iameval::internal
