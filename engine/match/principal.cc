// File: engine/match/principal.cc
//
// Reading callers and Principal values, and how they meet (principal.h).
//
// A caller is read once per decision, as views into the request's principal
// string; a PrincipalPattern once per policy compile. Matching compares
// accounts, role names and whole ARNs as text (decisions.md §12): AWS's
// rewriting of ARNs to unique ids on save is not modelled.

#include "match/principal.h"

#include <cstring>

#include "base/ascii.h"
#include "base/message_text.h"
#include "base/simd_bytes.h"
#include "match/arn.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

// Partitions AWS documents. A caller or principal ARN in any other partition
// is not a principal of any known form.
bool IsKnownPartition(std::string_view partition) {
  return partition == "aws" || partition == "aws-cn" || partition == "aws-us-gov" ||
         partition == "aws-iso" || partition == "aws-iso-b" || partition == "aws-iso-e" ||
         partition == "aws-iso-f" || partition == "aws-eusc";
}

// Characters IAM allows in user, role, session and federated-user names, as
// a table: every decision checks the caller's names byte by byte.
struct NameChars {
  bool allowed[256] = {};
  constexpr NameChars() {
    for (int c = 'a'; c <= 'z'; ++c) allowed[c] = true;
    for (int c = 'A'; c <= 'Z'; ++c) allowed[c] = true;
    for (int c = '0'; c <= '9'; ++c) allowed[c] = true;
    for (char c : {'_', '+', '=', ',', '.', '@', '-'})
      allowed[static_cast<unsigned char>(c)] = true;
  }
};
constexpr NameChars kNameChars;

#if IAMEVAL_HAVE_SSE2
// 0xff in each byte of `x` that kNameChars allows.
__m128i NameBytes(__m128i x) {
  return _mm_or_si128(
      _mm_or_si128(_mm_or_si128(BytesInRange(x, '+', '.'), BytesInRange(x, '0', '9')),
                   _mm_or_si128(BytesEqualTo(x, '='), BytesInRange(x, '@', 'Z'))),
      _mm_or_si128(BytesEqualTo(x, '_'), BytesInRange(x, 'a', 'z')));
}
#endif

bool IsName(std::string_view text) {
  const char* const p = text.data();
  const size_t n = text.size();
#if IAMEVAL_HAVE_SSE2
  // Sixteen bytes at a time, the last block overlapping the one before it.
  if (n >= 16) {
    __m128i allowed = _mm_set1_epi8(-1);
    for (size_t i = 0; i + 16 < n; i += 16) {
      allowed = _mm_and_si128(allowed, NameBytes(LoadBytes16(p + i)));
    }
    allowed = _mm_and_si128(allowed, NameBytes(LoadBytes16(p + n - 16)));
    return ByteMask(allowed) == 0xffff;
  }
  if (n >= 8) return ByteMask(NameBytes(LoadHalves(p, p + n - 8))) == 0xffff;
#endif
  if (n == 0) return false;
  bool ok = true;
  for (size_t i = 0; i < n; ++i) ok &= kNameChars.allowed[static_cast<unsigned char>(p[i])];
  return ok;
}

// An IAM path's characters: printable ASCII other than space.
bool IsPathChar(char c) { return c >= '!' && c <= '~'; }

// Splits "path/segments/name" (what follows "user/" or "role/") into the path
// ("/path/segments/", or "/" when there is none) and the name. The path
// shares the slash before the rest, so it is a view into the same text.
bool SplitPathAndName(std::string_view after_type_slash, std::string_view with_leading_slash,
                      std::string_view* path, std::string_view* name) {
  const size_t last_slash = after_type_slash.rfind('/');
  if (last_slash == std::string_view::npos) {
    *path = with_leading_slash.substr(0, 1);
    *name = after_type_slash;
  } else {
    // with_leading_slash is "/" + after_type_slash: the path runs from the
    // leading slash through the last slash.
    *path = with_leading_slash.substr(0, last_slash + 2);
    *name = after_type_slash.substr(last_slash + 1);
    // No empty path components ("user//x") and no odd characters.
    char previous = '/';
    for (char c : path->substr(1)) {
      if (c == '/' && previous == '/') return false;
      if (c != '/' && !IsPathChar(c)) return false;
      previous = c;
    }
  }
  return IsName(*name);
}

