// File: bench/compile_benchmark.cc
//
// BM_Compile/<document>: parse, validate and compile one policy document
// (Policy::Parse), the cost paid once per policy before any decision:
//   managed_policy_6kb   an identity policy at AWS's 6,144-character quota
//   bucket_policy_20kb   an S3 bucket policy at AWS's 20 KB quota
// BM_BuildSet/<workload>: the whole policies object through
// PolicySetFromJson, as the Python and WebAssembly bindings compile.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>

#include "alloc_counter.h"
#include "fixed_iterations.h"
#include "workload.h"

namespace iameval::bench {
namespace {

void BM_Compile(benchmark::State& state, const char* file, PolicyKind kind) {
  std::string error;
  const std::string text =
      ReadFile(std::string(IAMEVAL_BENCH_WORKLOADS) + "/compile/" + file, &error);
  if (!error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  ParseResult check = Policy::Parse(text, kind);
  if (!check.ok()) {
    state.SkipWithError((std::string(file) + ": " + check.findings.front().message).c_str());
    return;
  }
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    ParseResult result = Policy::Parse(text, kind);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["document_bytes"] = static_cast<double>(text.size());
  state.counters["statements"] = static_cast<double>(check.policy->statement_count());
  state.counters["allocs_per_compile"] = benchmark::Counter(
      static_cast<double>(ThreadAllocations() - before) / static_cast<double>(state.iterations()));
}

BENCHMARK_CAPTURE(BM_Compile, managed_policy_6kb, "managed_policy_6kb.json", PolicyKind::kIdentity)
    ->Apply(FixedCompiles);
BENCHMARK_CAPTURE(BM_Compile, bucket_policy_20kb, "bucket_policy_20kb.json", PolicyKind::kResource)
    ->Apply(FixedCompiles);

void BM_BuildSet(benchmark::State& state, const char* name) {
  const Workload& workload = GetWorkload(name);
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  const std::string& text = workload.set_json.begin()->second;
  for (auto _ : state) {
    PolicySetResult result = PolicySetFromJson(text);
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["statements"] = static_cast<double>(workload.statements);
  // Memory: the heap a built set holds (glibc's count of bytes in use, so
  // allocator overhead included), per statement and in all.
  const size_t in_use_before = mallinfo2().uordblks;
  PolicySetResult kept = PolicySetFromJson(text);
  const size_t in_use = mallinfo2().uordblks - in_use_before;
  benchmark::DoNotOptimize(kept);
  state.counters["set_bytes"] = static_cast<double>(in_use);
  state.counters["bytes_per_statement"] =
      static_cast<double>(in_use) / static_cast<double>(std::max<size_t>(1, workload.statements));
}

BENCHMARK_CAPTURE(BM_BuildSet, typical, "typical")->Apply(FixedCompiles);
BENCHMARK_CAPTURE(BM_BuildSet, large, "large")->Unit(benchmark::kMillisecond)->Apply(FixedBuilds);

}  // namespace
}  // namespace iameval::bench
