// File: engine/testing/reference_evaluator.cc
//
// NEVER FOR PRODUCTION: the test-only reference evaluator of
// reference_evaluator.h. Written for reading, not speed: it copies strings,
// recurses, re-walks the JSON for every question, and throws to refuse input
// outside its subset. Each rule cites the spec section it transcribes.

#include "testing/reference_evaluator.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "decide/rcp_services.h"
#include "decide/vpce_policy_services.h"
#include "testing/reference_conditions.h"

namespace iameval::testing {
namespace {

using rapidjson::Value;

// Thrown for input the reference does not handle; becomes ReferenceResult::error.
using Refused = ReferenceRefused;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, at - start));
    start = at + 1;
  }
}

bool IsAccountId(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// ARNs: arn:partition:service:region:account:resource, the resource keeping
// any further colons.

struct Arn {
  bool valid = false;
  std::string partition, service, region, account, resource;
};

Arn ParseArn(std::string_view text) {
  Arn arn;
  std::vector<std::string> parts = Split(text, ':');
  if (parts.size() < 6 || parts[0] != "arn") return arn;
  arn.valid = true;
  arn.partition = parts[1];
  arn.service = parts[2];
  arn.region = parts[3];
  arn.account = parts[4];
  for (size_t i = 5; i < parts.size(); ++i) {
    if (i > 5) arn.resource += ":";
    arn.resource += parts[i];
  }
  return arn;
}

// ---------------------------------------------------------------------------
// Callers (matching.md §3.1).

enum class Kind { kUser, kRole, kSession, kFederated, kRoot, kService, kProvider, kAnonymous };

struct Caller {
  Kind kind = Kind::kAnonymous;
  std::string text;       // as given
  std::string partition;  // empty without an ARN
  std::string account;    // empty for callers without an account
  std::string role_name;  // roles and role sessions
};

// Users, roles, role sessions, federated users: the callers with identity
// policies (and so with a boundary when one is given).
bool HasIdentity(const Caller& caller) {
  return caller.kind == Kind::kUser || caller.kind == Kind::kRole ||
         caller.kind == Kind::kSession || caller.kind == Kind::kFederated;
}

bool HasAccount(const Caller& caller) {
  return caller.kind == Kind::kUser || caller.kind == Kind::kRole ||
         caller.kind == Kind::kSession || caller.kind == Kind::kFederated ||
         caller.kind == Kind::kRoot;
}

Caller ReadCaller(const std::string& text) {
  Caller caller;
  caller.text = text;
  if (text == "*" || text == "anonymous") {
    caller.kind = Kind::kAnonymous;
    return caller;
  }
  if (IsAccountId(text)) {
    caller.kind = Kind::kRoot;
    caller.account = text;
    return caller;
  }
  if (text == "cognito-identity.amazonaws.com" || text == "accounts.google.com" ||
      text == "graph.facebook.com" || text == "www.amazon.com") {
    caller.kind = Kind::kProvider;
    return caller;
  }
  if (!StartsWith(text, "arn:")) {
    if (text.find('.') == std::string::npos) throw Refused("unknown principal `" + text + "`");
    caller.kind = Kind::kService;
    return caller;
  }
  Arn arn = ParseArn(text);
  if (!arn.valid || !IsAccountId(arn.account)) throw Refused("unknown principal `" + text + "`");
  caller.partition = arn.partition;
  caller.account = arn.account;
  if (arn.service == "iam" && arn.resource == "root") {
    caller.kind = Kind::kRoot;
  } else if (arn.service == "iam" && StartsWith(arn.resource, "user/")) {
    caller.kind = Kind::kUser;
  } else if (arn.service == "iam" && StartsWith(arn.resource, "role/")) {
    caller.kind = Kind::kRole;
    caller.role_name = Split(arn.resource, '/').back();
  } else if (arn.service == "iam" && (StartsWith(arn.resource, "saml-provider/") ||
                                      StartsWith(arn.resource, "oidc-provider/"))) {
    caller.kind = Kind::kProvider;
    caller.account.clear();  // a provider acts for no account (decision.md §2.2)
  } else if (arn.service == "sts" && StartsWith(arn.resource, "assumed-role/")) {
    std::vector<std::string> parts = Split(arn.resource, '/');
    if (parts.size() != 3) throw Refused("unknown principal `" + text + "`");
    caller.kind = Kind::kSession;
    caller.role_name = parts[1];
  } else if (arn.service == "sts" && StartsWith(arn.resource, "federated-user/")) {
    caller.kind = Kind::kFederated;
  } else {
    throw Refused("unknown principal `" + text + "`");
  }
  return caller;
}

// ---------------------------------------------------------------------------
// Globs: the textbook table, one row per pattern character. `alive[j]` says
// whether the pattern read so far can match the first j characters of the
// text; a `*` keeps every j at or after the first alive one, any other
// character moves each alive j one step on when it matches text[j]. It takes
// |pattern| x |text| steps whatever the pattern, so no input can stall a test
// (plain recursion is exponential in the number of `*`).

bool Glob(std::string_view pattern, std::string_view text) {
  std::vector<char> alive(text.size() + 1, 0);
  alive[0] = 1;
  for (char p : pattern) {
    std::vector<char> next(text.size() + 1, 0);
    if (p == '*') {
      bool seen = false;  // some k <= j is alive: `*` takes text[k..j)
      for (size_t j = 0; j <= text.size(); ++j) {
        seen = seen || alive[j];
        next[j] = seen;
      }
    } else if (p == '?') {
      // One character: a whole UTF-8 sequence, from a character's first byte
      // (spec/matching.md).
      for (size_t j = 0; j < text.size(); ++j) {
        const unsigned char b = static_cast<unsigned char>(text[j]);
        if (!alive[j] || (b & 0xC0) == 0x80) continue;
        const size_t length = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        next[std::min(j + length, text.size())] = 1;
      }
    } else {
      for (size_t j = 0; j < text.size(); ++j) {
        next[j + 1] = alive[j] && p == text[j];
      }
    }
    alive.swap(next);
  }
  return alive[text.size()];
}

// ---------------------------------------------------------------------------
// The request.

struct Request {
  Caller caller;
  std::string action;  // lowercased
  std::string resource;
  std::string resource_account;  // as given; may be empty
  const Value* context = nullptr;
  std::shared_ptr<rapidjson::Document> derived;  // spec/context.md's keys (Derive)
  bool principal_is_slr = false;
  bool principal_in_management = false;
  bool resource_in_management = false;
  bool resource_is_aws_managed_key = false;
  int resource_policy_required = -1;  // -1: infer
  std::string resource_policy_kind;   // "resource", "roleTrust", "kmsKey"
  bool boundary_given = false;        // set by Decide: NotPrincipal Denies always apply
};

bool BoolField(const Value& object, const char* name) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) return false;
  if (!it->value.IsBool()) throw Refused(std::string("`") + name + "` must be a boolean");
  return it->value.GetBool();
}