// A DNS-like name: labels of letters, digits and `-`, at least two of them.
bool IsDnsName(std::string_view text) {
  if (text.empty() || text.size() > 253) return false;
  size_t labels = 0, label_length = 0;
  for (char c : text) {
    if (c == '.') {
      if (label_length == 0) return false;
      ++labels;
      label_length = 0;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-') {
      ++label_length;
    } else {
      return false;
    }
  }
  if (label_length == 0) return false;
  return labels + 1 >= 2;
}

// The web identity providers AssumeRoleWithWebIdentity names by host.
bool IsWebIdentityHost(std::string_view text) {
  return text == "cognito-identity.amazonaws.com" || text == "accounts.google.com" ||
         text == "graph.facebook.com" || text == "www.amazon.com";
}

// A prefix test the compiler can expand inline: the prefix is a literal of
// known length, so the comparison is a few word compares, not a call.
template <size_t N>
bool StartsWith(std::string_view text, const char (&prefix)[N]) {
  return text.size() >= N - 1 && std::memcmp(text.data(), prefix, N - 1) == 0;
}

// IAM identity-provider resources: saml-provider/NAME, oidc-provider/HOST[/PATH].
bool IsProviderResource(std::string_view resource, std::string_view* name) {
  constexpr size_t kTypeLength = sizeof("saml-provider/") - 1;  // as "oidc-provider/"
  if (!StartsWith(resource, "saml-provider/") && !StartsWith(resource, "oidc-provider/")) {
    return false;
  }
  *name = resource.substr(kTypeLength);
  if (name->empty()) return false;
  for (char c : *name) {
    if (!IsPathChar(c)) return false;
  }
  return true;
}

// Reads an `arn:...:iam::` or `arn:...:sts::` caller ARN into `out`.
// Reads the common caller prefix, "arn:aws:iam::" or "arn:aws:sts::", an
// account id and a colon, with a few fixed-size compares: every decision
// reads its caller, and nearly every caller starts so. False for anything
// else, which the general path then reads.
bool ReadCommonCallerPrefix(std::string_view text, ArnView* arn) {
  constexpr size_t kAccountAt = sizeof("arn:aws:iam::") - 1;
  constexpr size_t kResourceAt = kAccountAt + 12 + 1;
  if (text.size() < kResourceAt || !StartsWith(text, "arn:aws:")) return false;
  const std::string_view service = text.substr(8, 3);
  if ((service != "iam" && service != "sts") || text[11] != ':' || text[12] != ':' ||
      text[kResourceAt - 1] != ':') {
    return false;
  }
  arn->partition = text.substr(4, 3);
  arn->service = service;
  arn->region = {};
  arn->account = text.substr(kAccountAt, 12);
  arn->resource = text.substr(kResourceAt);
  return IsAccountId(arn->account);
}

