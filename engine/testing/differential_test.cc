// File: engine/testing/differential_test.cc
//
// Differential test: random policy sets and requests over a small vocabulary
// (two accounts, users with and without paths, a role and its sessions, a
// federated user, root callers, services, identity providers, anonymous
// callers; S3, EC2, KMS and STS requests, same- and cross-account, two
// partitions), decided by the engine through its JSON API and by the
// reference evaluator (reference_evaluator.h). Every disagreement is printed
// with the case as JSON, in the conformance format, ready to be judged
// against spec/decision.md and, if the engine is wrong, added to the corpus.
//
// The sequence is fixed (seeded splitmix64, no std distributions), so a
// failure reproduces everywhere. IAMEVAL_DIFFERENTIAL_SEED and
// IAMEVAL_DIFFERENTIAL_CASES override seed and count for exploration, and
// IAMEVAL_DIFFERENTIAL_DUMP names a file to receive every disagreement.

#include <catch2/catch.hpp>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iameval/json.h"
#include "testing/choices.h"
#include "testing/reference_evaluator.h"

namespace iameval::testing {
namespace {

// A fixed sequence from a seed (testing/choices.h).
using Random = SeededChoices;

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// A JSON string or, for several values, an array of them.
std::string StringOrList(const std::vector<std::string>& values) {
  if (values.size() == 1) return Quote(values[0]);
  std::string out = "[";
  for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + Quote(values[i]);
  return out + "]";
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out;
}

// ---------------------------------------------------------------------------
// The vocabulary.

constexpr std::string_view kA = "111111111111";
constexpr std::string_view kB = "222222222222";

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
  std::string action, resource, resource_account;
};

const std::vector<Target> kTargets = {
    {"s3:GetObject", "arn:aws:s3:::bucket-a/doc.txt", "111111111111"},
    {"s3:GetObject", "arn:aws:s3:::bucket-a/doc.txt", "222222222222"},
    {"s3:GetObject", "arn:aws:s3:::bucket-a/doc.txt", ""},
    {"s3:PutObject", "arn:aws:s3:::bucket-b/dir/x.txt", "111111111111"},
    {"S3:getObject", "arn:aws:s3:::bucket-b/dir/x.txt", "222222222222"},
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
    {"s3:GetObject", "arn:aws-cn:s3:::bucket-a/doc.txt", "111111111111"},
};

const std::vector<std::string> kActionPatterns = {
    "s3:GetObject",    "s3:Put*",      "ec2:*",       "*",
    "s3:?etObject",    "kms:*",        "kms:Decrypt", "sts:AssumeRole*",
    "sts:AssumeRole",  "s3:getobject", "S3:GET*",     "iam:PassRole",
    "sts:*",           "s3:*",         "kms:Encrypt", "sts:TagSession",
    "ec2:Run?nstances"};

// RCPs need a service prefix and no NotAction.
const std::vector<std::string> kRcpActions = {"s3:*",         "kms:*",   "sts:*",
                                              "s3:GetObject", "s3:Put*", "ec2:*"};

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
};