std::string StringField(const Value& object, const char* name, bool required) {
  auto it = object.FindMember(name);
  if (it == object.MemberEnd()) {
    if (required) throw Refused(std::string("the request has no `") + name + "`");
    return "";
  }
  if (!it->value.IsString()) throw Refused(std::string("`") + name + "` must be a string");
  return it->value.GetString();
}

bool IsTrustAction(const std::string& action) {
  return action == "sts:assumerole" || action == "sts:assumerolewithsaml" ||
         action == "sts:assumerolewithwebidentity" || action == "sts:tagsession" ||
         action == "sts:setsourceidentity";
}

bool IsRoleArn(const std::string& text) {
  Arn arn = ParseArn(text);
  return arn.valid && arn.service == "iam" && StartsWith(arn.resource, "role/");
}

bool IsKeyArn(const std::string& text) {
  Arn arn = ParseArn(text);
  return arn.valid && arn.service == "kms" && StartsWith(arn.resource, "key/");
}

// decision.md §1: the resource policy's kind, when the request does not say.
std::string InferKind(const Request& request) {
  if (IsTrustAction(request.action) && IsRoleArn(request.resource)) return "roleTrust";
  if (StartsWith(request.action, "kms:") && IsKeyArn(request.resource)) return "kmsKey";
  return "resource";
}

