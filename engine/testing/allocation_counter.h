// File: engine/testing/allocation_counter.h
//
// Counts heap allocations made by the current thread, for tests that prove a
// code path does not allocate. The test binary replaces the global operator
// new (allocation_counter.cc); counting is per thread so Catch2's own
// bookkeeping on other threads cannot disturb a measurement.

#ifndef IAMEVAL_ENGINE_TESTING_ALLOCATION_COUNTER_H_
#define IAMEVAL_ENGINE_TESTING_ALLOCATION_COUNTER_H_

#include <cstddef>

namespace iameval::testing {

// Allocations by this thread since the program started.
size_t ThreadAllocations();

// Allocations by this thread while `body` runs.
template <typename Body>
size_t AllocationsDuring(Body&& body) {
  size_t before = ThreadAllocations();
  body();
  return ThreadAllocations() - before;
}

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_ALLOCATION_COUNTER_H_
