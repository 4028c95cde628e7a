// File: engine/analysis/candidate_search.h
//
// The candidate requests of an analysis (spec/analysis.md, "Candidates"):
// every catalogue action the statements' Action / NotAction patterns can
// match, grouped where no statement tells them apart; per group, a resource
// in every region the statements' resource patterns and the actions' ARN
// templates cut the ARN space into; a principal of every class the Principal
// elements name (for resource-side policies); and a context holding a value
// of every region of every condition key in play.
//
//   SearchSpec spec;
//   spec.sets = {&before.compiled(), &after.compiled()};
//   spec.gate = {false, true};             // only actions an Allow of `after` names
//   CandidateSearch search(catalogue.data(), spec, options);
//   search.Run([&](const Request& request, const ActionGroup& group) {
//     ... decide `request` ...; return true;   // false stops
//   });
//   search.complete()   // false: some region could not be covered (notes())
//
// Each group's representative request is decided for the whole group: the
// actions of a group are alike to every statement, so they decide alike.

#ifndef IAMEVAL_ENGINE_ANALYSIS_CANDIDATE_SEARCH_H_
#define IAMEVAL_ENGINE_ANALYSIS_CANDIDATE_SEARCH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analysis/key_witnesses.h"
#include "catalogue/catalogue_data.h"
#include "decide/compiled_policy_set.h"
#include "iameval/analysis.h"
#include "iameval/request.h"

namespace iameval::internal {

// Actions no statement tells apart.
struct ActionGroup {
  std::vector<std::string> actions;  // `prefix:Name`, catalogue order; [0] is asked
  const ActionInfo* info = nullptr;  // of actions[0]; null when the catalogue lacks it
  std::vector<uint32_t> statements;  // ids of the statements whose Action names them
};

// A caller the search asks as.
struct PrincipalWitness {
  std::string principal;  // as Request::principal
  std::string account;    // empty for anonymous and services
  bool anonymous = false;
  bool service = false;
  // Not named by any policy: stands for every caller of its kind and account
  // class (so a grant to it is a grant to anyone).
  bool unnamed = false;
};

struct SearchSpec {
  // The policy sets whose statements cut the space (both sides of a compare).
  std::vector<const CompiledPolicySet*> sets;
  // Per set: when true, only actions some Allow statement of that set names
  // are candidates (nothing else can be allowed by it).
  std::vector<bool> gate;
  // Ask as the principals of the resource policies (true) or as one role
  // session of options.principal_account (false).
  bool resource_side = false;
  // Action patterns (any case) and resource patterns the candidates must
  // match; empty: any.
  std::vector<std::string> action_filter;
  std::vector<std::string> resource_filter;
  // The resource's owner where its ARN has no account; empty:
  // options.principal_account.
  std::string owner_account;
  // Replaces the principal witnesses (external access asks only outsiders).
  std::function<void(std::vector<PrincipalWitness>*)> principals;
  // May narrow a key's witness values for one principal (values an outsider
  // cannot present). Called per principal and key.
  std::function<void(const PrincipalWitness&, const std::string& key, std::vector<KeyValue>*)>
      adjust_key;
};

class CandidateSearch {
 public:
  CandidateSearch(const CatalogueData& catalogue, SearchSpec spec, const AnalysisOptions& options);

  // Calls `visit` for every candidate; stops when it returns false.
  void Run(const std::function<bool(const Request&, const ActionGroup&)>& visit);

  bool complete() const { return complete_; }
  const std::vector<AnalysisNote>& notes() const { return notes_; }
  uint64_t requests() const { return requests_; }
  uint64_t actions_considered() const { return actions_considered_; }
  // Adds a note (deduplicated by message).
  void Note(std::string code, std::string message);
  // Notes a candidate the engine refused: the space is then not covered.
  void Refused(const Request& request, const char* why);

 private:
  struct StatementInfo {
    const CompiledStatement* statement = nullptr;
    PolicyKind kind = PolicyKind::kIdentity;
    size_t set = 0;
    std::string where;  // for notes: "statement 2 (line 9) of policy set 1's identity[0]"
  };
  void CollectStatements();
  void BuildGroups(std::vector<ActionGroup>* groups);
  std::vector<std::string> ResourceWitnesses(const ActionGroup& group);
  void ContextWitnesses(const ActionGroup& group, std::vector<KeyWitnesses>* keys);
  std::vector<PrincipalWitness> Principals();
  bool Valid(const Request& request);

  const CatalogueData& catalogue_;
  SearchSpec spec_;
  const AnalysisOptions& options_;
  std::vector<StatementInfo> statements_;
  std::vector<AnalysisNote> notes_;
  bool complete_ = true;
  // Some set holds a VPC endpoint policy: every candidate names an endpoint.
  bool endpoint_ = false;
  uint64_t requests_ = 0;
  uint64_t actions_considered_ = 0;
  std::string last_checked_;  // principal, action and resource last checked by Valid
  // Context witnesses by the statements of a group (many groups share them).
  std::unordered_map<std::string, std::vector<KeyWitnesses>> context_cache_;
  // Regions of one template under one set of patterns: (matches, witness).
  std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> region_cache_;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANALYSIS_CANDIDATE_SEARCH_H_
