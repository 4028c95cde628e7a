// File: engine/base/context_reader_test.cc

#include "iameval/context_reader.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

namespace iameval {
namespace {

TEST_CASE("ContextReader refuses a key given twice, ignoring case", "[context]") {
  Context context;
  ContextReader reader(&context);
  std::string error;
  REQUIRE(reader.AddString("aws:SourceIp", "203.0.113.7", &error));
  CHECK_FALSE(reader.AddString("AWS:SOURCEIP", "10.0.0.1", &error));
  CHECK(error == "duplicate context key `AWS:SOURCEIP` (keys compare ignoring case)");
  CHECK_FALSE(reader.AddList("aws:sourceip", {}, &error));
  REQUIRE(context.entries().size() == 1);
  CHECK(context.Find("aws:sourceip")->values.front().text == "203.0.113.7");
  // Keys already in the context count as given.
  ContextReader later(&context);
  CHECK_FALSE(later.CheckKey("Aws:SourceIP", &error));
  // Only ASCII letters fold, as the engine compares keys.
  CHECK(reader.AddString("app:\xC3\x89t\xC3\xA9", "1", &error));
  CHECK(reader.AddString("app:\xC3\xA9t\xC3\xA9", "2", &error));
}

TEST_CASE("ContextReader enforces InputLimits", "[context]") {
  Context context;
  InputLimits limits;
  limits.max_context_keys = 2;
  limits.max_context_values = 2;
  limits.max_context_value_bytes = 4;
  ContextReader reader(&context, limits);
  std::string error;
  CHECK_FALSE(reader.AddString("a", "12345", &error));
  CHECK(error == "context key `a` holds a value longer than 4 bytes, the limit");
  ContextScalar v;
  v.text = "x";
  CHECK_FALSE(reader.AddList("a", {v, v, v}, &error));
  CHECK(error == "context key `a` holds more than 2 values, the limit");
  CHECK(context.empty());
  CHECK(reader.AddString("a", "1234", &error));
  CHECK(reader.AddList("b", {v, v}, &error));
  CHECK_FALSE(reader.AddString("c", "", &error));
  CHECK(error == "request field `context` has more than 2 keys, the limit");
  CHECK(InputTooLongError("the input", InputLimits()) ==
        "the input is longer than 16,777,216 bytes, the limit");
}

TEST_CASE("ContextReader adds each key in constant time", "[context]") {
  // 200,000 keys through Context::Set cost n^2 / 2 = 2e10 compares; here a
  // hash set keeps it linear.
  Context context;
  ContextReader reader(&context, InputLimits::Unbounded());
  std::string error;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200000; ++i) {
    REQUIRE(reader.AddString("app:Key" + std::to_string(i), "v", &error));
  }
  CHECK_FALSE(reader.AddString("APP:KEY199999", "v", &error));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
  CHECK(context.entries().size() == 200000);
}

}  // namespace
}  // namespace iameval
