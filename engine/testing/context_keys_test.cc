// File: engine/testing/context_keys_test.cc
//
// Pins how a decision finds condition keys after commits 08dc419 and
// 117d427: keys are prepared when a policy compiles, the request's context
// keys go into a per-decision hash table, and names are compared ignoring
// case eight bytes at a time; aws:CurrentTime and aws:EpochTime are carried
// as numbers and formatted digit by digit.
//
// A word-wise case-insensitive compare that folds with `| 0x20` (or a hash
// that does) would make `[` equal `{`, `@` equal a backquote, `_` equal DEL,
// `\` equal `|`: keys AWS keeps apart. So for each such pair, at the end of
// a key, inside it, and either side of an eight-byte boundary, only the same
// key (in any letter case) may satisfy the condition. The time keys are
// checked through conditions of every family on pinned instants, including
// a leap day, the last second of a day and of a year, 1970 and an instant
// before it (which takes the other formatting path).

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "iameval/iameval.h"

namespace iameval {
namespace {

PolicySet OneCondition(const std::string& op, const std::string& key, const std::string& value) {
  const std::string text = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", )"
                           R"("Action": "s3:GetObject", "Resource": "*", "Condition": {")" +
                           op + R"(": {")" + key + R"(": )" + value + "}}}]}";
  ParseResult parsed = Policy::Parse(text, PolicyKind::kIdentity);
  INFO(text);
  REQUIRE(parsed.ok());
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(*parsed.policy);
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

Request BaseRequest() {
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::b/k";
  request.resource_account = "111122223333";
  return request;
}

std::string Upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  }
  return text;
}

TEST_CASE("context key names fold the case of letters only", "[context][hot-path]") {
  const std::pair<char, char> pairs[] = {{'[', '{'},    {'@', '`'},   {'_', '\x7f'}, {'\\', '|'},
                                         {']', '}'},    {'^', '~'},   {'-', '\r'},   {'.', '\x0e'},
                                         {'/', '\x0f'}, {'1', '\x11'}};
  const char* const prefixes[] = {"aws:PrincipalTag/", "aws:PrincipalTag/abcdefg",
                                  "aws:PrincipalTag/abcdefgh",
                                  "t:", "aws:RequestTag/abcdefghijklmnopqrstu"};
  for (const auto& [kept, other] : pairs) {
    for (const char* prefix : prefixes) {
      for (bool middle : {false, true}) {
        const std::string key =
            std::string(prefix) + (middle ? std::string("x") + kept + "y" : std::string(1, kept));
        const std::string look_alike =
            std::string(prefix) + (middle ? std::string("x") + other + "y" : std::string(1, other));
        // JSON-escape the control characters of the key for the policy text.
        std::string json_key;
        for (char c : key) {
          if (c == '\\') {
            json_key += "\\\\";
          } else {
            json_key += c;
          }
        }
        PolicySet set = OneCondition("StringEquals", json_key, "\"v\"");
        INFO("key `" << key << "`, look-alike byte " << static_cast<int>(other));
        for (const std::string& given : {key, Upper(key)}) {
          Request request = BaseRequest();
          request.context.Set(given, "v");
          CHECK(set.Decide(request).decision == Decision::kAllowed);
        }
        for (const std::string& given : {look_alike, Upper(look_alike)}) {
          Request request = BaseRequest();
          request.context.Set(given, "v");
          CHECK(set.Decide(request).decision == Decision::kImplicitDeny);
        }
      }
    }
  }
}

TEST_CASE("many context keys sharing long prefixes are each found", "[context][hot-path]") {
  // Keys alike in their first 8, 16, 24 bytes and differing only after: a
  // per-decision table must neither merge nor lose them.
  Request request = BaseRequest();
  for (int i = 0; i < 64; ++i) {
    request.context.Set("aws:PrincipalTag/abcdefghijklmnop" + std::to_string(i),
                        "v" + std::to_string(i));
  }
  for (int i : {0, 1, 9, 10, 19, 63}) {
    const std::string key = "AWS:principaltag/ABCDEFGHIJKLMNOP" + std::to_string(i);
    PolicySet yes = OneCondition("StringEquals", key, "\"v" + std::to_string(i) + "\"");
    PolicySet no = OneCondition("StringEquals", key, "\"v" + std::to_string(i + 1) + "\"");
    INFO(key);
    CHECK(yes.Decide(request).decision == Decision::kAllowed);
    CHECK(no.Decide(request).decision == Decision::kImplicitDeny);
  }
  PolicySet absent = OneCondition("Null", "aws:PrincipalTag/abcdefghijklmnop64", "\"true\"");
  CHECK(absent.Decide(request).decision == Decision::kAllowed);
}

