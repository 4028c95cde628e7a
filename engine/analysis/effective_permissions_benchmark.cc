// File: engine/analysis/effective_permissions_benchmark.cc
//
// Issue #15's effective-permissions bars (linked into bench/'s iameval_bench):
//   BM_EffectivePermissions/<role>   one role over the full catalogue:       <= 200 ms
//   BM_EffectivePermissionsAccount   every role of a 1,000-role account,
//                                    on 2 threads (real time):               <= 60 s
// The roles hold AWS's ReadOnlyAccess (the realistic export's copy, 4,000+
// actions), AdministratorAccess, and customer policies scoped to resources,
// some with conditions and permissions boundaries.
// `make bench-cpp BENCH_FILTER=EffectivePermissions` runs them.

#include <benchmark/benchmark.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/effective_permissions.h"
#include "iameval/lint.h"
#include "iameval/policy_set.h"
#include "json/rapidjson_types.h"
#include "testing/source_files.h"

namespace iameval::internal {
namespace {

using testing::SourceFile;
using testing::SourcePath;

struct Fixture {
  std::optional<Catalogue> catalogue;
  std::unique_ptr<CatalogueActions> actions;
  std::optional<Policy> read_only, admin, scoped, conditional, boundary;
  std::string error;
};

std::optional<Policy> MustParse(const std::string& text, PolicyKind kind, std::string* error) {
  Limits limits;
  limits.enforce_aws_size_quotas = false;  // AWS managed policies exceed the customer quota
  ParseResult parsed = Policy::Parse(text, kind, limits);
  if (!parsed.ok() && error->empty()) *error = "a benchmark policy does not parse";
  return parsed.policy;
}

// The realistic export's ReadOnlyAccess document, as JSON text.
std::string ReadOnlyAccess() {
  RapidDocument doc;
  std::string text = SourceFile("python/tests/data/authorization-details.json");
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError() || !doc.HasMember("Policies")) return "";
  for (const auto& policy : doc["Policies"].GetArray()) {
    if (std::string(policy["Arn"].GetString()) != "arn:aws:iam::aws:policy/ReadOnlyAccess") {
      continue;
    }
    RapidStringBuffer buffer;
    RapidWriter<RapidStringBuffer> writer(buffer);
    policy["PolicyVersionList"][0]["Document"].Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
  }
  return "";
}

const Fixture& Shared() {
  static Fixture* fixture = [] {
    auto* f = new Fixture();
    CatalogueLoad load = Catalogue::LoadFile(SourcePath("engine/catalogue/data/catalogue.tsv"));
    if (!load.ok()) {
      f->error = load.error;
      return f;
    }
    f->catalogue = *load.catalogue;
    f->actions = std::make_unique<CatalogueActions>(*f->catalogue);
    std::string read_only = ReadOnlyAccess();
    if (read_only.empty()) f->error = "no ReadOnlyAccess in the realistic export";
    f->read_only =
        MustParse(read_only.empty() ? "{}" : read_only, PolicyKind::kIdentity, &f->error);
    f->admin = MustParse(
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
        PolicyKind::kIdentity, &f->error);
    f->scoped = MustParse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":["s3:*"],"Resource":["arn:aws:s3:::app-*","arn:aws:s3:::app-*/*"]},
      {"Effect":"Allow","Action":["dynamodb:*"],"Resource":"arn:aws:dynamodb:*:*:table/app-*"},
      {"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],
       "Resource":"arn:aws:logs:*:*:log-group:/aws/lambda/*"},
      {"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]})",
                          PolicyKind::kIdentity, &f->error);
    f->conditional = MustParse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":["ec2:*"],"Resource":"*",
       "Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},
      {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/app-*"}]})",
                               PolicyKind::kIdentity, &f->error);
    f->boundary = MustParse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","NotAction":["iam:*","organizations:*"],"Resource":"*"}]})",
                            PolicyKind::kPermissionsBoundary, &f->error);
    return f;
  }();
  return *fixture;
}

PolicySet Role(int shape) {
  const Fixture& f = Shared();
  PolicySet::Builder builder;
  switch (shape % 10) {
    case 0:  // an administrator under a boundary
      builder.AddIdentityPolicy(*f.admin).SetPermissionsBoundary(*f.boundary);
      break;
    case 1:
    case 2:
    case 3:  // read-only plus application access
      builder.AddIdentityPolicy(*f.read_only).AddIdentityPolicy(*f.scoped);
      break;
    case 4:
    case 5:
      builder.AddIdentityPolicy(*f.scoped).AddIdentityPolicy(*f.conditional);
      break;
    default:  // application roles
      builder.AddIdentityPolicy(*f.scoped).SetPermissionsBoundary(*f.boundary);
      break;
  }
  return *std::move(builder).Build().set;
}

void BM_EffectivePermissions(benchmark::State& state, int shape) {
  const Fixture& f = Shared();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  PolicySet set = Role(shape);
  Subject who;
  who.principal = "arn:aws:iam::111122223333:role/app";
  size_t actions = 0, decisions = 0;
  for (auto _ : state) {
    EffectivePermissions p = ComputeEffectivePermissions(set, who, *f.actions);
    actions = p.actions.size();
    decisions = p.decisions;
    benchmark::DoNotOptimize(p);
  }
  state.counters["actions"] = static_cast<double>(actions);
  state.counters["decisions"] = static_cast<double>(decisions);
}
BENCHMARK_CAPTURE(BM_EffectivePermissions, admin_under_boundary, 0)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EffectivePermissions, read_only_and_app, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EffectivePermissions, app_conditional, 4)->Unit(benchmark::kMillisecond);

void BM_EffectivePermissionsAccount(benchmark::State& state) {
  const Fixture& f = Shared();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  const int roles = static_cast<int>(state.range(0));
  std::vector<PolicySet> sets;
  sets.reserve(roles);
  for (int i = 0; i < roles; ++i) sets.push_back(Role(i));
  std::vector<EffectiveJob> jobs(roles);
  for (int i = 0; i < roles; ++i) {
    jobs[i].set = &sets[i];
    jobs[i].subject.principal = "arn:aws:iam::111122223333:role/app-" + std::to_string(i);
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(ComputeEffectivePermissionsMany(jobs, *f.actions, 2));
  }
}
BENCHMARK(BM_EffectivePermissionsAccount)
    ->Arg(1000)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace iameval::internal
