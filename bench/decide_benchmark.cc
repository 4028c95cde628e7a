// File: bench/decide_benchmark.cc
//
// BM_Decide/<workload>: the cost of one decision on a compiled policy set,
// cycling through the workload's requests (bench/workloads/<name>/README.md
// says what each models). Each reports
//   allocs_per_decision    heap allocations per decision (alloc_counter.h)
//   decisions_per_second   one thread
// BM_DecideExplained/<workload> is the same with an Explanation asked for.
// BM_DecideScaling/... is the series behind bench/RESULTS.md's chart: cost
// against the number of statements in force.

#include <benchmark/benchmark.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "alloc_counter.h"
#include "fixed_iterations.h"
#include "workload.h"

namespace iameval::bench {
namespace {

void ReportCounters(benchmark::State& state, size_t allocations) {
  const double iterations = static_cast<double>(state.iterations());
  state.counters["allocs_per_decision"] =
      benchmark::Counter(iterations > 0 ? static_cast<double>(allocations) / iterations : 0);
  state.counters["decisions_per_second"] =
      benchmark::Counter(iterations, benchmark::Counter::kIsRate);
}

void BM_Decide(benchmark::State& state, const char* name) {
  const Workload& workload = GetWorkload(name);
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  const std::vector<Workload::Item>& items = workload.items;
  size_t next = 0;
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    const Workload::Item& item = items[next];
    next = next + 1 == items.size() ? 0 : next + 1;
    Answer answer = item.set->Decide(item.request);
    benchmark::DoNotOptimize(answer);
  }
  ReportCounters(state, ThreadAllocations() - before);
  state.counters["statements"] = static_cast<double>(workload.statements);
  state.counters["requests"] = static_cast<double>(items.size());
}

void BM_DecideExplained(benchmark::State& state, const char* name) {
  const Workload& workload = GetWorkload(name);
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  const std::vector<Workload::Item>& items = workload.items;
  size_t next = 0;
  Explanation why;
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    const Workload::Item& item = items[next];
    next = next + 1 == items.size() ? 0 : next + 1;
    Answer answer = item.set->Decide(item.request, &why);
    benchmark::DoNotOptimize(answer);
    benchmark::DoNotOptimize(why);
  }
  ReportCounters(state, ThreadAllocations() - before);
}

BENCHMARK_CAPTURE(BM_Decide, typical, "typical")->Apply(FixedDecisions);
BENCHMARK_CAPTURE(BM_Decide, large, "large")->Apply(FixedDecisions);
BENCHMARK_CAPTURE(BM_Decide, conditions, "conditions")->Apply(FixedDecisions);
BENCHMARK_CAPTURE(BM_Decide, wildcards_hostile, "wildcards_hostile")->Apply(FixedDecisions);
BENCHMARK_CAPTURE(BM_Decide, kms_cross_account, "kms_cross_account")->Apply(FixedDecisions);
BENCHMARK_CAPTURE(BM_DecideExplained, typical, "typical")->Apply(FixedDecisions);

// ---- threads -------------------------------------------------------------------
// BM_DecideThreads/typical: one shared PolicySet decided from 1 and 2 threads
// at once, each thread cycling through the requests from its own starting
// point. decisions_per_second is summed over the threads, so 2 threads should
// read about twice 1 thread's figure: Decide writes nothing shared (its
// scratch lives on each call's stack), so nothing bounces between cores.
void BM_DecideThreads(benchmark::State& state, const char* name) {
  const Workload& workload = GetWorkload(name);
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  const std::vector<Workload::Item>& items = workload.items;
  size_t next = static_cast<size_t>(state.thread_index()) * 7 % items.size();
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    const Workload::Item& item = items[next];
    next = next + 1 == items.size() ? 0 : next + 1;
    Answer answer = item.set->Decide(item.request);
    benchmark::DoNotOptimize(answer);
  }
  ReportCounters(state, ThreadAllocations() - before);
}
BENCHMARK_CAPTURE(BM_DecideThreads, typical, "typical")->Threads(1)->Threads(2)->UseRealTime();

// ---- scaling ------------------------------------------------------------------
// A series' policy sets are prefixes of one generated workload's identity
// policies (make_workloads.py spreads services evenly, so a prefix is a
// smaller sample of the same population); its requests are the workload's.
// Decisions are not checked against `expect` here: a prefix may not hold the
// statement a request needed.

struct Series {
  std::vector<std::unique_ptr<PolicySet>> sets;  // one per size
  std::vector<Request> requests;
  std::string error;
};

const Series& GetSeries(const char* workload_name, const std::vector<int>& sizes) {
  static std::map<std::string, std::unique_ptr<Series>> cache;
  auto it = cache.find(workload_name);
  if (it != cache.end()) return *it->second;
  auto series = std::make_unique<Series>();
  const Workload& workload = GetWorkload(workload_name);
  if (!workload.ok()) {
    series->error = workload.error;
  } else {
    for (const Workload::Item& item : workload.items) series->requests.push_back(item.request);
    rapidjson::Document doc;
    const std::string& text = workload.set_json.at("");
    doc.Parse(text.c_str(), text.size());
    const rapidjson::Value& identity = doc["identity"];
    for (int statements : sizes) {
      // Every generated identity policy holds the same number of statements.
      const size_t per_policy = workload.statements / workload.policies;
      const size_t count = std::max<size_t>(1, statements / per_policy);
      rapidjson::Document subset(rapidjson::kObjectType);
      rapidjson::Value list(rapidjson::kArrayType);
      for (size_t i = 0; i < count && i < identity.Size(); ++i) {
        list.PushBack(
            rapidjson::Value(identity[static_cast<rapidjson::SizeType>(i)], subset.GetAllocator()),
            subset.GetAllocator());
      }
      subset.AddMember("identity", list, subset.GetAllocator());
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      subset.Accept(writer);
      std::string error;
      auto set = CompileSet(std::string(buffer.GetString(), buffer.GetSize()),
                            PolicyKind::kResource, &error);
      if (!set) {
        series->error = error;
        break;
      }
      series->sets.push_back(std::move(set));
    }
  }
  return *cache.emplace(workload_name, std::move(series)).first->second;
}

