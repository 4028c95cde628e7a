// File: engine/base/ascii_test.cc

#include "base/ascii.h"

#include <catch2/catch.hpp>

namespace iameval::internal {
namespace {

TEST_CASE("LowerAscii lowers A-Z and leaves every other byte alone", "[parser]") {
  CHECK(LowerAscii("S3:GetObject") == "s3:getobject");
  CHECK(LowerAscii("ÉTÉ@[`{") == "ÉtÉ@[`{");  // UTF-8 bytes and A-Z's neighbours pass through
  CHECK(LowerAscii('Z') == 'z');
}

TEST_CASE("EqualsIgnoreCase compares ASCII letters without case", "[parser]") {
  CHECK(EqualsIgnoreCase("allow", "Allow"));
  CHECK_FALSE(EqualsIgnoreCase("allow", "Allows"));
  CHECK_FALSE(EqualsIgnoreCase("É", "é"));
}

}  // namespace
}  // namespace iameval::internal
