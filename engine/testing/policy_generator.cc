// File: engine/testing/policy_generator.cc
//
// The generator of policy_generator.h. The vocabulary is small on purpose so
// that generated statements name the generated request often; patterns are
// either taken from the vocabulary or made from the request's own action and
// resource by putting `*` and `?` in place of some of their characters, so
// that the matchers see shapes no list would think of.

#include "testing/policy_generator.h"

#include <cctype>
#include <map>
#include <string_view>
#include <utility>

namespace iameval::testing {

namespace {

// ---- JSON text -------------------------------------------------------------

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

// A JSON string or, for several values, an array of them.
std::string StringOrList(const std::vector<std::string>& values) {
  if (values.size() == 1) return JsonString(values[0]);
  std::vector<std::string> quoted;
  for (const std::string& v : values) quoted.push_back(JsonString(v));
  return "[" + Join(quoted) + "]";
}

std::string Member(std::string_view name, const std::string& value_json) {
  return JsonString(name) + ": " + value_json;
}

// ---- the vocabulary ----------------------------------------------------------

constexpr char kA[] = "111111111111";
constexpr char kB[] = "222222222222";

const std::vector<std::string> kCallers = {
    "arn:aws:iam::111111111111:user/alice",
    "arn:aws:iam::111111111111:user/dev/bob",
    "arn:aws:iam::222222222222:user/carol",
    "arn:aws:iam::111111111111:role/svc/app",
    "arn:aws:sts::111111111111:assumed-role/app/s1",
    "arn:aws:sts::111111111111:assumed-role/app/s2",
    "arn:aws:sts::222222222222:assumed-role/ops/s1",
    "arn:aws:sts::111111111111:federated-user/fed",
    "arn:aws:iam::111111111111:root",
    "111111111111",
    "arn:aws:iam::222222222222:root",
    "ec2.amazonaws.com",
    "cloudtrail.amazonaws.com",
    "*",
    "anonymous",
    "cognito-identity.amazonaws.com",
    "arn:aws:iam::111111111111:saml-provider/corp",
    "arn:aws-cn:iam::111111111111:user/alice",
};

struct Target {
  const char* action;
  const char* resource;
  const char* resource_account;
};

const std::vector<Target> kTargets = {
    {"s3:GetObject", "arn:aws:s3:::bucket-a/doc.txt", kA},
    {"s3:GetObject", "arn:aws:s3:::bucket-a/doc.txt", kB},
    {"s3:GetObject", "arn:aws:s3:::bucket-a/doc.txt", ""},  // owner unknown
    {"s3:GetObject", "arn:aws:s3:::bucket-b/doc.txt", kA},
    {"s3:PutObject", "arn:aws:s3:::bucket-b/dir/x.txt", kA},
    {"S3:getObject", "arn:aws:s3:::bucket-b/dir/x.txt", kB},
    {"s3:ListAllMyBuckets", "*", ""},
    {"ec2:RunInstances", "arn:aws:ec2:us-east-1:111111111111:instance/i-1", ""},
    {"ec2:RunInstances", "arn:aws:ec2:us-east-1:222222222222:instance/i-1", ""},
    {"kms:Decrypt", "arn:aws:kms:us-east-1:111111111111:key/k1", ""},
    {"kms:Decrypt", "arn:aws:kms:us-east-1:222222222222:key/k1", ""},
    {"kms:RetireGrant", "arn:aws:kms:us-east-1:111111111111:key/k1", ""},
    {"sts:AssumeRole", "arn:aws:iam::111111111111:role/svc/app", ""},
    {"sts:AssumeRole", "arn:aws:iam::222222222222:role/ops", ""},
    {"sts:AssumeRoleWithWebIdentity", "arn:aws:iam::111111111111:role/svc/app", ""},
    {"sts:TagSession", "arn:aws:iam::111111111111:role/svc/app", ""},
    {"iam:PassRole", "arn:aws:iam::111111111111:role/svc/app", ""},
    {"s3:GetObject", "arn:aws-cn:s3:::bucket-a/doc.txt", kA},
};

const std::vector<std::string> kActionPatterns = {"s3:GetObject",
                                                  "s3:Put*",
                                                  "ec2:*",
                                                  "*",
                                                  "s3:?etObject",
                                                  "kms:*",
                                                  "kms:Decrypt",
                                                  "sts:AssumeRole*",
                                                  "sts:AssumeRole",
                                                  "s3:getobject",
                                                  "S3:GET*",
                                                  "iam:PassRole",
                                                  "sts:*",
                                                  "s3:*",
                                                  "kms:Encrypt",
                                                  "sts:TagSession",
                                                  "ec2:Run?nstances",
                                                  "*:GetObject"};

// An RCP's Deny must name a service; these cover every service above.
const std::vector<std::string> kRcpActions = {"s3:*",    "kms:*", "sts:*", "s3:GetObject",
                                              "s3:Put*", "ec2:*", "iam:*"};

const std::vector<std::string> kResourcePatterns = {
    "*",
    "arn:aws:s3:::bucket-a/*",
    "arn:aws:s3:::bucket-?/*",
    "arn:aws:s3:::bucket-b/dir/*",
    "arn:aws:ec2:*:*:instance/*",
    "arn:aws:ec2:us-east-1:111111111111:instance/*",
    "arn:aws:kms:*:111111111111:key/*",
    "arn:aws:kms:us-east-1:222222222222:key/k1",
    "arn:aws:iam::111111111111:role/*",
    "arn:aws:iam::*:role/ops",
    "arn:aws:s3:::*",
    "arn:aws-cn:s3:::bucket-a/*",
    "arn:aws:s3:::bucket-a/doc.txt",
    "arn:*:s3:::bucket-a/*",
    // Variables in the resource part (spec/variables.md §3, §6)
    "arn:aws:s3:::bucket-b/${aws:PrincipalTag/dir}/*",
    "arn:aws:s3:::${aws:PrincipalTag/bucket, 'bucket-a'}/*",
    "arn:aws:s3:::bucket-${*}/*",
    "arn:aws:s3:::bucket-a/${aws:username}*",
};

const std::vector<std::string> kAwsPrincipals = {
    "*",
    kA,
    kB,
    "arn:aws:iam::111111111111:root",
    "arn:aws:iam::222222222222:root",
    "arn:aws:iam::111111111111:user/alice",
    "arn:aws:iam::111111111111:user/dev/bob",
    "arn:aws:iam::222222222222:user/carol",
    "arn:aws:iam::111111111111:role/svc/app",
    "arn:aws:iam::111111111111:role/app",  // the same role, path omitted (decisions.md §37)
    "arn:aws:iam::222222222222:role/ops",
    "arn:aws:sts::111111111111:assumed-role/app/s1",
    "arn:aws:sts::222222222222:assumed-role/ops/s1",
    "arn:aws:sts::111111111111:federated-user/fed",
    "arn:aws-cn:iam::111111111111:root",
};
const std::vector<std::string> kServicePrincipals = {"ec2.amazonaws.com",
                                                     "cloudtrail.amazonaws.com"};
const std::vector<std::string> kFederatedPrincipals = {
    "cognito-identity.amazonaws.com", "arn:aws:iam::111111111111:saml-provider/corp"};

// Condition blocks over the keys GenerateCase puts in the request, one or more
// of every operator family (spec/conditions.md §3), with IfExists, the set
// qualifiers, Null, and variables in condition values (spec/variables.md).
const std::vector<std::string> kConditions = {
    // String
    R"({"StringEquals": {"aws:PrincipalTag/team": "blue"}})",
    R"({"StringEquals": {"aws:PrincipalTag/team": ["red", "green"]}})",
    R"({"StringNotEquals": {"aws:PrincipalTag/team": "blue"}})",
    R"({"StringNotEquals": {"aws:principaltag/TEAM": ["blue", "red"]}})",
    R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "BLUE"}})",
    R"({"StringLike": {"aws:PrincipalTag/team": "b*"}})",
    R"({"StringNotLike": {"aws:PrincipalTag/team": ["r?d", "x*"]}})",
    R"({"StringEqualsIfExists": {"aws:PrincipalTag/team": "blue"}})",
    R"({"StringNotEqualsIfExists": {"aws:PrincipalTag/team": "red"}})",
    R"({"StringEquals": {"aws:PrincipalTag/team": "blue", "aws:PrincipalTag/stage": "prod"}})",
    // Set qualifiers on a multivalued key
    R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["a", "b"]}})",
    R"({"ForAnyValue:StringEquals": {"aws:TagKeys": "b"}})",
    R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": "c"}})",
    R"({"ForAnyValue:StringNotLike": {"aws:TagKeys": "a*"}})",
    R"({"ForAllValues:StringLikeIfExists": {"aws:TagKeys": "?"}})",
    // Numeric
    R"({"NumericLessThan": {"s3:max-keys": "10"}})",
    R"({"NumericGreaterThanEquals": {"s3:max-keys": 50}})",
    R"({"NumericEquals": {"s3:max-keys": ["5", "100"]}})",
    R"({"NumericNotEquals": {"s3:max-keys": "5"}})",
    R"({"NumericLessThanEqualsIfExists": {"s3:max-keys": "1e2"}})",
    // Date
    R"({"DateGreaterThan": {"aws:TokenIssueTime": "2025-12-31T23:59:59Z"}})",
    R"({"DateLessThan": {"aws:TokenIssueTime": "2026"}})",
    R"({"DateEquals": {"aws:TokenIssueTime": "1767225600"}})",
    R"({"DateNotEquals": {"aws:TokenIssueTime": "2026-01-01T01:00:00+01:00"}})",
    R"({"DateLessThanEqualsIfExists": {"aws:TokenIssueTime": "2025-06-01"}})",
    // Bool
    R"({"Bool": {"aws:SecureTransport": "true"}})",
    R"({"Bool": {"aws:SecureTransport": false}})",
    R"({"BoolIfExists": {"aws:SecureTransport": "false"}})",
    R"({"StringEquals": {"aws:PrincipalTag/team": "blue"}, "Bool": {"aws:SecureTransport": "TRUE"}})",
    // Binary
    R"({"BinaryEquals": {"aws:RequestTag/blob": "aGVsbG8="}})",
    R"({"BinaryEqualsIfExists": {"aws:RequestTag/blob": ["aGk=", "aGVsbG8="]}})",
    // IP
    R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
    R"({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}})",
    R"({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}})",
    R"({"NotIpAddressIfExists": {"aws:SourceIp": ["10.0.0.0/8", "2001:DB8::/48"]}})",
    // ARN
    R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::bucket-*"}})",
    R"({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111111111111:topic"}})",
    R"({"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:111111111111:*"}})",
    R"({"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:s3*"}})",
    // Null
    R"({"Null": {"aws:PrincipalTag/team": "true"}})",
    R"({"Null": {"aws:PrincipalTag/team": "false"}})",
    R"({"Null": {"aws:TagKeys": false}})",
    // Variables in condition values (String, ARN, Bool)
    R"({"StringEquals": {"aws:PrincipalTag/stage": "${aws:PrincipalTag/team}"}})",
    R"({"StringLike": {"aws:PrincipalTag/team": "${aws:PrincipalTag/owner, 'b'}*"}})",
    R"({"StringNotEquals": {"aws:PrincipalTag/team": "${aws:PrincipalTag/owner}"}})",
    R"({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::${aws:PrincipalTag/team}-*"}})",
    // Keys the engine derives from the request (spec/context.md)
    R"({"StringEquals": {"aws:PrincipalType": ["User", "AssumedRole"]}})",
    R"({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111111111111:role/*"}})",
    R"({"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111111111111:user/alice"}})",
    R"({"StringEquals": {"aws:username": "alice"}})",
    R"({"StringNotEqualsIfExists": {"aws:PrincipalAccount": "222222222222"}})",
    R"({"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}})",
    R"({"Null": {"aws:userid": "false"}})",
    R"({"DateLessThan": {"aws:CurrentTime": "2026-06-01T00:00:00Z"}})",
    R"({"NumericGreaterThan": {"aws:EpochTime": "1767225600"}})",
};

