// File: engine/analysis/analysis.cc
//
// Compare and AccessNotGranted (iameval/analysis.h): the candidate search
// (candidate_search.h) walks the space, and each candidate is judged by the
// engine (judge.h). A counterexample is kept per action group, so the
// answer names each kind of new access once.

#include "iameval/analysis.h"

#include <set>
#include <string>
#include <utility>

#include "analysis/candidate_search.h"
#include "analysis/judge.h"
#include "analysis/search_answer.h"
#include "base/message_text.h"

namespace iameval {

std::string_view CheckResultName(CheckResult result) {
  switch (result) {
    case CheckResult::kPass:
      return "PASS";
    case CheckResult::kFail:
      return "FAIL";
    case CheckResult::kUnknown:
      return "UNKNOWN";
  }
  return "UNKNOWN";
}

namespace internal {
namespace {

// A set holding `policy` alone, in the slot of its kind.
BuildResult SetOf(const Policy& policy) {
  PolicySet::Builder builder;
  builder.AddPolicy(policy);
  return std::move(builder).Build();
}

bool HasResourcePolicy(const PolicySet& set) { return !set.compiled().resource.empty(); }

// Runs `search` and keeps, per action group, the first request that
// `is_counterexample(request, &decision, &before)` holds for (it fills the
// decisions the counterexample records), up to options.max_counterexamples;
// `granting` names the statements that grant it.
template <typename Result, typename IsCounterexample>
Result Collect(CandidateSearch& search, const Judge& granting, const Catalogue& catalogue,
               const AnalysisOptions& options, IsCounterexample&& is_counterexample) {
  Result result;
  result.catalogue_date = std::string(catalogue.date());
  const ActionGroup* last_found = nullptr;
  search.Run([&](const Request& request, const ActionGroup& group) {
    if (&group == last_found) return true;  // one counterexample per group
    Decision decision = Decision::kAllowed;
    Decision before = Decision::kImplicitDeny;
    if (!is_counterexample(request, &decision, &before)) return true;
    if (options.max_counterexamples != 0 &&
        result.counterexamples.size() >= options.max_counterexamples) {
      return false;
    }
    last_found = &group;
    Counterexample c;
    c.request = request;
    c.decision = decision;
    c.before = before;
    c.granted_by = granting.GrantedBy(request);
    c.alike.assign(group.actions.begin() + 1, group.actions.end());
    result.counterexamples.push_back(std::move(c));
    return true;
  });
  result.actions_considered = search.actions_considered();
  Conclude(search, !result.counterexamples.empty(), &result);
  return result;
}

CompareResult CompareWith(const Judge& before, const Judge& after, const Catalogue& catalogue,
                          const AnalysisOptions& options) {
  SearchSpec spec;
  spec.sets = {&before.set().compiled(), &after.set().compiled()};
  spec.gate = {false, true};
  spec.resource_side = HasResourcePolicy(before.set()) || HasResourcePolicy(after.set());
  CandidateSearch search(catalogue.data(), spec, options);
  return Collect<CompareResult>(search, after, catalogue, options,
                                [&](const Request& request, Decision*, Decision* before_decision) {
                                  return after.Granted(request) &&
                                         !before.Granted(request, before_decision);
                                });
}

AccessResult AccessWith(const Judge& judge, const std::vector<std::string>& actions,
                        const std::vector<std::string>& resources, const Catalogue& catalogue,
                        const AnalysisOptions& options) {
  auto invalid = [&](std::string error) {
    AccessResult result;
    result.catalogue_date = std::string(catalogue.date());
    result.error = std::move(error);
    return result;
  };
  for (const std::string& a : actions) {
    if (a != "*" && (a.find(':') == std::string::npos || a.front() == ':' || a.back() == ':')) {
      return invalid("action " + Quote(a) + " is not `service:action` or `*`");
    }
  }
  for (const std::string& r : resources) {
    if (r != "*" && r.rfind("arn:", 0) != 0) {
      return invalid("resource " + Quote(r) + " is not an ARN, an ARN pattern or `*`");
    }
  }
  SearchSpec spec;
  spec.sets = {&judge.set().compiled()};
  spec.gate = {true};
  spec.resource_side = HasResourcePolicy(judge.set());
  spec.action_filter = actions;
  spec.resource_filter = resources;
  CandidateSearch search(catalogue.data(), spec, options);
  return Collect<AccessResult>(search, judge, catalogue, options,
                               [&](const Request& request, Decision* decision, Decision*) {
                                 return judge.Granted(request, decision);
                               });
}

}  // namespace
}  // namespace internal

CompareResult Compare(const Policy& before, const Policy& after, const Catalogue& catalogue,
                      const AnalysisOptions& options) {
  return internal::FailClosed<CompareResult>("comparing", [&] {
    CompareResult result;
    if (before.kind() != after.kind()) {
      result.error = "`before` is a " + std::string(PolicyKindName(before.kind())) +
                     " policy and `after` a " + std::string(PolicyKindName(after.kind())) +
                     " policy: compare policies of one kind";
      return result;
    }
    BuildResult b = internal::SetOf(before);
    BuildResult a = internal::SetOf(after);
    if (!b.ok() || !a.ok()) {
      result.error = b.ok() ? a.error : b.error;
      return result;
    }
    return internal::CompareWith(internal::Judge::ForPolicy(*b.set, before.kind()),
                                 internal::Judge::ForPolicy(*a.set, after.kind()), catalogue,
                                 options);
  });
}

CompareResult Compare(const PolicySet& before, const PolicySet& after, const Catalogue& catalogue,
                      const AnalysisOptions& options) {
  return internal::FailClosed<CompareResult>("comparing", [&] {
    return internal::CompareWith(internal::Judge::ForSet(before), internal::Judge::ForSet(after),
                                 catalogue, options);
  });
}

AccessResult AccessNotGranted(const Policy& policy, const std::vector<std::string>& actions,
                              const std::vector<std::string>& resources, const Catalogue& catalogue,
                              const AnalysisOptions& options) {
  return internal::FailClosed<AccessResult>("checking", [&] {
    BuildResult set = internal::SetOf(policy);
    if (!set.ok()) {
      AccessResult result;
      result.error = set.error;
      return result;
    }
    return internal::AccessWith(internal::Judge::ForPolicy(*set.set, policy.kind()), actions,
                                resources, catalogue, options);
  });
}

AccessResult AccessNotGranted(const PolicySet& set, const std::vector<std::string>& actions,
                              const std::vector<std::string>& resources, const Catalogue& catalogue,
                              const AnalysisOptions& options) {
  return internal::FailClosed<AccessResult>("checking", [&] {
    return internal::AccessWith(internal::Judge::ForSet(set), actions, resources, catalogue,
                                options);
  });
}

}  // namespace iameval