const std::vector<int> kScalingSizes = {10, 100, 1000, 10000};

void BM_DecideScaling(benchmark::State& state, const char* workload_name) {
  const Series& series = GetSeries(workload_name, kScalingSizes);
  if (!series.error.empty()) {
    state.SkipWithError(series.error.c_str());
    return;
  }
  const int statements = static_cast<int>(state.range(0));
  size_t which = 0;
  while (which + 1 < kScalingSizes.size() && kScalingSizes[which] != statements) ++which;
  const PolicySet& set = *series.sets[which];
  size_t next = 0;
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    const Request& request = series.requests[next];
    next = next + 1 == series.requests.size() ? 0 : next + 1;
    Answer answer = set.Decide(request);
    benchmark::DoNotOptimize(answer);
  }
  ReportCounters(state, ThreadAllocations() - before);
}

// Many services, as in `large`: the action index leaves a few candidates.
BENCHMARK_CAPTURE(BM_DecideScaling, many_services, "large")
    ->ArgName("statements")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Apply(FixedDecisions);
// One service, wildcard actions: every statement is a candidate.
BENCHMARK_CAPTURE(BM_DecideScaling, one_service, "one_service")
    ->ArgName("statements")
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Apply(FixedDecisions);

// ---- context keys ------------------------------------------------------------
// One identity policy whose conditions look up three keys (two the request
// gives, one it does not), against requests carrying N context keys in all.
// A lookup must cost the same whatever N is (bench/instructions.py checks
// keys:10000 against keys:64): the cost of a decision here is flat in N
// unless a lookup scans the keys.
constexpr const char* kContextKeysPolicies = R"({"identity": [{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*",
    "Condition": {
      "StringEquals": {"aws:PrincipalTag/team": "analytics", "s3:ExistingObjectTag/tier": "gold"},
      "Null": {"aws:RequestTag/absent": "true"}
    }
  }]
}]})";

struct ContextKeysCase {
  std::unique_ptr<PolicySet> set;
  Request request;
  std::string error;
};

const ContextKeysCase& GetContextKeysCase(int keys) {
  static std::map<int, std::unique_ptr<ContextKeysCase>> cache;
  auto it = cache.find(keys);
  if (it != cache.end()) return *it->second;
  auto made = std::make_unique<ContextKeysCase>();
  made->set = CompileSet(kContextKeysPolicies, PolicyKind::kResource, &made->error);
  Request& request = made->request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::reports/q1.csv";
  request.resource_account = "111122223333";
  request.context.Set("aws:PrincipalTag/Team", "analytics");
  request.context.Set("s3:ExistingObjectTag/tier", "gold");
  for (int i = 2; i < keys; ++i) {
    request.context.Set("custom:filler/key" + std::to_string(i), std::to_string(i));
  }
  if (made->set && made->set->Decide(request).decision != Decision::kAllowed) {
    made->error = "expected an allow";
  }
  return *cache.emplace(keys, std::move(made)).first->second;
}

void BM_DecideContextKeys(benchmark::State& state) {
  const ContextKeysCase& sample = GetContextKeysCase(static_cast<int>(state.range(0)));
  if (!sample.error.empty()) {
    state.SkipWithError(sample.error.c_str());
    return;
  }
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    Answer answer = sample.set->Decide(sample.request);
    benchmark::DoNotOptimize(answer);
  }
  ReportCounters(state, ThreadAllocations() - before);
}
BENCHMARK(BM_DecideContextKeys)
    ->ArgName("keys")
    ->Arg(4)
    ->Arg(16)
    ->Arg(64)
    ->Arg(1000)
    ->Arg(10000)
    ->Apply(FixedDecisions);

}  // namespace
}  // namespace iameval::bench

namespace iameval::bench {
namespace {

// ---- wildcards: cost against input length --------------------------------------
// The wildcards_hostile policy set against one request whose resource is
// `arn:aws:s3:::archive/` followed by N bytes of `a`: every hostile pattern
// is tried and fails late (31 stars of `a` before a missing `Z`, 101- and
// 91-byte segments that never complete, 63 `/`-separated stars). Reported per
// byte of resource, so linear time shows as a flat bytes_per_second.
void BM_WildcardsLength(benchmark::State& state) {
  const Workload& workload = GetWorkload("wildcards_hostile");
  if (!workload.ok()) {
    state.SkipWithError(workload.error.c_str());
    return;
  }
  const Workload::Item& sample = workload.items.front();
  Request request = sample.request;
  request.resource =
      "arn:aws:s3:::archive/" + std::string(static_cast<size_t>(state.range(0)), 'a');
  if (sample.set->Decide(request).decision != Decision::kImplicitDeny) {
    state.SkipWithError("expected an implicit deny");
    return;
  }
  const size_t before = ThreadAllocations();
  for (auto _ : state) {
    Answer answer = sample.set->Decide(request);
    benchmark::DoNotOptimize(answer);
  }
  ReportCounters(state, ThreadAllocations() - before);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * request.resource.size()));
}
BENCHMARK(BM_WildcardsLength)->ArgName("bytes")->Arg(256)->Arg(1024)->Arg(4096)->Arg(16384);

}  // namespace
}  // namespace iameval::bench
