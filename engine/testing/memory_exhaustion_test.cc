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

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

#include "iameval/json.h"

namespace iameval {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// The process's address space now, in bytes (/proc/self/statm's first field).
size_t AddressSpaceBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0;
  statm >> pages;
  return pages * static_cast<size_t>(sysconf(_SC_PAGESIZE));
}

// Runs `body` in a child whose address space may grow by `headroom` bytes
// more; returns its wait status.
template <typename Body>
int InChildUnderMemoryLimit(size_t headroom, Body&& body) {
  const pid_t pid = fork();
  if (pid == 0) {
    rlimit limit;
    limit.rlim_cur = limit.rlim_max = AddressSpaceBytes() + headroom;
    if (setrlimit(RLIMIT_AS, &limit) != 0) _exit(3);
    _exit(body());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

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
