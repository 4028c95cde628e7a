// File: iameval/json.h
//
// The JSON face of iameval: the one layer the Python and WebAssembly bindings
// and the command-line tool wrap, so that every surface reads the same
// documents and writes the same answers. Shapes are those of the conformance
// format (conformance/FORMAT.md, spec/json-api.md).
//
//   // {"identity": [...], "resource": {...}, "scps": [[...]], ...}
//   iameval::PolicySetResult set = iameval::PolicySetFromJson(policies_json);
//   // {"principal": "...", "action": "...", "resource": "...", "context": {...}}
//   iameval::RequestResult request = iameval::RequestFromJson(request_json);
//   iameval::Explanation why;
//   iameval::Answer answer = set.set->Decide(*request.request, &why);
//   std::string out = iameval::ExplanationToJson(why, answer);
//
// Each text is read once. A policy document given as an object is handed to
// Policy::Parse as the bytes the caller wrote (no re-serialising), so AWS's
// size quotas count the caller's characters and every line:column (findings,
// explanations) points into the text the caller sent: a policy inside a
// DecideJson envelope reports its findings at its place in the envelope.
// Wherever a policy document goes, a JSON string holding the document's raw
// text may stand instead; findings then carry line:column within that text.

#ifndef IAMEVAL_JSON_H_
#define IAMEVAL_JSON_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/context_reader.h"
#include "iameval/decision.h"
#include "iameval/finding.h"
#include "iameval/policy_set.h"
#include "iameval/request.h"
#include "iameval/request_reader.h"

namespace iameval {

// A finding in one document of a policy set: `document` names it as a JSON
// path into the policies object, e.g. `identity[1]` or `scps[0][2]`.
struct DocumentFinding {
  std::string document;
  PolicyKind kind = PolicyKind::kIdentity;
  Finding finding;
};

struct PolicySetResult {
  std::optional<PolicySet> set;
  std::vector<DocumentFinding> findings;  // errors and warnings of every document
  std::string error;                      // set when the policies object itself is malformed
  bool ok() const { return set.has_value(); }
};

// Builds a policy set from the conformance format's `policies` object. Its
// optional "vpcEndpointType" member, "interface" (the default) or "gateway",
// says what kind of endpoint "vpcEndpoint" is the policy of (spec/decision.md
// §4.3; a gateway endpoint's policy takes only `Principal: "*"`).
// `resource_kind` says what the resource policy is; with kResource the engine
// still applies the trust-policy and key-policy rules where the request is an
// sts:AssumeRole* on a role or a kms: action on a key (spec/decision.md).
PolicySetResult PolicySetFromJson(std::string_view policies_json,
                                  PolicyKind resource_kind = PolicyKind::kResource,
                                  const Limits& limits = Limits(),
                                  const InputLimits& input_limits = InputLimits());

struct RequestResult {
  std::optional<Request> request;
  std::string error;  // lowercase, names the field
  bool ok() const { return request.has_value(); }
};

// The largest text any function here reads (just under 4 GiB: positions in it
// are 32-bit; memory runs out first on most machines), and the deepest
// nesting of arrays and objects (give deeper policy documents as text).
inline constexpr size_t kMaxJsonInputBytes = 0xFFFFFFFEu;
inline constexpr uint32_t kMaxJsonInputDepth = 128;

// The slots of a policy set, as the policies object names them.
enum class PolicySlot : uint8_t {
  kIdentity,             // "identity": a list
  kResource,             // "resource": one document
  kPermissionsBoundary,  // "permissionsBoundary": one document
  kSession,              // "sessionPolicies": a list
  kScp,                  // "scps": a list of levels, each a list
  kRcp,                  // "rcps": a list of levels, each a list
  kVpcEndpoint,          // "vpcEndpoint": one document, the policy of the VPC
                         // endpoint the request came through; the policies
                         // object's "vpcEndpointType" ("interface", the default,
                         // or "gateway") says its kind
};
std::string_view PolicySlotName(PolicySlot slot);
bool ParsePolicySlotName(std::string_view name, PolicySlot* slot);

// The one routine that puts documents into a policy set's slots, for every
// surface that takes them slot by slot: the JSON face (PolicySetFromJson,
// DecideJson) and the Python keyword path (PolicySet(identity=[...], ...)).
// It knows each slot's policy kind, names each document as the JSON face
// does (`identity[1]`, `resource`, `scps[0][2]`), gathers every document's
// findings, and builds the set only when no document has an error.
//
//   PolicySetAssembly assembly(PolicyKind::kResource, limits);
//   assembly.AddText(PolicySlot::kIdentity, identity_text);
//   assembly.StartLevel(PolicySlot::kScp);
//   assembly.AddText(PolicySlot::kScp, root_scp_text);
//   PolicySetResult result = std::move(assembly).Finish();
class PolicySetAssembly {
 public:
  explicit PolicySetAssembly(PolicyKind resource_kind = PolicyKind::kResource,
                             const Limits& limits = Limits());

