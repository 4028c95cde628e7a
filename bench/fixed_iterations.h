// File: bench/fixed_iterations.h
//
// `make bench-instructions` (bench/instructions.py) runs the benchmarks under
// callgrind with a fixed number of iterations, twice (IAMEVAL_BENCH_FIXED=1,
// then 2), and divides the difference in instructions by the difference in
// iterations: what one decision (compile, round trip) costs, with the
// binary's start and each benchmark's setup cancelled out. Without the
// variable the benchmarks run as Google Benchmark times them.
//
//   BENCHMARK_CAPTURE(BM_Decide, typical, "typical")->Apply(FixedDecisions);

#ifndef IAMEVAL_BENCH_FIXED_ITERATIONS_H_
#define IAMEVAL_BENCH_FIXED_ITERATIONS_H_

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>

namespace iameval::bench {

// The multiplier from IAMEVAL_BENCH_FIXED, or 0 when the run is timed.
inline int64_t FixedMultiplier() {
  const char* value = std::getenv("IAMEVAL_BENCH_FIXED");
  return value ? std::atoll(value) : 0;
}

inline void FixIterations(benchmark::internal::Benchmark* b, int64_t base) {
  if (const int64_t k = FixedMultiplier(); k > 0) b->Iterations(base * k)->Repetitions(1);
}

// Units of work per run of one multiplier, sized so a run under callgrind
// takes about a second: ~1,000 instructions per decision, ~1,000,000 per
// compile, ~10^8 per policy set built.
constexpr int64_t kFixedDecisions = 2000;
constexpr int64_t kFixedCompiles = 20;
constexpr int64_t kFixedBuilds = 1;

inline void FixedDecisions(benchmark::internal::Benchmark* b) { FixIterations(b, kFixedDecisions); }
inline void FixedCompiles(benchmark::internal::Benchmark* b) { FixIterations(b, kFixedCompiles); }
inline void FixedBuilds(benchmark::internal::Benchmark* b) { FixIterations(b, kFixedBuilds); }

}  // namespace iameval::bench

#endif  // IAMEVAL_BENCH_FIXED_ITERATIONS_H_
