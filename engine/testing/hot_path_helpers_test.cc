// File: engine/testing/hot_path_helpers_test.cc
//
// Pins the word-at-a-time helpers that today's speed commits put on the
// decision path against plain byte-wise oracles written here:
//
//  * SplitArn finds its colons eight bytes at a time (ColonBytes); a carry
//    between bytes or a byte such as 0xBA (':' | 0x80) could fake or hide a
//    colon, and colons straddling the word boundary or in the byte-wise tail
//    could be missed or found out of order.
//  * IsAccountId checks twelve digits with SWAR arithmetic; '/' and ':' sit
//    just outside '0'..'9', and 0xB0..0xB9 differ from digits in one bit.
//  * ParseCaller reads "arn:aws:iam::" / "arn:aws:sts::" callers through a
//    fixed-offset fast path; the same text in another partition takes the
//    general path, so both must read every field the same.
//  * Glob's constructor now picks the exact / prefix / suffix / anything
//    shapes from star positions without building segments; the
//    uncompiled GlobMatch is the oracle, over patterns made of `*`, `?`,
//    the literal markers and a few letters (so "**", "*a*", "a**", "**a",
//    "" and marker-only patterns all occur).
//  * Request actions are lowercased through a byte table: case must not
//    matter, and any byte outside [A-Za-z0-9._-] or a second colon must make
//    the request invalid rather than match.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "iameval/iameval.h"
#include "match/arn.h"
#include "match/glob.h"
#include "match/principal.h"
#include "testing/choices.h"

namespace iameval::internal {
namespace {

// A fixed sequence from a seed (testing/choices.h).
using Random = testing::SeededChoices;

bool NaiveSplitArn(std::string_view text, ArnView* out) {
  if (text.substr(0, 4) != "arn:") return false;
  size_t c[4];
  size_t from = 4;
  for (int i = 0; i < 4; ++i) {
    size_t at = text.find(':', from);
    if (at == std::string_view::npos) return false;
    c[i] = at;
    from = at + 1;
  }
  out->partition = text.substr(4, c[0] - 4);
  out->service = text.substr(c[0] + 1, c[1] - c[0] - 1);
  out->region = text.substr(c[1] + 1, c[2] - c[1] - 1);
  out->account = text.substr(c[2] + 1, c[3] - c[2] - 1);
  out->resource = text.substr(c[3] + 1);
  return true;
}

TEST_CASE("SplitArn agrees with a byte-wise split", "[arn][hot-path]") {
  const char alphabet[] = {':', ':', ':', 'a', '1', '/', '\xBA', '\x3B', '\x39', '\xFA', '\0', '*'};
  Random random(42);
  for (int n = 0; n < 200000; ++n) {
    std::string text = random.Below(8) ? "arn:" : "";
    size_t length = random.Below(40);
    for (size_t i = 0; i < length; ++i) text += alphabet[random.Below(sizeof alphabet)];
    ArnView fast, slow;
    bool fast_ok = SplitArn(text, &fast);
    bool slow_ok = NaiveSplitArn(text, &slow);
    INFO("text of " << text.size() << " bytes, case " << n);
    REQUIRE(fast_ok == slow_ok);
    if (!fast_ok) continue;
    // Same bytes *and* same positions in the text.
    REQUIRE(fast.partition.data() == slow.partition.data());
    REQUIRE(fast.partition.size() == slow.partition.size());
    REQUIRE(fast.service.data() == slow.service.data());
    REQUIRE(fast.service.size() == slow.service.size());
    REQUIRE(fast.region.data() == slow.region.data());
    REQUIRE(fast.region.size() == slow.region.size());
    REQUIRE(fast.account.data() == slow.account.data());
    REQUIRE(fast.account.size() == slow.account.size());
    REQUIRE(fast.resource.data() == slow.resource.data());
    REQUIRE(fast.resource.size() == slow.resource.size());
  }
}

TEST_CASE("IsAccountId accepts exactly twelve ASCII digits", "[arn][hot-path]") {
  // Every single-byte change of a valid id, at every position.
  const std::string valid = "123456789012";
  REQUIRE(IsAccountId(valid));
  for (size_t at = 0; at < 12; ++at) {
    for (int b = 0; b < 256; ++b) {
      std::string text = valid;
      text[at] = static_cast<char>(b);
      INFO("byte " << b << " at " << at);
      REQUIRE(IsAccountId(text) == (b >= '0' && b <= '9'));
    }
  }
  CHECK_FALSE(IsAccountId("12345678901"));
  CHECK_FALSE(IsAccountId("1234567890123"));
  CHECK_FALSE(IsAccountId(""));
  CHECK(IsAccountId("000000000000"));
  CHECK(IsAccountId("999999999999"));
  // A string_view into a longer buffer: only its own twelve bytes count.
  const std::string longer = "123456789012x";
  CHECK(IsAccountId(std::string_view(longer).substr(0, 12)));
}

TEST_CASE("ParseCaller reads the aws partition as it reads the others", "[principal][hot-path]") {
  const char* const tails[] = {
      "iam::111122223333:user/alice",
      "iam::111122223333:user/path/to/alice",
      "iam::111122223333:role/r",
      "iam::111122223333:role/a/b/r",
      "sts::111122223333:assumed-role/r/s",
      "sts::111122223333:assumed-role/r/s/extra",
      "sts::111122223333:assumed-role/r",
      "sts::111122223333:federated-user/fred",
      "iam::111122223333:root",
      "iam::111122223333:",
      "iam::111122223333:saml-provider/corp",
      "iam::111122223333:oidc-provider/example.com",
      "iam::111122223333:group/g",
      "iam::11112222333a:user/alice",
      "iam::11112222333:user/alice",
      "iam::1111222233334:user/alice",
      "iam:us-east-1:111122223333:user/alice",
      "iam::111122223333user/alice",
      "iam:111122223333::user/alice",
      "sts::111122223333:user/alice",
      "iam::111122223333:assumed-role/r/s",
      "s3::111122223333:user/alice",
      "iamx:111122223333:user/alice",
      "ia::111122223333:user/alice",
      "iam::11112222333/:user/alice",
      "iam::111122223333:user/",
      "iam::111122223333:role/",
      "iam::111122223333:user/a*",
  };
  for (const char* tail : tails) {
    for (const char* other : {"aws-us-gov", "aws-cn"}) {
      const std::string common = std::string("arn:aws:") + tail;
      const std::string general = std::string("arn:") + other + ":" + tail;
      Caller a, b;
      const bool a_ok = ParseCaller(common, &a);
      const bool b_ok = ParseCaller(general, &b);
      INFO(common << " vs " << general);
      REQUIRE(a_ok == b_ok);
      if (!a_ok) continue;
      CHECK(a.kind == b.kind);
      CHECK(a.partition == "aws");
      CHECK(b.partition == other);
      CHECK(a.account == b.account);
      CHECK(a.name == b.name);
      CHECK(a.path == b.path);
      CHECK(a.session == b.session);
    }
  }
  // Short strings and the bare prefix never read past the end.
  for (const char* text : {"arn:aws:iam::", "arn:aws:iam::111122223333", "arn:aws:sts::1",
                           "arn:aws:", "arn:aws:iam:", "arn:aws:iam::111122223333"}) {
    Caller c;
    INFO(text);
    CHECK_FALSE(ParseCaller(text, &c));
  }
}

// The pattern alphabet: stars, question marks, the literal markers, letters.
std::string RandomPattern(Random* random) {
  static const char kBytes[] = {'*', '*', '?', kLiteralStar, kLiteralQuestion, 'a', 'b', 'a'};
  std::string p;
  for (size_t n = random->Below(7); n > 0; --n) p += kBytes[random->Below(sizeof kBytes)];
  return p;
}

std::string RandomText(Random* random) {
  static const char kBytes[] = {'a', 'b', '*', '?', 'c'};
  std::string t;
  for (size_t n = random->Below(7); n > 0; --n) t += kBytes[random->Below(sizeof kBytes)];
  return t;
}

TEST_CASE("a compiled Glob matches as the uncompiled GlobMatch does", "[glob][hot-path]") {
  const char* const fixed[] = {"",     "*",     "**",    "***",   "*a*",    "a**",   "**a",
                               "a*",   "*a",    "a?",    "?",     "?*",     "*?",    "a*b",
                               "\x01", "a\x01", "\x01*", "*\x02", "a*\x01", "ab*ab", "*ab*ab"};
  Random random(7);
  for (int n = 0; n < 40000; ++n) {
    const std::string pattern =
        n < static_cast<int>(sizeof fixed / sizeof fixed[0]) ? fixed[n] : RandomPattern(&random);
    const Glob glob(pattern);
    for (int k = 0; k < 12; ++k) {
      const std::string text = k == 0 ? pattern : RandomText(&random);
      INFO("pattern `" << pattern << "` text `" << text << "`");
      REQUIRE(glob.Matches(text) == GlobMatch(pattern, text));
    }
  }
}

}  // namespace
}  // namespace iameval::internal