bool ParseCallerArn(std::string_view text, Caller* out) {
  ArnView arn;
  if (!ReadCommonCallerPrefix(text, &arn)) {
    if (!SplitArn(text, &arn) || !IsKnownPartition(arn.partition)) return false;
    if (!arn.region.empty() || !IsAccountId(arn.account)) return false;
  }
  out->partition = arn.partition;
  out->account = arn.account;
  const std::string_view resource = arn.resource;
  if (arn.service == "iam") {
    if (resource == "root") {
      out->kind = CallerKind::kRoot;
      return true;
    }
    if (StartsWith(resource, "user/") || StartsWith(resource, "role/")) {
      out->kind = resource[0] == 'u' ? CallerKind::kUser : CallerKind::kRole;
      return SplitPathAndName(resource.substr(5), resource.substr(4), &out->path, &out->name);
    }
    std::string_view provider;
    if (IsProviderResource(resource, &provider)) {
      // A federated caller: it acts for no account of its own (decisions.md §45).
      out->kind = CallerKind::kIdentityProvider;
      out->account = {};
      out->name = provider;
      return true;
    }
    return false;
  }
  if (arn.service == "sts") {
    if (StartsWith(resource, "assumed-role/")) {
      const std::string_view rest = resource.substr(13);
      const size_t slash = rest.find('/');
      if (slash == std::string_view::npos) return false;
      out->kind = CallerKind::kRoleSession;
      out->name = rest.substr(0, slash);
      out->session = rest.substr(slash + 1);
      out->path = {};  // session ARNs do not carry the role's path
      return IsName(out->name) && IsName(out->session);
    }
    if (StartsWith(resource, "federated-user/")) {
      out->kind = CallerKind::kFederatedUser;
      out->name = resource.substr(15);
      return IsName(out->name);
    }
  }
  return false;
}

bool PartitionsAgree(std::string_view pattern, std::string_view caller) {
  return pattern.empty() || caller.empty() || pattern == caller;
}

// Callers that belong to an account and can be named through it.
bool IsAccountMember(CallerKind kind) {
  return kind == CallerKind::kUser || kind == CallerKind::kRole ||
         kind == CallerKind::kRoleSession || kind == CallerKind::kFederatedUser ||
         kind == CallerKind::kRoot;
}

bool NamesAccountOf(const PrincipalPattern& pattern, const Caller& caller) {
  return pattern.type == PrincipalPattern::Type::kAccount && IsAccountMember(caller.kind) &&
         pattern.account == caller.account && PartitionsAgree(pattern.partition, caller.partition);
}

// A role ARN names the role itself and its sessions by account and role name;
// its path is ignored because session ARNs do not carry it (decisions.md §37).
bool NamesRoleOf(const PrincipalPattern& pattern, const Caller& caller) {
  return pattern.type == PrincipalPattern::Type::kRole &&
         (caller.kind == CallerKind::kRoleSession || caller.kind == CallerKind::kRole) &&
         pattern.account == caller.account && pattern.name == caller.name &&
         PartitionsAgree(pattern.partition, caller.partition);
}

// Whether `pattern` names exactly this caller (not through its account or role).
bool NamesItself(const PrincipalPattern& pattern, const Caller& caller) {
  using Type = PrincipalPattern::Type;
  switch (pattern.type) {
    case Type::kUser:
      return caller.kind == CallerKind::kUser && pattern.text == caller.text;
    case Type::kRoleSession:
      return caller.kind == CallerKind::kRoleSession && pattern.text == caller.text;
    case Type::kFederatedUser:
      return caller.kind == CallerKind::kFederatedUser && pattern.text == caller.text;
    case Type::kService:
      return caller.kind == CallerKind::kService && pattern.text == caller.text;
    case Type::kFederatedProvider:
      return caller.kind == CallerKind::kIdentityProvider && pattern.text == caller.text;
    case Type::kOtherArn:
      return pattern.text == caller.text;
    case Type::kAnyone:
    case Type::kAccount:
    case Type::kRole:
    case Type::kCanonicalUser:
    case Type::kUniqueId:
      return false;
  }
  return false;
}

template <typename Predicate>
bool AnyPattern(const std::vector<PrincipalPattern>& patterns, Predicate&& predicate) {
  for (const PrincipalPattern& pattern : patterns) {
    if (pattern.type == PrincipalPattern::Type::kAnyone || predicate(pattern)) return true;
  }
  return false;
}

void Fail(std::string_view code, std::string message, std::string* error_code,
          std::string* error_message) {
  if (error_code != nullptr) *error_code = std::string(code);
  if (error_message != nullptr) *error_message = std::move(message);
}

// User text in backticks, control characters escaped (message_text.h): a raw
// line break made a principal's finding span lines (policy_parse_fuzz).
std::string Quoted(std::string_view value) { return Quote(value); }

