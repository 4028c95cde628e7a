// File: engine/ascii_test.cc

#include "ascii.h"

#include <catch2/catch.hpp>

namespace iameval::internal {
namespace {

TEST_CASE("LowerAscii lowers A-Z and leaves every other byte alone", "[parser]") {
  CHECK(LowerAscii("S3:GetObject") == "s3:getobject");
  CHECK(LowerAscii("ÉTÉ@[`{") == "ÉtÉ@[`{");  // UTF-8 bytes and A-Z's neighbours pass through
  CHECK(LowerAscii('Z') == 'z');
}

TEST_CASE("EqualsIgnoringCase compares ASCII letters without case", "[parser]") {
  CHECK(EqualsIgnoringCase("allow", "Allow"));
  CHECK_FALSE(EqualsIgnoringCase("allow", "Allows"));
  CHECK_FALSE(EqualsIgnoringCase("É", "é"));
}

}  // namespace
}  // namespace iameval::internal