// The keys spec/context.md derives from the request, read from its table
// directly; the context's own keys win over them (reference_conditions.cc).
// A key the table leaves to judgement for this caller is null: reading it is
// refused rather than guessed.
void Derive(const Value& object, Request* request) {
  request->derived = std::make_shared<rapidjson::Document>();
  rapidjson::Document& d = *request->derived;
  d.SetObject();
  auto& a = d.GetAllocator();
  auto put = [&](const char* key, const std::string& value) {
    d.AddMember(Value(key, a),
                Value(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), a), a);
  };
  auto unknown = [&](const char* key) { d.AddMember(Value(key, a), Value(), a); };
  const Caller& c = request->caller;
  const Arn arn = ParseArn(c.text);
  const std::string partition = c.partition.empty() ? "aws" : c.partition;
  switch (c.kind) {
    case Kind::kUser: {
      put("aws:PrincipalArn", c.text);
      put("aws:PrincipalType", "User");
      put("aws:username", Split(arn.resource, '/').back());  // without path
      break;
    }
    case Kind::kRole:
      put("aws:PrincipalArn", c.text);
      put("aws:PrincipalType", "AssumedRole");
      break;
    case Kind::kSession: {
      // The role's ARN: as the request states it (with the role's path), else
      // without a path, which a session ARN does not carry.
      const std::string bare = "arn:" + partition + ":iam::" + c.account + ":role/";
      const std::string stated = StringField(object, "principalRoleArn", false);
      if (stated.empty()) {
        put("aws:PrincipalArn", bare + c.role_name);
      } else {
        // The session's own role: its partition, account and name, any path.
        const std::string rest =
            stated.compare(0, bare.size(), bare) == 0 ? stated.substr(bare.size()) : "";
        const std::string tail = "/" + c.role_name;
        const bool named = rest == c.role_name ||
                           (rest.size() > tail.size() &&
                            rest.compare(rest.size() - tail.size(), tail.size(), tail) == 0);
        if (!named || rest[0] == '/' || rest.find("//") != std::string::npos) {
          throw Refused("a `principalRoleArn` that is not the session's role");
        }
        put("aws:PrincipalArn", stated);
      }
      put("aws:PrincipalType", "AssumedRole");
      break;
    }
    case Kind::kFederated:
      put("aws:PrincipalArn", c.text);
      put("aws:PrincipalType", "FederatedUser");
      put("aws:userid",
          c.account + ":" + arn.resource.substr(std::string("federated-user/").size()));
      break;
    case Kind::kRoot:
      put("aws:PrincipalArn", "arn:" + partition + ":iam::" + c.account + ":root");
      put("aws:PrincipalType", "Account");
      put("aws:userid", c.account);
      break;
    case Kind::kAnonymous:
      put("aws:PrincipalType", "Anonymous");
      put("aws:PrincipalAccount", "anonymous");
      put("aws:userid", "anonymous");
      break;
    case Kind::kService:
      put("aws:PrincipalServiceName", c.text);
      d.AddMember("aws:PrincipalIsAWSService", true, a);
      break;
    case Kind::kProvider:
      unknown("aws:PrincipalIsAWSService");
      break;
  }
  if (HasAccount(c)) put("aws:PrincipalAccount", c.account);
  if (HasAccount(c)) d.AddMember("aws:PrincipalIsAWSService", false, a);
  // aws:ResourceAccount: resourceAccount, else the ARN's account, else (for
  // resource `*`) the caller's; absent when nobody says (decision.md §2.1).
  std::string resource_account = request->resource_account;
  const Arn resource_arn = ParseArn(request->resource);
  if (resource_account.empty() && resource_arn.valid) resource_account = resource_arn.account;
  if (resource_account.empty() && request->resource == "*") resource_account = c.account;
  if (!resource_account.empty()) put("aws:ResourceAccount", resource_account);
  // aws:CurrentTime and aws:EpochTime from currentTime; without it the clock,
  // which no test can pin: refused when read.
  auto now = object.FindMember("currentTime");
  int64_t seconds = 0;
  std::string text;
  if (now != object.MemberEnd() && ReferenceReadInstant(now->value, &seconds, &text)) {
    put("aws:CurrentTime", text);
    d.AddMember("aws:EpochTime", Value(static_cast<int64_t>(seconds)), a);
  } else if (now != object.MemberEnd()) {
    throw Refused("a `currentTime` the reference does not read");
  } else {
    unknown("aws:CurrentTime");
    unknown("aws:EpochTime");
  }
}

Request ReadRequest(const Value& object) {
  if (!object.IsObject()) throw Refused("the request must be an object");
  Request request;
  request.caller = ReadCaller(StringField(object, "principal", true));
  request.action = Lower(StringField(object, "action", true));
  request.resource = StringField(object, "resource", true);
  request.resource_account = StringField(object, "resourceAccount", false);
  // The ARN's account is the owner: a `resourceAccount` that contradicts it
  // makes the request invalid (spec/request.md).
  const Arn resource_arn = ParseArn(request.resource);
  if (!request.resource_account.empty() && resource_arn.valid &&
      IsAccountId(resource_arn.account) && resource_arn.account != request.resource_account) {
    throw Refused("a `resourceAccount` that contradicts the resource ARN's account");
  }
  if (!StringField(object, "principalRoleArn", false).empty() &&
      request.caller.kind != Kind::kSession) {
    throw Refused("a `principalRoleArn` for a caller that is no role session");
  }
  auto context = object.FindMember("context");
  if (context != object.MemberEnd()) request.context = &context->value;
  // Only a role (or its session) can be a service-linked role, and only a
  // KMS key an AWS managed key: a flag the ARN contradicts is not believed
  // (spec/request.md).
  request.principal_is_slr =
      BoolField(object, "principalIsServiceLinkedRole") &&
      (request.caller.kind == Kind::kRole || request.caller.kind == Kind::kSession);
  request.principal_in_management = BoolField(object, "principalInManagementAccount");
  request.resource_in_management = BoolField(object, "resourceInManagementAccount");
  request.resource_is_aws_managed_key = BoolField(object, "resourceIsAwsManagedKey") &&
                                        resource_arn.valid && resource_arn.service == "kms" &&
                                        StartsWith(resource_arn.resource, "key/");
  auto required = object.FindMember("resourcePolicyRequired");
  if (required != object.MemberEnd()) {
    if (!required->value.IsBool()) throw Refused("`resourcePolicyRequired` must be a boolean");
    request.resource_policy_required = required->value.GetBool();
  }
  request.resource_policy_kind = StringField(object, "resourcePolicyKind", false);
  if (request.resource_policy_kind.empty()) request.resource_policy_kind = InferKind(request);
  Derive(object, &request);
  return request;
}