// Classifies an ARN under "AWS".
bool ClassifyAwsArn(std::string_view value, PrincipalPattern* out) {
  ArnView arn;
  if (!SplitArn(value, &arn) || !IsKnownPartition(arn.partition)) return false;
  out->partition = std::string(arn.partition);
  const bool iam_or_sts = arn.service == "iam" || arn.service == "sts";
  if (!iam_or_sts || !IsAccountId(arn.account)) {
    // Some other ARN (a CloudFront origin access identity, say): it names
    // the caller whose principal is exactly this text.
    out->type = PrincipalPattern::Type::kOtherArn;
    out->account = std::string(arn.account);
    return !arn.resource.empty();
  }
  if (!arn.region.empty()) return false;
  // The caller parser knows these forms; a pattern is the same text.
  Caller caller;
  if (!ParseCallerArn(value, &caller)) return false;
  out->account = std::string(caller.account);
  out->name = std::string(caller.name);
  out->session = std::string(caller.session);
  switch (caller.kind) {
    case CallerKind::kRoot:
      out->type = PrincipalPattern::Type::kAccount;
      return true;
    case CallerKind::kUser:
      out->type = PrincipalPattern::Type::kUser;
      return true;
    case CallerKind::kRole:
      out->type = PrincipalPattern::Type::kRole;
      return true;
    case CallerKind::kRoleSession:
      out->type = PrincipalPattern::Type::kRoleSession;
      return true;
    case CallerKind::kFederatedUser:
      out->type = PrincipalPattern::Type::kFederatedUser;
      return true;
    default:
      return false;  // identity providers belong under "Federated"
  }
}

}  // namespace

std::string_view PrincipalTypeName(CallerKind kind) {
  switch (kind) {
    case CallerKind::kUser:
      return "User";
    case CallerKind::kRole:
      return "AssumedRole";
    case CallerKind::kRoleSession:
      return "AssumedRole";
    case CallerKind::kFederatedUser:
      return "FederatedUser";
    case CallerKind::kRoot:
      return "Account";
    case CallerKind::kAnonymous:
      return "Anonymous";
    case CallerKind::kService:
    case CallerKind::kIdentityProvider:
      return {};
  }
  return {};
}

bool ParseCaller(std::string_view principal, Caller* out) noexcept {
  *out = Caller();
  out->text = principal;
  if (principal == "*" || principal == "anonymous") {
    out->kind = CallerKind::kAnonymous;
    return true;
  }
  if (IsAccountId(principal)) {
    out->kind = CallerKind::kRoot;
    out->account = principal;
    return true;
  }
  if (StartsWith(principal, "arn:")) return ParseCallerArn(principal, out);
  if (IsWebIdentityHost(principal)) {
    out->kind = CallerKind::kIdentityProvider;
    out->name = principal;
    return true;
  }
  if (IsDnsName(principal)) {
    out->kind = CallerKind::kService;
    out->name = principal;
    return true;
  }
  return false;
}

