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

TEST_CASE("MayEqualUnderWiderCaseFolding finds pairs only a wider folding equates", "[parser]") {
  // Case partners beyond ASCII, one code point each (decisions.md §26).
  CHECK(MayEqualUnderWiderCaseFolding("JOSÉ", "josé"));
  CHECK(MayEqualUnderWiderCaseFolding("ÉQUIPE", "équipe"));
  CHECK(MayEqualUnderWiderCaseFolding("\u212a", "k"));                   // KELVIN SIGN
  CHECK(MayEqualUnderWiderCaseFolding("\u0391\u0392", "\u03b1\u03b2"));  // Greek
  CHECK(MayEqualUnderWiderCaseFolding("\u0416", "\u0436"));              // Cyrillic
  // Not: different letters, other lengths, pairs ASCII already decides.
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("José", "jose"));
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("é", "ü"));
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("éa", "Éb"));
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("ß", "ss"));
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("josé", "josé!"));
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("Allow", "allow"));
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("", ""));
  CHECK_FALSE(MayEqualUnderWiderCaseFolding("abc", "abd"));
}

}  // namespace
}  // namespace iameval::internal