namespace iameval {
namespace {

TEST_CASE("request actions: case-blind, one colon, no pattern characters",
          "[authorizer][hot-path]") {
  ParseResult parsed = Policy::Parse(
      R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": "*", "Resource": "*"},
          {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]})",
      PolicyKind::kIdentity);
  REQUIRE(parsed.ok());
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(*parsed.policy);
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.resource = "*";
  for (const char* action :
       {"s3:deleteobject", "S3:DELETEOBJECT", "s3:DeleteObject", "S3:dElEtEoBjEcT"}) {
    request.action = action;
    INFO(action);
    Answer answer = built.set->Decide(request);
    CHECK(answer.error == nullptr);
    CHECK(answer.decision == Decision::kExplicitDeny);
  }
  for (const char* action : {"s3:Get_Object-v2.1", "a:b", "S3:X"}) {
    request.action = action;
    INFO(action);
    Answer answer = built.set->Decide(request);
    CHECK(answer.error == nullptr);
    CHECK(answer.decision == Decision::kAllowed);
  }
  // Each of these would slip past the Deny while "*" allows: refused.
  const std::string bad[] = {"s3:Delete*",
                             "s3:DeleteObjec?",
                             "s3:DeleteObject ",
                             "s3:Delete\xC3\x89",
                             std::string("s3:DeleteObject\0", 16),
                             "s3::DeleteObject",
                             "s3:Delete:Object",
                             ":DeleteObject",
                             "s3:",
                             "s3DeleteObject",
                             "",
                             "s3:Delete/Object",
                             "s3:Delete\x7FObject",
                             "s3:Delete@Object",
                             "s3:Delete[Object",
                             "s3:Delete`Object",
                             "s3:Delete{Object"};
  for (const std::string& action : bad) {
    request.action = action;
    INFO("action of " << action.size() << " bytes: " << action);
    Answer answer = built.set->Decide(request);
    CHECK(answer.error != nullptr);
    CHECK(answer.decision == Decision::kImplicitDeny);
  }
  request.action = "s3:" + std::string(300, 'a');
  CHECK(built.set->Decide(request).error != nullptr);
}

}  // namespace
}  // namespace iameval
