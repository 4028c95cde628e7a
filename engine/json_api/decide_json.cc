// File: engine/json_api/decide_json.cc
//
// DecideJson and CheckJson: one call, JSON in and JSON out. The input is read
// once; the request and the policies are read from its tree, and each policy
// document from its own bytes in the input, so positions point into it.

#include <initializer_list>
#include <new>
#include <string>
#include <utility>

#include "base/message_text.h"
#include "iameval/json.h"
#include "json_api/answer_json.h"
#include "json_api/json_input.h"
#include "json_api/policy_set_json.h"
#include "json_api/request_json.h"
#include "policy/embedded_policy.h"

namespace iameval {
namespace internal {
namespace {

// Reads the input object. False with `*error` set when it is not one, has a
// member twice or (when `fields` is not empty) a member not in `fields`.
bool ReadInput(std::string_view text, const InputLimits& limits,
               std::initializer_list<const char*> fields, JsonDocument* doc, std::string* error) {
  if (!ReadJsonInput(text, "the input", limits, doc, error)) return false;
  if (!doc->node(doc->root()).is_object()) {
    *error = "the input must be a JSON object";
    return false;
  }
  if (auto duplicate = DuplicateMember(*doc, doc->root(), /*ignore_case=*/false)) {
    *error = "duplicate input field " + Quote(*duplicate);
    return false;
  }
  for (uint32_t c = doc->node(doc->root()).first_child; c != kNoNode && fields.size() > 0;
       c = doc->node(c).next_sibling) {
    bool known = false;
    for (const char* field : fields) known = known || doc->node(c).key == field;
    if (!known) {
      *error = "unknown input field " + Quote(doc->node(c).key);
      return false;
    }
  }
  return true;
}

std::string DecideJsonOrThrow(std::string_view input_json, const InputLimits& limits) {
  JsonDocument input;
  std::string error;
  if (!ReadInput(input_json, limits, {"policies", "request", "explain"}, &input, &error))
    return ErrorJson("invalid-input", error);
  const uint32_t root = input.root();
  const uint32_t request_node = input.Member(root, "request");
  if (request_node == kNoNode) return ErrorJson("invalid-request", "the input has no `request`");
  Request request;
  if (!ReadRequest(input, request_node, limits, &request, &error)) {
    return ErrorJson("invalid-request", error);
  }
  const PolicyKind resource_kind = ResourcePolicyKindOf(input, request_node, request);
  bool explain = false;
  const uint32_t explain_node = input.Member(root, "explain");
  if (explain_node != kNoNode) {
    if (!input.node(explain_node).is_bool()) {
      return ErrorJson("invalid-input", "`explain` must be true or false");
    }
    explain = input.node(explain_node).type == JsonType::kTrue;
  }

  const uint32_t policies = input.Member(root, "policies");
  PolicySetResult set =
      policies == kNoNode ? PolicySetAssembly(resource_kind).Finish()
                          : AssemblePolicySet(input_json, input, policies, resource_kind, Limits());

  JsonBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  if (!set.ok()) {
    w.Key("decision");
    w.Null();
    w.Key("error");
    WriteString(w, set.error.empty() ? "invalid-policy" : "invalid-input");
    if (!set.error.empty()) {
      w.Key("message");
      WriteString(w, set.error);
    }
  } else {
    Explanation explanation;
    Answer answer = set.set->Decide(request, explain ? &explanation : nullptr);
    w.Key("decision");
    WriteString(w, DecisionName(answer.decision));
    WriteAnswerError(w, answer);
    if (explain) {
      w.Key("explanation");
      WriteExplanation(w, explanation);
    }
  }
  w.Key("findings");
  w.StartArray();
  for (const DocumentFinding& finding : set.findings) {
    WriteFinding(w, finding.finding, &finding.document);
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string CheckJsonOrThrow(std::string_view input_json, const InputLimits& limits) {
  JsonDocument input;
  std::string error;
  // Other members are left alone, as they always were.
  if (!ReadInput(input_json, limits, {}, &input, &error)) return ErrorJson("invalid-input", error);
  const uint32_t policy = input.Member(input.root(), "policy");
  if (policy == kNoNode) return ErrorJson("invalid-input", "the input has no `policy`");
  PolicyKind kind = PolicyKind::kIdentity;
  const uint32_t kind_node = input.Member(input.root(), "kind");
  if (kind_node != kNoNode && (!input.node(kind_node).is_string() ||
                               !ParsePolicyKindName(input.node(kind_node).text, &kind))) {
    return ErrorJson("invalid-input", "`kind` must be a policy kind name such as `identity`");
  }
  // `enforceAwsSizeQuotas`: a document over its kind's size quota is an
  // error rather than a warning (gating customer policies in CI).
  Limits policy_limits;
  const uint32_t enforce = input.Member(input.root(), "enforceAwsSizeQuotas");
  if (enforce != kNoNode) {
    if (!input.node(enforce).is_bool()) {
      return ErrorJson("invalid-input", "`enforceAwsSizeQuotas` must be true or false");
    }
    policy_limits.enforce_aws_size_quotas = input.node(enforce).type == JsonType::kTrue;
  }
  const JsonNode& document = input.node(policy);
  std::vector<Finding> findings =
      document.is_string()
          ? Check(document.text, kind, policy_limits)
          : CheckEmbeddedPolicy(BytesOf(input_json, document), {document.line, document.column},
                                kind, policy_limits);
  JsonBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("valid");
  w.Bool(!HasErrors(findings));
  w.Key("findings");
  w.StartArray();
  for (const Finding& finding : findings) WriteFinding(w, finding, nullptr);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace
}  // namespace internal

std::string DecideJson(std::string_view input_json, const InputLimits& limits) {
  try {
    return internal::DecideJsonOrThrow(input_json, limits);
  } catch (const std::bad_alloc&) {
    return internal::ErrorJsonOrEmpty("internal-error", "out of memory");
  } catch (...) {
    return internal::ErrorJsonOrEmpty("internal-error", "internal error");
  }
}

std::string CheckJson(std::string_view input_json, const InputLimits& limits) {
  try {
    return internal::CheckJsonOrThrow(input_json, limits);
  } catch (...) {
    return internal::ErrorJsonOrEmpty("internal-error", "internal error");
  }
}

}  // namespace iameval
