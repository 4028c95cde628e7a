// File: engine/analysis/effective_permissions.h
//
// Effective permissions: what one principal can do, action by action, over
// the whole catalogue, and who among many principals can. For each catalogue
// action that some identity-policy Allow statement names, the engine decides
// requests about witness resources (the statement's Resource intersected
// with the action's ARN templates and the permissions boundary's resources);
// the action is in the answer when a request is allowed (`allowed`, with that
// request as proof) or when only conditions stand between the principal and
// an allow (`conditional`). Each action lists the statements that grant it
// and those that bound it (Deny statements of every kind, the boundary's and
// the SCPs' Allow statements), with their resources and whether they carry
// conditions.
//
//   CatalogueActions actions(catalogue);            // once per catalogue
//   Subject who;
//   who.principal = "arn:aws:iam::111122223333:role/deploy";
//   EffectivePermissions p = ComputeEffectivePermissions(set, who, actions);
//   EffectivePermissionsToJson(p);   // {"principal", "actions": [...], ...}
//
// Many principals at once, on `threads` threads (each job's set is only read):
//   std::vector<EffectivePermissions> all = ComputeEffectivePermissionsMany(jobs, actions, 2);
//
// Only the catalogue's actions are enumerated: an action AWS released after
// the catalogue's date is not listed (Catalogue::Extend adds it). The
// method, its bounds and what `conditional` means:
// spec/effective-permissions.md.

#ifndef IAMEVAL_ENGINE_ANALYSIS_EFFECTIVE_PERMISSIONS_H_
#define IAMEVAL_ENGINE_ANALYSIS_EFFECTIVE_PERMISSIONS_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "iameval/decision.h"
#include "iameval/lint.h"
#include "iameval/policy_set.h"
#include "iameval/request.h"
#include "match/glob.h"

namespace iameval::internal {

// The catalogue's actions, lowercased and filed by service, for matching
// policy Action patterns against. Built once per catalogue, then only read.
class CatalogueActions {
 public:
  explicit CatalogueActions(const Catalogue& catalogue);

  struct Action {
    std::string name;   // `s3:GetObject`, as the catalogue spells it
    std::string lower;  // `s3:getobject`
    std::string_view service;
    uint8_t access = 0;                  // AccessLevelBits
    std::vector<std::string> templates;  // the ARN templates of its resource types
  };
  const std::vector<Action>& actions() const { return actions_; }

  // Calls `visit(id)` for every action the lowercased pattern matches (a
  // policy's Action glob: `s3:get*`, `*`).
  template <typename Visit>
  void ForEachMatch(const Glob& pattern, Visit&& visit) const {
    const std::vector<uint32_t>* ids = CandidatesOf(pattern.pattern());
    if (ids == nullptr) {
      for (uint32_t id = 0; id < actions_.size(); ++id) {
        if (pattern.Matches(actions_[id].lower)) visit(id);
      }
      return;
    }
    for (uint32_t id : *ids) {
      if (pattern.Matches(actions_[id].lower)) visit(id);
    }
  }

  const Catalogue& catalogue() const { return catalogue_; }

 private:
  // The actions of the one service a pattern's literal prefix names; nullptr
  // when the service part has wildcards (every action is a candidate).
  const std::vector<uint32_t>* CandidatesOf(std::string_view pattern) const;

  Catalogue catalogue_;
  std::vector<Action> actions_;
  std::unordered_map<std::string, std::vector<uint32_t>> by_service_;  // lowercase prefix
  std::vector<uint32_t> none_;
};

// Who asks: the request fields every question about the principal shares.
struct Subject {
  std::string principal;  // ARN of a user, role or role session
  Context context;        // e.g. its tags as aws:PrincipalTag/KEY
  bool principal_in_management_account = false;
  bool principal_is_service_linked_role = false;
};

// A statement that grants or bounds an action.
struct StatementBound {
  StatementRef statement;  // kind, level, policy index, statement index, sid, line
  bool not_resource = false;
  // Resource (or NotResource) patterns as written; empty when the statement
  // names no resource (SCPs, resource policies).
  std::vector<std::string> resources;
  bool conditional = false;  // the statement has a Condition
};

struct ActionPermission {
  uint32_t action = 0;  // CatalogueActions id
  // kAllowed: the engine allowed the request on `resource`. kConditional: no
  // request without conditions was allowed, but every policy that did not
  // allow it has a conditional Allow for it, or the Deny that applied has a
  // condition.
  enum class Status : uint8_t { kAllowed, kConditional };
  Status status = Status::kAllowed;
  uint32_t resource = 0;  // the witness decided: EffectivePermissions::resources
  uint32_t refs = 0;      // its statements: EffectivePermissions::refs
};

// The statements of an action, as indices into EffectivePermissions::
// statements: the identity Allow statements naming it, and those bounding
// it (Deny statements of every kind, the Allows of the limiting kinds).
struct StatementRefs {
  std::vector<uint32_t> grants;
  std::vector<uint32_t> bounds;
};

// Tables are shared by the actions (most share a witness or their
// statements), so an account of 1,000 roles fits in little memory.
struct EffectivePermissions {
  std::string principal;
  std::vector<ActionPermission> actions;   // by service prefix, then action name
  std::vector<StatementBound> statements;  // every statement an action names, once
  std::vector<std::string> resources;      // every witness resource, once
  std::vector<StatementRefs> refs;         // every distinct grants/bounds pair, once
  size_t decisions = 0;                    // requests the engine decided
  std::string error;                       // an invalid subject; actions empty

  const std::string& ResourceOf(const ActionPermission& a) const { return resources[a.resource]; }
  const StatementRefs& RefsOf(const ActionPermission& a) const { return refs[a.refs]; }
};

// Options narrowing the question: only actions `action_pattern` matches
// (empty: all), and only witness resources `resource_pattern` matches
// (empty: any), a wildcard pattern as in a policy.
struct EffectiveOptions {
  std::string action_pattern;
  std::string resource_pattern;
};

// What `subject` can do under `set` (its identity policies, boundary,
// session policies and SCPs; the set's resource policy, if any, takes part
// in every decision). Never throws: memory running out gives `error`.
EffectivePermissions ComputeEffectivePermissions(const PolicySet& set, const Subject& subject,
                                                 const CatalogueActions& actions,
                                                 const EffectiveOptions& options = {});

struct EffectiveJob {
  const PolicySet* set = nullptr;
  Subject subject;
};

// ComputeEffectivePermissions for every job, in job order, on up to
// `threads` threads.
std::vector<EffectivePermissions> ComputeEffectivePermissionsMany(
    const std::vector<EffectiveJob>& jobs, const CatalogueActions& actions, int threads,
    const EffectiveOptions& options = {});

// {"principal", "catalogue": {"date", "source"}, "decisions", "error"?,
//  "statements": [statement...],
//  "services": [{"service", "actions": [{"action", "accessLevel",
//  "status": "allowed"|"conditional", "request": {"resource"},
//  "grants": [index...], "bounds": [index...]}]}]}
// with statement = {"kind", "level"?, "policyIndex", "policyId"?,
// "statementIndex", "sid"?, "effect", "resources" | "notResources"?,
// "conditional", "line", "column"}; indices point into "statements".
std::string EffectivePermissionsToJson(const EffectivePermissions& permissions,
                                       const CatalogueActions& actions);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANALYSIS_EFFECTIVE_PERMISSIONS_H_