// Principal entries, by map key.
const std::vector<std::string> kAwsPrincipals = {
    "*",
    "111111111111",
    "222222222222",
    "arn:aws:iam::111111111111:root",
    "arn:aws:iam::222222222222:root",
    "arn:aws:iam::111111111111:user/alice",
    "arn:aws:iam::111111111111:user/dev/bob",
    "arn:aws:iam::222222222222:user/carol",
    "arn:aws:iam::111111111111:role/svc/app",
    "arn:aws:iam::111111111111:role/app",  // the same role, path omitted (§37)
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

const std::vector<std::string> kConditions = {
    R"({"StringEquals": {"aws:PrincipalTag/team": "blue"}})",
    R"({"StringEquals": {"aws:PrincipalTag/team": ["red", "green"]}})",
    R"({"StringNotEquals": {"aws:PrincipalTag/team": "blue"}})",
    R"({"Bool": {"aws:SecureTransport": "true"}})",
    R"({"Bool": {"aws:SecureTransport": false}})",
    R"({"StringEquals": {"aws:PrincipalTag/team": "blue"},)"
    R"( "Bool": {"aws:SecureTransport": "TRUE"}})",
};

// ---------------------------------------------------------------------------
// The generator.

struct Case {
  std::string policies;
  std::string request;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : random_(seed) {}

  Case Next() {
    caller_ = random_.Pick(kCallers);
    target_ = random_.Pick(kTargets);
    // kms:RetireGrant only exercises its RCP exemption; most key requests
    // should be ordinary ones.
    if (target_.action == "kms:RetireGrant" && !random_.Chance(30)) target_.action = "kms:Decrypt";
    kind_ = InferKind();
    Case c;
    c.request = RequestJson();
    c.policies = PoliciesJson();
    return c;
  }

 private:
  // decision.md §1, as the generator needs it to write valid documents.
  std::string InferKind() const {
    const std::string& action = target_.action;
    const bool role = target_.resource.find(":iam::") != std::string::npos &&
                      target_.resource.find(":role/") != std::string::npos;
    const bool key = target_.resource.find(":kms:") != std::string::npos;
    if (role && (action == "sts:AssumeRole" || action == "sts:AssumeRoleWithWebIdentity" ||
                 action == "sts:TagSession")) {
      return "roleTrust";
    }
    if (key && action.rfind("kms:", 0) == 0) return "kmsKey";
    return "resource";
  }

  std::string RequestJson() {
    std::vector<std::string> fields = {"\"principal\": " + Quote(caller_),
                                       "\"action\": " + Quote(target_.action),
                                       "\"resource\": " + Quote(target_.resource)};
    if (!target_.resource_account.empty()) {
      fields.push_back("\"resourceAccount\": " + Quote(target_.resource_account));
    }
    std::vector<std::string> context;
    if (random_.Chance(60)) {
      // Sometimes a list: unqualified operators on several values (decisions.md §19).
      const char* team = random_.Chance(15)   ? "[\"red\", \"blue\"]"
                         : random_.Chance(50) ? "\"blue\""
                                              : "\"red\"";
      context.push_back(std::string("\"aws:PrincipalTag/team\": ") + team);
    }
    if (random_.Chance(60)) {
      context.push_back(std::string("\"aws:SecureTransport\": ") +
                        (random_.Chance(50) ? "true" : "false"));
    }
    if (!context.empty()) fields.push_back("\"context\": {" + Join(context) + "}");
    for (const char* flag : {"principalIsServiceLinkedRole", "principalInManagementAccount",
                             "resourceInManagementAccount", "resourceIsAwsManagedKey"}) {
      if (random_.Chance(4)) fields.push_back(std::string("\"") + flag + "\": true");
    }
    if (random_.Chance(8)) {
      fields.push_back(std::string("\"resourcePolicyRequired\": ") +
                       (random_.Chance(50) ? "true" : "false"));
    }
    return "{" + Join(fields) + "}";
  }

  std::string PoliciesJson() {
    std::vector<std::string> fields;
    if (random_.Chance(70)) fields.push_back("\"identity\": [" + Documents("identity", 2) + "]");
    if (random_.Chance(65)) fields.push_back("\"resource\": " + Document(kind_));
    if (random_.Chance(25)) {
      fields.push_back("\"permissionsBoundary\": " + Document("permissionsBoundary"));
    }
    if (random_.Chance(25)) {
      fields.push_back("\"sessionPolicies\": [" + Documents("session", 2) + "]");
    }
    if (random_.Chance(30)) fields.push_back("\"scps\": " + Levels("scp", 3));
    if (random_.Chance(20)) fields.push_back("\"rcps\": " + Levels("rcp", 2));
    return "{" + Join(fields) + "}";
  }

  // 1 to `most` documents of `kind`.
  std::string Documents(const std::string& kind, size_t most) {
    std::vector<std::string> documents;
    const size_t count = 1 + random_.Below(most);
    for (size_t i = 0; i < count; ++i) documents.push_back(Document(kind));
    return Join(documents);
  }

  // 1 to `most` organization levels, each of 0 to 2 documents.
  std::string Levels(const std::string& kind, size_t most) {
    std::vector<std::string> levels;
    const size_t count = 1 + random_.Below(most);
    for (size_t i = 0; i < count; ++i) {
      // An empty SCP level allows nothing; keep it rare so SCPs often pass.
      const size_t documents = random_.Chance(8) ? 0 : 1 + random_.Below(2);
      std::vector<std::string> level;
      for (size_t j = 0; j < documents; ++j) level.push_back(Document(kind));
      levels.push_back("[" + Join(level) + "]");
    }
    return "[" + Join(levels) + "]";
  }

  std::string Document(const std::string& kind) {
    std::vector<std::string> statements;
    if (kind == "scp" && random_.Chance(50)) {
      statements.push_back(
          R"({"Effect": "Allow", "Action": "*", "Resource": "*"})");  // FullAWSAccess
    }
    if (kind == "rcp" && random_.Chance(60)) {
      // RCPFullAWSAccess, the only RCP Allow AWS accepts.
      statements.push_back(
          R"({"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"})");
    }
    const size_t count = (statements.empty() ? 1 : 0) + random_.Below(3);
    for (size_t i = 0; i < count; ++i) statements.push_back(Statement(kind));
    if (statements.empty()) statements.push_back(Statement(kind));
    if (statements.size() == 1 && random_.Chance(30)) {
      return R"({"Version": "2012-10-17", "Statement": )" + statements[0] + "}";  // a lone object
    }
    return R"({"Version": "2012-10-17", "Statement": [)" + Join(statements) + "]}";
  }

  std::string Statement(const std::string& kind) {
    const bool deny = kind == "rcp" || random_.Chance(kind == "scp" ? 15 : 22);
    // Deny statements aim at the request less often, or few requests pass.
    relevance_ = deny ? 35 : 60;
    std::vector<std::string> members = {std::string("\"Effect\": ") +
                                        (deny ? "\"Deny\"" : "\"Allow\"")};
    members.push_back(Actions(kind));
    const std::string resources = Resources(kind);
    if (!resources.empty()) members.push_back(resources);
    const std::string principals = Principals(kind, deny);
    if (!principals.empty()) members.push_back(principals);
    if (random_.Chance(25)) members.push_back("\"Condition\": " + random_.Pick(kConditions));
    return "{" + Join(members) + "}";
  }

  // Patterns biased towards the request so that statements often apply.
  std::vector<std::string> Relevant(const std::vector<std::string>& all, const std::string& text,
                                    bool ignore_case) {
    std::vector<std::string> relevant;
    auto lower = [](std::string s) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    };
    for (const std::string& p : all) {
      if (ignore_case ? ReferenceGlob(lower(p), lower(text)) : ReferenceGlob(p, text)) {
        relevant.push_back(p);
      }
    }
    return relevant.empty() ? all : relevant;
  }

  std::vector<std::string> Some(const std::vector<std::string>& all, const std::string& request,
                                bool ignore_case) {
    const std::vector<std::string> relevant = Relevant(all, request, ignore_case);
    std::vector<std::string> picked;
    const size_t count = 1 + random_.Below(2);
    for (size_t i = 0; i < count; ++i) {
      const std::string& p =
          random_.Chance(relevance_) ? random_.Pick(relevant) : random_.Pick(all);
      bool seen = false;
      for (const std::string& q : picked) seen = seen || q == p;
      if (!seen) picked.push_back(p);
    }
    return picked;
  }

  std::string Actions(const std::string& kind) {
    if (kind == "rcp") {
      return "\"Action\": " + StringOrList(Some(kRcpActions, target_.action, true));
    }
    const bool negated = random_.Chance(15);
    // NotAction lists mostly other actions, so it grants the requested one.
    const std::vector<std::string> actions =
        negated && random_.Chance(60) ? std::vector<std::string>{random_.Pick(kActionPatterns)}
                                      : Some(kActionPatterns, target_.action, true);
    return std::string(negated ? "\"NotAction\": " : "\"Action\": ") + StringOrList(actions);
  }

  std::string Resources(const std::string& kind) {
    if (kind == "roleTrust") return "";  // forbidden (decisions.md §5)
    if (kind == "kmsKey") return random_.Chance(90) ? "\"Resource\": \"*\"" : "";
    const bool optional = kind == "resource" || kind == "scp";
    if (optional && random_.Chance(30)) return "";
    const bool negated = random_.Chance(15);
    const std::vector<std::string> resources =
        negated && random_.Chance(60) ? std::vector<std::string>{random_.Pick(kResourcePatterns)}
                                      : Some(kResourcePatterns, target_.resource, false);
    return std::string(negated ? "\"NotResource\": " : "\"Resource\": ") + StringOrList(resources);
  }

  // Entries that name this request's caller, for bias.
  std::vector<std::string> NamingCaller() const {
    std::vector<std::string> naming;
    for (const std::string& p : kAwsPrincipals) {
      if (p == caller_) naming.push_back(p);
    }
    if (caller_.find(std::string(kA)) != std::string::npos) naming.push_back(std::string(kA));
    if (caller_.find(std::string(kB)) != std::string::npos) naming.push_back(std::string(kB));
    if (caller_.find("assumed-role/app/") != std::string::npos ||
        caller_.find("role/svc/app") != std::string::npos) {
      naming.push_back("arn:aws:iam::111111111111:role/svc/app");
      naming.push_back("arn:aws:iam::111111111111:role/app");
    }
    if (caller_.find("assumed-role/ops/") != std::string::npos) {
      naming.push_back("arn:aws:iam::222222222222:role/ops");
    }
    return naming;
  }

  std::string Principals(const std::string& kind, bool deny) {
    if (kind == "rcp") return "\"Principal\": \"*\"";
    if (kind != "resource" && kind != "kmsKey" && kind != "roleTrust") return "";
    const bool negated = kind != "roleTrust" && random_.Chance(deny ? 25 : 8);
    if (!negated && random_.Chance(10)) return "\"Principal\": \"*\"";
    std::map<std::string, std::vector<std::string>> by_key;
    const std::vector<std::string> naming = NamingCaller();
    const size_t count = 1 + random_.Below(3);
    for (size_t i = 0; i < count; ++i) {
      const size_t roll = random_.Below(100);
      std::string key = "AWS", value;
      if (roll < static_cast<size_t>(relevance_ * 2 / 3) && !naming.empty()) {
        value = random_.Pick(naming);
      } else if (roll < 80) {
        value = random_.Pick(kAwsPrincipals);
      } else if (roll < 90) {
        key = "Service";
        value = random_.Pick(kServicePrincipals);
      } else if (roll < 97) {
        key = "Federated";
        value = random_.Pick(kFederatedPrincipals);
      } else {
        key = "CanonicalUser";
        value = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";
      }
      // NotPrincipal: "*" would except everyone; the spec leaves it open.
      if (negated && value == "*") value = std::string(kA);
      std::vector<std::string>& values = by_key[key];
      bool seen = false;
      for (const std::string& v : values) seen = seen || v == value;
      if (!seen) values.push_back(value);
    }
    std::vector<std::string> entries;
    for (const auto& [key, values] : by_key)
      entries.push_back(Quote(key) + ": " + StringOrList(values));
    return std::string(negated ? "\"NotPrincipal\": {" : "\"Principal\": {") + Join(entries) + "}";
  }

  Random random_;
  size_t relevance_ = 60;  // percent of picks aimed at the request
  std::string caller_;
  Target target_;
  std::string kind_;
};

