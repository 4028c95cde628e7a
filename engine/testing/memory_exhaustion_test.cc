// File: engine/testing/memory_exhaustion_test.cc
//
// Memory that really runs out, not just one injected failure: the JSON layer
// under an address-space limit (a forked child, so the test binary keeps its
// memory) must answer with an error, never crash and never allow. RapidJSON
// wrote through the null pointer a failed malloc returned: a request with a
// 64 MiB context value under a tight limit was a SIGSEGV inside its string
// reader (issue #12; json/rapidjson_types.h is the fix).
//
// Also checks that no source outside the test helpers uses RapidJSON's
// default, unchecked allocator, so a new reader cannot bring the crash back.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "iameval/json.h"
#include "testing/memory_limit.h"

namespace iameval {
namespace {

using testing::InChildUnderMemoryLimit;
using testing::kSanitized;

TEST_CASE("DecideJson answers an error when memory runs out inside RapidJSON",
          "[fail-closed][json]") {
  if (kSanitized) {
    SUCCEED("address-space limits do not apply under sanitizers");
    return;
  }
  const std::string big(64 << 20, 'a');
  const std::string input =
      R"({"policies": {"identity": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "*", "Resource": "*"}}]}, "request": {"principal":
      "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "*",
      "context": {"aws:UserAgent": ")" +
      big + R"("}}})";
  const int status = InChildUnderMemoryLimit(24 << 20, [&] {
    // Unbounded: the default InputLimits would refuse the input unread.
    const std::string answer = DecideJson(input, InputLimits::Unbounded());
    if (answer.find(R"("allowed")") != std::string::npos) return 1;
    if (answer.find(R"("error":"internal-error")") == std::string::npos) return 2;
    return 0;
  });
  INFO("wait status " << status);
  REQUIRE(WIFEXITED(status));  // before the fix: killed by SIGSEGV
  CHECK(WEXITSTATUS(status) == 0);
}

TEST_CASE("no source uses RapidJSON's unchecked default allocator", "[fail-closed][json]") {
  namespace fs = std::filesystem;
  const fs::path root(IAMEVAL_SOURCE_DIR);
  // RapidJSON's default-allocator types: their malloc results are never checked.
  const std::regex unchecked(
      R"(rapidjson::(Document|Value|Reader|StringBuffer|CrtAllocator|MemoryPoolAllocator<>)\b|)"
      R"(rapidjson::(Writer|PrettyWriter)<\s*rapidjson::StringBuffer\s*>)");
  size_t files = 0;
  for (const char* dir : {"engine/base", "engine/json", "engine/match", "engine/condition",
                          "engine/policy", "engine/decide", "engine/json_api", "engine/cli",
                          "engine/include", "wasm/src", "python/src"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / dir)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name.find("_test.") != std::string::npos) continue;
      if (entry.path().extension() != ".cc" && entry.path().extension() != ".h") continue;
      if (name == "rapidjson_types.h") continue;  // defines the checked types
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      ++files;
      INFO(entry.path().string());
      CHECK_FALSE(std::regex_search(text.str(), unchecked));
    }
  }
  CHECK(files > 50);
}

}  // namespace
}  // namespace iameval