bool ClassifyPrincipal(std::string_view type_key, std::string_view value, PrincipalPattern* out,
                       std::string* error_code, std::string* error_message) {
  using Type = PrincipalPattern::Type;
  *out = PrincipalPattern();
  out->text = std::string(value);
  if (type_key != "*" && type_key != "AWS" && type_key != "Service" && type_key != "Federated" &&
      type_key != "CanonicalUser") {
    Fail("unknown-principal-type",
         "unknown principal type " + Quoted(type_key) +
             ": expected `AWS`, `Service`, `Federated` or `CanonicalUser`",
         error_code, error_message);
    return false;
  }
  if (value.empty()) {
    Fail("empty-value", "empty principal under " + Quoted(type_key), error_code, error_message);
    return false;
  }
  if (value == "*" && (type_key == "*" || type_key == "AWS")) {
    out->type = Type::kAnyone;
    return true;
  }
  if (type_key == "*") {
    Fail("invalid-principal",
         "invalid principal " + Quoted(value) +
             ": a principal given as a string must be `*`; name others under `AWS`, "
             "`Service`, `Federated` or `CanonicalUser`",
         error_code, error_message);
    return false;
  }
  if (HasWildcard(value)) {
    Fail("wildcard-in-principal",
         "wildcard in principal " + Quoted(value) +
             ": only `*` on its own may stand for every principal",
         error_code, error_message);
    return false;
  }
  if (type_key == "AWS") {
    if (IsAccountId(value)) {
      out->type = Type::kAccount;
      out->account = std::string(value);
      return true;
    }
    if (IsIamUniqueId(value)) {
      // AWS stores a principal's unique id and shows it in place of the ARN
      // once the principal is deleted: the document stays valid, and the id
      // names no caller, not even a new principal of the same name.
      out->type = Type::kUniqueId;
      return true;
    }
    if (ClassifyAwsArn(value, out)) return true;
    Fail("invalid-principal",
         "invalid principal " + Quoted(value) +
             ": expected `*`, a 12-digit account id, or the ARN of an account root, user, "
             "role, assumed-role session or federated user",
         error_code, error_message);
    return false;
  }
  if (type_key == "Service") {
    if (IsDnsName(value)) {
      out->type = Type::kService;
      out->name = std::string(value);
      return true;
    }
    Fail("invalid-principal",
         "invalid service principal " + Quoted(value) +
             ": expected a service name such as `ec2.amazonaws.com`",
         error_code, error_message);
    return false;
  }
  if (type_key == "Federated") {
    Caller caller;
    if (ParseCaller(value, &caller) && caller.kind == CallerKind::kIdentityProvider) {
      out->type = Type::kFederatedProvider;
      out->partition = std::string(caller.partition);
      out->name = std::string(caller.name);
      ArnView arn;
      if (SplitArn(value, &arn)) out->account = std::string(arn.account);
      return true;
    }
    Fail("invalid-principal",
         "invalid federated principal " + Quoted(value) +
             ": expected a saml-provider or oidc-provider ARN, or "
             "`cognito-identity.amazonaws.com`, `accounts.google.com`, "
             "`graph.facebook.com` or `www.amazon.com`",
         error_code, error_message);
    return false;
  }
  // CanonicalUser: an S3 canonical user id, hexadecimal.
  for (char c : value) {
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) {
      Fail("invalid-principal",
           "invalid canonical user " + Quoted(value) + ": expected a hexadecimal canonical user id",
           error_code, error_message);
      return false;
    }
  }
  out->type = Type::kCanonicalUser;
  return true;
}

