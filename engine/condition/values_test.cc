// File: engine/condition/values_test.cc
//
// The typed value readers: every accepted form of decisions.md §22-§27 and
// the near misses that must stay unreadable.

#include "condition/values.h"

#include <catch2/catch.hpp>
#include <limits>
#include <string>

namespace iameval::internal {
namespace {

double Number(std::string_view text) {
  double value = -12345;
  REQUIRE(ReadNumber(text, &value));
  return value;
}

TEST_CASE("ReadNumber accepts the JSON number grammar", "[values]") {
  CHECK(Number("0") == 0);
  CHECK(Number("-0") == 0);
  CHECK(Number("42") == 42);
  CHECK(Number("-7") == -7);
  CHECK(Number("3.25") == 3.25);
  CHECK(Number("1e3") == 1000);
  CHECK(Number("1E+3") == 1000);
  CHECK(Number("25e-1") == 2.5);
  CHECK(Number("0.1") == 0.1);
  CHECK(Number("9007199254740993") == 9007199254740992.0);  // nearest double
}

TEST_CASE("ReadNumber rejects everything else", "[values]") {
  double value = 0;
  for (const char* text : {"", "-", "+1", "1.", ".5", "01", "1e", "1e+", "0x10", "inf", "nan",
                           "Infinity", " 1", "1 ", "1,5", "1.5.2", "--1", "1e400", "12a"}) {
    INFO(text);
    CHECK_FALSE(ReadNumber(text, &value));
  }
}

Instant At(std::string_view text) {
  Instant instant{-1, -1};
  INFO(text);
  REQUIRE(ReadInstant(text, &instant));
  return instant;
}

constexpr int64_t k2024 = 1704067200;  // 2024-01-01T00:00:00Z

TEST_CASE("ReadInstant reads every date form", "[values]") {
  CHECK(At("2024") == Instant{k2024, 0});
  CHECK(At("2024-01") == Instant{k2024, 0});
  CHECK(At("2024-01-01") == Instant{k2024, 0});
  CHECK(At("2024-03") == Instant{k2024 + (31 + 29) * 86400, 0});  // leap year
  CHECK(At("2024-03-01") == At("2024-03"));
  CHECK(At("2024-01-01T10:30") == Instant{k2024 + 10 * 3600 + 30 * 60, 0});
  CHECK(At("2024-01-01T10:30:15") == Instant{k2024 + 10 * 3600 + 30 * 60 + 15, 0});
  CHECK(At("2024-01-01T10:30:15Z") == At("2024-01-01T10:30:15"));
  CHECK(At("2024-01-01t10:30:15z") == At("2024-01-01T10:30:15Z"));
  CHECK(At("2024-01-01T10:30Z") == At("2024-01-01T10:30"));
  CHECK(At("2024-01-01T00:00:00.5Z") == Instant{k2024, 500'000'000});
  CHECK(At("2024-01-01T00:00:00.123456789Z") == Instant{k2024, 123'456'789});
  CHECK(At("2024-01-01T00:00:00.000000001") == Instant{k2024, 1});
  CHECK(At("2024-01-01T02:00:00+02:00") == Instant{k2024, 0});
  CHECK(At("2024-01-01T02:00:00+0200") == Instant{k2024, 0});
  CHECK(At("2023-12-31T19:00-05:00") == Instant{k2024, 0});
  CHECK(At("2023-12-31T18:30:00.25-0530") == Instant{k2024, 250'000'000});
  CHECK(At("1970-01-01T00:00:00Z") == Instant{0, 0});
  CHECK(At("1969-12-31T23:59:59Z") == Instant{-1, 0});
  CHECK(At("2000-02-29") == Instant{951782400, 0});
  CHECK(At("9999-12-31T23:59:59.999999999Z") == Instant{253402300799, 999'999'999});
}

TEST_CASE("ReadInstant reads epoch seconds, but four digits are a year", "[values]") {
  CHECK(At("0") == Instant{0, 0});
  CHECK(At("1704067200") == Instant{k2024, 0});
  CHECK(At("123") == Instant{123, 0});
  CHECK(At("12345") == Instant{12345, 0});
  CHECK(At("20240101") == Instant{20240101, 0});  // digits, not a compact date
  CHECK(At("2024") == Instant{k2024, 0});
  Instant epoch;
  REQUIRE(ReadEpochSeconds("2024", &epoch));
  CHECK(epoch == Instant{2024, 0});
  CHECK_FALSE(ReadEpochSeconds("-1", &epoch));
  CHECK_FALSE(ReadEpochSeconds("1.5", &epoch));
  CHECK_FALSE(ReadEpochSeconds("", &epoch));
  CHECK_FALSE(ReadEpochSeconds("99999999999999999999", &epoch));  // over int64
}

TEST_CASE("ReadInstant rejects malformed dates", "[values]") {
  Instant instant;
  for (const char* text : {"",
                           "2024-1",
                           "2024-13",
                           "2024-00",
                           "2023-02-29",
                           "2024-04-31",
                           "2024-01-00",
                           "2024-01-01T",
                           "2024-01-01T10",
                           "2024-01-01T24:00",
                           "2024-01-01T10:60",
                           "2024-01-01T10:30:60",
                           "2024-01-01T10:30:15.",
                           "2024-01-01T10:30:15.1234567890",
                           "2024-01-01 10:30",
                           "2024-01-01T10:30:15+2",
                           "2024-01-01T10:30:15+02:",
                           "2024-01-01T10:30:15+24:00",
                           "2024-01-01T10:30:15+02:60",
                           "2024-01-01T10:30:15ZZ",
                           "2024-01-01Z",
                           "2024Z",
                           "2024-01-01T10:30:15 Z",
                           "-1704067200",
                           "1704067200.5",
                           "1.7e9",
                           "soon",
                           "2024-01-01T10:30:15.5+01:00x",
                           " 2024",
                           "+2024"}) {
    INFO(text);
    CHECK_FALSE(ReadInstant(text, &instant));
  }
}

TEST_CASE("Instant compares exactly to the nanosecond", "[values]") {
  CHECK(Instant{5, 1} > Instant{5, 0});
  CHECK(Instant{4, 999'999'999} < Instant{5, 0});
  CHECK(Instant{5, 0} <= Instant{5, 0});
  CHECK(Instant{5, 0} >= Instant{5, 0});
  CHECK(Instant{5, 0} != Instant{5, 1});
  CHECK(At("2024-01-01T00:00:00.000000001Z") != At("2024-01-01"));
}

TEST_CASE("InstantFromEpochNumber takes integral seconds only", "[values]") {
  Instant instant;
  REQUIRE(InstantFromEpochNumber(1704067200.0, &instant));
  CHECK(instant == Instant{k2024, 0});
  CHECK_FALSE(InstantFromEpochNumber(1.5, &instant));
  CHECK_FALSE(InstantFromEpochNumber(-1, &instant));
  CHECK_FALSE(InstantFromEpochNumber(1e300, &instant));
  CHECK_FALSE(InstantFromEpochNumber(std::numeric_limits<double>::quiet_NaN(), &instant));
  CHECK_FALSE(InstantFromEpochNumber(std::numeric_limits<double>::infinity(), &instant));
}

IpAddress Address(std::string_view text) {
  IpAddress address;
  INFO(text);
  REQUIRE(ReadIpAddress(text, &address));
  return address;
}

IpNetwork Network(std::string_view text, bool* host_bits = nullptr) {
  IpNetwork network;
  INFO(text);
  REQUIRE(ReadIpNetwork(text, &network, host_bits));
  return network;
}

TEST_CASE("ReadIpAddress reads IPv4", "[values]") {
  IpAddress a = Address("203.0.113.7");
  CHECK_FALSE(a.is_v6);
  CHECK(a.high == 0);
  CHECK(a.low == 0xcb007107u);
  CHECK(Address("0.0.0.0").low == 0);
  CHECK(Address("255.255.255.255").low == 0xffffffffu);
}

TEST_CASE("ReadIpAddress reads every IPv6 text form", "[values]") {
  IpAddress full = Address("2001:0db8:0000:0000:0000:ff00:0042:8329");
  CHECK(full.is_v6);
  CHECK(full.high == 0x20010db800000000ull);
  CHECK(full.low == 0x0000ff0000428329ull);
  auto same = [](const IpAddress& a, const IpAddress& b) {
    return a.is_v6 == b.is_v6 && a.high == b.high && a.low == b.low;
  };
  CHECK(same(Address("2001:db8::ff00:42:8329"), full));
  CHECK(same(Address("2001:DB8:0:0:0:FF00:42:8329"), full));
  CHECK(same(Address("::"), IpAddress{true, 0, 0}));
  CHECK(same(Address("::1"), IpAddress{true, 0, 1}));
  CHECK(same(Address("1::"), IpAddress{true, 0x0001000000000000ull, 0}));
  CHECK(same(Address("1:2:3:4:5:6:7::"),
             IpAddress{true, 0x0001000200030004ull, 0x0005000600070000ull}));
  CHECK(same(Address("::2:3:4:5:6:7:8"),
             IpAddress{true, 0x0000000200030004ull, 0x0005000600070008ull}));
  CHECK(same(Address("::ffff:203.0.113.7"), IpAddress{true, 0, 0x0000ffffcb007107ull}));
  CHECK(same(Address("64:ff9b::203.0.113.7"),
             IpAddress{true, 0x0064ff9b00000000ull, 0x00000000cb007107ull}));
  CHECK(same(Address("1:2:3:4:5:6:1.2.3.4"),
             IpAddress{true, 0x0001000200030004ull, 0x0005000601020304ull}));
}

TEST_CASE("ReadIpAddress rejects malformed addresses", "[values]") {
  IpAddress address;
  for (const char* text : {"",
                           "1.2.3",
                           "1.2.3.4.5",
                           "256.1.1.1",
                           "01.2.3.4",
                           "1.2.3.04",
                           "1..2.3",
                           "1.2.3.4 ",
                           "a.b.c.d",
                           "1.2.3.-4",
                           ":",
                           ":::",
                           "1:2",
                           "1:2:3:4:5:6:7:8:9",
                           "1::2::3",
                           ":1::",
                           "1::2:",
                           "12345::",
                           "g::",
                           "1:2:3:4:5:6:7:8::",
                           "::1.2.3",
                           "1.2.3.4::",
                           "::1.2.3.4:5",
                           "1:2:3:4:5:6:7:1.2.3.4",
                           "fe80::1%eth0",
                           "[::1]",
                           "1.2.3.4/24"}) {
    INFO(text);
    CHECK_FALSE(ReadIpAddress(text, &address));
  }
}

TEST_CASE("ReadIpNetwork reads CIDR ranges", "[values]") {
  bool host_bits = true;
  IpNetwork v4 = Network("203.0.113.0/24", &host_bits);
  CHECK_FALSE(host_bits);
  CHECK(v4.prefix_length == 24);
  CHECK(v4.Contains(Address("203.0.113.0")));
  CHECK(v4.Contains(Address("203.0.113.255")));
  CHECK_FALSE(v4.Contains(Address("203.0.114.0")));
  CHECK_FALSE(v4.Contains(Address("::ffff:203.0.113.7")));  // families never match

  IpNetwork bare = Network("203.0.113.7", &host_bits);
  CHECK(bare.prefix_length == 32);
  CHECK(bare.Contains(Address("203.0.113.7")));
  CHECK_FALSE(bare.Contains(Address("203.0.113.8")));

  IpNetwork all = Network("0.0.0.0/0");
  CHECK(all.Contains(Address("1.2.3.4")));
  CHECK_FALSE(all.Contains(Address("::1")));

  IpNetwork v6 = Network("2001:DB8:1234:5678::/64", &host_bits);
  CHECK_FALSE(host_bits);
  CHECK(v6.Contains(Address("2001:db8:1234:5678:ffff::1")));
  CHECK_FALSE(v6.Contains(Address("2001:db8:1234:5679::1")));
  CHECK_FALSE(v6.Contains(Address("32.1.13.184")));

  IpNetwork v6_wide = Network("2001:db8::/32");
  CHECK(v6_wide.Contains(Address("2001:db8:ffff::")));
  CHECK_FALSE(v6_wide.Contains(Address("2001:db9::")));
  IpNetwork v6_long = Network("2001:db8::1:0/112");
  CHECK(v6_long.Contains(Address("2001:db8::1:abcd")));
  CHECK_FALSE(v6_long.Contains(Address("2001:db8::2:0")));
  IpNetwork v6_host = Network("::1");
  CHECK(v6_host.prefix_length == 128);
  CHECK(v6_host.Contains(Address("::1")));
  CHECK_FALSE(v6_host.Contains(Address("::2")));
  CHECK(Network("::/0").Contains(Address("ffff::")));
}

TEST_CASE("ReadIpNetwork clears and reports host bits", "[values]") {
  bool host_bits = false;
  IpNetwork network = Network("203.0.113.5/24", &host_bits);
  CHECK(host_bits);
  CHECK(network.base.low == 0xcb007100u);
  CHECK(network.Contains(Address("203.0.113.200")));
  Network("2001:db8::1/64", &host_bits);
  CHECK(host_bits);
  Network("2001:db8::1/128", &host_bits);
  CHECK_FALSE(host_bits);
  Network("10.0.0.1/32", &host_bits);
  CHECK_FALSE(host_bits);
}

TEST_CASE("ReadIpNetwork rejects malformed ranges", "[values]") {
  IpNetwork network;
  for (const char* text :
       {"203.0.113.0/33", "203.0.113.0/", "203.0.113.0/024", "/24", "203.0.113.0/-1",
        "203.0.113.0/2a", "::/129", "::/1/2", "203.0.113.0/ 24", "10.0.0.0/8/8"}) {
    INFO(text);
    CHECK_FALSE(ReadIpNetwork(text, &network, nullptr));
  }
}

TEST_CASE("DecodeBase64 takes padded standard base64", "[values]") {
  std::string out = "stale";
  REQUIRE(DecodeBase64("", &out));
  CHECK(out.empty());
  REQUIRE(DecodeBase64("QQ==", &out));
  CHECK(out == "A");
  REQUIRE(DecodeBase64("QUI=", &out));
  CHECK(out == "AB");
  REQUIRE(DecodeBase64("QUJD", &out));
  CHECK(out == "ABC");
  REQUIRE(DecodeBase64("aGVsbG8gd29ybGQ=", &out));
  CHECK(out == "hello world");
  REQUIRE(DecodeBase64("AP8+/w==", &out));
  CHECK(out == std::string("\x00\xff\x3e\xff", 4));
  for (const char* text : {"Q", "QQ", "QQ=", "QQ===", "Q===", "====", "QQ==QQ==", "QUJD\n", "QU JD",
                           "QU-_", "=QUJ", "QU=D"}) {
    INFO(text);
    CHECK_FALSE(DecodeBase64(text, &out));
  }
}

TEST_CASE("Base64DecodesTo compares without decoding into memory", "[values]") {
  bool equal = false;
  REQUIRE(Base64DecodesTo("aGVsbG8=", "hello", &equal));
  CHECK(equal);
  REQUIRE(Base64DecodesTo("aGVsbG8=", "hellp", &equal));
  CHECK_FALSE(equal);
  REQUIRE(Base64DecodesTo("aGVsbG8=", "hell", &equal));
  CHECK_FALSE(equal);
  REQUIRE(Base64DecodesTo("", "", &equal));
  CHECK(equal);
  equal = true;
  CHECK_FALSE(Base64DecodesTo("aGVsbG8", "hello", &equal));
  CHECK(equal);  // unchanged on unreadable input
}

TEST_CASE("ReadBool takes true and false in any case", "[values]") {
  bool value = false;
  REQUIRE(ReadBool("true", &value));
  CHECK(value);
  REQUIRE(ReadBool("FALSE", &value));
  CHECK_FALSE(value);
  REQUIRE(ReadBool("True", &value));
  CHECK(value);
  for (const char* text : {"", "1", "0", "yes", "t", "truee", " true", "fals"}) {
    INFO(text);
    CHECK_FALSE(ReadBool(text, &value));
  }
}

}  // namespace
}  // namespace iameval::internal
