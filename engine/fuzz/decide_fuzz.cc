// File: engine/fuzz/decide_fuzz.cc
//
// Differential fuzzing of the decision procedure: the fuzzer's bytes drive
// the policy generator (testing/policy_generator.h) to a policy set and a
// request, which the engine decides through its JSON API and the reference
// evaluator (testing/reference_evaluator.h) decides on its own. Any
// disagreement is a crash, printed in the conformance format so it can be
// judged against spec/decision.md and added to the corpus.
//
// Some inputs also get a Deny of everything in one of their documents, which
// must then give explicitDeny (the property test's rule, here on the
// fuzzer's cases).
//
// Input: the generator's choices, one byte each (ByteChoices). Seeds: random
// bytes (make_seeds.py); the structure comes from the generator.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_check.h"
#include "iameval/json.h"
#include "testing/policy_generator.h"
#include "testing/reference_evaluator.h"

namespace iameval {
namespace {

std::string EngineDecide(const std::string& policies, const std::string& request_json,
                         const std::string& resource_kind, bool explain) {
  RequestResult request = RequestFromJson(request_json);
  FUZZ_CHECK(request.ok()) << "the engine refused a generated request: " << request.error << "\n"
                           << request_json;
  PolicyKind kind = PolicyKind::kResource;
  ParsePolicyKindName(resource_kind, &kind);
  FUZZ_CHECK(InferResourcePolicyKind(*request.request) == kind)
      << "the generator and the engine infer different resource policy kinds for " << request_json;
  PolicySetResult set = PolicySetFromJson(policies, kind, testing::GeneratorLimits());
  if (!set.ok()) {
    std::string why = set.error;
    for (const DocumentFinding& f : set.findings) {
      if (f.finding.severity == Severity::kError) {
        why += "\n  " + f.document + ": " + f.finding.message + " [" + f.finding.code + "]";
      }
    }
    FUZZ_CHECK(false) << "the engine refused generated policies: " << why << "\n" << policies;
  }
  Explanation why;
  const Answer answer = set.set->Decide(*request.request, explain ? &why : nullptr);
  FUZZ_CHECK(answer.error == nullptr) << "deciding failed: " << answer.error;
  if (explain) FUZZ_CHECK(why.decision == answer.decision) << "the explanation disagrees";
  return std::string(DecisionName(answer.decision));
}

}  // namespace
}  // namespace iameval

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iameval;
  testing::ByteChoices choices(data, size);
  testing::GeneratedCase c = testing::GenerateCase(choices);
  const bool explain = choices.Chance(50);
  if (choices.Chance(10)) {
    // A Deny of everything in a document read for every caller.
    std::vector<testing::GeneratedPolicySet::Slot> documents;
    for (const auto& slot : c.policies.Documents(c.resource_kind)) {
      if (slot.kind != "scp" && slot.kind != "rcp") documents.push_back(slot);
    }
    if (!documents.empty()) {
      auto slot = choices.Pick(documents);
      slot.policy->statements.push_back(testing::UniversalDeny(slot.kind));
    }
  }
  const std::string policies = c.policies.Json();
  const std::string request = c.request.Json();
  const std::string show = "{\"policies\": " + policies + ",\n \"request\": " + request + "}";

  const testing::ReferenceResult expected = testing::ReferenceDecide(policies, request);
  FUZZ_CHECK(expected.ok()) << "the generator left the reference's subset: " << expected.error
                            << "\n"
                            << show;
  const std::string engine = EngineDecide(policies, request, c.resource_kind, explain);
  FUZZ_CHECK(engine == expected.decision)
      << "engine " << engine << ", reference " << expected.decision << "\n"
      << show;
  return 0;
}
