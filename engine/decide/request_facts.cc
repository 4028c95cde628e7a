// File: engine/decide/request_facts.cc
//
// Reading a request's facts once per decision, and the rules that follow from
// the request alone: which resource policy kind its target has, and whether
// that policy must itself allow.

#include "decide/request_facts.h"

#include "base/simd_bytes.h"

namespace iameval::internal {
namespace {

bool IsTrustAction(std::string_view action_lower) {
  return action_lower == "sts:assumerole" || action_lower == "sts:assumerolewithsaml" ||
         action_lower == "sts:assumerolewithwebidentity" || action_lower == "sts:tagsession" ||
         action_lower == "sts:setsourceidentity";
}

// What each byte of a request action reads as: itself lowercased, or 0 for a
// byte no action holds. A request names one action: `*`, `?`, NUL or any
// other character would let it slip past a Deny on the real name while `*`
// still allows. A table, because every decision reads every byte.
struct ActionBytes {
  char lower[256] = {};
  constexpr ActionBytes() {
    for (int c = 'a'; c <= 'z'; ++c) lower[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) lower[c] = static_cast<char>(c + 32);
    for (int c = '0'; c <= '9'; ++c) lower[c] = static_cast<char>(c);
    for (char c : {'-', '.', '_', ':'}) lower[static_cast<unsigned char>(c)] = c;
  }
};
constexpr ActionBytes kActionBytes;

#if IAMEVAL_HAVE_SSE2
// Sixteen bytes of an action: lowercased, which of them an action may hold
// (bit i: byte i) and which are colons.
struct ActionBlock {
  __m128i lowered;
  unsigned allowed;
  unsigned colons;
};

ActionBlock ReadActionBlock(__m128i x) {
  const __m128i upper = BytesInRange(x, 'A', 'Z');
  const __m128i allowed = _mm_or_si128(
      _mm_or_si128(BytesInRange(x, '-', '.'), BytesInRange(x, '0', ':')),
      _mm_or_si128(_mm_or_si128(upper, BytesEqualTo(x, '_')), BytesInRange(x, 'a', 'z')));
  ActionBlock block;
  block.lowered = _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
  block.allowed = ByteMask(allowed);
  block.colons = ByteMask(BytesEqualTo(x, ':'));
  return block;
}

// LowercaseAction's reading for actions of 8 bytes or more, sixteen bytes at
// a time (the last block, or the two halves of a shorter action,
// overlapping): true when every byte is allowed and there is exactly one
// colon, whose position goes to `*colon_at`.
bool LowercaseActionWide(const char* p, size_t n, char* out, size_t* colon_at) {
  unsigned refused = 0;
  size_t colons = 0, colon = 0;
  auto count = [&](unsigned mask, size_t base) {
    if (mask == 0) return;
    colons += (mask & (mask - 1)) != 0 ? 2 : 1;
    if (colons == 1) colon = base + static_cast<size_t>(__builtin_ctz(mask));
  };
  if (n < 16) {
    const ActionBlock block = ReadActionBlock(LoadHalves(p, p + n - 8));
    refused = block.allowed ^ 0xffff;
    // The high half's byte j is byte n - 8 + j; those below 8 were counted
    // in the low half.
    const unsigned high = (block.colons >> 8) >> (16 - n);
    count((block.colons & 0xff) | (high << 8), 0);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out), block.lowered);
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out + n - 8),
                     _mm_unpackhi_epi64(block.lowered, block.lowered));
  } else {
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      const ActionBlock block = ReadActionBlock(LoadBytes16(p + i));
      refused |= block.allowed ^ 0xffff;
      count(block.colons, i);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), block.lowered);
    }
    if (i < n) {
      const size_t start = n - 16;
      const ActionBlock block = ReadActionBlock(LoadBytes16(p + start));
      refused |= block.allowed ^ 0xffff;
      count(block.colons >> (i - start), i);  // bytes before i were counted
      _mm_storeu_si128(reinterpret_cast<__m128i*>(out + start), block.lowered);
    }
  }
  *colon_at = colon;
  return refused == 0 && colons == 1;
}
#endif

