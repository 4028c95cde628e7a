// File: engine/testing/allocation_counter.h
//
// Counts heap allocations made by the current thread, for tests that prove a
// code path does not allocate, and makes chosen allocations fail, for tests
// that prove a code path fails closed when memory runs out. The test binary
// replaces the global operator new (allocation_counter.cc); counting and
// failing are per thread so Catch2's own bookkeeping on other threads cannot
// disturb a measurement.
//
//   // Every allocation of a decision, failed in turn: it must deny each time.
//   for (size_t n = 1;; ++n) {
//     testing::FailAllocation(n);
//     Answer answer = set.Decide(request, &why);
//     bool failed = testing::StopFailingAllocations();
//     if (!failed) break;  // the decision made fewer than n allocations
//     CHECK_FALSE(answer.allowed());
//   }

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

// Makes this thread's `nth` allocation from now on fail (n >= 1): operator
// new throws std::bad_alloc, the nothrow forms return null. With `and_after`,
// every later allocation fails too, as when memory has really run out; else
// only that one. Replaces any failure armed before.
void FailAllocation(size_t nth, bool and_after = false);

// Disarms FailAllocation and says whether any allocation failed since it was
// armed.
bool StopFailingAllocations();

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_ALLOCATION_COUNTER_H_
