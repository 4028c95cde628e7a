// File: engine/testing/differential_test.cc
//
// Differential test: random policy sets and requests from the shared
// generator (policy_generator.h: two accounts, two partitions, every kind of
// caller; S3, EC2, KMS, STS and IAM requests; conditions of every operator
// family with IfExists, set qualifiers, Null and policy variables), decided
// by the engine through its JSON API and by the reference evaluator
// (reference_evaluator.h). Every disagreement is printed with the case as
// JSON, in the conformance format, ready to be judged against spec/ and, if
// the engine is wrong, added to the corpus.
//
// The sequence is fixed (seeded splitmix64, no std distributions), so a
// failure reproduces everywhere. IAMEVAL_DIFFERENTIAL_SEED and
// IAMEVAL_DIFFERENTIAL_CASES override seed and count for exploration, and
// IAMEVAL_DIFFERENTIAL_DUMP names a file to receive every disagreement.

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iameval/json.h"
#include "testing/choices.h"
#include "testing/policy_generator.h"
#include "testing/reference_evaluator.h"

namespace iameval::testing {
namespace {

struct Case {
  std::string policies;
  std::string request;
};

// The shared generator (testing/policy_generator.h), from a fixed seed.
class Generator {
 public:
  explicit Generator(uint64_t seed) : choices_(seed) {}
  Case Next() {
    const GeneratedCase c = GenerateCase(choices_);
    return {c.policies.Json(), c.request.Json()};
  }

 private:
  SeededChoices choices_;
};

// ---------------------------------------------------------------------------
// Running both.

struct Outcome {
  std::string decision;  // empty when `error` says why there is none
  std::string error;
};

Outcome RunEngine(const Case& c) {
  RequestResult request = RequestFromJson(c.request);
  if (!request.ok()) return {"", "request rejected: " + request.error};
  const PolicyKind kind = InferResourcePolicyKind(*request.request);
  PolicySetResult set = PolicySetFromJson(c.policies, kind, GeneratorLimits());
  if (!set.ok()) {
    std::string why = "policies rejected: " + set.error;
    for (const DocumentFinding& f : set.findings) {
      if (f.finding.severity == Severity::kError) {
        why += " " + f.document + ": " + f.finding.message + " [" + f.finding.code + "]";
      }
    }
    return {"", why};
  }
  const Answer answer = set.set->Decide(*request.request);
  if (answer.error != nullptr) return {"", std::string("decision error: ") + answer.error};
  return {std::string(DecisionName(answer.decision)), ""};
}

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : std::strtoull(value, nullptr, 10);
}

constexpr uint64_t kSeed = 20261128;
constexpr uint64_t kCases = 5000;

TEST_CASE("generated cases stay inside the reference's subset and reach every outcome",
          "[differential]") {
  Generator generator(EnvOr("IAMEVAL_DIFFERENTIAL_SEED", kSeed));
  const uint64_t cases = EnvOr("IAMEVAL_DIFFERENTIAL_CASES", kCases);
  std::map<std::string, size_t> outcomes;
  for (uint64_t i = 0; i < cases; ++i) {
    const Case c = generator.Next();
    const ReferenceResult r = ReferenceDecide(c.policies, c.request);
    INFO("case " << i << "\n{\"policies\": " << c.policies << ",\n \"request\": " << c.request
                 << "}\nrefused: " << r.error);
    REQUIRE(r.ok());
    ++outcomes[r.decision];
  }
  WARN("reference outcomes over " << cases << " cases: allowed " << outcomes["allowed"]
                                  << ", explicitDeny " << outcomes["explicitDeny"]
                                  << ", implicitDeny " << outcomes["implicitDeny"]);
  // Each outcome must be common enough for the comparison to mean something.
  CHECK(outcomes["allowed"] * 8 > cases);
  CHECK(outcomes["explicitDeny"] * 8 > cases);
  CHECK(outcomes["implicitDeny"] * 8 > cases);
}

TEST_CASE("the engine agrees with the reference evaluator on generated cases", "[differential]") {
  Generator generator(EnvOr("IAMEVAL_DIFFERENTIAL_SEED", kSeed));
  const uint64_t cases = EnvOr("IAMEVAL_DIFFERENTIAL_CASES", kCases);
  size_t disagreements = 0;
  std::map<std::string, size_t> by_pair;  // "reference -> engine"
  // IAMEVAL_DIFFERENTIAL_DUMP=path writes every disagreement there.
  const char* dump_path = std::getenv("IAMEVAL_DIFFERENTIAL_DUMP");
  std::FILE* dump = dump_path != nullptr ? std::fopen(dump_path, "w") : nullptr;
  for (uint64_t i = 0; i < cases; ++i) {
    const Case c = generator.Next();
    const ReferenceResult expected = ReferenceDecide(c.policies, c.request);
    if (!expected.ok()) continue;  // the test above fails for these
    const Outcome got = RunEngine(c);
    const std::string engine = got.decision.empty() ? got.error : got.decision;
    if (engine == expected.decision) continue;
    ++disagreements;
    if (dump != nullptr) {
      // One conformance-format case per line, for triage with the CLI.
      std::fprintf(dump,
                   "{\"id\": \"differential-%llu\", \"reference\": \"%s\", \"engine\": "
                   "\"%s\", \"policies\": %s, \"request\": %s}\n",
                   static_cast<unsigned long long>(i), expected.decision.c_str(), engine.c_str(),
                   c.policies.c_str(), c.request.c_str());
    }
    ++by_pair[expected.decision + " -> " + (got.decision.empty() ? "error" : got.decision)];
    if (disagreements <= 12) {
      UNSCOPED_INFO("case " << i << ": reference " << expected.decision << ", engine " << engine
                            << "\n{\"policies\": " << c.policies << ",\n \"request\": " << c.request
                            << "}");
    }
  }
  for (const auto& [pair, count] : by_pair) UNSCOPED_INFO(count << " x reference " << pair);
  if (dump != nullptr) std::fclose(dump);
  CHECK(disagreements == 0);
}

}  // namespace
}  // namespace iameval::testing
