// File: bench/alloc_counter.h
//
// Counts heap allocations made by the current thread in the benchmark binary,
// so every decide benchmark can report allocations per decision:
//
//   size_t before = iameval::bench::ThreadAllocations();
//   ... decide ...
//   state.counters["allocs_per_decision"] = ThreadAllocations() - before ...
//
// alloc_counter.cc replaces the global operator new (every form) and, through
// the linker's --wrap (bench/CMakeLists.txt), malloc, calloc and realloc as
// called from the engine and the benchmarks: RapidJSON allocates with malloc
// directly, and request-building benchmarks must see that too. The test
// binary has its own counter (engine/testing/allocation_counter.cc), which
// counts operator new only.

#ifndef IAMEVAL_BENCH_ALLOC_COUNTER_H_
#define IAMEVAL_BENCH_ALLOC_COUNTER_H_

#include <cstddef>

namespace iameval::bench {

// Allocations by this thread since it started.
size_t ThreadAllocations() noexcept;

}  // namespace iameval::bench

#endif  // IAMEVAL_BENCH_ALLOC_COUNTER_H_
