// File: engine/decide/action_index_test.cc

#include "decide/action_index.h"

#include <algorithm>
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

TEST_CASE("A resource's head ends at the first / or : after the fifth colon", "[action_index]") {
  auto head = [](std::string_view text, bool complete) {
    const size_t n = ActionIndex::ResourceHeadLength(text, complete);
    return n == std::string_view::npos ? std::string("<none>") : std::string(text.substr(0, n));
  };
  CHECK(head("arn:aws:s3:::bucket/a/b", true) == "arn:aws:s3:::bucket");
  CHECK(head("arn:aws:s3:::bucket", true) == "arn:aws:s3:::bucket");
  CHECK(head("arn:aws:sqs:us-east-1:111122223333:queue", true) ==
        "arn:aws:sqs:us-east-1:111122223333:queue");
  CHECK(head("arn:aws:lambda:us-east-1:111122223333:function:f", true) ==
        "arn:aws:lambda:us-east-1:111122223333:function");
  CHECK(head("*", true) == "*");
  CHECK(head("", true) == "");
  // Prefixes of patterns: only when they reach the head's end.
  CHECK(head("arn:aws:s3:::bucket/", false) == "arn:aws:s3:::bucket");
  CHECK(head("arn:aws:s3:::bucket", false) == "<none>");
  CHECK(head("arn:aws:s3:::", false) == "<none>");
  CHECK(head("arn:aws:s3", false) == "<none>");
}

CompiledStatement ResourceStatement(const std::vector<std::string>& resources,
                                    CompiledStatement::ResourceMode mode) {
  CompiledStatement statement = Statement({"s3:get*"});
  statement.resource_mode = mode;
  for (const std::string& text : resources) {
    ResourceEntry entry;
    std::string code, message;
    REQUIRE(Template::Parse(text, true, &entry.pattern, &code, &message));
    if (!entry.pattern.has_variables()) entry.glob = Glob(entry.pattern.StaticText(true));
    statement.resources.push_back(std::move(entry));
  }
  return statement;
}

// Whether `statement` could match `resource`: a glob match, or for a pattern
// with a variable, the resource starting with what every rendering starts with.
bool MayMatchResource(const CompiledStatement& statement, std::string_view resource) {
  if (statement.resource_mode != CompiledStatement::ResourceMode::kList) return true;
  for (const ResourceEntry& entry : statement.resources) {
    if (entry.pattern.has_variables()) {
      if (resource.substr(0, entry.pattern.FixedPrefix().size()) == entry.pattern.FixedPrefix()) {
        return true;
      }
    } else if (entry.glob.Matches(resource)) {
      return true;
    }
  }
  return false;
}

TEST_CASE("Long candidate lists split by resource head miss no statement", "[action_index]") {
  std::mt19937 rng(16);
  const std::vector<std::string> patterns = {"arn:aws:s3:::b1/*",
                                             "arn:aws:s3:::b2/x",
                                             "arn:aws:s3:::b*",
                                             "*",
                                             "arn:aws:s3:::b1",
                                             "arn:aws:s3:::b1/${aws:username}/*",
                                             "arn:aws:s3:::${aws:username}/*",
                                             "arn:aws:sqs:us-east-1:1:q1",
                                             "arn:aws:sqs:us-east-1:1:q*",
                                             "arn:aws:s3:::b?/*",
                                             "arn:aws:s3:::b1/${*}",
                                             "arn:aws:s3:::b12/k",
                                             "arn:aws:lambda:us-east-1:1:function:f",
                                             "arn:aws:lambda:us-east-1:1:function:*"};
  const std::vector<std::string> resources = {"arn:aws:s3:::b1/k",
                                              "arn:aws:s3:::b1",
                                              "arn:aws:s3:::b2/x",
                                              "arn:aws:s3:::b12/k",
                                              "*",
                                              "arn:aws:sqs:us-east-1:1:q1",
                                              "arn:aws:s3:::b1:x/y",
                                              "",
                                              "arn:aws:s3:::b1/*",
                                              "arn:aws:lambda:us-east-1:1:function:f",
                                              "arn:aws:lambda:us-east-1:1:function:g",
                                              "arn:aws:s3:::b3/alice/k"};
  for (int round = 0; round < 40; ++round) {
    std::vector<CompiledPolicy> policies(1 + rng() % 3);
    for (CompiledPolicy& policy : policies) {
      for (int s = 0, n = 5 + rng() % 40; s < n; ++s) {
        std::vector<std::string> chosen;
        for (int r = 0, k = 1 + rng() % 3; r < k; ++r)
          chosen.push_back(patterns[rng() % patterns.size()]);
        const int mode = rng() % 10;
        policy.statements.push_back(
            ResourceStatement(chosen, mode == 0   ? CompiledStatement::ResourceMode::kNotList
                                      : mode == 1 ? CompiledStatement::ResourceMode::kAbsent
                                                  : CompiledStatement::ResourceMode::kList));
      }
    }
    std::vector<const CompiledPolicy*> pointers;
    for (const CompiledPolicy& policy : policies) pointers.push_back(&policy);
    ActionIndex index;
    index.Build(pointers);
    for (const std::string& resource : resources) {
      const ActionIndex::Key key("s3:getobject", resource);
      std::vector<std::pair<uint32_t, uint32_t>> visited;
      index.ForEachCandidate(key, [&](ActionIndex::Ref ref, bool) {
        visited.emplace_back(ref.policy, ref.statement);
        return true;
      });
      INFO("round " << round << ", resource " << resource);
      // Each once.
      std::sort(visited.begin(), visited.end());
      CHECK(std::adjacent_find(visited.begin(), visited.end()) == visited.end());
      for (uint32_t p = 0; p < policies.size(); ++p) {
        for (uint32_t s = 0; s < policies[p].statements.size(); ++s) {
          if (!MayMatchResource(policies[p].statements[s], resource)) continue;
          INFO("policy " << p << " statement " << s);
          CHECK(std::find(visited.begin(), visited.end(), std::make_pair(p, s)) != visited.end());
        }
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