std::chrono::system_clock::time_point At(int64_t seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

TEST_CASE("aws:CurrentTime and aws:EpochTime on pinned instants", "[context][hot-path]") {
  struct Case {
    int64_t seconds;
    const char* text;
  };
  const Case cases[] = {
      {0, "1970-01-01T00:00:00Z"},
      {951782400, "2000-02-29T00:00:00Z"},   // leap day of a century leap year
      {1709251199, "2024-02-29T23:59:59Z"},  // last second of a leap day
      {1767225599, "2025-12-31T23:59:59Z"},  // last second of a year
      {1767225600, "2026-01-01T00:00:00Z"},
      {4102444800, "2100-01-01T00:00:00Z"},  // 2100 is not a leap year
      {4107542400, "2100-03-01T00:00:00Z"},
      {-1, "1969-12-31T23:59:59Z"},  // before 1970: the other path
  };
  for (const Case& c : cases) {
    Request request = BaseRequest();
    request.now = At(c.seconds);
    const std::string text = c.text;
    const std::string epoch = std::to_string(c.seconds);
    INFO(text << " = " << epoch);
    auto decide = [&](const std::string& op, const std::string& key, const std::string& value) {
      return OneCondition(op, key, value).Decide(request).decision;
    };
    CHECK(decide("StringEquals", "aws:CurrentTime", "\"" + text + "\"") == Decision::kAllowed);
    CHECK(decide("StringLike", "aws:currenttime", "\"" + text.substr(0, 8) + "*\"") ==
          Decision::kAllowed);
    CHECK(decide("DateEquals", "aws:CurrentTime", "\"" + text + "\"") == Decision::kAllowed);
    CHECK(decide("DateLessThan", "aws:CurrentTime", "\"" + text + "\"") == Decision::kImplicitDeny);
    CHECK(decide("DateGreaterThanEquals", "aws:CurrentTime", "\"" + text + "\"") ==
          Decision::kAllowed);
    CHECK(decide("DateGreaterThan", "aws:CurrentTime", "\"" + text + "\"") ==
          Decision::kImplicitDeny);
    CHECK(decide("StringEquals", "aws:EpochTime", "\"" + epoch + "\"") == Decision::kAllowed);
    CHECK(decide("NumericEquals", "aws:EpochTime", "\"" + epoch + "\"") == Decision::kAllowed);
    CHECK(decide("NumericLessThan", "aws:EpochTime", "\"" + epoch + "\"") ==
          Decision::kImplicitDeny);
    CHECK(decide("NumericLessThanEquals", "AWS:EPOCHTIME", "\"" + epoch + "\"") ==
          Decision::kAllowed);
    // A negative epoch is no date (`DateEquals` refuses "-1" in a policy
    // too), before and after 117d427 alike; from 1970 on it is one.
    if (c.seconds >= 0) {
      CHECK(decide("DateEquals", "aws:EpochTime", "\"" + text + "\"") == Decision::kAllowed);
      CHECK(decide("DateGreaterThan", "aws:EpochTime", "\"" + text + "\"") ==
            Decision::kImplicitDeny);
      CHECK(decide("DateGreaterThanEquals", "aws:EpochTime", epoch) == Decision::kAllowed);
    }
  }
  // A sub-second instant is truncated to its second, as before.
  Request request = BaseRequest();
  request.now = At(1767225600) + std::chrono::milliseconds(999);
  CHECK(OneCondition("StringEquals", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"")
            .Decide(request)
            .decision == Decision::kAllowed);
  CHECK(OneCondition("DateGreaterThan", "aws:CurrentTime", "\"2026-01-01T00:00:00Z\"")
            .Decide(request)
            .decision == Decision::kImplicitDeny);
}

}  // namespace
}  // namespace iameval

namespace iameval {
namespace {

TEST_CASE("look-alike context keys stay apart on every lookup path", "[context][hot-path]") {
  // Contexts of up to 16 keys are scanned, 17 to 64 go through the hash
  // table, more are scanned again (eval_context.h): the same letters-only
  // folding must hold on each path, at each boundary.
  const std::string key = "aws:PrincipalTag/abcdefg[";
  const std::string look_alike = "aws:PrincipalTag/abcdefg{";
  PolicySet set = OneCondition("StringEquals", key, "\"v\"");
  for (size_t size : {1, 2, 16, 17, 63, 64, 65, 80}) {
    for (bool present : {false, true}) {
      Request request = BaseRequest();
      for (size_t i = 1; i < size; ++i) request.context.Set("t:filler" + std::to_string(i), "v");
      request.context.Set(present ? Upper(key) : look_alike, "v");
      INFO(size << " keys, " << (present ? "the key" : "a look-alike"));
      CHECK(set.Decide(request).decision ==
            (present ? Decision::kAllowed : Decision::kImplicitDeny));
    }
  }
}

}  // namespace
}  // namespace iameval
