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
// Wherever a policy document goes, a JSON string holding the document's raw
// text may stand instead; findings then carry line:column within that text.

#ifndef IAMEVAL_JSON_H_
#define IAMEVAL_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/context_reader.h"
#include "iameval/decision.h"
#include "iameval/finding.h"
#include "iameval/policy_set.h"
#include "iameval/request.h"

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

// Builds a policy set from the conformance format's `policies` object.
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

// {"decision": "allowed", "error": null, "explanation": {...}}. The
// explanation member is present only when `explanation` is not null. When
// Answer::error is set, "error" is "invalid-request" (the request was at
// fault) or "internal-error", "message" carries Answer::error's text, and the
// decision is the fail-closed "implicitDeny".
std::string AnswerToJson(const Answer& answer, const Explanation* explanation);

// {"findings": [{"code", "severity", "message", "path", "line", "column",
// "help"}, ...]}
std::string FindingsToJson(const std::vector<Finding>& findings);

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
