// File: engine/decide/action_index_test.cc

#include "decide/action_index.h"

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "policy/compiled_policy.h"

namespace iameval::internal {
namespace {

CompiledStatement Statement(std::vector<std::string> patterns, bool not_action = false) {
  CompiledStatement statement;
  statement.not_action = not_action;
  for (std::string& pattern : patterns) statement.actions.emplace_back(std::move(pattern));
  return statement;
}

bool Names(const CompiledStatement& statement, std::string_view action) {
  bool listed = false;
  for (const Glob& glob : statement.actions) listed = listed || glob.Matches(action);
  return listed != statement.not_action;
}

// Every statement that names `action` is visited exactly once, and those the
// index reports as known do name it.
void CheckCandidates(const std::vector<CompiledPolicy>& policies, std::string_view action) {
  std::vector<const CompiledPolicy*> pointers;
  for (const CompiledPolicy& policy : policies) pointers.push_back(&policy);
  ActionIndex index;
  index.Build(pointers);
  std::map<std::pair<uint32_t, uint32_t>, int> visits;
  index.ForEachCandidate(ActionIndex::Key(action), [&](ActionIndex::Ref ref, bool known) {
    ++visits[{ref.policy, ref.statement}];
    if (known) {
      INFO(action << " policy " << ref.policy << " statement " << ref.statement);
      CHECK(Names(policies[ref.policy].statements[ref.statement], action));
    }
    return true;
  });
  for (const auto& [ref, count] : visits) {
    INFO(action << " policy " << ref.first << " statement " << ref.second);
    CHECK(count == 1);
  }
  for (uint32_t p = 0; p < policies.size(); ++p) {
    for (uint32_t s = 0; s < policies[p].statements.size(); ++s) {
      if (!Names(policies[p].statements[s], action)) continue;
      INFO(action << " policy " << p << " statement " << s);
      CHECK(visits.count({p, s}) == 1);
    }
  }
}

TEST_CASE("ActionIndex visits each statement naming the action once", "[action_index]") {
  std::vector<CompiledPolicy> policies(1);
  std::vector<CompiledStatement>& statements = policies[0].statements;
  statements.push_back(Statement({"s3:getobject", "s3:putobject"}));   // by action
  statements.push_back(Statement({"s3:get*"}));                        // by pattern
  statements.push_back(Statement({"s3:get*"}));                        // same pattern
  statements.push_back(Statement({"s3:getobject", "s3:get*"}));        // mixed
  statements.push_back(Statement({"s3:getobject", "ec2:describe*"}));  // two services
  statements.push_back(Statement({"*"}));                              // always
  statements.push_back(Statement({"s3:*"}, /*not_action=*/true));      // always
  statements.push_back(Statement({"s?:getobject"}));                   // always
  statements.push_back(Statement({"s3:getobject", "s3:getobject"}));   // listed twice
  statements.push_back(Statement({"ec2:describe*", "ec2:describeinstances"}));
  for (const char* action :
       {"s3:getobject", "s3:putobject", "s3:getbucketacl", "ec2:describeinstances",
        "ec2:runinstances", "iam:createuser", "s3:listbucket"}) {
    CheckCandidates(policies, action);
  }
}

TEST_CASE("ActionIndex stops the walk when a visit says so", "[action_index]") {
  // One candidate in each list: always, by pattern, mixed, by action.
  std::vector<CompiledPolicy> policies(1);
  std::vector<CompiledStatement>& statements = policies[0].statements;
  statements.push_back(Statement({"*"}));
  statements.push_back(Statement({"s3:get*"}));
  statements.push_back(Statement({"s3:getobject", "s3:get*"}));
  statements.push_back(Statement({"s3:getobject"}));
  ActionIndex index;
  index.Build({&policies[0]});
  const ActionIndex::Key key("s3:getobject");
  for (size_t stop_after = 1; stop_after <= 4; ++stop_after) {
    size_t visits = 0;
    const bool finished =
        index.ForEachCandidate(key, [&](ActionIndex::Ref, bool) { return ++visits < stop_after; });
    CHECK(visits == stop_after);
    CHECK(finished == false);
  }
  size_t visits = 0;
  CHECK(index.ForEachCandidate(key, [&](ActionIndex::Ref, bool) { return ++visits > 0; }));
  CHECK(visits == 4);
}

TEST_CASE("ActionIndex agrees with a full scan on random statements", "[action_index]") {
  std::mt19937 rng(42);
  const std::vector<std::string> services = {"s3", "ec2", "iam", "sqs", "s3x"};
  const std::vector<std::string> names = {"getobject", "get*",      "*object", "g?tobject",   "*",
                                          "putobject", "describe*", "list*",   "getobjectacl"};
  auto pick = [&](const std::vector<std::string>& from) { return from[rng() % from.size()]; };
  for (int round = 0; round < 50; ++round) {
    std::vector<CompiledPolicy> policies(1 + rng() % 3);
    for (CompiledPolicy& policy : policies) {
      for (int s = 0, n = 1 + rng() % 8; s < n; ++s) {
        std::vector<std::string> patterns;
        for (int a = 0, k = 1 + rng() % 3; a < k; ++a) {
          const int shape = rng() % 12;
          patterns.push_back(shape == 0   ? "*"
                             : shape == 1 ? "s*:getobject"
                                          : pick(services) + ":" + pick(names));
        }
        policy.statements.push_back(Statement(patterns, rng() % 6 == 0));
      }
    }
    for (const std::string& service : services) {
      for (const char* name :
           {"getobject", "putobject", "getobjectacl", "describeinstances", "listbuckets"}) {
        CheckCandidates(policies, service + ":" + name);
      }
    }
  }
}

TEST_CASE("ActionIndex::Key hashes the action and its service as the index does",
          "[action_index]") {
  ActionIndex::Key key("s3:getobject");
  CHECK(key.service == "s3");
  CHECK(key.service_hash == ActionIndexHash("s3"));
  CHECK(key.action_hash == ActionIndexHash("s3:getobject"));
}

}  // namespace
}  // namespace iameval::internal
