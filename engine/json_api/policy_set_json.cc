// File: engine/json_api/policy_set_json.cc
//
// PolicySetAssembly, the one routine behind every surface that builds a set
// slot by slot, and PolicySetFromJson over it.

#include "json_api/policy_set_json.h"

#include <utility>

#include "base/message_text.h"
#include "json_api/json_input.h"
#include "policy/embedded_policy.h"

namespace iameval {

std::string_view PolicySlotName(PolicySlot slot) {
  switch (slot) {
    case PolicySlot::kIdentity:
      return "identity";
    case PolicySlot::kResource:
      return "resource";
    case PolicySlot::kPermissionsBoundary:
      return "permissionsBoundary";
    case PolicySlot::kSession:
      return "sessionPolicies";
    case PolicySlot::kScp:
      return "scps";
    case PolicySlot::kRcp:
      return "rcps";
    case PolicySlot::kVpcEndpoint:
      return "vpcEndpoint";
  }
  return "identity";
}

bool ParsePolicySlotName(std::string_view name, PolicySlot* slot) {
  for (PolicySlot candidate :
       {PolicySlot::kIdentity, PolicySlot::kResource, PolicySlot::kPermissionsBoundary,
        PolicySlot::kSession, PolicySlot::kScp, PolicySlot::kRcp, PolicySlot::kVpcEndpoint}) {
    if (PolicySlotName(candidate) == name) {
      *slot = candidate;
      return true;
    }
  }
  return false;
}

PolicySetAssembly::PolicySetAssembly(PolicyKind resource_kind, const Limits& limits)
    : resource_kind_(resource_kind), limits_(limits) {}

PolicyKind PolicySetAssembly::KindOf(PolicySlot slot) const {
  switch (slot) {
    case PolicySlot::kIdentity:
      return PolicyKind::kIdentity;
    case PolicySlot::kResource:
      return resource_kind_;
    case PolicySlot::kPermissionsBoundary:
      return PolicyKind::kPermissionsBoundary;
    case PolicySlot::kSession:
      return PolicyKind::kSession;
    case PolicySlot::kScp:
      return PolicyKind::kServiceControl;
    case PolicySlot::kRcp:
      return PolicyKind::kResourceControl;
    case PolicySlot::kVpcEndpoint:
      return vpc_endpoint_kind_;
  }
  return PolicyKind::kIdentity;
}

void PolicySetAssembly::StartLevel(PolicySlot slot) {
  if (slot == PolicySlot::kRcp) {
    rcp_counts_.push_back(0);
    builder_.AddRcpLevel({});
  } else {
    scp_counts_.push_back(0);
    builder_.AddScpLevel({});
  }
}

std::string PolicySetAssembly::NextName(PolicySlot slot) const {
  std::string name(PolicySlotName(slot));
  auto index = [&](size_t i) { name += "[" + std::to_string(i) + "]"; };
  switch (slot) {
    case PolicySlot::kResource:
    case PolicySlot::kPermissionsBoundary:
    case PolicySlot::kVpcEndpoint:
      break;
    case PolicySlot::kIdentity:
      index(identity_count_);
      break;
    case PolicySlot::kSession:
      index(session_count_);
      break;
    case PolicySlot::kScp:
    case PolicySlot::kRcp: {
      const std::vector<size_t>& levels = slot == PolicySlot::kScp ? scp_counts_ : rcp_counts_;
      index(levels.empty() ? 0 : levels.size() - 1);
      index(levels.empty() ? 0 : levels.back());
      break;
    }
  }
  return name;
}

void PolicySetAssembly::CountDocument(PolicySlot slot) {
  switch (slot) {
    case PolicySlot::kIdentity:
      ++identity_count_;
      return;
    case PolicySlot::kSession:
      ++session_count_;
      return;
    case PolicySlot::kResource:
    case PolicySlot::kPermissionsBoundary:
    case PolicySlot::kVpcEndpoint:
      return;
    case PolicySlot::kScp:
    case PolicySlot::kRcp: {
      std::vector<size_t>& levels = slot == PolicySlot::kScp ? scp_counts_ : rcp_counts_;
      if (levels.empty()) levels.push_back(0);
      ++levels.back();
      return;
    }
  }
}

bool PolicySetAssembly::AddText(PolicySlot slot, std::string_view text, uint32_t line,
                                uint32_t column) {
  const PolicyKind kind = KindOf(slot);
  ParseResult parsed = internal::ParseEmbeddedPolicy(text, {line, column}, kind, limits_);
  if (!parsed.findings.empty()) {
    const std::string name = NextName(slot);
    for (Finding& finding : parsed.findings) {
      result_.findings.push_back(DocumentFinding{name, kind, std::move(finding)});
    }
  }
  if (!parsed.ok()) {
    AddFailed(slot);
    return false;
  }
  AddPolicy(slot, std::move(*parsed.policy));
  return true;
}

void PolicySetAssembly::AddPolicy(PolicySlot slot, Policy policy) {
  const PolicyKind kind = policy.kind();
  // The builder places a policy by its kind, so one given for a slot its kind
  // does not name (a caller's own Policy) is refused here, never moved.
  const bool fits = kind == KindOf(slot) ||
                    (slot == PolicySlot::kResource && IsResourcePolicyKind(kind)) ||
                    (slot == PolicySlot::kVpcEndpoint && IsVpcEndpointPolicyKind(kind));
  if (!fits && misplaced_.empty()) {
    misplaced_ = "a policy of kind `" + std::string(PolicyKindName(kind)) + "` cannot be used as " +
                 internal::Quote(NextName(slot));
  }
  CountDocument(slot);
  if (fits) builder_.AddPolicy(std::move(policy));
}

void PolicySetAssembly::AddFailed(PolicySlot slot) {
  failed_ = true;
  CountDocument(slot);
}

PolicySetResult PolicySetAssembly::Finish() && {
  PolicySetResult result = std::move(result_);
  if (failed_) return result;
  if (!misplaced_.empty()) {
    result.error = std::move(misplaced_);
    return result;
  }
  BuildResult built = std::move(builder_).Build();
  if (!built.ok()) {
    result.error = std::move(built.error);
    return result;
  }
  result.set = std::move(built.set);
  return result;
}

namespace internal {
namespace {

// The policies object's member saying what kind of endpoint `vpcEndpoint`
// belongs to.
constexpr std::string_view kVpcEndpointTypeField = "vpcEndpointType";

bool ParseVpcEndpointType(const JsonNode& value, PolicyKind* kind) {
  if (!value.is_string()) return false;
  if (value.text == "interface") {
    *kind = PolicyKind::kVpcEndpoint;
  } else if (value.text == "gateway") {
    *kind = PolicyKind::kGatewayVpcEndpoint;
  } else {
    return false;
  }
  return true;
}

// One document of `slot` at `node`: an object is read from its own bytes at
// its place in `text`; a string holds the document's text. False (with
// `*error` set) when it is neither.
bool AddDocument(std::string_view text, const JsonDocument& doc, uint32_t node, PolicySlot slot,
                 const std::string& where, PolicySetAssembly* assembly, std::string* error) {
  const JsonNode& value = doc.node(node);
  if (value.is_object()) {
    assembly->AddText(slot, BytesOf(text, value), value.line, value.column);
  } else if (value.is_string()) {
    assembly->AddText(slot, value.text);
  } else {
    *error = "`" + where + "` must be a policy document (an object) or its text (a string)";
    return false;
  }
  return true;
}

bool AddList(std::string_view text, const JsonDocument& doc, uint32_t node, PolicySlot slot,
             const std::string& where, PolicySetAssembly* assembly, std::string* error) {
  if (!doc.node(node).is_array()) {
    *error = "`" + where + "` must be an array of policy documents";
    return false;
  }
  for (uint32_t c = doc.node(node).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    const std::string item = where + "[" + std::to_string(doc.node(c).index) + "]";
    if (!AddDocument(text, doc, c, slot, item, assembly, error)) return false;
  }
  return true;
}

bool AddLevels(std::string_view text, const JsonDocument& doc, uint32_t node, PolicySlot slot,
               const std::string& where, PolicySetAssembly* assembly, std::string* error) {
  if (!doc.node(node).is_array()) {
    *error = "`" + where + "` must be an array of levels, each an array of policies";
    return false;
  }
  for (uint32_t c = doc.node(node).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    assembly->StartLevel(slot);
    const std::string level = where + "[" + std::to_string(doc.node(c).index) + "]";
    if (!AddList(text, doc, c, slot, level, assembly, error)) return false;
  }
  return true;
}

}  // namespace

PolicySetResult AssemblePolicySet(std::string_view text, const JsonDocument& doc, uint32_t node,
                                  PolicyKind resource_kind, const Limits& limits) {
  PolicySetResult result;
  if (!doc.node(node).is_object()) {
    result.error = "the policies must be a JSON object";
    return result;
  }
  if (auto duplicate = DuplicateMember(doc, node, /*ignore_case=*/false)) {
    result.error = "duplicate policies field " + Quote(*duplicate);
    return result;
  }
  PolicySetAssembly assembly(resource_kind, limits);
  std::string error;
  // The endpoint's kind is needed before its document is read, wherever the
  // member stands.
  for (uint32_t c = doc.node(node).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    if (doc.node(c).key != kVpcEndpointTypeField) continue;
    PolicyKind kind;
    if (!ParseVpcEndpointType(doc.node(c), &kind)) {
      result.error = "`vpcEndpointType` must be \"interface\" or \"gateway\"";
      return result;
    }
    assembly.SetVpcEndpointKind(kind);
  }
  for (uint32_t c = doc.node(node).first_child; c != kNoNode && error.empty();
       c = doc.node(c).next_sibling) {
    const std::string name(doc.node(c).key);
    if (name == kVpcEndpointTypeField) continue;
    PolicySlot slot;
    if (!ParsePolicySlotName(name, &slot)) {
      error = "unknown policies field " + Quote(name);
      break;
    }
    switch (slot) {
      case PolicySlot::kIdentity:
      case PolicySlot::kSession:
        AddList(text, doc, c, slot, name, &assembly, &error);
        break;
      case PolicySlot::kResource:
      case PolicySlot::kPermissionsBoundary:
      case PolicySlot::kVpcEndpoint:
        AddDocument(text, doc, c, slot, name, &assembly, &error);
        break;
      case PolicySlot::kScp:
      case PolicySlot::kRcp:
        AddLevels(text, doc, c, slot, name, &assembly, &error);
        break;
    }
  }
  if (!error.empty()) {
    // The object itself is malformed: no set, whatever the documents were.
    result.findings = assembly.findings();
    result.error = std::move(error);
    return result;
  }
  return std::move(assembly).Finish();
}

}  // namespace internal

PolicySetResult PolicySetFromJson(std::string_view policies_json, PolicyKind resource_kind,
                                  const Limits& limits, const InputLimits& input_limits) {
  try {
    PolicySetResult result;
    internal::JsonDocument doc;
    if (!internal::ReadJsonInput(policies_json, "the policies", input_limits, &doc,
                                 &result.error)) {
      return result;
    }
    return internal::AssemblePolicySet(policies_json, doc, doc.root(), resource_kind, limits);
  } catch (...) {
    // json.h: never throws; out of memory is an internal error.
    PolicySetResult result;
    try {
      result.error = "internal error: out of memory";
    } catch (...) {
    }
    return result;
  }
}

}  // namespace iameval