ReferenceKeys Keys(const Request& request) { return {request.context, request.derived.get()}; }

// ---------------------------------------------------------------------------
// Statements.

// A string or an array of strings, as a list.
std::vector<std::string> Strings(const Value& value) {
  std::vector<std::string> out;
  if (value.IsString()) {
    out.emplace_back(value.GetString());
  } else if (value.IsArray()) {
    for (const Value& item : value.GetArray()) {
      if (!item.IsString()) throw Refused("a list holds a non-string");
      out.emplace_back(item.GetString());
    }
  } else {
    throw Refused("expected a string or a list of strings");
  }
  return out;
}

const Value* Member(const Value& object, const char* name) {
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

// Where a 2012-10-17 document may not hold a variable (variables.md §3).
void RefuseVariable(const std::string& text, bool variables) {
  if (variables && text.find("${") != std::string::npos) {
    throw Refused("a variable where the grammar allows none: `" + text + "`");
  }
}

bool ActionMatches(const Value& statement, const Request& request, bool variables) {
  const Value* listed = Member(statement, "Action");
  const bool negated = listed == nullptr;
  if (negated) listed = Member(statement, "NotAction");
  if (listed == nullptr) throw Refused("a statement without Action or NotAction");
  bool any = false;
  for (const std::string& pattern : Strings(*listed)) {
    RefuseVariable(pattern, variables);
    any = any || Glob(Lower(pattern), request.action);  // ignoring case (matching.md §1)
  }
  return negated ? !any : any;
}

// matching.md §2; a statement without Resource/NotResource: kmsKey never,
// other kinds always (identity kinds never lack one in valid documents).
// One Resource/NotResource entry; variables are rendered in the resource part
// only, after the fifth colon (variables.md §3), and an entry whose variable
// has no value matches nothing (§6): then NotResource excludes nothing.
bool ResourceEntryMatches(const std::string& entry, const Request& request, bool variables) {
  size_t resource_part = 0;
  for (int colons = 0; colons < 5 && resource_part != std::string::npos; ++colons) {
    resource_part = entry.find(':', resource_part == 0 ? 0 : resource_part + 1);
  }
  if (resource_part == std::string::npos) {  // `*` and other non-ARNs: no variables
    RefuseVariable(entry, variables);
    return Glob(entry, request.resource);
  }
  const std::string head = entry.substr(0, resource_part + 1);
  RefuseVariable(head, variables);
  ReferencePattern pattern;
  if (!ReferenceRender(std::string_view(entry).substr(resource_part + 1), Keys(request), variables,
                       &pattern)) {
    return false;
  }
  pattern.text.insert(0, head);
  pattern.literal.insert(pattern.literal.begin(), head.size(), false);
  return ReferenceGlobPattern(pattern, request.resource);
}

// Whether an entry's variables, if any, all have a value (or a default).
bool ResourceEntryResolves(const std::string& entry, const Request& request, bool variables) {
  size_t resource_part = 0;
  for (int colons = 0; colons < 5 && resource_part != std::string::npos; ++colons) {
    resource_part = entry.find(':', resource_part == 0 ? 0 : resource_part + 1);
  }
  if (resource_part == std::string::npos) return true;
  ReferencePattern pattern;
  return ReferenceRender(std::string_view(entry).substr(resource_part + 1), Keys(request),
                         variables, &pattern);
}

// An Allow whose NotResource has an entry with an unresolved variable does
// not apply; a Deny's does (decisions.md §30: the reading that never widens).
bool ResourceMatches(const Value& statement, const std::string& kind, const Request& request,
                     bool variables, bool is_deny) {
  const Value* listed = Member(statement, "Resource");
  const bool negated = listed == nullptr;
  if (negated) listed = Member(statement, "NotResource");
  if (listed == nullptr) {
    if (kind == "identity" || kind == "permissionsBoundary" || kind == "session") {
      throw Refused("an identity-side statement without Resource");
    }
    return kind != "kmsKey";
  }
  bool any = false;
  for (const std::string& pattern : Strings(*listed)) {
    any = any || ResourceEntryMatches(pattern, request, variables);
  }
  if (!negated) return any;
  if (any) return false;
  if (!is_deny) {
    for (const std::string& pattern : Strings(*listed)) {
      if (!ResourceEntryResolves(pattern, request, variables)) return false;
    }
  }
  return true;
}

// How strongly a Principal or NotPrincipal names the caller (decision.md §5).
enum class Grant { kNone = 0, kAccount = 1, kRole = 2, kDirect = 3 };

// One entry of a Principal element, with its map key.
struct Entry {
  std::string key;  // "AWS", "Service", "Federated", "CanonicalUser"; "*" for the bare string
  std::string value;
};

std::vector<Entry> Entries(const Value& element) {
  std::vector<Entry> entries;
  if (element.IsString()) {
    entries.push_back({"*", element.GetString()});
    return entries;
  }
  if (!element.IsObject()) throw Refused("a principal that is neither a string nor a map");
  for (auto it = element.MemberBegin(); it != element.MemberEnd(); ++it) {
    for (const std::string& value : Strings(it->value)) {
      entries.push_back({it->name.GetString(), value});
    }
  }
  return entries;
}

bool IsStar(const Entry& entry) {
  return entry.value == "*" && (entry.key == "*" || entry.key == "AWS");
}

// The account an AWS entry names: a 12-digit id or arn:P:iam::A:root.
bool NamedAccount(const Entry& entry, std::string* account, std::string* partition) {
  if (entry.key != "AWS") return false;
  if (IsAccountId(entry.value)) {
    *account = entry.value;
    partition->clear();
    return true;
  }
  Arn arn = ParseArn(entry.value);
  if (arn.valid && arn.service == "iam" && arn.resource == "root") {
    *account = arn.account;
    *partition = arn.partition;
    return true;
  }
  return false;
}

bool PartitionsAgree(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || a == b;
}

// Does `entry` name the caller's account?
bool NamesAccount(const Entry& entry, const Caller& caller) {
  std::string account, partition;
  return HasAccount(caller) && NamedAccount(entry, &account, &partition) &&
         account == caller.account && PartitionsAgree(partition, caller.partition);
}

// Does `entry` name the caller's role (role sessions and role callers; the
// role ARN's path ignored, decisions.md §37)?
bool NamesRole(const Entry& entry, const Caller& caller) {
  if (entry.key != "AWS") return false;
  if (caller.kind != Kind::kSession && caller.kind != Kind::kRole) return false;
  Arn arn = ParseArn(entry.value);
  return arn.valid && arn.service == "iam" && StartsWith(arn.resource, "role/") &&
         arn.account == caller.account && arn.partition == caller.partition &&
         Split(arn.resource, '/').back() == caller.role_name;
}

// Does `entry` name the caller itself, by its exact text?
bool NamesItself(const Entry& entry, const Caller& caller) {
  if (entry.value != caller.text) return false;
  switch (caller.kind) {
    case Kind::kUser:
    case Kind::kSession:
    case Kind::kFederated:
      return entry.key == "AWS";
    case Kind::kService:
      return entry.key == "Service";
    case Kind::kProvider:
      return entry.key == "Federated";
    default:
      return false;  // roles and root are named through NamesRole / NamesAccount
  }
}

Grant PrincipalGrant(const std::vector<Entry>& entries, const Caller& caller) {
  Grant best = Grant::kNone;
  auto raise = [&best](Grant grant) {
    if (static_cast<int>(grant) > static_cast<int>(best)) best = grant;
  };
  for (const Entry& entry : entries) {
    if (IsStar(entry) || NamesItself(entry, caller)) raise(Grant::kDirect);
    if (NamesRole(entry, caller)) raise(Grant::kRole);
    if (NamesAccount(entry, caller)) raise(Grant::kAccount);
  }
  return best;
}

// decisions.md §49: identities a request cannot state, which a Deny may name.
// A CanonicalUser is some account's S3 id: maybe the caller's. A federated
// user's session is the IAM user's who federated: any user of its account.
// A role caller is some session of the role: any session ARN of that role.
bool DenyMayName(const std::vector<Entry>& entries, const Caller& caller) {
  for (const Entry& entry : entries) {
    if (entry.key == "CanonicalUser" && HasAccount(caller)) return true;
    if (entry.key != "AWS") continue;
    const Arn arn = ParseArn(entry.value);
    if (!arn.valid || arn.account != caller.account || arn.partition != caller.partition) continue;
    if (caller.kind == Kind::kFederated && arn.service == "iam" &&
        StartsWith(arn.resource, "user/")) {
      return true;
    }
    // IAM names are not distinguished by case: a user, role or session's
    // role named in another case may be the caller's.
    if (caller.kind == Kind::kUser && Lower(entry.value) == Lower(caller.text)) return true;
    const bool has_role = caller.kind == Kind::kRole || caller.kind == Kind::kSession;
    if (has_role && arn.service == "iam" && StartsWith(arn.resource, "role/") &&
        Lower(Split(arn.resource, '/').back()) == Lower(caller.role_name)) {
      return true;
    }
    if (has_role && arn.service == "sts" && StartsWith(arn.resource, "assumed-role/")) {
      const std::vector<std::string> named = Split(arn.resource, '/');
      const std::string own_session =
          caller.kind == Kind::kSession ? Split(ParseArn(caller.text).resource, '/')[2] : "";
      if (Lower(named[1]) == Lower(caller.role_name) &&
          (caller.kind == Kind::kRole || (named.size() > 2 && named[2] == own_session))) {
        return true;
      }
    }
  }
  return false;
}

// matching.md §3.3 / decisions.md §16. `*` lists every caller (the spec does
// not say what `NotPrincipal: "*"` means; generated tests avoid it).
bool NotPrincipalApplies(const std::vector<Entry>& entries, bool is_deny, const Caller& caller) {
  // Federated users and role callers have an identity the request does not
  // state, never known to be listed (decisions.md §49).
  if (is_deny && (caller.kind == Kind::kFederated || caller.kind == Kind::kRole)) {
    for (const Entry& entry : entries) {
      if (IsStar(entry)) return false;
    }
    return true;
  }
  std::vector<bool> listed;  // one per identity the caller has
  auto any = [&](auto&& names) {
    for (const Entry& entry : entries) {
      if (IsStar(entry) || names(entry)) return true;
    }
    return false;
  };
  if (HasAccount(caller)) {
    listed.push_back(any([&](const Entry& e) { return NamesAccount(e, caller); }));
  }
  if (caller.kind == Kind::kSession || caller.kind == Kind::kRole) {
    listed.push_back(any([&](const Entry& e) { return NamesRole(e, caller); }));
  }
  if (caller.kind != Kind::kRole && caller.kind != Kind::kRoot) {
    // Its own ARN or name (a role's is its role, root's its account).
    listed.push_back(any([&](const Entry& e) { return NamesItself(e, caller); }));
  }
  bool all = true, some = false;
  for (bool b : listed) {
    all = all && b;
    some = some || b;
  }
  return is_deny ? !all : !some;
}

// ---------------------------------------------------------------------------
// Conditions: StringEquals, StringNotEquals, Bool only.

// ---------------------------------------------------------------------------
// Policies.

struct Verdict {
  bool allows = false;
  bool denies = false;
  Grant grant = Grant::kNone;  // strongest applicable Allow (resource policies)
};

// Reads one policy document (an object, or a string holding its text) and
// adds what its statements say about the request to `verdict`.
void Evaluate(const Value& document_value, const std::string& kind, const Request& request,
              Verdict* verdict) {
  rapidjson::Document parsed;
  const Value* document = &document_value;
  if (document_value.IsString()) {
    parsed.Parse(document_value.GetString());
    if (parsed.HasParseError()) throw Refused("a policy string that is not JSON");
    document = &parsed;
  }
  if (!document->IsObject()) throw Refused("a policy that is not an object");
  // Variables exist only under 2012-10-17 (variables.md §2).
  const Value* version = Member(*document, "Version");
  const bool variables = version != nullptr && version->IsString() &&
                         std::string(version->GetString()) == "2012-10-17";
  const Value* statements = Member(*document, "Statement");
  if (statements == nullptr) throw Refused("a policy without Statement");
  std::vector<const Value*> list;
  if (statements->IsArray()) {
    for (const Value& s : statements->GetArray()) list.push_back(&s);
  } else {
    list.push_back(statements);
  }
  for (const Value* statement : list) {
    if (!statement->IsObject()) throw Refused("a statement that is not an object");
    const Value* effect = Member(*statement, "Effect");
    if (effect == nullptr || !effect->IsString()) throw Refused("a statement without Effect");
    const bool is_deny = std::string(effect->GetString()) == "Deny";
    if (!ActionMatches(*statement, request, variables)) continue;
    if (!ResourceMatches(*statement, kind, request, variables, is_deny)) continue;
    Grant grant = Grant::kDirect;  // kinds without a Principal element
    for (const char* element : {"Principal", "NotPrincipal"}) {
      if (const Value* listed = Member(*statement, element)) {
        for (const Entry& entry : Entries(*listed)) RefuseVariable(entry.value, variables);
      }
    }
    if (const Value* principal = Member(*statement, "Principal")) {
      grant = PrincipalGrant(Entries(*principal), request.caller);
      if (grant == Grant::kNone && is_deny && DenyMayName(Entries(*principal), request.caller)) {
        grant = Grant::kDirect;
      }
    } else if (const Value* not_principal = Member(*statement, "NotPrincipal")) {
      // NotPrincipal with Allow is not supported by AWS and never grants
      // (decisions.md §16). A NotPrincipal Deny always denies an IAM
      // principal with a permissions boundary (decision.md §3 / matching.md
      // §3), else applies unless the caller is spared.
      const bool always = is_deny && request.boundary_given && HasIdentity(request.caller);
      grant = is_deny && (always ||
                          NotPrincipalApplies(Entries(*not_principal), is_deny, request.caller))
                  ? Grant::kDirect
                  : Grant::kNone;
    }
    if (grant == Grant::kNone) continue;
    if (const Value* condition = Member(*statement, "Condition")) {
      if (!ReferenceConditionHolds(*condition, Keys(request), variables, is_deny)) continue;
    }
    if (is_deny) {
      verdict->denies = true;
    } else {
      verdict->allows = true;
      if (static_cast<int>(grant) > static_cast<int>(verdict->grant)) verdict->grant = grant;
    }
  }
}

// Every document of a list, as one verdict.
Verdict EvaluateList(const Value* list, const std::string& kind, const Request& request) {
  Verdict verdict;
  if (list == nullptr) return verdict;
  if (!list->IsArray()) throw Refused("`" + kind + "` policies must be a list");
  for (const Value& document : list->GetArray()) Evaluate(document, kind, request, &verdict);
  return verdict;
}

// RCPs apply only to the services AWS lists (decision.md §4.2).
bool RcpService(const std::string& action) {
  size_t count = 0;
  const std::string_view* services = internal::RcpSupportedServices(&count);
  const std::string service = action.substr(0, action.find(':'));
  for (size_t i = 0; i < count; ++i) {
    if (services[i] == service) return true;
  }
  return false;
}

// A VPC endpoint's policy is read unless the service is listed as not
// supporting endpoint policies (decision.md §4.3).
bool VpceService(const std::string& action) {
  size_t count = 0;
  const std::string_view* services = internal::VpcEndpointPolicyUnsupportedServices(&count);
  const std::string service = action.substr(0, action.find(':'));
  for (size_t i = 0; i < count; ++i) {
    if (services[i] == service) return false;
  }
  return true;
}

// Whether the request's context has `key`, compared ignoring case.
bool HasContextKey(const Request& request, const std::string& key) {
  if (request.context == nullptr || !request.context->IsObject()) return false;
  for (auto it = request.context->MemberBegin(); it != request.context->MemberEnd(); ++it) {
    if (Lower(it->name.GetString()) == Lower(key)) return true;
  }
  return false;
}

std::string Decide(const Value& policies, const Request& given) {
  if (!policies.IsObject()) throw Refused("the policies must be an object");
  Request request = given;
  request.boundary_given = Member(policies, "permissionsBoundary") != nullptr;
  for (auto it = policies.MemberBegin(); it != policies.MemberEnd(); ++it) {
    const std::string name = it->name.GetString();
    if (name != "identity" && name != "resource" && name != "permissionsBoundary" &&
        name != "sessionPolicies" && name != "scps" && name != "rcps" && name != "vpcEndpoint" &&
        name != "vpcEndpointType") {
      throw Refused("unknown policies field `" + name + "`");
    }
  }
  const Caller& caller = request.caller;

  // Which kinds are in force (decision.md §1, §2.2, §4.1, §4.2).
  const bool has_account = HasAccount(caller);
  const bool scps_in_force =
      has_account && !request.principal_is_slr && !request.principal_in_management;
  // kms:RetireGrant is exempt from RCPs too: AWS documents it (iam-semantics
  // §5.7 [RCP]) although decision.md §4.2 does not list it.
  const bool rcps_in_force = !request.resource_in_management && !request.principal_is_slr &&
                             !request.resource_is_aws_managed_key &&
                             request.action != "kms:retiregrant" && RcpService(request.action);

  // Every policy given is read for its Denies, whoever the caller is, even
  // where AWS could not attach it (the root user, a service): a mistake in the
  // inputs can only deny (decisions.md §38, §34). Their Allows count only as
  // the steps below say.
  Verdict identity, boundary, session, resource;
  const Value* session_list = Member(policies, "sessionPolicies");
  const Value* boundary_document = Member(policies, "permissionsBoundary");
  identity = EvaluateList(Member(policies, "identity"), "identity", request);
  if (boundary_document != nullptr) {
    Evaluate(*boundary_document, "permissionsBoundary", request, &boundary);
  }
  session = EvaluateList(session_list, "session", request);
  if (const Value* document = Member(policies, "resource")) {
    Evaluate(*document, request.resource_policy_kind, request, &resource);
  }
  auto levels = [&](const char* name, const char* kind, bool in_force) {
    std::vector<Verdict> out;
    const Value* list = Member(policies, name);
    if (!in_force || list == nullptr) return out;
    if (!list->IsArray()) throw Refused(std::string("`") + name + "` must be a list of levels");
    for (const Value& level : list->GetArray()) out.push_back(EvaluateList(&level, kind, request));
    return out;
  };
  const std::vector<Verdict> scps = levels("scps", "scp", scps_in_force);
  const std::vector<Verdict> rcps = levels("rcps", "rcp", rcps_in_force);

  // The VPC endpoint the request came through (§4.3): its policy applies to
  // every caller, for services that support endpoint policies. The request
  // must then say the endpoint; the engine refuses it otherwise.
  Verdict endpoint;
  const Value* endpoint_document = Member(policies, "vpcEndpoint");
  const bool endpoint_in_force = endpoint_document != nullptr && VpceService(request.action);
  if (endpoint_document != nullptr && !HasContextKey(request, "aws:SourceVpce")) {
    throw Refused("an endpoint policy without `aws:SourceVpce` (an invalid request)");
  }
  if (endpoint_in_force) Evaluate(*endpoint_document, "vpcEndpoint", request, &endpoint);
  const bool endpoint_passes = !endpoint_in_force || (endpoint.allows && !endpoint.denies);

  const bool root = caller.kind == Kind::kRoot;
  // sts:GetCallerIdentity needs no permission, even under a Deny (§3), but
  // must pass the endpoint (decisions.md §48).
  if (request.action == "sts:getcalleridentity" && has_account && endpoint_passes) {
    return "allowed";
  }

  // Step 1: an applicable Deny in any policy in force (§3).
  bool denied =
      identity.denies || boundary.denies || session.denies || resource.denies || endpoint.denies;
  for (const Verdict& level : scps) denied = denied || level.denies;
  for (const Verdict& level : rcps) denied = denied || level.denies;
  if (denied) return "explicitDeny";

  // Partitions (§2.3): after the explicit deny, different partitions deny.
  const Arn resource_arn = ParseArn(request.resource);
  if (resource_arn.valid && !caller.partition.empty() &&
      caller.partition != resource_arn.partition) {
    return "implicitDeny";
  }

  // Root credentials cannot assume a role nor call AssumeRoot (§6).
  if (root &&
      (StartsWith(request.action, "sts:assumerole") || request.action == "sts:assumeroot")) {
    return "implicitDeny";
  }

  // Step 2: every SCP level must allow (§4.1). RCPs only deny (§4.2).
  for (const Verdict& level : scps) {
    if (!level.allows) return "implicitDeny";
  }
  // The endpoint's policy must allow; it grants nothing (§4.3).
  if (endpoint_in_force && !endpoint.allows) return "implicitDeny";

  const Grant rbp = resource.grant;

  // Callers without an account: a direct grant or nothing (§2.2).
  if (!has_account) return rbp == Grant::kDirect ? "allowed" : "implicitDeny";

  // Step 3: the identity side (§6). The root user's is always true (§38; a
  // boundary limits only users and roles and their sessions).
  const bool sessions_given =
      session_list != nullptr && session_list->IsArray() && !session_list->GetArray().Empty();
  const bool ibp = root || identity.allows;
  const bool pb = root || boundary_document == nullptr || boundary.allows;
  // Session policies limit only callers that have sessions (§34, §38), and
  // the root user's sessions from AssumeRoot (the task policy, §6).
  const bool has_session = caller.kind == Kind::kSession || caller.kind == Kind::kRole ||
                           caller.kind == Kind::kFederated || (root && sessions_given);
  const bool sp =
      !has_session || (sessions_given ? session.allows : caller.kind != Kind::kFederated);

  // Resource policy required (§8).
  bool required = request.resource_policy_required == 1;
  if (request.resource_policy_required == -1) {
    required = (IsTrustAction(request.action) && IsRoleArn(request.resource)) ||
               (StartsWith(request.action, "kms:") && IsKeyArn(request.resource));
  }
  if (required && rbp == Grant::kNone) return "implicitDeny";

  // Same account: equal accounts and partitions (§2.1, §44). Nobody says
  // who owns an S3 object: decided as if another account did (§2.1), which
  // never allows more than the same-account rule.
  std::string resource_account = request.resource_account;
  if (resource_account.empty() && resource_arn.valid) resource_account = resource_arn.account;
  if (resource_account.empty() && request.resource == "*") resource_account = caller.account;
  const bool same_account = !resource_account.empty() && resource_account == caller.account;

  // Step 4 (§7, §9).
  if (!same_account) {
    return rbp != Grant::kNone && ibp && pb && sp ? "allowed" : "implicitDeny";
  }
  if (rbp == Grant::kDirect) return "allowed";
  if (rbp == Grant::kRole) return pb && sp ? "allowed" : "implicitDeny";
  return ibp && pb && sp ? "allowed" : "implicitDeny";
}

}  // namespace

