// File: engine/analysis/analysis_benchmark.cc
//
// Access analysis against issue #15's speed bars (linked into bench/'s
// iameval_bench; `make bench-cpp BENCH_FILTER=Analysis` runs them):
//   BM_AnalysisCompare6kb       two 6 KB identity policies (AWS managed)      <= 100 ms
//   BM_AnalysisCompareSets      the `typical` workload's set against itself  <= 1 s
//   BM_AnalysisPublicAccess20kb a 20 KB bucket policy, public access          <= 10 ms
// The catalogue is loaded once, outside the timed loop.

#include <benchmark/benchmark.h>

#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/analysis.h"
#include "iameval/json.h"
#include "testing/source_files.h"

namespace iameval {
namespace {

using testing::ShippedCatalogue;
using testing::SourceFile;

void BM_AnalysisCompare6kb(benchmark::State& state) {
  const Catalogue& catalogue = ShippedCatalogue();
  ParseResult a = Policy::Parse(
      SourceFile("engine/lint/testdata/AWSResilienceHubV2AssessmentExecutionPolicy.json"),
      PolicyKind::kIdentity);
  ParseResult b = Policy::Parse(
      SourceFile("engine/lint/testdata/AmazonDataZoneProjectRolePermissionsBoundary.json"),
      PolicyKind::kIdentity);
  if (!a.ok() || !b.ok()) {
    state.SkipWithError("cannot read the policies");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(Compare(*a.policy, *b.policy, catalogue));
}
BENCHMARK(BM_AnalysisCompare6kb)->Unit(benchmark::kMillisecond);

void BM_AnalysisCompareSets(benchmark::State& state) {
  const Catalogue& catalogue = ShippedCatalogue();
  PolicySetResult set = PolicySetFromJson(SourceFile("bench/workloads/typical/policies.json"));
  if (!set.ok()) {
    state.SkipWithError("cannot read the typical workload");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(Compare(*set.set, *set.set, catalogue));
}
BENCHMARK(BM_AnalysisCompareSets)->Unit(benchmark::kMillisecond);

// A 20 KB bucket policy of 99 statements: account grants, TLS Denies,
// organization, service and VPC-endpoint grants (each restricted).
std::string BucketPolicy20kb() {
  std::string out = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; out.size() < 19500; ++i) {
    if (i > 0) out += ",";
    const std::string n = std::to_string(i);
    switch (i % 5) {
      case 0:
        out += R"({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1111000)" +
               std::string(5 - std::min<size_t>(5, n.size()), '0') + n +
               R"(:role/r"}, "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": )"
               R"(["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/p)" +
               n + R"(/*"]})";
        break;
      case 1:
        out += R"({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": )"
               R"(["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"], "Condition": )"
               R"({"Bool": {"aws:SecureTransport": "false"}}})";
        break;
      case 2:
        out += R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": )"
               R"("arn:aws:s3:::bucket/org)" +
               n +
               R"(/*", "Condition": {"StringEquals": )"
               R"({"aws:PrincipalOrgID": "o-abc123def4"}}})";
        break;
      case 3:
        out += R"({"Effect": "Allow", "Principal": {"Service": "logging.s3.amazonaws.com"}, )"
               R"("Action": "s3:PutObject", "Resource": "arn:aws:s3:::bucket/logs)" +
               n + R"(/*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}})";
        break;
      default:
        out += R"({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": )"
               R"("arn:aws:s3:::bucket/vpc)" +
               n +
               R"(/*", "Condition": {"StringEquals": )"
               R"({"aws:SourceVpce": "vpce-0000)" +
               n + R"("}}})";
        break;
    }
  }
  return out + "]}";
}

void BM_AnalysisPublicAccess20kb(benchmark::State& state) {
  const Catalogue& catalogue = ShippedCatalogue();
  const std::string text = BucketPolicy20kb();
  ParseResult policy = Policy::Parse(text, PolicyKind::kResource);
  if (!policy.ok()) {
    state.SkipWithError("cannot read the bucket policy");
    return;
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(PublicAccess(*policy.policy, ResourceTarget(), catalogue));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AnalysisPublicAccess20kb)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace iameval
