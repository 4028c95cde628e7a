// File: engine/decide/request_facts.h
//
// What a decision reads from the request, read once before any policy is
// looked at: the action (lowercased, checked to be one `service:Name`), the
// caller (its kind, account, partition), the resource (split when an ARN) and
// the account that owns it, and from those which policy kinds are in force.
// Everything after this point reads these facts, never the request's text.
//
//   DecisionFacts facts;
//   if (DecideError error = ReadDecisionFacts(request, &facts); error != DecideError::kNone)
//     return Fail(..., FactsErrorText(facts));   // an invalid request denies
//   facts.action_lower   // "s3:getobject"

#ifndef IAMEVAL_ENGINE_REQUEST_FACTS_H_
#define IAMEVAL_ENGINE_REQUEST_FACTS_H_

#include <cstddef>
#include <string_view>

#include "iameval/decision.h"
#include "iameval/policy.h"
#include "iameval/request.h"
#include "match/arn.h"
#include "match/principal.h"

namespace iameval::internal {

// Actions are at most a few dozen characters; anything near this bound is
// not an AWS action and is refused rather than truncated.
constexpr size_t kMaxActionLength = 256;

struct DecisionFacts {
  const Request* request = nullptr;
  Caller caller;

  // The action, ASCII-lowercased, in `action_buffer`; `action_colon` is the
  // position of its one colon.
  char action_buffer[kMaxActionLength];
  std::string_view action_lower;
  size_t action_colon = 0;

  ArnView resource_arn;  // valid when resource_is_arn
  bool resource_is_arn = false;
  // The account that owns the resource: the request's resource_account, else
  // the ARN's account field; for resource `*` the caller's account. Empty
  // when nobody says (an S3 ARN without resourceAccount): `owner_unknown`.
  std::string_view resource_account;
  // Nobody says who owns the resource: decided by the rule safe for every
  // owner, as if another account owned it, and aws:ResourceAccount absent
  // (spec/decision.md §2.1).
  bool owner_unknown = false;

  // Principals never reach across partitions (decisions.md §47).
  bool partition_mismatch = false;

  // Which policy kinds are in force for this caller (decisions.md §34–§45).
  bool has_identity = false;  // users, roles, role sessions, federated users
  bool is_root = false;
  // Session policies limit the callers that have sessions: role sessions (a
  // role caller is one) and federated users.
  bool has_session = false;
  bool scp_applies = false;
  // RCPs may apply (the service list is checked only when RCPs are given).
  bool rcp_applies = false;

  // sts:GetCallerIdentity needs no permission (spec/decision.md §3).
  bool needs_no_permission = false;
  // The root user calling sts:AssumeRole* or sts:AssumeRoot, which AWS
  // refuses to root credentials (spec/decision.md §6).
  bool root_cannot_call = false;
};

// Why a request could not be read; the text names what is wrong with it.
struct FactsError {
  DecideError code = DecideError::kNone;
  const char* message = nullptr;  // static text
};

// Fills `facts` from `request`, which must outlive them. On an invalid
// request returns its error (code kInvalidRequest) and leaves `facts`
// partly filled. Never allocates.
FactsError ReadDecisionFacts(const Request& request, DecisionFacts* facts) noexcept;

// Whether the target's resource policy must itself allow the request
// (decisions.md §39): trust policies for sts:AssumeRole* and friends on a
// role, key policies for kms: actions on a key, or as the request says.
bool ResourcePolicyRequired(const DecisionFacts& facts) noexcept;

// Whether the resource is a KMS key (its resource policy is a key policy).
bool IsKmsKeyResource(const DecisionFacts& facts) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_REQUEST_FACTS_H_