bool ReferenceGlob(std::string_view pattern, std::string_view text) { return Glob(pattern, text); }

namespace {

// The reference reads strings as C strings, so a NUL inside one would cut it
// short (a resource `arn:aws:kms:\u0000...` read as `arn:aws:kms:`): such
// input is outside its subset.
bool HasNul(const Value& value) {
  if (value.IsString()) return std::strlen(value.GetString()) != value.GetStringLength();
  if (value.IsArray()) {
    for (const Value& item : value.GetArray()) {
      if (HasNul(item)) return true;
    }
  }
  if (value.IsObject()) {
    for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
      if (HasNul(it->name) || HasNul(it->value)) return true;
    }
  }
  return false;
}

}  // namespace

ReferenceResult ReferenceDecide(std::string_view policies_json, std::string_view request_json) {
  ReferenceResult result;
  try {
    rapidjson::Document policies, request_document;
    policies.Parse(policies_json.data(), policies_json.size());
    request_document.Parse(request_json.data(), request_json.size());
    if (policies.HasParseError()) throw Refused("the policies are not JSON");
    if (request_document.HasParseError()) throw Refused("the request is not JSON");
    if (HasNul(policies) || HasNul(request_document))
      throw Refused("a string with a NUL character");
    result.decision = Decide(policies, ReadRequest(request_document));
  } catch (const Refused& refused) {
    result.decision.clear();
    result.error = refused.what();
  }
  return result;
}

}  // namespace iameval::testing