  // The kind a document of `slot` is read as (`resource` as resource_kind,
  // `vpcEndpoint` as SetVpcEndpointKind said).
  PolicyKind KindOf(PolicySlot slot) const;
  // How the `vpcEndpoint` document is read: kVpcEndpoint (an interface
  // endpoint, the default) or kGatewayVpcEndpoint. Call before adding it.
  void SetVpcEndpointKind(PolicyKind kind) { vpc_endpoint_kind_ = kind; }
  // Starts the next level of `slot` (kScp or kRcp); their documents go into
  // the level started last.
  void StartLevel(PolicySlot slot);
  // The name the next document of `slot` gets: `identity[2]`, `scps[0][1]`.
  std::string NextName(PolicySlot slot) const;

  // Parses `text` as the next document of `slot` and keeps its findings
  // under NextName(slot). `line` and `column` say where the text's first byte
  // stands in a larger text the caller wrote, so that positions point there.
  // False when the document has an error: the set will not be built.
  bool AddText(PolicySlot slot, std::string_view text, uint32_t line = 1, uint32_t column = 1);
  // Adds a policy parsed by the caller as the next document of `slot`.
  void AddPolicy(PolicySlot slot, Policy policy);
  // Counts a document the caller could not read (and reported itself) as the
  // next of `slot`: the set will not be built.
  void AddFailed(PolicySlot slot);

  const std::vector<DocumentFinding>& findings() const { return result_.findings; }
  // The set, unless a document failed; every finding either way.
  PolicySetResult Finish() &&;

 private:
  // Counts the next document of `slot`, for the names of those after it.
  void CountDocument(PolicySlot slot);

  PolicyKind resource_kind_;
  Limits limits_;
  PolicySetResult result_;
  bool failed_ = false;
  std::string misplaced_;  // why a policy given for a slot its kind does not name was refused
  PolicySet::Builder builder_;
  PolicyKind vpc_endpoint_kind_ = PolicyKind::kVpcEndpoint;
  // Documents so far, failed ones included, so that each keeps its index in
  // names: per list, and per level of scps and rcps.
  size_t identity_count_ = 0, session_count_ = 0;
  std::vector<size_t> scp_counts_, rcp_counts_;
};

// Reads the conformance format's `request` object, including the optional
// fields spec/request.md documents. Unknown fields are errors.
//
// No function here throws. Should memory run out, the result is not ok()
// with an `internal error` (or, when not even that can be written, an empty
// error), and the functions returning JSON text return an `internal-error`
// answer or, failing that, an empty string: never a decision.
//
// Every function here refuses, with an error naming the problem: input nested
// deeper than 128 levels (give deeper policy documents as text), NUL bytes,
// a member given twice (context keys compare ignoring case, the rule of
// iameval/context_reader.h), input, context keys, list values or a context
// value over InputLimits (16 MiB of JSON, 10,000 keys, 1,000 values, 64 KiB;
// the input's length is checked before it is read), and a `currentTime`
// outside 1678..2261.
RequestResult RequestFromJson(std::string_view request_json,
                              const InputLimits& limits = InputLimits());

// ContextScalarFromJsonNumber and CurrentTimeFromText, for bindings that
// carry a number or `currentTime` as text: iameval/request_reader.h.

// {"decision": "allowed", "error": null, "explanation": {...}}. The
// explanation member is present only when `explanation` is not null. When
// Answer::error is set, "error" is "invalid-request" (the request was at
// fault) or "internal-error", "message" carries Answer::error's text, and the
// decision is the fail-closed "implicitDeny".
std::string AnswerToJson(const Answer& answer, const Explanation* explanation);

// {"findings": [{"code", "severity", "message", "path", "line", "column",
// "help"}, ...]}
std::string FindingsToJson(const std::vector<Finding>& findings);

// {"error": "..." or null, "documents": [{"document": "identity[0]", "kind":
// "identity", "report": {"findings": [...]}}, ...]}: a PolicySetResult's
// findings grouped by document, each group in FindingsToJson's shape.
std::string PolicySetResultToJson(const PolicySetResult& result);

// One call, JSON in and JSON out, for bindings that want no handles:
// input {"policies": {...}, "request": {...}, "explain": bool}; the request's
// optional `resourcePolicyKind` says how to read the resource policy, else it
// is inferred (InferResourcePolicyKind, iameval/request.h).
// output {"decision": ..., "error": ..., "explanation": ..., "findings": [...]}
// where "error" is as in AnswerToJson. A policy error gives
// {"decision": null, "error": "invalid-policy", "findings": [...]}; a request
// that cannot be read {"decision": null, "error": "invalid-request", "message"}.
std::string DecideJson(std::string_view input_json, const InputLimits& limits = InputLimits());

// input {"policy": <document or raw text>, "kind": "identity",
//        "enforceAwsSizeQuotas": false}
// output {"findings": [...], "valid": bool}. A document over AWS's size quota
// for its kind is a warning, or an error with `enforceAwsSizeQuotas: true`.
std::string CheckJson(std::string_view input_json, const InputLimits& limits = InputLimits());

}  // namespace iameval

#endif  // IAMEVAL_JSON_H_
