// File: engine/json_api/request_json.cc
//
// RequestFromJson and the request reader it shares with DecideJson, reading
// values through RequestReader (iameval/request_reader.h) as every binding does.

#include "json_api/request_json.h"

#include <utility>
#include <vector>

#include "base/message_text.h"
#include "iameval/context_reader.h"
#include "iameval/json.h"
#include "iameval/request_reader.h"
#include "json_api/json_input.h"
#include "json_api/request_json_direct.h"

namespace iameval {
namespace internal {
namespace {

bool ReadBoolField(const JsonDocument& doc, uint32_t object, const char* name, bool* out,
                   std::string* error) {
  uint32_t member = doc.Member(object, name);
  if (member == kNoNode) return true;
  if (!doc.node(member).is_bool()) {
    *error = std::string("request field `") + name + "` must be true or false";
    return false;
  }
  *out = doc.node(member).type == JsonType::kTrue;
  return true;
}

bool ReadStringField(const JsonDocument& doc, uint32_t object, const char* name, std::string* out,
                     std::string* error, bool required) {
  uint32_t member = doc.Member(object, name);
  if (member == kNoNode) {
    if (required) *error = std::string("request field `") + name + "` is required";
    return !required;
  }
  if (!doc.node(member).is_string()) {
    *error = std::string("request field `") + name + "` must be a string";
    return false;
  }
  out->assign(doc.node(member).text);
  return true;
}

// One context value: false when it is not a string, number or boolean, or
// `*out_of_range` when it is a number no double holds.
bool ReadScalar(const JsonNode& node, ContextScalar* out, bool* out_of_range) {
  switch (node.type) {
    case JsonType::kString:
      out->type = ContextScalar::Type::kString;
      out->text.assign(node.text);
      return true;
    case JsonType::kTrue:
    case JsonType::kFalse:
      out->type = ContextScalar::Type::kBool;
      out->boolean = node.type == JsonType::kTrue;
      out->text = out->boolean ? "true" : "false";
      return true;
    case JsonType::kNumber:
      if (ContextScalarFromJsonNumber(node.text, out)) return true;
      *out_of_range = true;
      return false;
    default:
      return false;
  }
}

// Reads the context object under the bindings' one rule for keys
// (iameval/context_reader.h): keys that differ only in case are one key and
// may be given once; InputLimits bound the keys, the values of a list and
// each value's length, checked before a value is copied.
bool ReadContext(const JsonDocument& doc, uint32_t object, ContextReader& reader,
                 std::string* error) {
  const JsonNode& node = doc.node(object);
  if (!node.is_object()) {
    *error = "request field `context` must be an object of condition keys";
    return false;
  }
  // Exact repetitions never reach the members below: the reader kept them out.
  if (auto duplicate = DuplicateMember(doc, object, /*ignore_case=*/false)) {
    *error = "duplicate context key " + Quote(*duplicate) + " (keys compare ignoring case)";
    return false;
  }
  for (uint32_t c = node.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    const JsonNode& entry = doc.node(c);
    const std::string_view key = entry.key;
    if (!reader.CheckKey(key, error)) return false;
    bool out_of_range = false;
    if (entry.is_array()) {
      if (!reader.CheckListSize(key, entry.child_count, error)) return false;
      std::vector<ContextScalar> values;
      values.reserve(entry.child_count);
      for (uint32_t i = entry.first_child; i != kNoNode; i = doc.node(i).next_sibling) {
        const JsonNode& item = doc.node(i);
        if (item.is_string() && !reader.CheckValueBytes(key, item.text.size(), error)) {
          return false;
        }
        ContextScalar scalar;
        if (!ReadScalar(item, &scalar, &out_of_range)) {
          *error =
              "context key " + Quote(key) +
              (out_of_range ? " holds a number out of range"
                            : " holds a list with a value that is not a string, number or boolean");
          return false;
        }
        values.push_back(std::move(scalar));
      }
      if (!reader.AddList(key, std::move(values), error)) return false;
      continue;
    }
    if (entry.is_string() && !reader.CheckValueBytes(key, entry.text.size(), error)) return false;
    ContextScalar scalar;
    if (!ReadScalar(entry, &scalar, &out_of_range)) {
      *error = "context key " + Quote(key) +
               (out_of_range ? " holds a number out of range"
                             : " must be a string, number, boolean or a list of those");
      return false;
    }
    if (!reader.Add(key, std::move(scalar), error)) return false;
  }
  return true;
}

}  // namespace

bool ReadRequest(const JsonDocument& doc, uint32_t object, const InputLimits& limits,
                 Request* request, std::string* error) {
  if (!doc.node(object).is_object()) {
    *error = "the request must be a JSON object";
    return false;
  }
  for (uint32_t c = doc.node(object).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    const std::string_view name = doc.node(c).key;
    bool known = false;
    for (std::string_view field : kRequestFieldNames) known = known || name == field;
    if (!known) {
      *error = "unknown request field " + Quote(name);
      return false;
    }
  }
  if (auto duplicate = DuplicateMember(doc, object, /*ignore_case=*/false)) {
    *error = "duplicate request field " + Quote(*duplicate);
    return false;
  }
  if (!ReadStringField(doc, object, "principal", &request->principal, error, true) ||
      !ReadStringField(doc, object, "action", &request->action, error, true) ||
      !ReadStringField(doc, object, "resource", &request->resource, error, true) ||
      !ReadStringField(doc, object, "resourceAccount", &request->resource_account, error, false) ||
      !ReadStringField(doc, object, "principalRoleArn", &request->principal_role_arn, error,
                       false) ||
      !ReadBoolField(doc, object, "principalIsServiceLinkedRole",
                     &request->principal_is_service_linked_role, error) ||
      !ReadBoolField(doc, object, "principalInManagementAccount",
                     &request->principal_in_management_account, error) ||
      !ReadBoolField(doc, object, "resourceInManagementAccount",
                     &request->resource_in_management_account, error) ||
      !ReadBoolField(doc, object, "resourceIsAwsManagedKey", &request->resource_is_aws_managed_key,
                     error)) {
    return false;
  }
  uint32_t required = doc.Member(object, "resourcePolicyRequired");
  if (required != kNoNode) {
    if (!doc.node(required).is_bool()) {
      *error = "request field `resourcePolicyRequired` must be true or false";
      return false;
    }
    request->resource_policy_rule = doc.node(required).type == JsonType::kTrue
                                        ? ResourcePolicyRule::kRequired
                                        : ResourcePolicyRule::kNotRequired;
  }
  RequestReader reader(request, limits);
  uint32_t kind = doc.Member(object, "resourcePolicyKind");
  PolicyKind parsed;
  if (kind != kNoNode &&
      !RequestReader::ResourcePolicyKind(doc.node(kind).is_string() ? doc.node(kind).text : "",
                                         &parsed, error)) {
    return false;
  }
  uint32_t time = doc.Member(object, "currentTime");
  // A value that is no string reads as text that is no date-time.
  if (time != kNoNode &&
      !reader.SetCurrentTime(doc.node(time).is_string() ? doc.node(time).text : "", error)) {
    return false;
  }
  uint32_t context = doc.Member(object, "context");
  return context == kNoNode || ReadContext(doc, context, reader.context(), error);
}

PolicyKind ResourcePolicyKindOf(const JsonDocument& doc, uint32_t node, const Request& request) {
  PolicyKind kind = InferResourcePolicyKind(request);
  uint32_t named = doc.Member(node, "resourcePolicyKind");
  if (named != kNoNode) ParsePolicyKindName(doc.node(named).text, &kind);
  return kind;
}

}  // namespace internal

RequestResult RequestFromJson(std::string_view request_json, const InputLimits& limits) {
  RequestResult result;
  try {
    // Nearly every request reads without an error: straight into the
    // Request, without the tree. The direct reader declines anything it
    // would not read exactly as the tree does, every error included, and
    // the tree path then words the error.
    if (internal::ReadRequestDirect(request_json, limits, &result.request.emplace())) return result;
    result.request.reset();
    internal::JsonDocument doc;
    // A request's errors name fields, not positions: its values need none.
    if (!internal::ReadJsonInput(request_json, "the request", limits, &doc, &result.error,
                                 /*locate=*/false)) {
      return result;
    }
    Request request;
    if (!internal::ReadRequest(doc, doc.root(), limits, &request, &result.error)) return result;
    result.request = std::move(request);
  } catch (...) {
    // json.h: never throws; out of memory is an internal error.
    result.request.reset();
    try {
      result.error = "internal error: out of memory";
    } catch (...) {
      result.error.clear();
    }
  }
  return result;
}

}  // namespace iameval