bool Contains(const std::vector<std::string>& items, const std::string& item) {
  for (const std::string& i : items) {
    if (i == item) return true;
  }
  return false;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// `text` with some of its characters (never `:`, never a resource's `arn:`)
// replaced by `?` or a run of them by `*`; at most three `*` in all.
std::string Wildcarded(Choices& choices, const std::string& text, size_t keep_prefix) {
  std::string out = text;
  const size_t edits = 1 + choices.Below(3);
  size_t stars = 0;
  for (size_t e = 0; e < edits && out.size() > keep_prefix; ++e) {
    const size_t at = keep_prefix + choices.Below(out.size() - keep_prefix);
    if (out[at] == ':' || out[at] == '*') continue;
    if (choices.Chance(50) || stars == 3) {
      out[at] = '?';
      continue;
    }
    size_t end = at;
    const size_t run = choices.Below(6);
    while (end < out.size() && end - at < run && out[end] != ':') ++end;
    out.replace(at, end - at, "*");
    ++stars;
  }
  return out;
}

std::string RandomCase(Choices& choices, std::string text) {
  for (char& c : text) {
    if (choices.Chance(30)) {
      c = static_cast<char>(choices.Chance(50) ? std::toupper(static_cast<unsigned char>(c))
                                               : std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return text;
}

// Patterns from `all`, biased towards those matching `text`, or made from it.
std::vector<std::string> SomePatterns(Choices& choices, const std::vector<std::string>& all,
                                      const std::string& text, bool is_action) {
  std::vector<std::string> picked;
  const size_t count = 1 + choices.Below(choices.Chance(20) ? 4 : 2);
  for (size_t i = 0; i < count; ++i) {
    std::string p;
    const size_t roll = choices.Below(100);
    if (roll < 30 && text != "*") {
      p = is_action ? RandomCase(choices, Wildcarded(choices, text, 0))
                    : Wildcarded(choices, text, 4);
    } else if (roll < 40) {
      p = text;
    } else {
      p = choices.Pick(all);
    }
    if (!Contains(picked, p)) picked.push_back(p);
  }
  return picked;
}

// ---- statements --------------------------------------------------------------

// The kinds that name principals as a resource policy does (an interface
// VPC endpoint's policy among them).
bool IsResourceKind(const std::string& kind) {
  return kind == "resource" || kind == "roleTrust" || kind == "kmsKey" || kind == "vpcEndpoint";
}

std::string Actions(Choices& choices, const std::string& kind, const GeneratedRequest& request) {
  if (kind == "rcp") {
    return Member("Action",
                  StringOrList(SomePatterns(choices, kRcpActions, Lower(request.action), false)));
  }
  const bool negated = choices.Chance(15);
  // NotAction lists mostly other actions, so that it grants the requested one.
  std::vector<std::string> actions =
      negated && choices.Chance(60) ? std::vector<std::string>{choices.Pick(kActionPatterns)}
                                    : SomePatterns(choices, kActionPatterns, request.action, true);
  return Member(negated ? "NotAction" : "Action", StringOrList(actions));
}

std::string Resources(Choices& choices, const std::string& kind, const GeneratedRequest& request) {
  if (kind == "roleTrust") return "";  // forbidden (decisions.md §5)
  if (kind == "kmsKey") return choices.Chance(90) ? Member("Resource", "\"*\"") : "";
  if (kind == "rcp") return Member("Resource", "\"*\"");
  const bool optional = kind == "resource" || kind == "scp" || kind == "vpcEndpoint";
  if (optional && choices.Chance(30)) return "";
  const bool negated = choices.Chance(15);
  std::vector<std::string> resources =
      negated && choices.Chance(60)
          ? std::vector<std::string>{choices.Pick(kResourcePatterns)}
          : SomePatterns(choices, kResourcePatterns, request.resource, false);
  return Member(negated ? "NotResource" : "Resource", StringOrList(resources));
}

// Principal entries that name `caller`, for bias.
std::vector<std::string> NamingCaller(const std::string& caller) {
  std::vector<std::string> naming;
  for (const std::string& p : kAwsPrincipals) {
    if (p == caller) naming.push_back(p);
  }
  if (caller.find(kA) != std::string::npos) naming.push_back(kA);
  if (caller.find(kB) != std::string::npos) naming.push_back(kB);
  if (caller.find("assumed-role/app/") != std::string::npos ||
      caller.find("role/svc/app") != std::string::npos) {
    naming.push_back("arn:aws:iam::111111111111:role/svc/app");
    naming.push_back("arn:aws:iam::111111111111:role/app");
  }
  if (caller.find("assumed-role/ops/") != std::string::npos) {
    naming.push_back("arn:aws:iam::222222222222:role/ops");
  }
  return naming;
}

std::string Principals(Choices& choices, const std::string& kind, const GeneratedRequest& request,
                       bool deny) {
  if (kind == "rcp") return Member("Principal", "\"*\"");
  if (!IsResourceKind(kind)) return "";
  const bool negated = kind != "roleTrust" && choices.Chance(deny ? 25 : 8);
  if (!negated && choices.Chance(10)) return Member("Principal", "\"*\"");
  std::map<std::string, std::vector<std::string>> by_key;
  const std::vector<std::string> naming = NamingCaller(request.principal);
  const size_t count = 1 + choices.Below(3);
  for (size_t i = 0; i < count; ++i) {
    const size_t roll = choices.Below(100);
    std::string key = "AWS", value;
    if (roll < 40 && !naming.empty()) {
      value = choices.Pick(naming);
    } else if (roll < 80) {
      value = choices.Pick(kAwsPrincipals);
    } else if (roll < 90) {
      key = "Service";
      value = choices.Pick(kServicePrincipals);
    } else if (roll < 97) {
      key = "Federated";
      value = choices.Pick(kFederatedPrincipals);
    } else {
      key = "CanonicalUser";
      value = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
    }
    // NotPrincipal "*" would except everyone; the spec leaves it open.
    if (negated && value == "*") value = kA;
    std::vector<std::string>& values = by_key[key];
    if (!Contains(values, value)) values.push_back(value);
  }
  std::vector<std::string> entries;
  for (const auto& [key, values] : by_key) entries.push_back(Member(key, StringOrList(values)));
  return Member(negated ? "NotPrincipal" : "Principal", "{" + Join(entries) + "}");
}

const char* InferKind(const Target& target) {
  const std::string action = target.action, resource = target.resource;
  const bool role =
      resource.find(":iam::") != std::string::npos && resource.find(":role/") != std::string::npos;
  const bool key = resource.find(":kms:") != std::string::npos;
  if (role && (action == "sts:AssumeRole" || action == "sts:AssumeRoleWithWebIdentity" ||
               action == "sts:TagSession")) {
    return "roleTrust";
  }
  if (key && action.rfind("kms:", 0) == 0) return "kmsKey";
  return "resource";
}

}  // namespace

// ---- JSON out ----------------------------------------------------------------

std::string GeneratedStatement::Json() const {
  std::vector<std::string> all = {Member("Effect", deny ? "\"Deny\"" : "\"Allow\"")};
  all.insert(all.end(), members.begin(), members.end());
  return "{" + Join(all) + "}";
}

std::string GeneratedPolicy::Json() const {
  std::vector<std::string> parts;
  for (const GeneratedStatement& s : statements) parts.push_back(s.Json());
  return R"({"Version": "2012-10-17", "Statement": [)" + Join(parts) + "]}";
}

std::vector<GeneratedPolicySet::Slot> GeneratedPolicySet::Documents(
    const std::string& resource_kind) {
  std::vector<Slot> slots;
  for (GeneratedPolicy& p : identity) slots.push_back({"identity", &p});
  if (resource) slots.push_back({resource_kind, &*resource});
  if (boundary) slots.push_back({"permissionsBoundary", &*boundary});
  for (GeneratedPolicy& p : sessions) slots.push_back({"session", &p});
  for (auto& level : scps) {
    for (GeneratedPolicy& p : level) slots.push_back({"scp", &p});
  }
  for (auto& level : rcps) {
    for (GeneratedPolicy& p : level) slots.push_back({"rcp", &p});
  }
  if (vpc_endpoint) slots.push_back({"vpcEndpoint", &*vpc_endpoint});
  return slots;
}

std::string GeneratedPolicySet::Json() const {
  auto list = [](const std::vector<GeneratedPolicy>& policies) {
    std::vector<std::string> parts;
    for (const GeneratedPolicy& p : policies) parts.push_back(p.Json());
    return "[" + Join(parts) + "]";
  };
  auto levels = [&](const std::vector<std::vector<GeneratedPolicy>>& all) {
    std::vector<std::string> parts;
    for (const auto& level : all) parts.push_back(list(level));
    return "[" + Join(parts) + "]";
  };
  std::vector<std::string> fields;
  if (!identity.empty()) fields.push_back(Member("identity", list(identity)));
  if (resource) fields.push_back(Member("resource", resource->Json()));
  if (boundary) fields.push_back(Member("permissionsBoundary", boundary->Json()));
  if (!sessions.empty()) fields.push_back(Member("sessionPolicies", list(sessions)));
  if (!scps.empty()) fields.push_back(Member("scps", levels(scps)));
  if (!rcps.empty()) fields.push_back(Member("rcps", levels(rcps)));
  if (vpc_endpoint) fields.push_back(Member("vpcEndpoint", vpc_endpoint->Json()));
  return "{" + Join(fields) + "}";
}

std::string GeneratedRequest::Json() const {
  std::vector<std::string> fields = {Member("principal", JsonString(principal)),
                                     Member("action", JsonString(action)),
                                     Member("resource", JsonString(resource))};
  if (!resource_account.empty())
    fields.push_back(Member("resourceAccount", JsonString(resource_account)));
  if (!context.empty()) fields.push_back(Member("context", "{" + Join(context) + "}"));
  fields.insert(fields.end(), flags.begin(), flags.end());
  return "{" + Join(fields) + "}";
}

// ---- generation ----------------------------------------------------------------

GeneratedStatement GenerateStatement(Choices& choices, const std::string& kind,
                                     const GeneratedRequest& request, bool deny) {
  GeneratedStatement statement;
  statement.deny = deny;
  if (kind == "rcp" && !deny) {  // the one Allow an RCP may hold: RCPFullAWSAccess
    statement.members = {Member("Principal", "\"*\""), Member("Action", "\"*\""),
                         Member("Resource", "\"*\"")};
    return statement;
  }
  // Members in a random order: the order of members must never matter.
  std::vector<std::string> members = {Actions(choices, kind, request)};
  for (std::string member :
       {Resources(choices, kind, request), Principals(choices, kind, request, deny)}) {
    if (!member.empty()) members.push_back(std::move(member));
  }
  if (choices.Chance(25)) members.push_back(Member("Condition", choices.Pick(kConditions)));
  while (!members.empty()) {
    const size_t at = choices.Below(members.size());
    statement.members.push_back(std::move(members[at]));
    members.erase(members.begin() + static_cast<std::ptrdiff_t>(at));
  }
  return statement;
}

GeneratedPolicy GeneratePolicy(Choices& choices, const std::string& kind,
                               const GeneratedRequest& request) {
  GeneratedPolicy policy;
  if (kind == "scp" && choices.Chance(50)) {  // FullAWSAccess
    policy.statements.push_back({false, {Member("Action", "\"*\""), Member("Resource", "\"*\"")}});
  }
  if (kind == "rcp" && choices.Chance(60)) {
    policy.statements.push_back(GenerateStatement(choices, kind, request, false));
  }
  const size_t count = (policy.statements.empty() ? 1 : 0) + choices.Below(3);
  for (size_t i = 0; i < count; ++i) {
    const bool deny = kind == "rcp" || choices.Chance(kind == "scp" ? 15 : 20);
    policy.statements.push_back(GenerateStatement(choices, kind, request, deny));
  }
  return policy;
}

GeneratedCase GenerateCase(Choices& choices) {
  GeneratedCase c;
  GeneratedRequest& request = c.request;
  request.principal = choices.Pick(kCallers);
  Target target = choices.Pick(kTargets);
  // kms:RetireGrant is an RCP exception; keep it rare.
  if (std::string(target.action) == "kms:RetireGrant" && !choices.Chance(30)) target = kTargets[8];
  request.action = target.action;
  request.resource = target.resource;
  request.resource_account = target.resource_account;
  c.resource_kind = InferKind(target);
  // Context keys for the conditions above: usually readable values, now and
  // then a null one ("" or []) or one the operator cannot read.
  auto maybe = [&](const char* key, int percent, const std::vector<std::string>& values) {
    if (choices.Chance(static_cast<size_t>(percent))) {
      request.context.push_back(Member(key, choices.Pick(values)));
    }
  };
  maybe("aws:PrincipalTag/team", 60,
        {"\"blue\"", "\"red\"", "\"blue\"", "\"red\"", "\"\"", "[]", "\"BLUE\""});
  maybe("aws:PrincipalTag/stage", 20, {"\"prod\"", "\"blue\""});
  maybe("aws:PrincipalTag/owner", 20, {"\"blue\"", "\"r\"", "\"*\""});
  maybe("aws:PrincipalTag/dir", 25, {"\"dir\"", "\"other\"", "\"*\""});
  maybe("aws:PrincipalTag/bucket", 15, {"\"bucket-a\"", "\"bucket-?\""});
  maybe("aws:SecureTransport", 60, {"true", "false", "\"TRUE\"", "\"false\"", "\"yes\""});
  maybe("aws:TagKeys", 35, {"[\"a\", \"b\"]", "[\"a\"]", "[\"c\"]", "[]", "\"b\""});
  maybe("s3:max-keys", 35, {"5", "\"50\"", "100", "\"1e2\"", "9.5", "\"abc\""});
  maybe("aws:TokenIssueTime", 35,
        {"\"2026-01-01T00:00:00Z\"", "\"2025-06-01\"", "\"1767225600\"",
         "\"2026-01-01T00:00:00.5+00:00\"", "\"soon\""});
  maybe("aws:RequestTag/blob", 25, {"\"aGVsbG8=\"", "\"aGk=\"", "\"aGk\""});
  maybe("aws:SourceIp", 40,
        {"\"203.0.113.7\"", "\"10.1.2.3\"", "\"2001:db8::5\"", "\"::ffff:203.0.113.7\"",
         "\"not-an-ip\""});
  maybe("aws:SourceArn", 30,
        {"\"arn:aws:s3:::bucket-a\"", "\"arn:aws:sns:us-east-1:111111111111:topic\"",
         "\"arn:aws:s3:::blue-x\"", "\"bucket-a\""});
  // A fixed clock, so that aws:CurrentTime and aws:EpochTime are pinned.
  request.flags.push_back(
      Member("currentTime",
             choices.Pick(std::vector<std::string>{
                 "\"2026-01-01T00:00:00Z\"", "\"2026-03-01T12:00:00+02:00\"", "\"2026-07-01\""})));
  for (const char* flag : {"principalIsServiceLinkedRole", "principalInManagementAccount",
                           "resourceInManagementAccount", "resourceIsAwsManagedKey"}) {
    if (choices.Chance(4)) request.flags.push_back(Member(flag, "true"));
  }
  if (choices.Chance(8)) {
    request.flags.push_back(
        Member("resourcePolicyRequired", choices.Chance(50) ? "true" : "false"));
  }

  GeneratedPolicySet& set = c.policies;
  auto documents = [&](const std::string& kind, size_t most) {
    std::vector<GeneratedPolicy> out;
    const size_t count = 1 + choices.Below(most);
    for (size_t i = 0; i < count; ++i) out.push_back(GeneratePolicy(choices, kind, request));
    return out;
  };
  auto levels = [&](const std::string& kind, size_t most) {
    std::vector<std::vector<GeneratedPolicy>> out;
    const size_t count = 1 + choices.Below(most);
    for (size_t i = 0; i < count; ++i) {
      // An empty SCP level allows nothing; keep it rare so SCPs often pass.
      const size_t n = choices.Chance(8) ? 0 : 1 + choices.Below(2);
      std::vector<GeneratedPolicy> level;
      for (size_t j = 0; j < n; ++j) level.push_back(GeneratePolicy(choices, kind, request));
      out.push_back(std::move(level));
    }
    return out;
  };
  if (choices.Chance(70)) set.identity = documents("identity", 2);
  if (choices.Chance(65)) set.resource = GeneratePolicy(choices, c.resource_kind, request);
  if (choices.Chance(25)) set.boundary = GeneratePolicy(choices, "permissionsBoundary", request);
  if (choices.Chance(25)) set.sessions = documents("session", 2);
  if (choices.Chance(30)) set.scps = levels("scp", 3);
  if (choices.Chance(20)) set.rcps = levels("rcp", 2);
  // Through a VPC endpoint now and then: the request then says which.
  if (choices.Chance(10)) {
    set.vpc_endpoint = GeneratePolicy(choices, "vpcEndpoint", request);
    // Mostly on top of the default full-access statement, so that endpoints
    // often let requests through and their Denies and conditions decide.
    if (choices.Chance(70)) {
      GeneratedStatement everything;
      everything.members = {Member("Principal", "\"*\""), Member("Action", "\"*\""),
                            Member("Resource", "\"*\"")};
      set.vpc_endpoint->statements.push_back(std::move(everything));
    }
    request.context.push_back(Member("aws:SourceVpce", "\"vpce-1a2b3c4d\""));
  }
  return c;
}

GeneratedStatement UniversalDeny(const std::string& kind) {
  GeneratedStatement statement;
  statement.deny = true;
  if (kind == "rcp") {
    statement.members = {Member("Principal", "\"*\""),
                         Member("Action", R"(["s3:*", "ec2:*", "kms:*", "sts:*", "iam:*"])"),
                         Member("Resource", "\"*\"")};
  } else if (kind == "roleTrust") {
    statement.members = {Member("Principal", "\"*\""), Member("Action", "\"*\"")};
  } else if (IsResourceKind(kind)) {
    statement.members = {Member("Principal", "\"*\""), Member("Action", "\"*\""),
                         Member("Resource", "\"*\"")};
  } else {
    statement.members = {Member("Action", "\"*\""), Member("Resource", "\"*\"")};
  }
  return statement;
}

Limits GeneratorLimits() {
  Limits limits;
  limits.enforce_aws_size_quotas = false;
  return limits;
}

}  // namespace iameval::testing