// Writes `action` lowercased to `out` (kMaxActionLength bytes), its length to
// `*length` and the position of its colon to `*colon_at`; false when it is not
// one action of the form `service:Name`.
bool LowercaseAction(std::string_view action, char* out, size_t* length, size_t* colon_at) {
  if (action.empty() || action.size() > kMaxActionLength) return false;
  size_t colons = 0, colon = 0;
  bool every_byte_allowed = true;
#if IAMEVAL_HAVE_SSE2
  if (action.size() >= 8) {
    every_byte_allowed = LowercaseActionWide(action.data(), action.size(), out, &colon);
    colons = 1;  // or the action was refused
  } else         // NOLINT(readability/braces)
#endif
  {
    for (size_t i = 0; i < action.size(); ++i) {
      const char c = kActionBytes.lower[static_cast<unsigned char>(action[i])];
      out[i] = c;
      every_byte_allowed &= c != 0;
      if (c == ':') {
        ++colons;
        colon = i;
      }
    }
  }
  // Exactly one colon, with a service before it and a name after it.
  if (!every_byte_allowed || colons != 1 || colon == 0 || colon + 1 == action.size()) {
    return false;
  }
  *length = action.size();
  *colon_at = colon;
  return true;
}

bool IsRoleArn(const ArnView& arn) {
  return arn.service == "iam" && arn.resource.substr(0, 5) == "role/";
}

bool IsKmsKeyArn(const ArnView& arn) {
  return arn.service == "kms" && arn.resource.substr(0, 4) == "key/";
}

// InferResourcePolicyKind for an action already lowercased and a resource
// already split (`resource_is_arn` says whether it split).
PolicyKind InferKind(std::string_view action_lower, bool resource_is_arn, const ArnView& arn) {
  if (!resource_is_arn) return PolicyKind::kResource;
  if (IsTrustAction(action_lower) && IsRoleArn(arn)) return PolicyKind::kRoleTrust;
  if (action_lower.substr(0, 4) == "kms:" && IsKmsKeyArn(arn)) return PolicyKind::kKmsKey;
  return PolicyKind::kResource;
}

}  // namespace