// ---------------------------------------------------------------------------
// Running both.

struct Outcome {
  std::string decision;  // empty when `error` says why there is none
  std::string error;
};

Outcome RunEngine(const Case& c) {
  RequestResult request = RequestFromJson(c.request);
  if (!request.ok()) return {"", "request rejected: " + request.error};
  const PolicyKind kind = InferResourcePolicyKind(*request.request);
  PolicySetResult set = PolicySetFromJson(c.policies, kind);
  if (!set.ok()) {
    std::string why = "policies rejected: " + set.error;
    for (const DocumentFinding& f : set.findings) {
      if (f.finding.severity == Severity::kError) {
        why += " " + f.document + ": " + f.finding.message + " [" + f.finding.code + "]";
      }
    }
    return {"", why};
  }
  const Answer answer = set.set->Decide(*request.request);
  if (answer.error != nullptr) return {"", std::string("decision error: ") + answer.error};
  return {std::string(DecisionName(answer.decision)), ""};
}

uint64_t EnvOr(const char* name, uint64_t fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : std::strtoull(value, nullptr, 10);
}

constexpr uint64_t kSeed = 20261128;
constexpr uint64_t kCases = 5000;

TEST_CASE("generated cases stay inside the reference's subset and reach every outcome",
          "[differential]") {
  Generator generator(EnvOr("IAMEVAL_DIFFERENTIAL_SEED", kSeed));
  const uint64_t cases = EnvOr("IAMEVAL_DIFFERENTIAL_CASES", kCases);
  std::map<std::string, size_t> outcomes;
  for (uint64_t i = 0; i < cases; ++i) {
    const Case c = generator.Next();
    const ReferenceResult r = ReferenceDecide(c.policies, c.request);
    INFO("case " << i << "\n{\"policies\": " << c.policies << ",\n \"request\": " << c.request
                 << "}\nrefused: " << r.error);
    REQUIRE(r.ok());
    ++outcomes[r.decision];
  }
  WARN("reference outcomes over " << cases << " cases: allowed " << outcomes["allowed"]
                                  << ", explicitDeny " << outcomes["explicitDeny"]
                                  << ", implicitDeny " << outcomes["implicitDeny"]);
  // Each outcome must be common enough for the comparison to mean something.
  CHECK(outcomes["allowed"] * 8 > cases);
  CHECK(outcomes["explicitDeny"] * 8 > cases);
  CHECK(outcomes["implicitDeny"] * 8 > cases);
}

