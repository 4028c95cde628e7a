// File: engine/testing/allocation_counter.cc
//
// Replaces the global allocation functions of the test binary with counting
// wrappers around malloc. Linked only into tests (and, separately, benchmarks).

#include "testing/allocation_counter.h"

#include <cstdlib>
#include <new>

namespace {
thread_local size_t allocations = 0;

void* CountedAllocate(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
}  // namespace

namespace iameval::testing {
size_t ThreadAllocations() { return allocations; }
}  // namespace iameval::testing

void* operator new(std::size_t size) { return CountedAllocate(size); }
void* operator new[](std::size_t size) { return CountedAllocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  ++allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  ++allocations;
  return std::malloc(size == 0 ? 1 : size);
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