FactsError ReadDecisionFacts(const Request& request, DecisionFacts* facts) noexcept {
  facts->request = &request;
  Caller& caller = facts->caller;
  if (!ParseCaller(request.principal, &caller)) {
    return {DecideError::kInvalidRequest,
            "invalid request: the principal is not an ARN, account id, service or `*`"};
  }
  size_t action_length = 0;
  if (!LowercaseAction(request.action, facts->action_buffer, &action_length,
                       &facts->action_colon)) {
    return {DecideError::kInvalidRequest,
            "invalid request: the action is not of the form `service:Action`"};
  }
  facts->action_lower = std::string_view(facts->action_buffer, action_length);
  if (!request.principal_role_arn.empty()) {
    if (caller.kind != CallerKind::kRoleSession) {
      return {DecideError::kInvalidRequest,
              "invalid request: `principalRoleArn` is given only for a role session "
              "(`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`)"};
    }
    Caller role;
    if (!ParseCaller(request.principal_role_arn, &role) || role.kind != CallerKind::kRole ||
        role.partition != caller.partition || role.account != caller.account ||
        role.name != caller.name) {
      return {DecideError::kInvalidRequest,
              "invalid request: `principalRoleArn` is not the ARN of the session's role "
              "(`arn:PARTITION:iam::ACCOUNT:role/PATH/ROLE`, with the session's partition, "
              "account and role name)"};
    }
  }
  // An IAM Identity Center role always sits under a path
  // (`role/aws-reserved/sso.amazonaws.com/[REGION/]`), which its session ARN
  // does not show, and SCPs commonly match on it: a path-less
  // `aws:PrincipalArn` would let such a Deny silently not fire, a false
  // allow. Unless the request states the role ARN (or sets the key itself),
  // refuse rather than guess (spec/request.md, case prole-sso-needs-role-arn).
  if (caller.kind == CallerKind::kRoleSession && request.principal_role_arn.empty() &&
      caller.name.substr(0, 15) == "AWSReservedSSO_" &&
      request.context.Find("aws:PrincipalArn") == nullptr) {
    return {DecideError::kInvalidRequest,
            "invalid request: the session's role is an IAM Identity Center role, whose ARN has a "
            "path (`role/aws-reserved/sso.amazonaws.com/...`) that the session ARN does not "
            "carry: state it in `principalRoleArn`"};
  }
  if (request.resource.empty()) {
    return {DecideError::kInvalidRequest,
            "invalid request: the resource is empty (use `*` for none)"};
  }

  facts->resource_is_arn = SplitArn(request.resource, &facts->resource_arn);
  // An ARN's account field is the account that owns the resource (IAM User
  // Guide, "Identify AWS resources with Amazon Resource Names (ARNs)"). A
  // `resourceAccount` that says otherwise contradicts the request itself,
  // and believing it could decide a cross-account request by the
  // same-account rule, where a resource policy's grant alone allows: refused
  // (spec/request.md, case xacct-resource-account-contradicts-arn).
  if (!request.resource_account.empty() && facts->resource_is_arn &&
      IsAccountId(facts->resource_arn.account) &&
      request.resource_account != facts->resource_arn.account) {
    return {DecideError::kInvalidRequest,
            "invalid request: `resourceAccount` differs from the account in the resource's ARN, "
            "which is the account that owns it: give that account, or leave `resourceAccount` "
            "out"};
  }
  std::string_view resource_account = request.resource_account;
  if (resource_account.empty() && facts->resource_is_arn) {
    resource_account = facts->resource_arn.account;
  }
  // `*` names no resource: the action is one on the caller's own account.
  if (resource_account.empty() && request.resource == "*") resource_account = caller.account;
  facts->resource_account = resource_account;
  facts->owner_unknown = resource_account.empty();

  facts->partition_mismatch = facts->resource_is_arn && !caller.partition.empty() &&
                              facts->resource_arn.partition != caller.partition;

  facts->has_identity = caller.kind == CallerKind::kUser || caller.kind == CallerKind::kRole ||
                        caller.kind == CallerKind::kRoleSession ||
                        caller.kind == CallerKind::kFederatedUser;
  facts->is_root = caller.kind == CallerKind::kRoot;
  facts->has_session = caller.kind == CallerKind::kRoleSession ||
                       caller.kind == CallerKind::kRole ||
                       caller.kind == CallerKind::kFederatedUser;
  // Flags for facts an ARN cannot carry are believed only where the ARN
  // allows them: only a role's session (or a role given as the caller) can be
  // a service-linked role, and only a KMS key an AWS managed key. Believing
  // them elsewhere would skip SCPs or RCPs that AWS applies (spec/request.md).
  const bool service_linked_role =
      request.principal_is_service_linked_role &&
      (caller.kind == CallerKind::kRoleSession || caller.kind == CallerKind::kRole);
  const bool aws_managed_key = request.resource_is_aws_managed_key && facts->resource_is_arn &&
                               IsKmsKeyArn(facts->resource_arn);
  facts->scp_applies = (facts->has_identity || facts->is_root) &&
                       !request.principal_in_management_account && !service_linked_role;
  facts->rcp_applies = !request.resource_in_management_account && !service_linked_role &&
                       !aws_managed_key && facts->action_lower != "kms:retiregrant";

  const std::string_view action = facts->action_lower;
  facts->needs_no_permission =
      action == "sts:getcalleridentity" && (facts->has_identity || facts->is_root);
  facts->root_cannot_call =
      facts->is_root && (action.substr(0, 14) == "sts:assumerole" || action == "sts:assumeroot");
  return {};
}

bool ResourcePolicyRequired(const DecisionFacts& facts) noexcept {
  switch (facts.request->resource_policy_rule) {
    case ResourcePolicyRule::kRequired:
      return true;
    case ResourcePolicyRule::kNotRequired:
      return false;
    case ResourcePolicyRule::kInferred:
      break;
  }
  return InferKind(facts.action_lower, facts.resource_is_arn, facts.resource_arn) !=
         PolicyKind::kResource;
}

bool IsKmsKeyResource(const DecisionFacts& facts) noexcept {
  return facts.resource_is_arn && IsKmsKeyArn(facts.resource_arn);
}

}  // namespace iameval::internal

namespace iameval {

PolicyKind InferResourcePolicyKind(const Request& request) noexcept {
  char buffer[internal::kMaxActionLength];
  size_t length = 0;
  size_t colon = 0;
  if (!internal::LowercaseAction(request.action, buffer, &length, &colon)) {
    return PolicyKind::kResource;
  }
  internal::ArnView arn;
  const bool is_arn = internal::SplitArn(request.resource, &arn);
  return internal::InferKind(std::string_view(buffer, length), is_arn, arn);
}

}  // namespace iameval