TEST_CASE("the engine agrees with the reference evaluator on generated cases", "[differential]") {
  Generator generator(EnvOr("IAMEVAL_DIFFERENTIAL_SEED", kSeed));
  const uint64_t cases = EnvOr("IAMEVAL_DIFFERENTIAL_CASES", kCases);
  size_t disagreements = 0;
  std::map<std::string, size_t> by_pair;  // "reference -> engine"
  // IAMEVAL_DIFFERENTIAL_DUMP=path writes every disagreement there.
  const char* dump_path = std::getenv("IAMEVAL_DIFFERENTIAL_DUMP");
  std::FILE* dump = dump_path != nullptr ? std::fopen(dump_path, "w") : nullptr;
  for (uint64_t i = 0; i < cases; ++i) {
    const Case c = generator.Next();
    const ReferenceResult expected = ReferenceDecide(c.policies, c.request);
    if (!expected.ok()) continue;  // the test above fails for these
    const Outcome got = RunEngine(c);
    const std::string engine = got.decision.empty() ? got.error : got.decision;
    if (engine == expected.decision) continue;
    ++disagreements;
    if (dump != nullptr) {
      // One conformance-format case per line, for triage with the CLI.
      std::fprintf(dump,
                   "{\"id\": \"differential-%llu\", \"reference\": \"%s\", \"engine\": "
                   "\"%s\", \"policies\": %s, \"request\": %s}\n",
                   static_cast<unsigned long long>(i), expected.decision.c_str(), engine.c_str(),
                   c.policies.c_str(), c.request.c_str());
    }
    ++by_pair[expected.decision + " -> " + (got.decision.empty() ? "error" : got.decision)];
    if (disagreements <= 12) {
      UNSCOPED_INFO("case " << i << ": reference " << expected.decision << ", engine " << engine
                            << "\n{\"policies\": " << c.policies << ",\n \"request\": " << c.request
                            << "}");
    }
  }
  for (const auto& [pair, count] : by_pair) UNSCOPED_INFO(count << " x reference " << pair);
  if (dump != nullptr) std::fclose(dump);
  CHECK(disagreements == 0);
}

}  // namespace
}  // namespace iameval::testing
