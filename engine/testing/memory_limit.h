// File: engine/testing/memory_limit.h
//
// For tests of what happens when memory really runs out (not one injected
// failure, allocation_counter.h): code run in a forked child, so that the
// test binary keeps its memory, whose address space may grow by only so
// much more (RLIMIT_AS). Sanitizers reserve terabytes of shadow memory up
// front, so such a limit means nothing under them: tests skip there.
//
//   if (testing::kSanitized) return;
//   int status = testing::InChildUnderMemoryLimit(24 << 20, [&] { return Work() ? 0 : 1; });
//   REQUIRE(WIFEXITED(status));

#ifndef IAMEVAL_ENGINE_TESTING_MEMORY_LIMIT_H_
#define IAMEVAL_ENGINE_TESTING_MEMORY_LIMIT_H_

#include <cstddef>
#include <functional>

namespace iameval::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// The child's exit status when it cannot set its limit.
inline constexpr int kNoMemoryLimit = 100;

// Runs `body` in a forked child whose address space may grow by `headroom`
// bytes beyond what it is now; the child exits with body()'s result (or
// kNoMemoryLimit). Returns the child's wait status (waitpid's).
int InChildUnderMemoryLimit(size_t headroom, const std::function<int()>& body);

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_MEMORY_LIMIT_H_
