// File: iameval/analysis.h
//
// Access analysis, offline and with proof: "does this change grant anything
// new?", "does this policy grant any of these actions?", "is this resource
// policy public, or open to accounts I do not trust?". The questions IAM
// Access Analyzer's custom policy checks answer online (CheckNoNewAccess,
// CheckAccessNotGranted, CheckNoPublicAccess), answered here from the
// catalogue of AWS actions (iameval/lint.h) and the engine's own decisions.
//
//   iameval::Catalogue catalogue = *iameval::Catalogue::LoadFile(
//       iameval::DefaultCataloguePath()).catalogue;
//   iameval::Policy before = *iameval::Policy::Parse(old_text,
//   iameval::PolicyKind::kIdentity).policy; iameval::Policy after =
//   *iameval::Policy::Parse(new_text, iameval::PolicyKind::kIdentity).policy;
//   iameval::CompareResult diff = iameval::Compare(before, after, catalogue);
//   switch (diff.result) {
//     case iameval::CheckResult::kPass:     // `after` allows nothing `before` denies
//       break;
//     case iameval::CheckResult::kFail:     // diff.counterexamples: requests that prove it
//       for (const iameval::Counterexample& c : diff.counterexamples)
//         std::cout << c.request.action << " on " << c.request.resource << "\n";
//       break;
//     case iameval::CheckResult::kUnknown:  // diff.unknown: what could not be covered, and where
//       break;
//   }
//
// ----------------------------------------------------------------------------
// The three answers
// ----------------------------------------------------------------------------
//
//   kPass     proved: no request of the analysed space has the bad property
//             (for Compare: `after` allows no request that `before` denies).
//   kFail     disproved, with counterexamples: real requests, each decided by
//             the engine, each naming the statement(s) that grant it.
//   kUnknown  the method could not cover the whole space (a policy variable,
//             a shape of NotResource it cannot split, the work bound, ...);
//             `unknown` names each such construct and where it is. A PASS
//             that is not certain is never given: it is this feature's false
//             allow. A FAIL stands even when some part is unknown.
//
// ----------------------------------------------------------------------------
// The method (spec/analysis.md states it with its soundness argument)
// ----------------------------------------------------------------------------
//
// The candidate requests are every catalogue action either side's Action /
// NotAction patterns can match (and every exact action name the catalogue
// lacks), grouped where the policies cannot tell them apart; for each, the
// resources are witnesses of every region the statements' Resource /
// NotResource patterns and the action's ARN templates cut the ARN space into
// (an exact product automaton of the globs); the principals are witnesses
// of every class the Principal elements name; the context holds, for every
// condition key in play, a value of every region its operands cut its value
// space into (boundary values of numbers, dates and CIDR ranges; glob regions
// of strings and ARNs; true / false / absent; for multivalued keys every set
// of those regions). Each candidate is decided by the engine (PolicySet::
// Decide), so an answer never disagrees with a decision.
//
// The answers are relative to the catalogue: an action AWS released after
// the catalogue's date (CompareResult::catalogue_date) is not a candidate
// unless a policy names it exactly. Catalogue::Extend adds newer actions.
//
// ----------------------------------------------------------------------------
// What "allows" means for one policy
// ----------------------------------------------------------------------------
//
// Compare of two policy sets compares AWS's full decision (kAllowed or not).
// Compare of two single policies compares what each policy itself grants:
// its own verdict (an Allow applies and no Deny of it does) for a request it
// is in force for, whatever its kind: the identity policy of a role, a bucket
// or key policy, a trust policy, a boundary, a session policy, an SCP or an
// RCP. So a narrowed SCP passes and a widened one fails, though an SCP alone
// never allows anything.
//
// Nothing here throws. Every function is safe to call from many threads on
// shared policies, sets and catalogue.

#ifndef IAMEVAL_ANALYSIS_H_
#define IAMEVAL_ANALYSIS_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/decision.h"
#include "iameval/json.h"
#include "iameval/lint.h"
#include "iameval/policy.h"
#include "iameval/policy_set.h"
#include "iameval/request.h"

