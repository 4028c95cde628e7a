// File: engine/analysis/analysis_property_test.cc
//
// Properties of Compare over generated identity policies
// (testing/policy_generator.h), and the corpus's counterexamples decided
// again by the reference evaluator (testing/reference_evaluator.h):
//
//   * compare(p, p) is never FAIL;
//   * adding a Deny to `after` never turns PASS into FAIL;
//   * adding an Allow whose grant a concrete request shows to be new is
//     never PASS (the feature's false allow);
//   * every counterexample of the corpus's identity-policy compares is
//     allowed by `after` and not by `before` in the reference evaluator.

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"
#include "iameval/analysis.h"
#include "json/rapidjson_types.h"
#include "testing/policy_generator.h"
#include "testing/reference_evaluator.h"
#include "testing/source_files.h"

namespace iameval::testing {
namespace {

constexpr int kCases = 40;

std::optional<Policy> ParseGenerated(const std::string& text) {
  ParseResult parsed = Policy::Parse(text, PolicyKind::kIdentity, GeneratorLimits());
  return parsed.policy;
}

TEST_CASE("compare of a policy with itself is never FAIL", "[analysis][property]") {
  for (int seed = 1; seed <= kCases; ++seed) {
    SeededChoices choices(static_cast<uint64_t>(seed));
    GeneratedCase c = GenerateCase(choices);
    GeneratedPolicy p = GeneratePolicy(choices, "identity", c.request);
    std::optional<Policy> policy = ParseGenerated(p.Json());
    if (!policy) continue;
    CompareResult result = Compare(*policy, *policy, ShippedCatalogue());
    INFO(p.Json());
    CHECK(result.result != CheckResult::kFail);
  }
}

TEST_CASE("adding a Deny to after never turns PASS into FAIL", "[analysis][property]") {
  for (int seed = 100; seed < 100 + kCases; ++seed) {
    SeededChoices choices(static_cast<uint64_t>(seed));
    GeneratedCase c = GenerateCase(choices);
    GeneratedPolicy before = GeneratePolicy(choices, "identity", c.request);
    GeneratedPolicy after = before;
    if (!after.statements.empty()) after.statements.pop_back();  // a narrower after
    std::optional<Policy> b = ParseGenerated(before.Json());
    std::optional<Policy> a = ParseGenerated(after.Json());
    if (!b || !a || after.statements.empty()) continue;
    const CheckResult plain = Compare(*b, *a, ShippedCatalogue()).result;
    after.statements.push_back(GenerateStatement(choices, "identity", c.request, /*deny=*/true));
    std::optional<Policy> denied = ParseGenerated(after.Json());
    if (!denied) continue;
    INFO(before.Json() << "\n" << after.Json());
    const CheckResult with_deny = Compare(*b, *denied, ShippedCatalogue()).result;
    if (plain == CheckResult::kPass) CHECK(with_deny != CheckResult::kFail);
  }
}

TEST_CASE("an Allow that a request shows to be new is never PASS", "[analysis][property]") {
  for (int seed = 200; seed < 200 + kCases; ++seed) {
    SeededChoices choices(static_cast<uint64_t>(seed));
    GeneratedCase c = GenerateCase(choices);
    GeneratedPolicy before = GeneratePolicy(choices, "identity", c.request);
    GeneratedPolicy after = before;
    after.statements.push_back(GenerateStatement(choices, "identity", c.request, /*deny=*/false));
    std::optional<Policy> b = ParseGenerated(before.Json());
    std::optional<Policy> a = ParseGenerated(after.Json());
    if (!b || !a) continue;
    // The generated request, asked of both as an identity-only set.
    RequestResult request = RequestFromJson(c.request.Json());
    REQUIRE(request.ok());
    PolicySet::Builder bb, ab;
    bb.AddIdentityPolicy(*b);
    ab.AddIdentityPolicy(*a);
    BuildResult bs = std::move(bb).Build(), as = std::move(ab).Build();
    REQUIRE(bs.ok());
    REQUIRE(as.ok());
    const bool new_grant =
        as.set->Decide(*request.request).allowed() && !bs.set->Decide(*request.request).allowed();
    if (!new_grant) continue;
    INFO(before.Json() << "\n" << after.Json() << "\n" << c.request.Json());
    CHECK(Compare(*bs.set, *as.set, ShippedCatalogue()).result != CheckResult::kPass);
  }
}

std::string Text(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return buffer.GetString();
}

TEST_CASE("the corpus's counterexamples are decided alike by the reference evaluator",
          "[analysis][analysis-corpus]") {
  const std::string text = SourceFile("conformance/analysis/compare.json");
  rapidjson::Document suite;
  suite.Parse(text.c_str());
  REQUIRE(suite.IsObject());
  int checked = 0;
  for (const rapidjson::Value& c : suite["cases"].GetArray()) {
    const rapidjson::Value& input = c["input"];
    const bool sets = input.HasMember("sets") && input["sets"].GetBool();
    const std::string kind = input.HasMember("kind") ? input["kind"].GetString() : "identity";
    if (!sets && kind != "identity") continue;  // a policy's own verdict: no set to re-decide
    std::string in = Text(input);
    in.insert(in.size() - 1, ",\"maxCounterexamples\":0");
    rapidjson::Document answer;
    const std::string out = CompareJson(in, ShippedCatalogue());
    answer.Parse(out.c_str());
    REQUIRE(answer.IsObject());
    if (!answer["counterexamples"].IsArray()) continue;
    const std::string before =
        sets ? Text(input["before"]) : "{\"identity\": [" + Text(input["before"]) + "]}";
    const std::string after =
        sets ? Text(input["after"]) : "{\"identity\": [" + Text(input["after"]) + "]}";
    for (const rapidjson::Value& x : answer["counterexamples"].GetArray()) {
      const std::string request = Text(x["request"]);
      const std::string action = x["request"]["action"].GetString();
      // A single identity policy's verdict is not AWS's decision where the
      // target's own policy must allow (trust and key policies).
      if (!sets && (action.rfind("sts:", 0) == 0 || action.rfind("kms:", 0) == 0)) continue;
      INFO(c["id"].GetString() << ": " << request);
      ReferenceResult a = ReferenceDecide(after, request);
      ReferenceResult b = ReferenceDecide(before, request);
      if (!a.ok() || !b.ok()) continue;  // outside the reference's subset
      CHECK(a.decision == "allowed");
      CHECK(b.decision != "allowed");
      ++checked;
    }
  }
  CHECK(checked > 0);
}

}  // namespace
}  // namespace iameval::testing
