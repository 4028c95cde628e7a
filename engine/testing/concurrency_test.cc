// File: engine/testing/concurrency_test.cc
//
// One compiled policy set shared by many threads, as a server uses it: eight
// threads decide against it at once (with and without explanations) while
// two others parse and compile new sets from the same documents and from the
// same Policy objects, and one swaps the set the deciders read, the way a
// server reloads its policies. Every decision must be the one made on a
// single thread first.
//
// In the ordinary build this checks the answers; `make test-tsan` runs it
// (tag [threads]) under ThreadSanitizer, which checks that no two threads
// touch the same memory without synchronization: Policy and PolicySet are
// immutable after Build, and Decide keeps its scratch on the stack.

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "iameval/iameval.h"
#include "testing/policy_generator.h"

namespace iameval {
namespace {

struct Workload {
  std::vector<testing::GeneratedCase> cases;
  std::vector<std::string> policies_json;  // conformance-format policies objects
  std::vector<PolicyKind> resource_kinds;
  std::vector<Request> requests;
};

// Twenty generated cases, each a policy set and a request.
Workload MakeWorkload() {
  Workload w;
  testing::SeededChoices choices(0x7a5a);
  while (w.requests.size() < 20) {
    testing::GeneratedCase c = testing::GenerateCase(choices);
    RequestResult request = RequestFromJson(c.request.Json());
    REQUIRE(request.ok());
    PolicyKind kind = PolicyKind::kResource;
    ParsePolicyKindName(c.resource_kind, &kind);
    w.policies_json.push_back(c.policies.Json());
    w.resource_kinds.push_back(kind);
    w.requests.push_back(*request.request);
    w.cases.push_back(std::move(c));
  }
  return w;
}

// Safe on any thread (no Catch2 assertion): empty when anything failed.
std::optional<PolicySet> Compile(const Workload& w, size_t i) {
  PolicySetResult set =
      PolicySetFromJson(w.policies_json[i], w.resource_kinds[i], testing::GeneratorLimits());
  return std::move(set.set);
}

// Every identity policy of every case in one set: one set, many statements,
// many requests.
PolicySet CompileShared(const Workload& w, std::vector<Policy>* policies) {
  PolicySet::Builder builder;
  for (const testing::GeneratedCase& c : w.cases) {
    for (const testing::GeneratedPolicy& document : c.policies.identity) {
      ParseResult parsed =
          Policy::Parse(document.Json(), PolicyKind::kIdentity, testing::GeneratorLimits());
      REQUIRE(parsed.ok());
      builder.AddIdentityPolicy(*parsed.policy);
      policies->push_back(*parsed.policy);
    }
  }
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

TEST_CASE("eight threads decide on one set while others compile and swap sets",
          "[threads][concurrency]") {
  const Workload w = MakeWorkload();
  std::vector<Policy> shared_policies;
  const PolicySet shared = CompileShared(w, &shared_policies);
  std::vector<Decision> expected_shared, expected_own;
  for (size_t i = 0; i < w.requests.size(); ++i) {
    expected_shared.push_back(shared.Decide(w.requests[i]).decision);
    std::optional<PolicySet> own = Compile(w, i);
    REQUIRE(own);
    expected_own.push_back(own->Decide(w.requests[i]).decision);
  }

  // The set the swapper replaces, read by the deciders under a mutex (the
  // usual way to publish a new set; the sets themselves need no lock).
  std::mutex current_mutex;
  std::shared_ptr<const PolicySet> current = std::make_shared<PolicySet>(shared);
  auto read_current = [&] {
    std::lock_guard<std::mutex> lock(current_mutex);
    return current;
  };

  std::atomic<bool> go{false};
  std::atomic<int> wrong{0}, errors{0}, decided{0};
  constexpr int kRounds = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      Explanation why;  // each thread its own
      for (int round = 0; round < kRounds; ++round) {
        std::shared_ptr<const PolicySet> set = read_current();
        for (size_t i = 0; i < w.requests.size(); ++i) {
          const bool explain = (i + static_cast<size_t>(t)) % 2 == 0;
          const Answer a = shared.Decide(w.requests[i], explain ? &why : nullptr);
          const Answer b = set->Decide(w.requests[i]);
          wrong += a.decision != expected_shared[i] || b.decision != expected_shared[i];
          wrong += explain && why.decision != a.decision;
          errors += a.error != nullptr || b.error != nullptr;
          decided += 2;
        }
      }
    });
  }
  // Two compilers: new sets from the same text, and from the same Policy
  // objects (their compiled form is shared between sets).
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) std::this_thread::yield();
      for (int round = 0; round < 3; ++round) {
        for (size_t i = static_cast<size_t>(t); i < w.requests.size(); i += 2) {
          const std::optional<PolicySet> own = Compile(w, i);
          if (!own) {
            ++errors;
            continue;
          }
          wrong += own->Decide(w.requests[i]).decision != expected_own[i];
          PolicySet::Builder builder;
          for (const Policy& p : shared_policies) builder.AddIdentityPolicy(p);
          BuildResult rebuilt = std::move(builder).Build();
          if (!rebuilt.ok()) {
            ++errors;
            continue;
          }
          wrong += rebuilt.set->Decide(w.requests[i]).decision != expected_shared[i];
        }
      }
    });
  }
  // The swapper: publishes equivalent sets, built afresh, while deciders read.
  threads.emplace_back([&] {
    while (!go.load()) std::this_thread::yield();
    for (int round = 0; round < 10; ++round) {
      PolicySet::Builder builder;
      for (const Policy& p : shared_policies) builder.AddIdentityPolicy(p);
      BuildResult rebuilt = std::move(builder).Build();
      if (!rebuilt.ok()) {
        ++errors;
        continue;
      }
      auto next = std::make_shared<const PolicySet>(*std::move(rebuilt.set));
      std::lock_guard<std::mutex> lock(current_mutex);
      current = std::move(next);
    }
  });
  go = true;
  for (std::thread& thread : threads) thread.join();
  CHECK(wrong == 0);
  CHECK(errors == 0);
  CHECK(decided == 8 * kRounds * 2 * static_cast<int>(w.requests.size()));
}

TEST_CASE("threads parsing and deciding from scratch share no state", "[threads][concurrency]") {
  // Lazily built tables (if any) are first touched by many threads at once.
  const Workload w = MakeWorkload();
  std::vector<Decision> expected;
  for (size_t i = 0; i < w.requests.size(); ++i) {
    std::optional<PolicySet> set = Compile(w, i);
    REQUIRE(set);
    expected.push_back(set->Decide(w.requests[i]).decision);
  }
  std::atomic<bool> go{false};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      while (!go.load()) std::this_thread::yield();
      for (size_t i = 0; i < w.requests.size(); ++i) {
        Explanation why;
        std::optional<PolicySet> set = Compile(w, i);
        if (!set) {
          ++wrong;
          continue;
        }
        wrong += set->Decide(w.requests[i], &why).decision != expected[i];
        const std::string answer = AnswerToJson(Answer{why.decision, nullptr}, &why);
        wrong += answer.empty();
      }
    });
  }
  go = true;
  for (std::thread& thread : threads) thread.join();
  CHECK(wrong == 0);
}

}  // namespace
}  // namespace iameval
