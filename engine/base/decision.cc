// File: engine/base/decision.cc
//
// Names of the decision vocabulary, shared by every surface so C++, Python,
// WebAssembly and the CLI print the same words.

#include "iameval/decision.h"

namespace iameval {

std::string_view DecisionName(Decision decision) {
  switch (decision) {
    case Decision::kAllowed:
      return "allowed";
    case Decision::kExplicitDeny:
      return "explicitDeny";
    case Decision::kImplicitDeny:
      return "implicitDeny";
  }
  return "implicitDeny";
}

std::string_view EffectName(Effect effect) { return effect == Effect::kAllow ? "Allow" : "Deny"; }

std::string_view DecideErrorName(DecideError error) {
  switch (error) {
    case DecideError::kNone:
      return "";
    case DecideError::kInvalidRequest:
      return "invalid-request";
    case DecideError::kInternal:
      return "internal-error";
  }
  return "internal-error";
}

std::string_view VerdictName(KindVerdict::Verdict verdict) {
  switch (verdict) {
    case KindVerdict::Verdict::kNotApplicable:
      return "notApplicable";
    case KindVerdict::Verdict::kAllowed:
      return "allowed";
    case KindVerdict::Verdict::kDenied:
      return "denied";
    case KindVerdict::Verdict::kNoMatch:
      return "noMatch";
  }
  return "notApplicable";
}

void Explanation::Clear() {
  decision = Decision::kImplicitDeny;
  determining.clear();
  verdicts.clear();
  reason.clear();
  reason_code = {};
  notes.clear();
  missing_keys.clear();
  failed_conditions.clear();
}

}  // namespace iameval
