// File: bench/request_benchmark.cc
//
// BM_BuildRequest/<how>: the cost of building the `typical` workload's
// requests with their condition-key context
//   cpp    Request fields and Context::Set / SetList from C++
//   json   RequestFromJson on the request's JSON text (what the Python and
//          WebAssembly bindings do for every request given as JSON)
// BM_DecideJson/typical: RequestFromJson + Decide + AnswerToJson, a binding's
// whole per-request round trip without the binding.

#include <benchmark/benchmark.h>

#include "alloc_counter.h"
#include "fixed_iterations.h"
#include "workload.h"

namespace iameval::bench {
namespace {

void ReportPerRequest(benchmark::State& state, size_t allocations) {
  state.counters["allocs_per_request"] = benchmark::Counter(
      static_cast<double>(allocations) / static_cast<double>(state.iterations()));
  state.counters["requests_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_BuildRequest_Cpp(benchmark::State& state) {
  const Workload& workload = GetWorkload("typical");
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  // Typed values as a C++ caller has them: the strings live in the caller.
  const Workload::Item& sample = workload.items.front();
  const std::string principal = sample.request.principal;
  const std::string action = sample.request.action;
  const std::string resource = sample.request.resource;
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    Request request;
    request.principal = principal;
    request.action = action;
    request.resource = resource;
    request.resource_account = "111122223333";
    request.context.Set("aws:RequestedRegion", "eu-west-1")
        .Set("aws:SecureTransport", true)
        .Set("aws:PrincipalTag/team", "payments");
    benchmark::DoNotOptimize(request);
  }
  ReportPerRequest(state, ThreadAllocations() - before);
}
BENCHMARK(BM_BuildRequest_Cpp)->Name("BM_BuildRequest/cpp")->Apply(FixedDecisions);

void BM_BuildRequest_Json(benchmark::State& state) {
  const Workload& workload = GetWorkload("typical");
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  const std::string& text = workload.items.front().request_json;
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    RequestResult result = RequestFromJson(text);
    benchmark::DoNotOptimize(result);
  }
  ReportPerRequest(state, ThreadAllocations() - before);
  state.counters["json_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_BuildRequest_Json)->Name("BM_BuildRequest/json")->Apply(FixedDecisions);

void BM_DecideJsonRoundTrip(benchmark::State& state) {
  const Workload& workload = GetWorkload("typical");
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  size_t next = 0;
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    const Workload::Item& item = workload.items[next];
    next = next + 1 == workload.items.size() ? 0 : next + 1;
    RequestResult request = RequestFromJson(item.request_json);
    Answer answer = item.set->Decide(*request.request);
    std::string out = AnswerToJson(answer, nullptr);
    benchmark::DoNotOptimize(out);
  }
  ReportPerRequest(state, ThreadAllocations() - before);
}
BENCHMARK(BM_DecideJsonRoundTrip)->Name("BM_DecideJson/typical")->Apply(FixedDecisions);

}  // namespace
}  // namespace iameval::bench
