// File: engine/match/principal.h
//
// Who is asking (the Caller, read from the request's principal string) and
// who a Principal / NotPrincipal element names (PrincipalPattern, classified
// once when the policy is compiled), and how the two meet.
//
// spec/matching.md states the rules; decisions.md §16 and §37 the choices.

#ifndef IAMEVAL_ENGINE_PRINCIPAL_H_
#define IAMEVAL_ENGINE_PRINCIPAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/decision.h"

namespace iameval::internal {

enum class CallerKind : uint8_t {
  kUser,              // arn:aws:iam::A:user/path/name
  kRole,              // arn:aws:iam::A:role/path/name (treated as a session of the role)
  kRoleSession,       // arn:aws:sts::A:assumed-role/ROLE/SESSION
  kFederatedUser,     // arn:aws:sts::A:federated-user/NAME
  kRoot,              // arn:aws:iam::A:root, or a bare 12-digit account id
  kService,           // name.amazonaws.com (any DNS-like name without "arn:")
  kIdentityProvider,  // arn:aws:iam::A:saml-provider/P, arn:aws:iam::A:oidc-provider/H,
                      // or a web identity host: cognito-identity.amazonaws.com,
                      // accounts.google.com, graph.facebook.com, www.amazon.com
  kAnonymous,         // "*" or "anonymous"
};

// "User", "AssumedRole", "FederatedUser", "Account", ... as aws:PrincipalType
// reports them; empty for kService and kIdentityProvider.
std::string_view PrincipalTypeName(CallerKind kind);

// The caller, as views into the request's principal string. No allocation.
struct Caller {
  CallerKind kind = CallerKind::kAnonymous;
  std::string_view text;       // the principal as given
  std::string_view partition;  // "aws", "aws-cn", ...; empty without an ARN
  std::string_view account;    // 12 digits; empty for services, identity providers and anonymous
  std::string_view name;       // user name, role name (role and role session),
                               // federated user name, service name
  std::string_view path;       // user or role path, "/" when none (role sessions: unknown, empty)
  std::string_view session;    // role session name
  bool has_account() const { return !account.empty(); }
};

// Reads `principal`. Returns false (and leaves `out` unspecified) for text of
// no known form; the decision is then an implicit deny with an error.
bool ParseCaller(std::string_view principal, Caller* out) noexcept;

// One value of a Principal or NotPrincipal element.
struct PrincipalPattern {
  enum class Type : uint8_t {
    kAnyone,             // "*" (as the whole element or under "AWS")
    kAccount,            // "123456789012" or arn:PART:iam::123456789012:root
    kUser,               // arn:PART:iam::A:user/path/name
    kRole,               // arn:PART:iam::A:role/path/name
    kRoleSession,        // arn:PART:sts::A:assumed-role/ROLE/SESSION
    kFederatedUser,      // arn:PART:sts::A:federated-user/NAME
    kService,            // under "Service"
    kFederatedProvider,  // under "Federated"
    kCanonicalUser,      // under "CanonicalUser": an account's S3 id, which the request
                         // never states: grants nothing, and a Deny naming it applies to
                         // every caller of an account (DenyMayNameCaller)
    kUniqueId,           // an IAM unique id under "AWS" (AROA..., AIDA...): what AWS shows
                         // for a deleted principal; matches no caller
    kOtherArn,           // another ARN under "AWS": matches that exact caller text
  };
  Type type = Type::kAnyone;
  std::string text;       // the value as written
  std::string partition;  // empty when the value carried none (bare account id)
  std::string account;
  std::string name;     // user, role, federated-user name; session's role name
  std::string session;  // role session name
};

// Classifies `value` found under `type_key` ("AWS", "Service", "Federated",
// "CanonicalUser"; "*" for the bare `"Principal": "*"`). On an invalid value
// returns false with a finding code (spec/findings.md) and a lowercase message
// quoting the value.
bool ClassifyPrincipal(std::string_view type_key, std::string_view value, PrincipalPattern* out,
                       std::string* error_code, std::string* error_message);

// Whether `value` has the form of an IAM unique id: one of IAM's four-letter
// prefixes (AIDA user, AROA role, AGPA group, ...; IAM User Guide, "IAM
// identifiers", "Understanding unique ID prefixes") then upper-case letters
// and digits, 16 to 128 characters in all.
bool IsIamUniqueId(std::string_view value);

// How strongly a resource-policy statement's principal names the caller; the
// decision procedure treats each class differently (spec/decision.md).
enum class GrantClass : uint8_t {
  kNone,     // not named
  kAccount,  // named through its account: delegation only
  kRole,     // named through its role ARN: limited by boundary and session policies
  kDirect,   // named itself (user, session, federated user, service, provider) or by "*"
};

// How `pattern` names `caller`.
GrantClass MatchPrincipal(const PrincipalPattern& pattern, const Caller& caller) noexcept;

// The strongest class any of `patterns` gives (a Principal element).
GrantClass MatchPrincipals(const std::vector<PrincipalPattern>& patterns,
                           const Caller& caller) noexcept;

// Whether a Deny whose Principal element (`patterns`) names none of the
// caller's stated identities may still name it through one the request does
// not state (decisions.md §49): a `CanonicalUser` entry (an account's
// canonical id, which may be the caller's account) for any caller of an
// account; a user ARN of its account for a federated user (the IAM user who
// federated); a session ARN of its role for a role given as the caller (a
// session of that role). Unsure, a Deny applies; an Allow never does.
bool DenyMayNameCaller(const std::vector<PrincipalPattern>& patterns,
                       const Caller& caller) noexcept;

// Whether a statement with `NotPrincipal: patterns` and `effect` applies to
// `caller` (decisions.md §16): a Deny spares the caller only when its account,
// its role (role sessions) and its own ARN are all listed, and never spares a
// caller with an identity the request does not state (a federated user's IAM
// user, a role caller's session: decisions.md §49); an Allow, which AWS does
// not support, never applies.
bool NotPrincipalApplies(const std::vector<PrincipalPattern>& patterns, Effect effect,
                         const Caller& caller) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_PRINCIPAL_H_
