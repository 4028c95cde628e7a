// File: engine/testing/allocation_counter.cc
//
// Replaces the global allocation functions of the test binary with counting
// wrappers around malloc, which fail on request (FailAllocation). Linked only
// into tests (and, separately, benchmarks).

#include "testing/allocation_counter.h"

#include <cstdlib>
#include <new>

// ThreadSanitizer's runtime defines every operator new and delete in one
// object that is always linked whole, so replacements here would clash. The
// TSan tree (`make test-tsan`) runs only the [threads] tests, which neither
// count nor fail allocations; there the counters stay at zero.
#if defined(__SANITIZE_THREAD__)
#define IAMEVAL_REPLACE_OPERATOR_NEW 0
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define IAMEVAL_REPLACE_OPERATOR_NEW 0
#endif
#endif
#ifndef IAMEVAL_REPLACE_OPERATOR_NEW
#define IAMEVAL_REPLACE_OPERATOR_NEW 1
#endif

namespace {
thread_local size_t allocations = 0;
// Allocations left before the armed failure; 0 when none is armed.
thread_local size_t fail_countdown = 0;
thread_local bool fail_and_after = false;
thread_local bool failed = false;

// Counts the allocation and says whether it must fail.
bool CountAndFail() {
  ++allocations;
  if (fail_countdown == 0) return false;
  if (fail_countdown > 1) {
    --fail_countdown;
    return false;
  }
  if (!fail_and_after) fail_countdown = 0;
  failed = true;
  return true;
}

[[maybe_unused]] void* CountedAllocate(std::size_t size) {
  if (!CountAndFail()) {
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  }
  throw std::bad_alloc();
}

[[maybe_unused]] void* CountedAllocateNothrow(std::size_t size) noexcept {
  if (CountAndFail()) return nullptr;
  return std::malloc(size == 0 ? 1 : size);
}

[[maybe_unused]] void* CountedAlignedNothrow(std::size_t size, std::align_val_t align) noexcept {
  if (CountAndFail()) return nullptr;
  const std::size_t alignment = static_cast<std::size_t>(align);
  // aligned_alloc wants a size that is a multiple of the alignment.
  const std::size_t rounded = (size + alignment - 1) / alignment * alignment;
  return std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
}

[[maybe_unused]] void* CountedAligned(std::size_t size, std::align_val_t align) {
  if (void* p = CountedAlignedNothrow(size, align)) return p;
  throw std::bad_alloc();
}
}  // namespace

namespace iameval::testing {
size_t ThreadAllocations() { return allocations; }

void FailAllocation(size_t nth, bool and_after) {
  fail_countdown = nth;
  fail_and_after = and_after;
  failed = false;
}

bool StopFailingAllocations() {
  fail_countdown = 0;
  fail_and_after = false;
  const bool any = failed;
  failed = false;
  return any;
}
}  // namespace iameval::testing

#if IAMEVAL_REPLACE_OPERATOR_NEW
void* operator new(std::size_t size) { return CountedAllocate(size); }
void* operator new[](std::size_t size) { return CountedAllocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return CountedAllocateNothrow(size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return CountedAllocateNothrow(size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

// The aligned forms too: every replaceable form is defined here, so no
// sanitizer runtime's own operator new is linked next to these (ThreadSanitizer
// defines them all in one object, which then clashes).
void* operator new(std::size_t size, std::align_val_t align) { return CountedAligned(size, align); }
void* operator new[](std::size_t size, std::align_val_t align) {
  return CountedAligned(size, align);
}
void* operator new(std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return CountedAlignedNothrow(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return CountedAlignedNothrow(size, align);
}
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { std::free(p); }
#endif  // IAMEVAL_REPLACE_OPERATOR_NEW
