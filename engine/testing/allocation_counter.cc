// File: engine/testing/allocation_counter.cc
//
// Replaces the global allocation functions of the test binary with counting
// wrappers around malloc, which fail on request (FailAllocation). Linked only
// into tests (and, separately, benchmarks).

#include "testing/allocation_counter.h"

#include <cstdlib>
#include <new>

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

void* CountedAllocate(std::size_t size) {
  if (!CountAndFail()) {
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  }
  throw std::bad_alloc();
}

void* CountedAllocateNothrow(std::size_t size) noexcept {
  if (CountAndFail()) return nullptr;
  return std::malloc(size == 0 ? 1 : size);
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
