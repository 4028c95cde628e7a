// File: engine/testing/reference_evaluator.h
//
// ***************************************************************************
// *  NEVER FOR PRODUCTION. A deliberately simple, slow reference evaluator  *
// *  for tests only, in the spirit of re2's backtrack.cc: it exists to be   *
// *  obviously correct, not fast, and is linked only into the test binary.  *
// ***************************************************************************
//
// It decides a request the way spec/decision.md §10 and the choices of
// spec/decisions.md read (where the two texts differ, decisions.md, the newer
// and more specific, wins; the .cc says where), straight from the
// JSON (RapidJSON's DOM, re-walked for every statement), with its own
// table-driven glob and its own principal matching, sharing no code with the
// engine. The differential test (differential_test.cc) runs random policy
// sets through both and requires the same answer; when they differ, one of
// them is wrong, and this one is short enough to check by reading.
//
// What it understands, enough for the generated tests and most of the corpus:
//
//   * the conformance format's `policies` and `request` objects
//     (conformance/FORMAT.md, spec/request.md), documents as JSON objects or
//     as strings holding their text;
//   * Action/NotAction, Resource/NotResource, Principal/NotPrincipal;
//   * Condition: every operator family, IfExists, ForAllValues/ForAnyValue
//     and Null, and policy variables in Resource and condition values
//     (reference_conditions.h), on the request's context and on the keys
//     spec/context.md derives (worked out here from its table; the clock
//     only from `currentTime`, never the real one).
//
// It does not validate documents: feed it valid ones. Anything outside the
// subset is refused with an error rather than guessed at.
//
//   ReferenceResult r = ReferenceDecide(policies_json, request_json);
//   if (r.ok()) std::cout << r.decision;  // "allowed", "explicitDeny", "implicitDeny"

#ifndef IAMEVAL_ENGINE_TESTING_REFERENCE_EVALUATOR_H_
#define IAMEVAL_ENGINE_TESTING_REFERENCE_EVALUATOR_H_

#include <string>
#include <string_view>

namespace iameval::testing {

struct ReferenceResult {
  std::string decision;  // "allowed", "explicitDeny" or "implicitDeny"; empty on error
  std::string error;     // why the input is outside what the reference understands
  bool ok() const { return error.empty(); }
};

// Decides `request_json` against `policies_json`. The resource policy's kind
// is the request's `resourcePolicyKind` when given, else inferred as
// spec/decision.md §1 says.
ReferenceResult ReferenceDecide(std::string_view policies_json, std::string_view request_json);

// The reference's own wildcard matcher: `*` any run, `?` one character (a
// UTF-8 sequence), by a table over pattern x text: |pattern| x |text| steps
// at most, whatever the pattern. Exposed for its tests.
bool ReferenceGlob(std::string_view pattern, std::string_view text);

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_REFERENCE_EVALUATOR_H_
