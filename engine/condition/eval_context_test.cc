// File: engine/condition/eval_context_test.cc
//
// Condition-key lookup for one decision: the word-at-a-time case folding
// against byte-by-byte references, the prepared keys (ConditionKey), the
// two ways a context is searched (a scan for small contexts, the Context's
// own index for larger ones), lookups that stay O(1) at 10,000 keys, keys
// whose hashes collide, mixed letter case, and the caller's context winning
// over derived keys whichever way it is searched.

#include "condition/eval_context.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace iameval::internal {
namespace {

bool EqualsIgnoreCaseReference(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

Caller UserCaller() {
  Caller caller;
  caller.kind = CallerKind::kUser;
  caller.text = "arn:aws:iam::111122223333:user/alice";
  caller.partition = "aws";
  caller.account = "111122223333";
  caller.name = "alice";
  caller.path = "/";
  return caller;
}

// `text` with the letter case of each letter flipped at random.
std::string ShuffleCase(std::string text, std::mt19937* random) {
  for (char& c : text) {
    if ((*random)() % 2 == 0) continue;
    if (c >= 'a' && c <= 'z')
      c = static_cast<char>(c - 32);
    else if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c + 32);
  }
  return text;
}

// The value the context gives `key` through every lookup path: a prepared
// key and a plain one, in the key's own case.
std::string LookedUp(const EvalContext& context, std::string_view key) {
  const KeyValues prepared = context.Lookup(ConditionKey::Make(key));
  const KeyValues plain = context.Lookup(key);
  REQUIRE(prepared.present() == plain.present());
  if (!prepared.present()) return "<absent>";
  REQUIRE(prepared.size() == 1);
  REQUIRE(plain.size() == 1);
  REQUIRE(prepared.at(0).text == plain.at(0).text);
  return std::string(prepared.at(0).text);
}

TEST_CASE("LowerAsciiWord lowercases A-Z and nothing else, in every byte", "[eval_context]") {
  for (int value = 0; value < 256; ++value) {
    for (int position = 0; position < 8; ++position) {
      char bytes[8] = {'x', 'Y', '@', '[', '`', '{', 'Z', 'a'};
      bytes[position] = static_cast<char>(value);
      char expected[8];
      for (int i = 0; i < 8; ++i) {
        const char c = bytes[i];
        expected[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      }
      INFO("byte " << value << " at " << position);
      CHECK(LowerAsciiWord(LoadWord(bytes)) == LoadWord(expected));
    }
  }
}

TEST_CASE("EqualsIgnoreCase agrees with a byte-by-byte reference", "[eval_context]") {
  std::mt19937 random(20261128);
  // Letters, their neighbours in ASCII (which a careless fold confuses) and
  // UTF-8 bytes.
  const std::string alphabet = "aAzZmM@[`{/:-_09\x80\xc3\xa9\xff";
  for (int round = 0; round < 20000; ++round) {
    const size_t length = random() % 41;
    std::string a;
    for (size_t i = 0; i < length; ++i) a.push_back(alphabet[random() % alphabet.size()]);
    std::string b = ShuffleCase(a, &random);
    if (length > 0 && random() % 3 == 0)
      b[random() % length] = alphabet[random() % alphabet.size()];
    if (random() % 10 == 0) b.push_back('a');
    INFO(a << " / " << b);
    CHECK(EqualsIgnoreCase(a, b) == EqualsIgnoreCaseReference(a, b));
    CHECK(EqualsIgnoreCase(b, a) == EqualsIgnoreCaseReference(a, b));
  }
  CHECK(EqualsIgnoreCase("aws:PrincipalTag/Team", "AWS:principaltag/team"));
  CHECK_FALSE(EqualsIgnoreCase("aws:PrincipalTag/Team", "aws:PrincipalTag/Tean"));
  CHECK_FALSE(EqualsIgnoreCase("aws:sourceip@", "aws:sourceip`"));  // 0x40 vs 0x60
  CHECK_FALSE(EqualsIgnoreCase("aws:sourceip[[", "aws:sourceip{{"));
}

TEST_CASE("KeyHash ignores letter case", "[eval_context]") {
  std::mt19937 random(7);
  for (const char* key : {"a:b", "aws:SourceIp", "aws:PrincipalTag/team", "s3:prefix",
                          "aws:PrincipalTag/a-very-long-tag-name-beyond-forty-eight-bytes"}) {
    for (int i = 0; i < 20; ++i) CHECK(KeyHash(ShuffleCase(key, &random)) == KeyHash(key));
  }
}

TEST_CASE("A prepared key matches context keys exactly as EqualsIgnoreCase does",
          "[eval_context]") {
  std::mt19937 random(99);
  const std::string alphabet = "abcxyzABCXYZ@[`{:/-\xc3\xa9";
  for (int round = 0; round < 20000; ++round) {
    const size_t length = 1 + random() % 60;  // words, the overlapping tail, and beyond 48 bytes
    std::string key;
    for (size_t i = 0; i < length; ++i) key.push_back(alphabet[random() % alphabet.size()]);
    std::string text = ShuffleCase(key, &random);
    if (random() % 2 == 0) text[random() % length] = alphabet[random() % alphabet.size()];
    const ConditionKey prepared = ConditionKey::Make(key);
    INFO(key << " / " << text);
    CHECK(KeyMatches(text, prepared.ref()) == EqualsIgnoreCaseReference(text, key));
    CHECK(prepared.hash == KeyHash(key));
  }
}

TEST_CASE("ConditionKey knows the derived keys in any letter case", "[eval_context]") {
  CHECK(ConditionKey::Make("AWS:PrincipalARN").derived == DerivedKey::kPrincipalArn);
  CHECK(ConditionKey::Make("aws:currenttime").derived == DerivedKey::kCurrentTime);
  CHECK(ConditionKey::Make("aws:EpochTime").derived == DerivedKey::kEpochTime);
  CHECK(ConditionKey::Make("aws:username").derived == DerivedKey::kUsername);
  CHECK(ConditionKey::Make("aws:SourceIp").derived == DerivedKey::kNone);
  CHECK(ConditionKey::Make("x:username").derived == DerivedKey::kNone);
  CHECK(ConditionKey::Make("aws:usernames").derived == DerivedKey::kNone);
  CHECK(ConditionKey::Make("AWS:PrincipalARN").name == "aws:principalarn");
}

// Every size of context, so each search path (scan, index) is taken, with
// keys in mixed case on both sides.
TEST_CASE("Lookups find the caller's entries whatever the context's size", "[eval_context]") {
  std::mt19937 random(2026);
  const Caller caller = UserCaller();
  const size_t sizes[] = {0,   1,   Context::kIndexedAbove, Context::kIndexedAbove + 1, 20, 64, 65,
                          150, 1000};
  for (size_t size : sizes) {
    Request request;
    std::vector<std::string> keys;
    for (size_t i = 0; i < size; ++i) {
      // Keys of every length from 3 bytes up, many of one length, some alike.
      std::string key = "k:" + std::string(1 + i % 13, 'a' + static_cast<char>(i % 26));
      key += "/Tag" + std::to_string(i);
      keys.push_back(key);
      request.context.Set(ShuffleCase(key, &random), "v" + std::to_string(i));
    }
    request.context.Set("AWS:PrincipalArn", "given");
    EvalContext context(request, caller, "111122223333");
    INFO("context of " << request.context.entries().size() << " entries");
    for (size_t i = 0; i < size; ++i) {
      CHECK(LookedUp(context, ShuffleCase(keys[i], &random)) == "v" + std::to_string(i));
    }
    // Absent keys, also of the same length as present ones.
    CHECK(LookedUp(context, "k:absent") == "<absent>");
    CHECK(LookedUp(context, "k:b/Tag0") == "<absent>");
    CHECK(LookedUp(context, "k:a/Tag1") == "<absent>");
    // The caller's value wins over the derived one; other derived keys remain.
    CHECK(LookedUp(context, "aws:principalarn") == "given");
    CHECK(LookedUp(context, "aws:username") == "alice");
    CHECK(LookedUp(context, "aws:PrincipalAccount") == "111122223333");
  }
}

// #12: a lookup while deciding must not grow with the context. Every entry
// the index hands to the compare is counted: at 10,000 keys a present key
// costs one compare and an absent one none (barring a hash collision), and
// the probe sequences stay short. A scan would compare thousands.
TEST_CASE("A lookup in a context of 10,000 keys compares one key", "[eval_context]") {
  Request request;
  std::vector<std::string> keys;
  for (int i = 0; i < 10000; ++i) {
    keys.push_back("custom:filler/key" + std::to_string(i));
    request.context.Set(keys.back(), std::to_string(i));
  }
  const std::vector<Context::IndexSlot>& index = request.context.index();
  REQUIRE(index.size() >= 2 * keys.size());  // at most half full

  size_t compares = 0;
  size_t worst = 0;
  for (size_t i = 0; i < keys.size(); i += 7) {
    const ConditionKey key = ConditionKey::Make(keys[i]);
    size_t these = 0;
    const Context::Entry* entry =
        ProbeContextIndex(request.context, key.hash, [&](std::string_view text) {
          ++these;
          return KeyMatches(text, key.ref());
        });
    REQUIRE(entry != nullptr);
    CHECK(entry->key == keys[i]);
    compares += these;
    worst = std::max(worst, these);
  }
  CHECK(worst <= 2);
  size_t absent = 0;
  for (int i = 0; i < 1000; ++i) {
    const ConditionKey key = ConditionKey::Make("custom:absent/key" + std::to_string(i));
    CHECK(ProbeContextIndex(request.context, key.hash, [&](std::string_view) {
            ++absent;
            return false;
          }) == nullptr);
  }
  CHECK(absent <= 2);

  // Probe lengths: the index's slots walked, on average, for a present key.
  size_t walked = 0;
  const size_t mask = index.size() - 1;
  for (const std::string& text : keys) {
    const uint32_t hash = KeyHash(text);
    for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      ++walked;
      REQUIRE(index[slot].entry != 0);
      if (request.context.entries()[index[slot].entry - 1].key == text) break;
    }
  }
  CHECK(walked < 2 * keys.size());

  // And through EvalContext, which goes through the same probe.
  EvalContext context(request, UserCaller(), "");
  CHECK(LookedUp(context, "CUSTOM:FILLER/KEY9999") == "9999");
  CHECK(LookedUp(context, "custom:filler/key10000") == "<absent>");
}

// Keys are the caller's to choose (tag keys in `aws:RequestTag/...`), so the
// hash must look at every byte: 2,000 keys of one length that differ only in
// bytes 8-15 and 24-31, which a hash sampling the first, middle and last
// words would file in one run, still cost a compare or two per lookup.
TEST_CASE("Keys that differ only between the hash's words do not pile up", "[eval_context]") {
  Request request;
  std::vector<std::string> keys;
  for (int i = 0; i < 2000; ++i) {
    char inner[9], outer[9];
    std::snprintf(inner, sizeof inner, "%08d", i);
    std::snprintf(outer, sizeof outer, "%08d", 1999 - i);
    // 40 bytes: [0,8) fixed, [8,16) varies, [16,24) fixed, [24,32) varies, [32,40) fixed.
    keys.push_back(std::string("aws:Requ") + inner + "estTag/P" + outer + "fixedEnd");
    REQUIRE(keys.back().size() == 40);
    request.context.Set(keys.back(), std::to_string(i));
  }
  size_t worst = 0;
  for (const std::string& text : keys) {
    const ConditionKey key = ConditionKey::Make(text);
    size_t these = 0;
    REQUIRE(ProbeContextIndex(request.context, key.hash, [&](std::string_view candidate) {
              ++these;
              return KeyMatches(candidate, key.ref());
            }) != nullptr);
    worst = std::max(worst, these);
  }
  CHECK(worst <= 3);
}

TEST_CASE("The Context's index follows every change", "[eval_context]") {
  std::mt19937 random(16);
  Request request;
  std::vector<std::string> present;
  for (int i = 0; i < 300; ++i) {
    const std::string key = "k:" + std::to_string(i);
    request.context.Set(ShuffleCase(key, &random), "v" + std::to_string(i));
    present.push_back(key);
    if (i % 5 == 4) {  // replaced in another letter case: still one entry
      request.context.Set(ShuffleCase(key, &random), "w" + std::to_string(i));
    }
    if (i % 7 == 6) {  // removed: every entry after it moves
      request.context.Remove(ShuffleCase(present[present.size() / 2], &random));
      present.erase(present.begin() + static_cast<long>(present.size() / 2));
    }
  }
  REQUIRE(request.context.entries().size() == present.size());
  CHECK(!request.context.index().empty());
  EvalContext context(request, UserCaller(), "");
  for (const std::string& key : present) {
    const std::string number = key.substr(2);
    const std::string expect = (std::stoi(number) % 5 == 4 ? "w" : "v") + number;
    CHECK(LookedUp(context, ShuffleCase(key, &random)) == expect);
    CHECK(request.context.Find(ShuffleCase(key, &random)) != nullptr);
  }
  CHECK(LookedUp(context, "k:300") == "<absent>");
  // Back to a small context: scanned again, the index dropped.
  while (request.context.entries().size() > 3) {
    request.context.Remove(request.context.entries().back().key);
  }
  CHECK(request.context.index().empty());
  EvalContext small(request, UserCaller(), "");
  CHECK(LookedUp(small, request.context.entries().front().key) != "<absent>");
  // A copied request keeps a working index.
  Request big;
  for (int i = 0; i < 40; ++i) big.context.Set("c:" + std::to_string(i), std::to_string(i));
  const Request copy = big;
  big.context = Context();
  EvalContext copied(copy, UserCaller(), "");
  CHECK(LookedUp(copied, "C:39") == "39");
}

TEST_CASE("Keys whose hashes collide are told apart", "[eval_context]") {
  // Find two keys with the same 32-bit hash (a birthday search, a few
  // hundred thousand keys).
  std::unordered_map<uint32_t, std::string> seen;
  std::string first, second;
  for (int i = 0; first.empty(); ++i) {
    REQUIRE(i < 5000000);
    std::string key = "x:collide-" + std::to_string(i);
    auto [it, inserted] = seen.emplace(KeyHash(key), key);
    if (!inserted) {
      first = it->second;
      second = key;
    }
  }
  REQUIRE(KeyHash(first) == KeyHash(second));
  REQUIRE(first != second);

  const Caller caller = UserCaller();
  for (size_t padding : {size_t{0}, size_t{20}}) {  // scanned, and through the index
    Request request;
    for (size_t i = 0; i < padding; ++i) request.context.Set("p:" + std::to_string(i), "pad");
    request.context.Set(second, "second-value");
    EvalContext context(request, caller, "");
    INFO(first << " / " << second << ", padding " << padding);
    // Only the second is in the context: the first, same hash, is absent.
    CHECK(LookedUp(context, second) == "second-value");
    CHECK(LookedUp(context, first) == "<absent>");

    request.context.Set(first, "first-value");
    EvalContext both(request, caller, "");
    CHECK(LookedUp(both, first) == "first-value");
    CHECK(LookedUp(both, second) == "second-value");
  }
}

TEST_CASE("The caller's context wins over every derived key", "[eval_context]") {
  const Caller caller = UserCaller();
  const char* derived[] = {"aws:PrincipalArn",
                           "aws:PrincipalAccount",
                           "aws:PrincipalType",
                           "aws:username",
                           "aws:userid",
                           "aws:ResourceAccount",
                           "aws:PrincipalIsAWSService",
                           "aws:PrincipalServiceName",
                           "aws:CurrentTime",
                           "aws:EpochTime"};
  for (size_t padding : {size_t{0}, size_t{30}, size_t{100}}) {
    for (const char* key : derived) {
      Request request;
      request.now = std::chrono::system_clock::time_point(std::chrono::seconds(1717243200));
      for (size_t i = 0; i < padding; ++i) request.context.Set("p:" + std::to_string(i), "pad");
      std::string upper(key);
      for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
      request.context.Set(upper, "from-caller");
      EvalContext context(request, caller, "111122223333");
      INFO(key << ", padding " << padding);
      CHECK(LookedUp(context, key) == "from-caller");
    }
  }
  // Without the caller's value, the derived ones.
  Request request;
  request.now = std::chrono::system_clock::time_point(std::chrono::seconds(1717243200));
  EvalContext context(request, caller, "111122223333");
  CHECK(LookedUp(context, "AWS:PRINCIPALARN") == "arn:aws:iam::111122223333:user/alice");
  CHECK(LookedUp(context, "aws:PrincipalType") == "User");
  CHECK(LookedUp(context, "aws:CurrentTime") == "2024-06-01T12:00:00Z");
  CHECK(LookedUp(context, "aws:epochtime") == "1717243200");
  CHECK(LookedUp(context, "aws:userid") == "<absent>");
  CHECK(LookedUp(context, "aws:ResourceAccount") == "111122223333");
}

// aws:CurrentTime as gmtime and snprintf write it, which is how it was
// formatted before it was kept as a number.
std::string ReferenceCurrentTime(int64_t seconds) {
  std::time_t as_time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  REQUIRE(gmtime_r(&as_time, &utc) != nullptr);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

TEST_CASE("aws:CurrentTime and aws:EpochTime: text, number and instant agree", "[eval_context]") {
  std::mt19937_64 random(1717243200);
  // Request::now counts nanoseconds in 64 bits: about 1678 to 2262.
  std::vector<int64_t> instants = {0,          1,         86399,      86400,       951782400,
                                   951868799,  951868800, 4107542400, 4107628799,  1717243200,
                                   9000000000, -1,        -86401,     -3000000000, -9000000000};
  for (int i = 0; i < 20000; ++i) {
    instants.push_back(static_cast<int64_t>(random() % 18000000000) - 9000000000);
  }
  const Caller caller = UserCaller();
  for (int64_t seconds : instants) {
    Request request;
    request.now = std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
    EvalContext context(request, caller, "");
    const KeyValues current = context.Lookup(ConditionKey::Make("aws:CurrentTime"));
    const KeyValues epoch = context.Lookup(ConditionKey::Make("aws:EpochTime"));
    INFO(seconds);
    REQUIRE(current.present());
    REQUIRE(epoch.present());
    const ScalarView text = current.at(0);
    const ScalarView number = epoch.at(0);
    CHECK(text.text == ReferenceCurrentTime(seconds));
    CHECK(number.type == ContextScalar::Type::kNumber);
    CHECK(number.number == static_cast<double>(seconds));
    CHECK(number.text == std::to_string(seconds));
    // A known instant is exactly what reading the value back would give.
    CHECK(text.has_instant == number.has_instant);
    CHECK(text.has_instant == (seconds >= 0 && seconds <= 253402300799));
    if (text.has_instant) {
      Instant read;
      REQUIRE(ReadInstant(text.text, &read));
      CHECK(read == text.instant);
      REQUIRE(InstantFromEpochNumber(number.number, &read));
      CHECK(read == number.instant);
      CHECK(read.seconds == seconds);
    }
  }
}

TEST_CASE("An empty list and an empty string stay what they are", "[eval_context]") {
  Request request;
  request.context.SetList("x:EmptyList", std::vector<std::string>{}).Set("x:EmptyString", "");
  for (int i = 0; i < 12; ++i) request.context.Set("p:" + std::to_string(i), "pad");
  const Caller caller = UserCaller();
  EvalContext context(request, caller, "");
  const KeyValues list = context.Lookup(ConditionKey::Make("X:EMPTYLIST"));
  CHECK(list.present());
  CHECK(list.is_list());
  CHECK(list.size() == 0);
  CHECK(list.is_null());
  const KeyValues text = context.Lookup(ConditionKey::Make("x:emptystring"));
  CHECK(text.present());
  CHECK_FALSE(text.is_list());
  CHECK(text.size() == 1);
  CHECK(text.is_null());
  CHECK_FALSE(context.Lookup(ConditionKey::Make("x:missing")).present());
}

}  // namespace
}  // namespace iameval::internal
