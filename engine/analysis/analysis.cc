// File: engine/analysis/analysis.cc
//
// Compare and AccessNotGranted (iameval/analysis.h): the candidate search
// (candidate_search.h) walks the space, and each candidate is judged by the
// engine (judge.h). A counterexample is kept per action group, so the
// answer names each kind of new access once.

#include "iameval/analysis.h"

#include <new>
#include <set>
#include <string>
#include <utility>

#include "analysis/candidate_search.h"
#include "analysis/judge.h"
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

CompareResult CompareWith(const Judge& before, const Judge& after, const Catalogue& catalogue,
                          const AnalysisOptions& options) {
  CompareResult result;
  result.catalogue_date = std::string(catalogue.date());
  SearchSpec spec;
  spec.sets = {&before.set().compiled(), &after.set().compiled()};
  spec.gate = {false, true};
  spec.resource_side = HasResourcePolicy(before.set()) || HasResourcePolicy(after.set());
  CandidateSearch search(catalogue.data(), spec, options);
  const ActionGroup* last_found = nullptr;
  search.Run([&](const Request& request, const ActionGroup& group) {
    if (&group == last_found) return true;  // one counterexample per group
    if (!after.Granted(request)) return true;
    Decision before_decision = Decision::kImplicitDeny;
    if (before.Granted(request, &before_decision)) return true;
    if (options.max_counterexamples != 0 &&
        result.counterexamples.size() >= options.max_counterexamples) {
      return false;
    }
    last_found = &group;
    Counterexample c;
    c.request = request;
    c.decision = Decision::kAllowed;
    c.before = before_decision;
    c.granted_by = after.GrantedBy(request);
    c.alike.assign(group.actions.begin() + 1, group.actions.end());
    result.counterexamples.push_back(std::move(c));
    return true;
  });
  result.unknown = search.notes();
  result.requests_decided = search.requests();
  result.actions_considered = search.actions_considered();
  if (!result.counterexamples.empty()) {
    result.result = CheckResult::kFail;
  } else {
    result.result = search.complete() ? CheckResult::kPass : CheckResult::kUnknown;
  }
  return result;
}

AccessResult AccessWith(const Judge& judge, const std::vector<std::string>& actions,
                        const std::vector<std::string>& resources, const Catalogue& catalogue,
                        const AnalysisOptions& options) {
  AccessResult result;
  result.catalogue_date = std::string(catalogue.date());
  for (const std::string& a : actions) {
    if (a != "*" && (a.find(':') == std::string::npos || a.front() == ':' || a.back() == ':')) {
      result.error = "action " + Quote(a) + " is not `service:action` or `*`";
      return result;
    }
  }
  for (const std::string& r : resources) {
    if (r != "*" && r.rfind("arn:", 0) != 0) {
      result.error = "resource " + Quote(r) + " is not an ARN, an ARN pattern or `*`";
      return result;
    }
  }
  SearchSpec spec;
  spec.sets = {&judge.set().compiled()};
  spec.gate = {true};
  spec.resource_side = HasResourcePolicy(judge.set());
  spec.action_filter = actions;
  spec.resource_filter = resources;
  CandidateSearch search(catalogue.data(), spec, options);
  const ActionGroup* last_found = nullptr;
  search.Run([&](const Request& request, const ActionGroup& group) {
    if (&group == last_found) return true;
    Decision decision;
    if (!judge.Granted(request, &decision)) return true;
    if (options.max_counterexamples != 0 &&
        result.counterexamples.size() >= options.max_counterexamples) {
      return false;
    }
    last_found = &group;
    Counterexample c;
    c.request = request;
    c.decision = decision;
    c.granted_by = judge.GrantedBy(request);
    c.alike.assign(group.actions.begin() + 1, group.actions.end());
    result.counterexamples.push_back(std::move(c));
    return true;
  });
  result.unknown = search.notes();
  result.requests_decided = search.requests();
  result.actions_considered = search.actions_considered();
  if (!result.counterexamples.empty()) {
    result.result = CheckResult::kFail;
  } else {
    result.result = search.complete() ? CheckResult::kPass : CheckResult::kUnknown;
  }
  return result;
}

}  // namespace
}  // namespace internal

CompareResult Compare(const Policy& before, const Policy& after, const Catalogue& catalogue,
                      const AnalysisOptions& options) {
  CompareResult result;
  try {
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
  } catch (const std::bad_alloc&) {
    result = CompareResult();
    result.error = "internal error: out of memory while comparing";
  }
  return result;
}

CompareResult Compare(const PolicySet& before, const PolicySet& after, const Catalogue& catalogue,
                      const AnalysisOptions& options) {
  try {
    return internal::CompareWith(internal::Judge::ForSet(before), internal::Judge::ForSet(after),
                                 catalogue, options);
  } catch (const std::bad_alloc&) {
    CompareResult result;
    result.error = "internal error: out of memory while comparing";
    return result;
  }
}

AccessResult AccessNotGranted(const Policy& policy, const std::vector<std::string>& actions,
                              const std::vector<std::string>& resources, const Catalogue& catalogue,
                              const AnalysisOptions& options) {
  AccessResult result;
  try {
    BuildResult set = internal::SetOf(policy);
    if (!set.ok()) {
      result.error = set.error;
      return result;
    }
    return internal::AccessWith(internal::Judge::ForPolicy(*set.set, policy.kind()), actions,
                                resources, catalogue, options);
  } catch (const std::bad_alloc&) {
    result = AccessResult();
    result.error = "internal error: out of memory while checking";
  }
  return result;
}

AccessResult AccessNotGranted(const PolicySet& set, const std::vector<std::string>& actions,
                              const std::vector<std::string>& resources, const Catalogue& catalogue,
                              const AnalysisOptions& options) {
  try {
    return internal::AccessWith(internal::Judge::ForSet(set), actions, resources, catalogue,
                                options);
  } catch (const std::bad_alloc&) {
    AccessResult result;
    result.error = "internal error: out of memory while checking";
    return result;
  }
}

}  // namespace iameval