bool IsIamUniqueId(std::string_view value) {
  static constexpr std::string_view kPrefixes[] = {"ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "AKIA",
                                                   "ANPA", "ANVA", "APKA", "AROA", "ASCA", "ASIA"};
  if (value.size() < 16 || value.size() > 128) return false;
  bool known = false;
  for (std::string_view prefix : kPrefixes) known = known || value.substr(0, 4) == prefix;
  if (!known) return false;
  for (char c : value) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

GrantClass MatchPrincipal(const PrincipalPattern& pattern, const Caller& caller) noexcept {
  if (pattern.type == PrincipalPattern::Type::kAnyone) return GrantClass::kDirect;
  if (NamesItself(pattern, caller)) return GrantClass::kDirect;
  if (NamesRoleOf(pattern, caller)) return GrantClass::kRole;
  if (NamesAccountOf(pattern, caller)) return GrantClass::kAccount;
  return GrantClass::kNone;
}

GrantClass MatchPrincipals(const std::vector<PrincipalPattern>& patterns,
                           const Caller& caller) noexcept {
  GrantClass best = GrantClass::kNone;
  for (const PrincipalPattern& pattern : patterns) {
    const GrantClass grant = MatchPrincipal(pattern, caller);
    if (grant > best) {
      best = grant;
      if (best == GrantClass::kDirect) break;
    }
  }
  return best;
}

bool DenyMayNameCaller(const std::vector<PrincipalPattern>& patterns,
                       const Caller& caller) noexcept {
  using Type = PrincipalPattern::Type;
  for (const PrincipalPattern& pattern : patterns) {
    switch (pattern.type) {
      case Type::kCanonicalUser:
        // "Both of these IDs identify the same account" (Amazon S3 User
        // Guide, principals in bucket policies): it may be the caller's.
        if (IsAccountMember(caller.kind)) return true;
        break;
      case Type::kUser:
        // A resource policy naming the IAM user who federated applies to
        // its federated user's session (IAM User Guide, "How AWS
        // enforcement code logic evaluates requests", Resource-based
        // policies): which user that was, the request does not say.
        if (caller.kind == CallerKind::kFederatedUser && pattern.account == caller.account &&
            PartitionsAgree(pattern.partition, caller.partition)) {
          return true;
        }
        // IAM names "are not distinguished by case" (IAM API Reference):
        // `user/Alice` may be how a policy names the user `alice`.
        if (caller.kind == CallerKind::kUser && EqualsIgnoreCase(pattern.text, caller.text)) {
          return true;
        }
        break;
      case Type::kRole:
        // The same for role names, sessions of the role included.
        if ((caller.kind == CallerKind::kRoleSession || caller.kind == CallerKind::kRole) &&
            pattern.account == caller.account && EqualsIgnoreCase(pattern.name, caller.name) &&
            PartitionsAgree(pattern.partition, caller.partition)) {
          return true;
        }
        break;
      case Type::kRoleSession:
        // A role given as the caller is decided as some session of it; a
        // session is named by its own session name, its role's ignoring case.
        if ((caller.kind == CallerKind::kRole ||
             (caller.kind == CallerKind::kRoleSession && pattern.session == caller.session)) &&
            pattern.account == caller.account && EqualsIgnoreCase(pattern.name, caller.name) &&
            PartitionsAgree(pattern.partition, caller.partition)) {
          return true;
        }
        break;
      default:
        break;
    }
  }
  return false;
}

bool NotPrincipalApplies(const std::vector<PrincipalPattern>& patterns, Effect effect,
                         const Caller& caller) noexcept {
  // AWS does not support NotPrincipal with Allow (IAM User Guide, "AWS JSON
  // policy elements: NotPrincipal"): such a statement never applies, so it
  // never grants (decisions.md §16; warning allow-with-notprincipal).
  if (effect == Effect::kAllow) return false;
  // The identities AWS may check for the caller (decisions.md §16), each
  // either listed or not. `*` lists every one.
  // A caller with an identity the request does not state (the IAM user
  // behind a federated user's session, the session of a role given as the
  // caller) is never known to be listed but by `*`: the Deny applies
  // (decisions.md §49).
  if (caller.kind == CallerKind::kFederatedUser || caller.kind == CallerKind::kRole) {
    return !AnyPattern(patterns, [](const PrincipalPattern&) { return false; });
  }
  const bool member = IsAccountMember(caller.kind);
  const bool has_role = caller.kind == CallerKind::kRoleSession;
  // The root user is its account: its own ARN is checked as that identity.
  const bool self_is_other = caller.kind == CallerKind::kRoot;

  const bool account_listed = member && AnyPattern(patterns, [&](const PrincipalPattern& p) {
                                return NamesAccountOf(p, caller);
                              });
  const bool role_listed = has_role && AnyPattern(patterns, [&](const PrincipalPattern& p) {
                             return NamesRoleOf(p, caller);
                           });
  const bool self_listed = !self_is_other && AnyPattern(patterns, [&](const PrincipalPattern& p) {
    return NamesItself(p, caller);
  });
  // A Deny spares the caller only when every identity is listed.
  const bool all_listed =
      (!member || account_listed) && (!has_role || role_listed) && (self_is_other || self_listed);
  return !all_listed;
}

}  // namespace iameval::internal
