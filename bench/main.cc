// File: bench/main.cc
//
// The benchmark binary's main: Google Benchmark's own, plus the machine's load
// average in the report's context (the machine is shared: a figure taken under
// load says so), and the workloads checked up front so that a wrong expected
// decision fails loudly instead of skipping one benchmark.

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "workload.h"

namespace {

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  int failed = 0;
  for (const char* name : {"typical", "large", "conditions", "wildcards_hostile",
                           "kms_cross_account", "one_service"}) {
    const iameval::bench::Workload& workload = iameval::bench::GetWorkload(name);
    if (!workload.ok()) {
      std::fprintf(stderr, "workload %s: %s\n", name, workload.error.c_str());
      ++failed;
    }
  }
  if (failed > 0) return 1;
  benchmark::AddCustomContext("load_average_at_start", LoadAverage());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
