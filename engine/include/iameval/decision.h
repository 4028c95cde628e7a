// File: iameval/decision.h
//
// The answer to a request, and on request the reasons for it.
//
//   iameval::Explanation why;
//   iameval::Answer answer = policy_set.Decide(request, &why);
//   if (answer.decision == iameval::Decision::kAllowed) { ... }
//
// Three decisions, the words the AWS policy simulator uses:
//   kAllowed        some policy allowed and nothing denied
//   kExplicitDeny   a Deny statement applied
//   kImplicitDeny   nothing allowed, or a limiting policy (SCP, permissions
//                   boundary, session policy, ...) did not allow
//
// An explanation costs allocations; a decision without one does not.

#ifndef IAMEVAL_DECISION_H_
#define IAMEVAL_DECISION_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/policy.h"

namespace iameval {

enum class Decision : uint8_t { kAllowed, kExplicitDeny, kImplicitDeny };

// "allowed", "explicitDeny" or "implicitDeny".
std::string_view DecisionName(Decision decision);

enum class Effect : uint8_t { kAllow, kDeny };
std::string_view EffectName(Effect effect);  // "Allow" or "Deny"

// Why a request could not be decided.
enum class DecideError : uint8_t {
  kNone,
  kInvalidRequest,  // the request was at fault: a malformed principal, an
                    // action without a service prefix, an empty resource
  kInternal,        // the engine's own failure (memory ran out)
};

// "invalid-request" or "internal-error" (spec/findings.md); "" for kNone.
std::string_view DecideErrorName(DecideError error);

// What Decide returns. `error` is null unless the request could not be
// evaluated (a malformed principal ARN, an action without a service prefix,
// an internal failure); the decision is then kImplicitDeny: iameval fails
// closed, and `error_code` says whose fault it was. The text is static and
// lives for the whole program.
struct Answer {
  Decision decision = Decision::kImplicitDeny;
  const char* error = nullptr;
  DecideError error_code = DecideError::kNone;
  bool allowed() const { return decision == Decision::kAllowed; }
};

// A statement that decided, named so a person can find it.
struct StatementRef {
  PolicyKind kind = PolicyKind::kIdentity;
  int policy_index = 0;     // position in its list (0 for the resource policy,
                            // the boundary); for SCPs and RCPs, within its level
  int level = -1;           // organization level for SCPs and RCPs, else -1
  std::string policy_id;    // the document's Id, if any
  int statement_index = 0;  // position in the Statement array
  std::string sid;          // the statement's Sid, if any
  Effect effect = Effect::kAllow;
  uint32_t line = 0;  // where the statement's object starts
  uint32_t column = 0;
};

// What one policy kind (or one organization level) said about the request.
struct KindVerdict {
  enum class Verdict : uint8_t {
    kNotApplicable,  // not in force for this request (e.g. SCPs for a service
                     // principal), or no such policy was given
    kAllowed,        // an Allow statement applied
    kDenied,         // a Deny statement applied
    kNoMatch,        // policies were in force but no statement applied
  };
  PolicyKind kind = PolicyKind::kIdentity;
  int level = -1;  // for SCPs and RCPs
  Verdict verdict = Verdict::kNotApplicable;
};
std::string_view VerdictName(KindVerdict::Verdict verdict);

// A condition key that a statement in force consulted and the request did
// not have (AWS's simulator calls these MissingContextValues).
struct MissingKey {
  std::string key;  // as the first policy consulting it wrote it
  // Giving the key a value could change the decision: some statement that
  // consulted it would then apply, or stop applying, and the decision with
  // that statement changed differs.
  bool could_change_decision = false;
  // AWS sets this key on every request of this kind of caller (AWS global
  // condition context keys, each key's availability): a request without it
  // is not one AWS would see, and a Deny that needs it silently did not fire.
  bool always_set = false;
};

// A statement that matched the request's action, resource and principal but
// did not apply because an operator/key entry of its Condition failed.
struct FailedCondition {
  StatementRef statement;
  std::string condition_operator;  // as written, e.g. "StringEquals"
  std::string key;                 // as written, e.g. "sts:ExternalId"
  bool key_missing = false;        // the request has no value for it
};

struct Explanation {
  Decision decision = Decision::kImplicitDeny;
  // The statements that determined the decision: every Deny that applied for
  // kExplicitDeny; the Allows that granted for kAllowed; empty for
  // kImplicitDeny (nothing granted, see `reason`).
  std::vector<StatementRef> determining;
  // One entry per policy kind in force, SCP and RCP levels separately.
  std::vector<KindVerdict> verdicts;
  // One lowercase sentence, e.g. "the permissions boundary does not allow
  // `s3:GetObject`".
  std::string reason;
  // The rule that decided, as a stable kebab-case code (spec/decision.md §11:
  // "boundary-does-not-allow", "explicit-deny", ...); for a request that could
  // not be decided, its DecideErrorName. Static text.
  std::string_view reason_code;
  // What the answer rests on that the request did not state, one lowercase
  // sentence each: e.g. that aws:PrincipalArn was derived for a role session
  // without the role's path (give Request::principal_role_arn).
  std::vector<std::string> notes;
  // The condition keys that statements in force (those whose action,
  // resource and principal match) consulted and the request lacked, in the
  // order first consulted.
  std::vector<MissingKey> missing_keys;
  // For a denial (kExplicitDeny, kImplicitDeny): every entry that kept a
  // statement from applying although its action, resource and principal
  // matched, in the order people read statements.
  std::vector<FailedCondition> failed_conditions;

  void Clear();
};

}  // namespace iameval

#endif  // IAMEVAL_DECISION_H_