namespace iameval {

enum class CheckResult : uint8_t { kPass, kFail, kUnknown };

// "PASS", "FAIL", "UNKNOWN": the words of the CLI, JSON and the bindings.
std::string_view CheckResultName(CheckResult result);

// A request the analysis decided that proves a FAIL (or, for the access
// checks, a finding): a complete Request, decided by the engine.
struct Counterexample {
  Request request;
  // What the analysed policies decided: for Compare, `after`; for the access
  // checks, the policy or set checked. Always kAllowed in a result.
  Decision decision = Decision::kAllowed;
  // Compare only: what `before` decided for the same request (never kAllowed).
  Decision before = Decision::kImplicitDeny;
  // The statements that grant it (of `after` for Compare), as explanations
  // name them: kind, policy index, Sid, statement index, line and column.
  std::vector<StatementRef> granted_by;
  // Other actions no statement tells apart from request.action (same
  // service, same statements naming them, same resource types): the same
  // request with any of them is decided alike, so each is a counterexample
  // too. Catalogue order.
  std::vector<std::string> alike;
};

// One construct the method could not cover, or one bound it reached.
struct AnalysisNote {
  // Stable kebab-case code (spec/analysis.md): `policy-variable`,
  // `not-resource-shape`, `condition-operator`, `multivalued-key`,
  // `work-bound`, `ipv6-range`, `unknown-principal-shape`, ...
  std::string code;
  // Lowercase, names the construct and where it is: "`Statement[2].Resource`
  // of `after` (policy 0, line 9) uses the policy variable `${aws:username}`".
  std::string message;
};

struct AnalysisOptions {
  // Counterexamples (or findings' examples) kept; 0 keeps every one found.
  // The search goes on past the cap only to learn nothing more: it stops at
  // the first counterexample past it.
  size_t max_counterexamples = 25;
  // The most requests decided before the answer becomes UNKNOWN with a
  // `work-bound` note rather than slow. 0: no bound.
  uint64_t max_requests = 20'000'000;
  // The caller of identity-side questions (identity policies, boundaries,
  // session policies, SCPs and policy sets without a resource policy): a role
  // session in this account, whose resources are the account's own.
  std::string principal_account = "111122223333";
  // Request::now for every candidate (aws:CurrentTime when no condition
  // names it). Unset: 2026-01-01T00:00:00Z, so answers are reproducible.
  std::optional<std::chrono::system_clock::time_point> now;
};

struct CompareResult {
  CheckResult result = CheckResult::kUnknown;
  // kFail: requests `after` allows and `before` does not, at most one per
  // action and granting statement, in catalogue order.
  std::vector<Counterexample> counterexamples;
  // kUnknown (and, informatively, kFail): what the method could not cover.
  std::vector<AnalysisNote> unknown;
  uint64_t requests_decided = 0;  // candidate requests decided (each by both sides)
  uint64_t actions_considered = 0;
  std::string catalogue_date;  // the catalogue the answer is relative to
  // Set (with kUnknown) when the inputs cannot be compared: policies of
  // different kinds, or memory ran out. Lowercase, one line.
  std::string error;
};

// Does `after` grant anything `before` does not? Both policies must be of the
// same kind.
CompareResult Compare(const Policy& before, const Policy& after, const Catalogue& catalogue,
                      const AnalysisOptions& options = AnalysisOptions());

// The same for whole policy sets: AWS's full decision, every policy in force.
CompareResult Compare(const PolicySet& before, const PolicySet& after, const Catalogue& catalogue,
                      const AnalysisOptions& options = AnalysisOptions());

struct AccessResult {
  // kPass: no listed action is granted on any listed resource; kFail: the
  // counterexamples are granted requests.
  CheckResult result = CheckResult::kUnknown;
  std::vector<Counterexample> counterexamples;
  std::vector<AnalysisNote> unknown;
  uint64_t requests_decided = 0;
  uint64_t actions_considered = 0;
  std::string catalogue_date;
  std::string error;  // an action or resource that is not one (names it)
};

// Does the policy (or set) grant any of `actions` on any of `resources`?
// Actions are names or patterns (`s3:PutObject`, `iam:*`), expanded through
// the catalogue; resources are ARNs or ARN patterns (`arn:aws:s3:::b/*`);
// an empty list means every action / every resource. No size caps: every
// action and resource listed is checked.
AccessResult AccessNotGranted(const Policy& policy, const std::vector<std::string>& actions,
                              const std::vector<std::string>& resources, const Catalogue& catalogue,
                              const AnalysisOptions& options = AnalysisOptions());
AccessResult AccessNotGranted(const PolicySet& set, const std::vector<std::string>& actions,
                              const std::vector<std::string>& resources, const Catalogue& catalogue,
                              const AnalysisOptions& options = AnalysisOptions());

// Who is trusted, for ExternalAccess: Access Analyzer's zone of trust. The
// resource's owner account is always trusted.
struct TrustZone {
  std::vector<std::string> accounts;       // 12-digit account ids
  std::vector<std::string> organizations;  // organization ids, `o-...`
};

// The resource a resource policy is attached to.
struct ResourceTarget {
  // Its ARN (`arn:aws:s3:::reports`, a role's ARN, a key's ARN). Empty: every
  // resource the policy's Resource elements name.
  std::string arn;
  // The owner account; empty: from the ARN, else
  // AnalysisOptions::principal_account.
  std::string owner_account;
};

// One way a principal outside the zone of trust (or anyone) reaches the
// resource: Access Analyzer's finding, with the request that proves it.
struct AccessFinding {
  bool is_public = false;  // any principal at all, anonymous included
  // Who: `*` when public, else the external principal as the policy names it
  // (an account id, a role or user ARN, a service principal, a provider).
  std::string principal;
  std::vector<std::string> actions;  // every catalogue action granted to it, sorted
  std::string resource;              // the resource of the example
  // The condition values the example needs, as context (empty: none).
  Context conditions;
  StatementRef statement;  // the granting statement
  Counterexample example;
};

struct ExternalAccessResult {
  // kPass: no finding; kFail: `findings`; kUnknown: see `unknown`.
  CheckResult result = CheckResult::kUnknown;
  std::vector<AccessFinding> findings;
  std::vector<AnalysisNote> unknown;
  uint64_t requests_decided = 0;
  std::string catalogue_date;
  std::string error;  // the policy is not a resource-policy kind, ...
};

// Does the resource policy grant access to any principal at all (anonymous,
// or any account)? Conditions count only where they restrict the caller to
// values an arbitrary caller cannot present, as Access Analyzer counts them
// (spec/analysis.md, "Restricting conditions"): aws:PrincipalOrgID,
// aws:PrincipalOrgPaths, aws:PrincipalAccount, aws:PrincipalArn, aws:userid,
// aws:SourceAccount, aws:SourceArn, aws:SourceOwner, aws:SourceOrgID,
// aws:SourceOrgPaths, aws:SourceVpce, aws:SourceVpc, aws:VpceAccount,
// aws:VpceOrgID, kms:CallerAccount, ...; aws:SourceIp, aws:UserAgent,
// aws:SecureTransport and the like do not.
ExternalAccessResult PublicAccess(const Policy& resource_policy, const ResourceTarget& target,
                                  const Catalogue& catalogue,
                                  const AnalysisOptions& options = AnalysisOptions());

// Does it grant access to any principal outside `trusted` (and the owner)?
// Public findings are external findings too (is_public set).
ExternalAccessResult ExternalAccess(const Policy& resource_policy, const ResourceTarget& target,
                                    const TrustZone& trusted, const Catalogue& catalogue,
                                    const AnalysisOptions& options = AnalysisOptions());

// The results as JSON, in the shapes CompareJson and AccessJson write (below):
// for the CLI's `--format json` and for bindings that hold results.
std::string CompareResultToJson(const CompareResult& result, const Catalogue& catalogue);
std::string AccessResultToJson(const AccessResult& result, const Catalogue& catalogue);
std::string ExternalAccessResultToJson(const ExternalAccessResult& result,
                                       const Catalogue& catalogue);

// A request as the JSON face reads it (RequestFromJson, DecideJson's
// `request`): a counterexample can be pasted into `iameval decide-json`.
std::string RequestToJson(const Request& request);

// ----------------------------------------------------------------------------
// The JSON face, for the bindings and `iameval compare --format json`
// ----------------------------------------------------------------------------
//
// CompareJson input:
//   {"before": <document or raw text>, "after": <document or raw text>,
//    "kind": "identity"}                              two policies of one kind
//   {"before": {<policies object>}, "after": {<policies object>},
//    "sets": true, "resourcePolicyKind": "resource"} two policy sets
//   optional: "maxCounterexamples": 25, "maxRequests": 20000000,
//             "principalAccount": "111122223333", "currentTime": "2026-...Z"
// output:
//   {"result": "PASS" | "FAIL" | "UNKNOWN",
//    "counterexamples": [{"request": {<request object, as DecideJson reads
//        it>}, "decision": "allowed", "before": "implicitDeny",
//        "grantedBy": [{<statement ref, as explanations write it>}]}],
//    "unknown": [{"code", "message"}], "requestsDecided": N,
//    "actionsConsidered": N, "catalogue": {"date", "source"}}
// or {"result": null, "error": "invalid-policy", "document": "before",
//     "findings": [...]}, {"result": null, "error": "invalid-input",
//     "message": "..."}.
std::string CompareJson(std::string_view input_json, const Catalogue& catalogue,
                        const InputLimits& limits = InputLimits());

// AccessJson input, one of:
//   {"check": "accessNotGranted", "policy": <document or text>, "kind": "identity",
//    "actions": [...], "resources": [...]}       (or "policies": {...} for a set)
//   {"check": "publicAccess", "policy": <document or text>, "kind": "resource",
//    "resource": "arn:...", "ownerAccount": "..."}
//   {"check": "externalAccess", ..., "trustedAccounts": [...], "trustedOrgs": [...]}
// output: {"result", "counterexamples" (accessNotGranted) or "findings":
//   [{"public", "principal", "actions", "resource", "conditions",
//     "statement", "example"}], "unknown", "requestsDecided", "catalogue"},
// or the error objects of CompareJson.
std::string AccessJson(std::string_view input_json, const Catalogue& catalogue,
                       const InputLimits& limits = InputLimits());

}  // namespace iameval

#endif  // IAMEVAL_ANALYSIS_H_
