// File: engine/lint/lint_benchmark.cc
//
// Lint's two costs (issue #14's bars, linked into bench/'s iameval_bench):
//   BM_LoadCatalogue   read the shipped catalogue (1.4 MB of text): <= 20 ms
//   BM_Lint/<policy>   lint one document against it:                 <= 100 us for 6 KB
//   BM_LintJson/...    the same through LintJson (JSON in, JSON out): issue #14's
//                      native side of "wasm within 2x", beside wasm/bench/lint.mjs
//   BM_LintTextJson/... LintTextJson of the document without whitespace, as
//                      JavaScript's lint() of an object calls it since it
//                      serializes the object itself (JSON.stringify)
// `make bench-cpp BENCH_FILTER=Lint\|Catalogue` runs them; profile one with
// valgrind --tool=callgrind --toggle-collect='iameval::Lint(*' (instructions per Lint).

#include <benchmark/benchmark.h>

#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/lint.h"
#include "testing/source_files.h"

namespace iameval {
namespace {

using testing::ShippedCatalogue;
using testing::SourceFile;

void BM_LoadCatalogue(benchmark::State& state) {
  const std::string text = SourceFile("engine/catalogue/data/catalogue.tsv");
  for (auto _ : state) {
    CatalogueLoad load = Catalogue::Load(text);
    if (!load.ok()) {
      state.SkipWithError(load.error.c_str());
      return;
    }
    benchmark::DoNotOptimize(load);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_LoadCatalogue)->Unit(benchmark::kMillisecond);

// Policy::Parse of the same document, to show what the grammar's share is.
void BM_LintGrammarOnly(benchmark::State& state, const char* relative) {
  const std::string text = SourceFile(relative);
  for (auto _ : state) benchmark::DoNotOptimize(Check(text, PolicyKind::kIdentity));
}
BENCHMARK_CAPTURE(BM_LintGrammarOnly, aws_resiliencehub_6kb,
                  "engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json")
    ->Unit(benchmark::kMicrosecond);

void BM_Lint(benchmark::State& state, const char* relative, PolicyKind kind) {
  const Catalogue& catalogue = ShippedCatalogue();
  const std::string text = SourceFile(relative);
  if (text.empty()) {
    state.SkipWithError("cannot read the policy");
    return;
  }
  size_t findings = 0;
  for (auto _ : state) {
    LintResult result = Lint(text, kind, catalogue);
    findings = result.findings.size();
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["document_bytes"] = static_cast<double>(text.size());
  state.counters["findings"] = static_cast<double>(findings);
}
// Two AWS managed policies at the 6,144-character quota (engine/lint/testdata/).
BENCHMARK_CAPTURE(BM_Lint, aws_resiliencehub_6kb,
                  "engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json",
                  PolicyKind::kIdentity)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Lint, aws_datazone_boundary_6kb,
                  "engine/lint/testdata/AmazonDataZoneProjectRolePermissionsBoundary.json",
                  PolicyKind::kIdentity)
    ->Unit(benchmark::kMicrosecond);
// The compile benchmark's synthetic 6 KB policy: 116 findings, most with a did-you-mean search.
BENCHMARK_CAPTURE(BM_Lint, synthetic_6kb, "bench/workloads/compile/managed_policy_6kb.json",
                  PolicyKind::kIdentity)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Lint, bucket_policy_20kb, "bench/workloads/compile/bucket_policy_20kb.json",
                  PolicyKind::kResource)
    ->Unit(benchmark::kMicrosecond);

// LintJson's envelope around the same documents: what wasm's lint() runs.
void BM_LintJson(benchmark::State& state, const char* relative, const char* kind) {
  const Catalogue& catalogue = ShippedCatalogue();
  const std::string text = SourceFile(relative);
  if (text.empty()) {
    state.SkipWithError("cannot read the policy");
    return;
  }
  const std::string input = "{\"policy\": " + text + ", \"kind\": \"" + kind + "\"}";
  for (auto _ : state) benchmark::DoNotOptimize(LintJson(input, catalogue));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(BM_LintJson, aws_resiliencehub_6kb,
                  "engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json",
                  "identity")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LintJson, aws_datazone_boundary_6kb,
                  "engine/lint/testdata/AmazonDataZoneProjectRolePermissionsBoundary.json",
                  "identity")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LintJson, synthetic_6kb, "bench/workloads/compile/managed_policy_6kb.json",
                  "identity")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LintJson, bucket_policy_20kb,
                  "bench/workloads/compile/bucket_policy_20kb.json", "resource")
    ->Unit(benchmark::kMicrosecond);

// `text` without the whitespace between its tokens: JSON.stringify's form of
// these documents (none escapes a character JSON.stringify would write as is).
std::string WithoutWhitespace(const std::string& text) {
  std::string out;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      escaped = !escaped && c == '\\';
      if (c == '"' && !escaped) in_string = false;
    } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      continue;
    } else if (c == '"') {
      in_string = true;
    }
    out += c;
  }
  return out;
}

// What wasm's lint() of a document object runs in C++: the same work as
// BM_LintJson less its envelope (parsed to a DOM, the document written out).
void BM_LintTextJson(benchmark::State& state, const char* relative, const char* kind) {
  const Catalogue& catalogue = ShippedCatalogue();
  const std::string text = WithoutWhitespace(SourceFile(relative));
  if (text.empty()) {
    state.SkipWithError("cannot read the policy");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(LintTextJson(text, kind, catalogue));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(BM_LintTextJson, aws_resiliencehub_6kb,
                  "engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json",
                  "identity")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LintTextJson, aws_datazone_boundary_6kb,
                  "engine/lint/testdata/AmazonDataZoneProjectRolePermissionsBoundary.json",
                  "identity")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LintTextJson, synthetic_6kb, "bench/workloads/compile/managed_policy_6kb.json",
                  "identity")
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_LintTextJson, bucket_policy_20kb,
                  "bench/workloads/compile/bucket_policy_20kb.json", "resource")
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace iameval
