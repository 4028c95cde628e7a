// File: engine/json_api/analysis_json.cc
//
// The JSON face of access analysis (iameval/analysis.h): CompareJson and
// AccessJson read their input once, hand each policy on as the bytes the
// caller wrote (so findings point into the input), and write results in one
// shape for every binding and for `iameval compare --format json`.

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "base/message_text.h"
#include "iameval/analysis.h"
#include "json_api/answer_json.h"
#include "json_api/json_input.h"
#include "json_api/policy_set_json.h"
#include "json_api/request_json.h"
#include "policy/embedded_policy.h"

namespace iameval {
namespace internal {
namespace {

void WriteScalar(JsonWriter& w, const ContextScalar& s) {
  switch (s.type) {
    case ContextScalar::Type::kNumber:
      w.RawValue(s.text.data(), s.text.size(), rapidjson::kNumberType);
      break;
    case ContextScalar::Type::kBool:
      w.Bool(s.boolean);
      break;
    case ContextScalar::Type::kString:
      WriteString(w, s.text);
      break;
  }
}

void WriteContext(JsonWriter& w, const Context& context) {
  w.StartObject();
  for (const Context::Entry& e : context.entries()) {
    w.Key(e.key.data(), static_cast<rapidjson::SizeType>(e.key.size()));
    if (e.is_list) {
      w.StartArray();
      for (const ContextScalar& s : e.values) WriteScalar(w, s);
      w.EndArray();
    } else if (!e.values.empty()) {
      WriteScalar(w, e.values[0]);
    } else {
      w.Null();
    }
  }
  w.EndObject();
}

void WriteRequest(JsonWriter& w, const Request& r) {
  w.StartObject();
  w.Key("principal");
  WriteString(w, r.principal);
  w.Key("action");
  WriteString(w, r.action);
  w.Key("resource");
  WriteString(w, r.resource);
  if (!r.resource_account.empty()) {
    w.Key("resourceAccount");
    WriteString(w, r.resource_account);
  }
  w.Key("context");
  WriteContext(w, r.context);
  if (r.now) {
    const int64_t seconds =
        std::chrono::duration_cast<std::chrono::seconds>(r.now->time_since_epoch()).count();
    // Whole seconds: the analysis pins Request::now at whole seconds.
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    w.Key("currentTime");
    WriteString(w, buffer);
  }
  w.EndObject();
}

void WriteCounterexample(JsonWriter& w, const Counterexample& c, bool with_before) {
  w.StartObject();
  w.Key("request");
  WriteRequest(w, c.request);
  w.Key("decision");
  WriteString(w, DecisionName(c.decision));
  if (with_before) {
    w.Key("before");
    WriteString(w, DecisionName(c.before));
  }
  w.Key("grantedBy");
  w.StartArray();
  for (const StatementRef& ref : c.granted_by) WriteStatementRef(w, ref);
  w.EndArray();
  w.Key("alike");
  w.StartArray();
  for (const std::string& action : c.alike) WriteString(w, action);
  w.EndArray();
  w.EndObject();
}

void WriteCommon(JsonWriter& w, CheckResult result, const std::string& error,
                 const std::vector<AnalysisNote>& unknown) {
  w.Key("result");
  if (error.empty()) {
    WriteString(w, CheckResultName(result));
  } else {
    w.Null();
    w.Key("error");
    WriteString(w, error.rfind("internal error", 0) == 0 ? "internal-error" : "invalid-input");
    w.Key("message");
    WriteString(w, error);
  }
  w.Key("unknown");
  w.StartArray();
  for (const AnalysisNote& n : unknown) {
    w.StartObject();
    w.Key("code");
    WriteString(w, n.code);
    w.Key("message");
    WriteString(w, n.message);
    w.EndObject();
  }
  w.EndArray();
}

void WriteTail(JsonWriter& w, uint64_t requests, const Catalogue& catalogue) {
  w.Key("requestsDecided");
  w.Uint64(requests);
  w.Key("catalogue");
  w.StartObject();
  w.Key("date");
  WriteString(w, catalogue.date());
  w.Key("source");
  WriteString(w, catalogue.source());
  w.EndObject();
}

std::string Done(JsonBuffer& buffer) { return std::string(buffer.GetString(), buffer.GetSize()); }

// A CompareResult or AccessResult: the verdict, the counterexamples (with
// what `before` decided when `with_before`), the count of actions
// considered and the tail.
template <typename Result>
std::string CounterexamplesToJson(const Result& result, const Catalogue& catalogue,
                                  bool with_before) {
  JsonBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteCommon(w, result.result, result.error, result.unknown);
  w.Key("counterexamples");
  w.StartArray();
  for (const Counterexample& c : result.counterexamples) WriteCounterexample(w, c, with_before);
  w.EndArray();
  w.Key("actionsConsidered");
  w.Uint64(result.actions_considered);
  WriteTail(w, result.requests_decided, catalogue);
  w.EndObject();
  return Done(buffer);
}

// Reads the input object; false with `*error` when it is not one or has a
// member twice.
bool ReadObject(std::string_view text, const InputLimits& limits, JsonDocument* doc,
                std::string* error) {
  if (!ReadJsonInput(text, "the input", limits, doc, error)) return false;
  if (!doc->node(doc->root()).is_object()) {
    *error = "the input must be a JSON object";
    return false;
  }
  if (auto duplicate = DuplicateMember(*doc, doc->root(), /*ignore_case=*/false)) {
    *error = "duplicate input field " + Quote(*duplicate);
    return false;
  }
  return true;
}

// A policy member given as a document or as its raw text.
ParseResult ParseMember(std::string_view text, const JsonDocument& doc, uint32_t node,
                        PolicyKind kind) {
  const JsonNode& document = doc.node(node);
  if (document.is_string()) return Policy::Parse(document.text, kind);
  return ParseEmbeddedPolicy(BytesOf(text, document), {document.line, document.column}, kind,
                             Limits());
}

// {"result": null, "error": "invalid-policy", "document", "findings"}:
// `write_findings(w)` writes the findings array's entries.
template <typename WriteFindings>
std::string InvalidDocument(std::string_view document, WriteFindings&& write_findings) {
  JsonBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("result");
  w.Null();
  w.Key("error");
  WriteString(w, "invalid-policy");
  w.Key("document");
  WriteString(w, document);
  w.Key("findings");
  w.StartArray();
  write_findings(w);
  w.EndArray();
  w.EndObject();
  return Done(buffer);
}

std::string InvalidPolicy(std::string_view document, const std::vector<Finding>& findings) {
  return InvalidDocument(document, [&](JsonWriter& w) {
    for (const Finding& f : findings) WriteFinding(w, f, nullptr);
  });
}

std::string InvalidInput(std::string_view message) {
  JsonBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("result");
  w.Null();
  w.Key("error");
  WriteString(w, "invalid-input");
  w.Key("message");
  WriteString(w, message);
  w.EndObject();
  return Done(buffer);
}

std::string InvalidSet(std::string_view document, const PolicySetResult& set) {
  if (!set.error.empty()) return InvalidInput(std::string(document) + ": " + set.error);
  return InvalidDocument(document, [&](JsonWriter& w) {
    for (const DocumentFinding& f : set.findings) WriteFinding(w, f.finding, &f.document);
  });
}

// The options every analysis input may carry. False with `*error`.
bool ReadOptions(const JsonDocument& doc, AnalysisOptions* options, std::string* error) {
  const uint32_t root = doc.root();
  auto read_count = [&](const char* name, uint64_t* out) {
    const uint32_t n = doc.Member(root, name);
    if (n == kNoNode) return true;
    ContextScalar number;
    if (doc.node(n).type != JsonType::kNumber ||
        !ContextScalarFromJsonNumber(doc.node(n).text, &number)) {
      *error = Quote(name) + " must be a whole number";
      return false;
    }
    const double value = number.number;
    if (value < 0 || value != static_cast<double>(static_cast<uint64_t>(value))) {
      *error = Quote(name) + " must be a whole number";
      return false;
    }
    *out = static_cast<uint64_t>(value);
    return true;
  };
  uint64_t max_counterexamples = options->max_counterexamples;
  if (!read_count("maxCounterexamples", &max_counterexamples) ||
      !read_count("maxRequests", &options->max_requests)) {
    return false;
  }
  options->max_counterexamples = static_cast<size_t>(max_counterexamples);
  const uint32_t account = doc.Member(root, "principalAccount");
  if (account != kNoNode) {
    if (!doc.node(account).is_string()) {
      *error = "`principalAccount` must be a string";
      return false;
    }
    options->principal_account = std::string(doc.node(account).text);
  }
  const uint32_t time = doc.Member(root, "currentTime");
  if (time != kNoNode) {
    std::chrono::system_clock::time_point now;
    if (!doc.node(time).is_string() || !CurrentTimeFromText(doc.node(time).text, &now, error)) {
      if (error->empty()) *error = "`currentTime` must be a string";
      return false;
    }
    options->now = now;
  }
  return true;
}

bool ReadKind(const JsonDocument& doc, const char* name, PolicyKind fallback, PolicyKind* kind,
              std::string* error) {
  *kind = fallback;
  const uint32_t n = doc.Member(doc.root(), name);
  if (n == kNoNode) return true;
  if (!doc.node(n).is_string() || !ParsePolicyKindName(doc.node(n).text, kind)) {
    *error = Quote(name) + " must be a policy kind name such as `identity`";
    return false;
  }
  return true;
}

bool ReadStrings(const JsonDocument& doc, const char* name, std::vector<std::string>* out,
                 std::string* error) {
  const uint32_t n = doc.Member(doc.root(), name);
  if (n == kNoNode) return true;
  const JsonNode& node = doc.node(n);
  if (node.is_string()) {
    out->emplace_back(node.text);
    return true;
  }
  if (!node.is_array()) {
    *error = Quote(name) + " must be a string or a list of strings";
    return false;
  }
  for (uint32_t c = node.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    if (!doc.node(c).is_string()) {
      *error = Quote(name) + " must be a string or a list of strings";
      return false;
    }
    out->emplace_back(doc.node(c).text);
  }
  return true;
}

bool CheckFields(const JsonDocument& doc, std::initializer_list<const char*> fields,
                 std::string* error) {
  for (uint32_t c = doc.node(doc.root()).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    bool known = false;
    for (const char* field : fields) known = known || doc.node(c).key == field;
    if (!known) {
      *error = "unknown input field " + Quote(doc.node(c).key);
      return false;
    }
  }
  return true;
}

std::string CompareJsonOrThrow(std::string_view text, const Catalogue& catalogue,
                               const InputLimits& limits) {
  JsonDocument doc;
  std::string error;
  if (!ReadObject(text, limits, &doc, &error)) return InvalidInput(error);
  if (!CheckFields(doc,
                   {"before", "after", "kind", "sets", "resourcePolicyKind", "maxCounterexamples",
                    "maxRequests", "principalAccount", "currentTime"},
                   &error)) {
    return InvalidInput(error);
  }
  AnalysisOptions options;
  if (!ReadOptions(doc, &options, &error)) return InvalidInput(error);
  const uint32_t before = doc.Member(doc.root(), "before");
  const uint32_t after = doc.Member(doc.root(), "after");
  if (before == kNoNode || after == kNoNode) {
    return InvalidInput("the input needs `before` and `after`");
  }
  bool sets = false;
  const uint32_t sets_node = doc.Member(doc.root(), "sets");
  if (sets_node != kNoNode) {
    if (!doc.node(sets_node).is_bool()) return InvalidInput("`sets` must be true or false");
    sets = doc.node(sets_node).type == JsonType::kTrue;
  }
  CompareResult result;
  if (sets) {
    PolicyKind resource_kind;
    if (!ReadKind(doc, "resourcePolicyKind", PolicyKind::kResource, &resource_kind, &error)) {
      return InvalidInput(error);
    }
    if (!doc.node(before).is_object() || !doc.node(after).is_object()) {
      return InvalidInput("with `sets`, `before` and `after` must be policies objects");
    }
    PolicySetResult b = AssemblePolicySet(text, doc, before, resource_kind, Limits());
    if (!b.ok()) return InvalidSet("before", b);
    PolicySetResult a = AssemblePolicySet(text, doc, after, resource_kind, Limits());
    if (!a.ok()) return InvalidSet("after", a);
    result = Compare(*b.set, *a.set, catalogue, options);
  } else {
    PolicyKind kind;
    if (!ReadKind(doc, "kind", PolicyKind::kIdentity, &kind, &error)) return InvalidInput(error);
    ParseResult b = ParseMember(text, doc, before, kind);
    if (!b.ok()) return InvalidPolicy("before", b.findings);
    ParseResult a = ParseMember(text, doc, after, kind);
    if (!a.ok()) return InvalidPolicy("after", a.findings);
    result = Compare(*b.policy, *a.policy, catalogue, options);
  }
  return CompareResultToJson(result, catalogue);
}

std::string AccessJsonOrThrow(std::string_view text, const Catalogue& catalogue,
                              const InputLimits& limits) {
  JsonDocument doc;
  std::string error;
  if (!ReadObject(text, limits, &doc, &error)) return InvalidInput(error);
  if (!CheckFields(doc,
                   {"check", "policy", "policies", "kind", "resourcePolicyKind", "actions",
                    "resources", "resource", "ownerAccount", "trustedAccounts", "trustedOrgs",
                    "maxCounterexamples", "maxRequests", "principalAccount", "currentTime"},
                   &error)) {
    return InvalidInput(error);
  }
  AnalysisOptions options;
  if (!ReadOptions(doc, &options, &error)) return InvalidInput(error);
  const uint32_t check_node = doc.Member(doc.root(), "check");
  if (check_node == kNoNode || !doc.node(check_node).is_string()) {
    return InvalidInput("`check` must be `accessNotGranted`, `publicAccess` or `externalAccess`");
  }
  const std::string_view check = doc.node(check_node).text;
  const uint32_t policy = doc.Member(doc.root(), "policy");
  const uint32_t policies = doc.Member(doc.root(), "policies");
  if (check == "accessNotGranted") {
    std::vector<std::string> actions, resources;
    if (!ReadStrings(doc, "actions", &actions, &error) ||
        !ReadStrings(doc, "resources", &resources, &error)) {
      return InvalidInput(error);
    }
    AccessResult result;
    if (policies != kNoNode) {
      PolicyKind resource_kind;
      if (!ReadKind(doc, "resourcePolicyKind", PolicyKind::kResource, &resource_kind, &error)) {
        return InvalidInput(error);
      }
      if (!doc.node(policies).is_object()) return InvalidInput("`policies` must be an object");
      PolicySetResult set = AssemblePolicySet(text, doc, policies, resource_kind, Limits());
      if (!set.ok()) return InvalidSet("policies", set);
      result = AccessNotGranted(*set.set, actions, resources, catalogue, options);
    } else {
      if (policy == kNoNode) return InvalidInput("the input needs `policy` or `policies`");
      PolicyKind kind;
      if (!ReadKind(doc, "kind", PolicyKind::kIdentity, &kind, &error)) return InvalidInput(error);
      ParseResult parsed = ParseMember(text, doc, policy, kind);
      if (!parsed.ok()) return InvalidPolicy("policy", parsed.findings);
      result = AccessNotGranted(*parsed.policy, actions, resources, catalogue, options);
    }
    return AccessResultToJson(result, catalogue);
  }
  if (check != "publicAccess" && check != "externalAccess") {
    return InvalidInput("`check` must be `accessNotGranted`, `publicAccess` or `externalAccess`");
  }
  if (policy == kNoNode) return InvalidInput("the input needs `policy`");
  PolicyKind kind;
  if (!ReadKind(doc, "kind", PolicyKind::kResource, &kind, &error)) return InvalidInput(error);
  ParseResult parsed = ParseMember(text, doc, policy, kind);
  if (!parsed.ok()) return InvalidPolicy("policy", parsed.findings);
  ResourceTarget target;
  std::vector<std::string> one;
  if (!ReadStrings(doc, "resource", &one, &error)) return InvalidInput(error);
  if (one.size() > 1) return InvalidInput("`resource` must be one ARN");
  if (!one.empty()) target.arn = one[0];
  one.clear();
  if (!ReadStrings(doc, "ownerAccount", &one, &error)) return InvalidInput(error);
  if (one.size() > 1) return InvalidInput("`ownerAccount` must be one account id");
  if (!one.empty()) target.owner_account = one[0];
  ExternalAccessResult result;
  if (check == "publicAccess") {
    result = PublicAccess(*parsed.policy, target, catalogue, options);
  } else {
    TrustZone zone;
    if (!ReadStrings(doc, "trustedAccounts", &zone.accounts, &error) ||
        !ReadStrings(doc, "trustedOrgs", &zone.organizations, &error)) {
      return InvalidInput(error);
    }
    result = ExternalAccess(*parsed.policy, target, zone, catalogue, options);
  }
  return ExternalAccessResultToJson(result, catalogue);
}

// `answer(input_json, catalogue, limits)`, or, should it throw, an
// `internal-error` answer (empty when not even that can be written).
std::string FailClosedJson(std::string (*answer)(std::string_view, const Catalogue&,
                                                 const InputLimits&),
                           std::string_view input_json, const Catalogue& catalogue,
                           const InputLimits& limits) {
  try {
    return answer(input_json, catalogue, limits);
  } catch (const std::bad_alloc&) {
    return ErrorJsonOrEmpty("internal-error", "out of memory");
  } catch (...) {
    return ErrorJsonOrEmpty("internal-error", "internal error");
  }
}

}  // namespace
}  // namespace internal

std::string RequestToJson(const Request& request) {
  internal::JsonBuffer buffer;
  internal::JsonWriter w(buffer);
  internal::WriteRequest(w, request);
  return internal::Done(buffer);
}

std::string CompareResultToJson(const CompareResult& result, const Catalogue& catalogue) {
  return internal::CounterexamplesToJson(result, catalogue, /*with_before=*/true);
}

std::string AccessResultToJson(const AccessResult& result, const Catalogue& catalogue) {
  return internal::CounterexamplesToJson(result, catalogue, /*with_before=*/false);
}

std::string ExternalAccessResultToJson(const ExternalAccessResult& result,
                                       const Catalogue& catalogue) {
  using namespace internal;
  JsonBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteCommon(w, result.result, result.error, result.unknown);
  w.Key("findings");
  w.StartArray();
  for (const AccessFinding& f : result.findings) {
    w.StartObject();
    w.Key("public");
    w.Bool(f.is_public);
    w.Key("principal");
    WriteString(w, f.principal);
    w.Key("actions");
    w.StartArray();
    for (const std::string& a : f.actions) WriteString(w, a);
    w.EndArray();
    w.Key("resource");
    WriteString(w, f.resource);
    w.Key("conditions");
    WriteContext(w, f.conditions);
    w.Key("statement");
    WriteStatementRef(w, f.statement);
    w.Key("example");
    WriteCounterexample(w, f.example, false);
    w.EndObject();
  }
  w.EndArray();
  WriteTail(w, result.requests_decided, catalogue);
  w.EndObject();
  return Done(buffer);
}

std::string CompareJson(std::string_view input_json, const Catalogue& catalogue,
                        const InputLimits& limits) {
  return internal::FailClosedJson(internal::CompareJsonOrThrow, input_json, catalogue, limits);
}

std::string AccessJson(std::string_view input_json, const Catalogue& catalogue,
                       const InputLimits& limits) {
  return internal::FailClosedJson(internal::AccessJsonOrThrow, input_json, catalogue, limits);
}

}  // namespace iameval
