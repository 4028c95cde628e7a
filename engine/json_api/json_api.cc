// File: engine/json_api/json_api.cc
//
// The JSON layer every binding wraps (include/iameval/json.h). It only
// translates: shapes in, C++ API calls, shapes out. Any rule about policies
// or decisions lives in the engine proper, never here.

#include <rapidjson/error/en.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <new>
#include <optional>
#include <utility>
#include <vector>

#include "iameval/context_reader.h"
#include "iameval/json.h"
#include "condition/values.h"
#include "json/rapidjson_types.h"

namespace iameval {
namespace {

// RapidJSON with an allocator that throws when memory runs out (never a null
// pointer written through): json/rapidjson_types.h.
using Document = internal::RapidDocument;
using Value = internal::RapidValue;
using StringBuffer = internal::RapidStringBuffer;
using JsonWriter = internal::RapidWriter<StringBuffer>;

std::string Quote(std::string_view text) { return "`" + std::string(text) + "`"; }

// A string value whole: GetString() alone would end at a `\u0000` escape, so
// that `"kmsKey\u0000junk"` read as `kmsKey`.
std::string_view StringOf(const Value& value) {
  return std::string_view(value.GetString(), value.GetStringLength());
}

// Deepest nesting of arrays and objects the JSON layer reads. RapidJSON's DOM
// is written out (Accept) by recursion, so input depth must be bounded before
// a DOM is built: a request nested 100,000 deep overflowed the stack. A policy
// set needs about 40 levels (the set, its lists, a document's own 32); deeper
// documents can still be given as text, which the policy parser reads without
// recursion under its own Limits::max_nesting_depth.
constexpr size_t kMaxInputDepth = 128;

// Whether `text` nests arrays and objects deeper than kMaxInputDepth, counted
// outside strings, so that no DOM of it would recurse deeper than that.
bool NestedTooDeep(std::string_view text) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxInputDepth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

// Parses `text` (named `what` in errors) into `doc` without recursing on its
// depth. Returns false with `*error` set when the text is nested too deep or
// is not JSON.
bool ParseBounded(std::string_view text, const char* what, const InputLimits& limits, Document* doc,
                  std::string* error) {
  // The size first: a 200 MB line costs one comparison, not a DOM.
  if (text.size() > limits.max_input_bytes) {
    *error = InputTooLongError(what, limits);
    return false;
  }
  // RapidJSON reads a NUL byte after the value as the end of the text, so
  // `{...}\0anything` would parse; NUL is never valid JSON text.
  const size_t nul = text.find('\0');
  if (nul != std::string_view::npos) {
    *error = std::string(what) + " is not JSON: a NUL byte at offset " + std::to_string(nul);
    return false;
  }
  if (NestedTooDeep(text)) {
    *error = std::string(what) + " nests arrays and objects deeper than " +
             std::to_string(kMaxInputDepth) + " levels";
    return false;
  }
  // Not kParseFullPrecisionFlag: RapidJSON 1.1.0's full-precision path reads
  // some out-of-range numbers (123456789012345678901234567890e300) as small
  // finite garbage instead of infinity, which the Finite check below could
  // not catch. The fast path may land one step from the written value.
  doc->Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc->HasParseError()) {
    *error = std::string(what) +
             " is not JSON: " + rapidjson::GetParseError_En(doc->GetParseError()) + " at offset " +
             std::to_string(doc->GetErrorOffset());
    return false;
  }
  return true;
}

// The first member name that `object` holds twice, or null. Context keys
// compare ignoring ASCII case, as the engine reads them. One reader taking
// the first of two members and another the last must not disagree about
// what was asked, so the JSON layer refuses duplicates rather than pick one
// (policy documents report theirs as `duplicate-key` findings).
std::optional<std::string> DuplicateMember(const Value& object, bool ignore_case) {
  std::vector<std::pair<std::string, std::string_view>> names;  // (compared form, as given)
  names.reserve(object.MemberCount());
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    std::string folded(name);
    if (ignore_case) {
      for (char& c : folded) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    names.emplace_back(std::move(folded), name);
  }
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 1; i < names.size(); ++i) {
    if (names[i].first == names[i - 1].first) return std::string(names[i].second);
  }
  return std::nullopt;
}

// The text of a policy document given either as a JSON object (re-serialized,
// indented, so that line:column in findings point somewhere readable) or as a
// string holding the raw document text.
std::string DocumentText(const Value& value) {
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  StringBuffer buffer;
  internal::RapidPrettyWriter<StringBuffer> writer(buffer);
  writer.SetIndent(' ', 2);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

struct SetAssembler {
  PolicyKind resource_kind;
  const Limits& limits;
  PolicySetResult* result;
  bool failed = false;

  std::optional<Policy> Parse(const Value& value, PolicyKind kind, const std::string& where) {
    if (!value.IsObject() && !value.IsString()) {
      result->error =
          "`" + where + "` must be a policy document (an object) or its text (a string)";
      failed = true;
      return std::nullopt;
    }
    ParseResult parsed = Policy::Parse(DocumentText(value), kind, limits);
    for (Finding& finding : parsed.findings) {
      DocumentFinding located;
      located.document = where;
      located.kind = kind;
      located.finding = std::move(finding);
      result->findings.push_back(std::move(located));
    }
    if (!parsed.ok()) failed = true;
    return std::move(parsed.policy);
  }

  std::vector<Policy> ParseList(const Value& value, PolicyKind kind, const std::string& where) {
    std::vector<Policy> policies;
    if (!value.IsArray()) {
      result->error = "`" + where + "` must be an array of policy documents";
      failed = true;
      return policies;
    }
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
      std::optional<Policy> policy = Parse(value[i], kind, where + "[" + std::to_string(i) + "]");
      if (policy) policies.push_back(std::move(*policy));
    }
    return policies;
  }

  std::vector<std::vector<Policy>> ParseLevels(const Value& value, PolicyKind kind,
                                               const std::string& where) {
    std::vector<std::vector<Policy>> levels;
    if (!value.IsArray()) {
      result->error = "`" + where + "` must be an array of levels, each an array of policies";
      failed = true;
      return levels;
    }
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
      levels.push_back(ParseList(value[i], kind, where + "[" + std::to_string(i) + "]"));
    }
    return levels;
  }
};

bool ReadBoolField(const Value& object, const char* name, bool* out, std::string* error) {
  auto member = object.FindMember(name);
  if (member == object.MemberEnd()) return true;
  if (!member->value.IsBool()) {
    *error = std::string("request field `") + name + "` must be true or false";
    return false;
  }
  *out = member->value.GetBool();
  return true;
}

bool ReadStringField(const Value& object, const char* name, std::string* out, std::string* error,
                     bool required) {
  auto member = object.FindMember(name);
  if (member == object.MemberEnd()) {
    if (required) *error = std::string("request field `") + name + "` is required";
    return !required;
  }
  if (!member->value.IsString()) {
    *error = std::string("request field `") + name + "` must be a string";
    return false;
  }
  out->assign(member->value.GetString(), member->value.GetStringLength());
  return true;
}

bool ReadScalar(const Value& value, ContextScalar* out) {
  if (value.IsString()) {
    out->type = ContextScalar::Type::kString;
    out->text.assign(value.GetString(), value.GetStringLength());
    return true;
  }
  if (value.IsBool()) {
    out->type = ContextScalar::Type::kBool;
    out->boolean = value.GetBool();
    out->text = out->boolean ? "true" : "false";
    return true;
  }
  if (value.IsNumber()) {
    // Build through Context so numbers print the same way on every surface.
    Context scratch;
    if (value.IsInt64()) {
      scratch.Set("n", static_cast<int64_t>(value.GetInt64()));
    } else {
      scratch.Set("n", value.GetDouble());
    }
    *out = scratch.entries().front().values.front();
    return true;
  }
  return false;
}

// RapidJSON refuses `1e400` but reads `123456789012345678901234567890e300`
// (digits past 64 bits, then the exponent) as infinity, which no JSON number
// means and no policy value (ReadNumber) can be.
bool Finite(const Value& value) { return !value.IsDouble() || std::isfinite(value.GetDouble()); }

// Reads the context object under the bindings' one rule for keys
// (iameval/context_reader.h): keys that differ only in case are one key and
// may be given once; InputLimits bound the keys, the values of a list and
// each value's length, checked before a value is copied.
bool ReadContext(const Value& value, const InputLimits& limits, Context* context,
                 std::string* error) {
  if (!value.IsObject()) {
    *error = "request field `context` must be an object of condition keys";
    return false;
  }
  ContextReader reader(context, limits);
  for (auto it = value.MemberBegin(); it != value.MemberEnd(); ++it) {
    std::string_view key(it->name.GetString(), it->name.GetStringLength());
    if (!reader.CheckKey(key, error)) return false;
    if (it->value.IsArray()) {
      if (!reader.CheckListSize(key, it->value.Size(), error)) return false;
      std::vector<ContextScalar> values;
      values.reserve(it->value.Size());
      for (const Value& item : it->value.GetArray()) {
        if (!Finite(item)) {
          *error = "context key " + Quote(key) + " holds a number out of range";
          return false;
        }
        if (item.IsString() && !reader.CheckValueBytes(key, item.GetStringLength(), error)) {
          return false;
        }
        ContextScalar scalar;
        if (!ReadScalar(item, &scalar)) {
          *error = "context key " + Quote(key) +
                   " holds a list with a value that is not a string, number or boolean";
          return false;
        }
        values.push_back(std::move(scalar));
      }
      if (!reader.AddList(key, std::move(values), error)) return false;
      continue;
    }
    if (!Finite(it->value)) {
      *error = "context key " + Quote(key) + " holds a number out of range";
      return false;
    }
    if (it->value.IsString() && !reader.CheckValueBytes(key, it->value.GetStringLength(), error)) {
      return false;
    }
    ContextScalar scalar;
    if (!ReadScalar(it->value, &scalar)) {
      *error =
          "context key " + Quote(key) + " must be a string, number, boolean or a list of those";
      return false;
    }
    if (!reader.Add(key, std::move(scalar), error)) return false;
  }
  return true;
}

const char* const kRequestFields[] = {"principal",
                                      "action",
                                      "resource",
                                      "resourceAccount",
                                      "context",
                                      "principalIsServiceLinkedRole",
                                      "principalInManagementAccount",
                                      "resourceInManagementAccount",
                                      "resourceIsAwsManagedKey",
                                      "resourcePolicyRequired",
                                      "resourcePolicyKind",
                                      "currentTime"};

bool ReadRequest(const Value& object, const InputLimits& limits, Request* request,
                 std::string* error) {
  if (!object.IsObject()) {
    *error = "the request must be a JSON object";
    return false;
  }
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    bool known = false;
    for (const char* field : kRequestFields) known = known || name == field;
    if (!known) {
      *error = "unknown request field " + Quote(name);
      return false;
    }
  }
  if (auto duplicate = DuplicateMember(object, /*ignore_case=*/false)) {
    *error = "duplicate request field " + Quote(*duplicate);
    return false;
  }
  if (!ReadStringField(object, "principal", &request->principal, error, true) ||
      !ReadStringField(object, "action", &request->action, error, true) ||
      !ReadStringField(object, "resource", &request->resource, error, true) ||
      !ReadStringField(object, "resourceAccount", &request->resource_account, error, false) ||
      !ReadBoolField(object, "principalIsServiceLinkedRole",
                     &request->principal_is_service_linked_role, error) ||
      !ReadBoolField(object, "principalInManagementAccount",
                     &request->principal_in_management_account, error) ||
      !ReadBoolField(object, "resourceInManagementAccount",
                     &request->resource_in_management_account, error) ||
      !ReadBoolField(object, "resourceIsAwsManagedKey", &request->resource_is_aws_managed_key,
                     error)) {
    return false;
  }
  auto required = object.FindMember("resourcePolicyRequired");
  if (required != object.MemberEnd()) {
    if (!required->value.IsBool()) {
      *error = "request field `resourcePolicyRequired` must be true or false";
      return false;
    }
    request->resource_policy_rule = required->value.GetBool() ? ResourcePolicyRule::kRequired
                                                              : ResourcePolicyRule::kNotRequired;
  }
  auto kind = object.FindMember("resourcePolicyKind");
  if (kind != object.MemberEnd()) {
    PolicyKind parsed;
    if (!kind->value.IsString() || !ParsePolicyKindName(StringOf(kind->value), &parsed) ||
        !IsResourcePolicyKind(parsed)) {
      *error = "request field `resourcePolicyKind` must be `resource`, `roleTrust` or `kmsKey`";
      return false;
    }
  }
  auto time = object.FindMember("currentTime");
  if (time != object.MemberEnd()) {
    internal::Instant instant;
    if (!time->value.IsString() || !internal::ReadInstant(StringOf(time->value), &instant)) {
      *error =
          "request field `currentTime` must be an ISO 8601 date-time such as "
          "`2026-01-31T12:00:00Z`";
      return false;
    }
    // Request::now is a system_clock time_point: with nanosecond ticks it
    // spans 1677 to 2262, and converting anything outside overflowed (UB).
    // One range for every platform, inside what each clock holds.
    constexpr int64_t kEarliest = -9'214'560'000;  // 1678-01-01T00:00:00Z
    constexpr int64_t kLatest = 9'214'646'399;     // 2261-12-31T23:59:59Z
    if (instant.seconds < kEarliest || instant.seconds > kLatest) {
      *error =
          "request field `currentTime` must be between 1678-01-01T00:00:00Z and "
          "2261-12-31T23:59:59Z";
      return false;
    }
    request->now = std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(instant.seconds) + std::chrono::nanoseconds(instant.nanos)));
  }
  auto context = object.FindMember("context");
  if (context != object.MemberEnd() &&
      !ReadContext(context->value, limits, &request->context, error)) {
    return false;
  }
  return true;
}

void WriteString(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void WriteFinding(JsonWriter& w, const Finding& finding, const std::string* document) {
  w.StartObject();
  w.Key("code");
  WriteString(w, finding.code);
  w.Key("severity");
  WriteString(w, SeverityName(finding.severity));
  w.Key("message");
  WriteString(w, finding.message);
  w.Key("path");
  WriteString(w, finding.path);
  w.Key("line");
  w.Uint(finding.line);
  w.Key("column");
  w.Uint(finding.column);
  if (!finding.help.empty()) {
    w.Key("help");
    WriteString(w, finding.help);
  }
  if (document != nullptr) {
    w.Key("document");
    WriteString(w, *document);
  }
  w.EndObject();
}

void WriteExplanation(JsonWriter& w, const Explanation& explanation) {
  w.StartObject();
  w.Key("reason");
  WriteString(w, explanation.reason);
  w.Key("determining");
  w.StartArray();
  for (const StatementRef& ref : explanation.determining) {
    w.StartObject();
    w.Key("kind");
    WriteString(w, PolicyKindName(ref.kind));
    w.Key("policyIndex");
    w.Int(ref.policy_index);
    if (ref.level >= 0) {
      w.Key("level");
      w.Int(ref.level);
    }
    if (!ref.policy_id.empty()) {
      w.Key("policyId");
      WriteString(w, ref.policy_id);
    }
    w.Key("statementIndex");
    w.Int(ref.statement_index);
    if (!ref.sid.empty()) {
      w.Key("sid");
      WriteString(w, ref.sid);
    }
    w.Key("effect");
    WriteString(w, EffectName(ref.effect));
    w.Key("line");
    w.Uint(ref.line);
    w.Key("column");
    w.Uint(ref.column);
    w.EndObject();
  }
  w.EndArray();
  w.Key("verdicts");
  w.StartArray();
  for (const KindVerdict& verdict : explanation.verdicts) {
    w.StartObject();
    w.Key("kind");
    WriteString(w, PolicyKindName(verdict.kind));
    if (verdict.level >= 0) {
      w.Key("level");
      w.Int(verdict.level);
    }
    w.Key("verdict");
    WriteString(w, VerdictName(verdict.verdict));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// An Answer's error code: the request's fault or the engine's. An error
// without a code (an Answer a binding assembled by hand) is the engine's.
std::string_view AnswerErrorCode(const Answer& answer) {
  return answer.error_code == DecideError::kInvalidRequest
             ? DecideErrorName(DecideError::kInvalidRequest)
             : DecideErrorName(DecideError::kInternal);
}

void WriteAnswerError(JsonWriter& w, const Answer& answer) {
  w.Key("error");
  if (answer.error == nullptr) {
    w.Null();
    return;
  }
  WriteString(w, AnswerErrorCode(answer));
  w.Key("message");
  WriteString(w, answer.error);
}

std::string ErrorJson(std::string_view error, std::string_view message) {
  StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("decision");
  w.Null();
  w.Key("error");
  WriteString(w, error);
  w.Key("message");
  WriteString(w, message);
  w.Key("findings");
  w.StartArray();
  w.EndArray();
  w.EndObject();
  return buffer.GetString();
}

bool ParseInput(std::string_view text, const InputLimits& limits, Document* doc,
                std::string* error) {
  if (!ParseBounded(text, "the input", limits, doc, error)) return false;
  if (!doc->IsObject()) {
    *error = "the input must be a JSON object";
    return false;
  }
  return true;
}

std::string DecideJsonOrThrow(std::string_view input_json, const InputLimits& limits) {
  Document input;
  std::string error;
  if (!ParseInput(input_json, limits, &input, &error)) return ErrorJson("invalid-input", error);
  if (auto duplicate = DuplicateMember(input, /*ignore_case=*/false)) {
    return ErrorJson("invalid-input", "duplicate input field " + Quote(*duplicate));
  }
  for (auto it = input.MemberBegin(); it != input.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    if (name != "policies" && name != "request" && name != "explain") {
      return ErrorJson("invalid-input", "unknown input field " + Quote(name));
    }
  }
  auto request_member = input.FindMember("request");
  if (request_member == input.MemberEnd()) {
    return ErrorJson("invalid-request", "the input has no `request`");
  }
  Request request;
  if (!ReadRequest(request_member->value, limits, &request, &error)) {
    return ErrorJson("invalid-request", error);
  }
  PolicyKind resource_kind = InferResourcePolicyKind(request);
  auto kind = request_member->value.FindMember("resourcePolicyKind");
  if (kind != request_member->value.MemberEnd()) {
    ParsePolicyKindName(StringOf(kind->value), &resource_kind);
  }
  bool explain = false;
  auto explain_member = input.FindMember("explain");
  if (explain_member != input.MemberEnd()) {
    if (!explain_member->value.IsBool())
      return ErrorJson("invalid-input", "`explain` must be true or false");
    explain = explain_member->value.GetBool();
  }

  PolicySetResult set;
  auto policies = input.FindMember("policies");
  if (policies == input.MemberEnd()) {
    set = PolicySetFromJson("{}", resource_kind, Limits(), limits);
  } else {
    StringBuffer buffer;
    JsonWriter writer(buffer);
    policies->value.Accept(writer);
    set = PolicySetFromJson(std::string_view(buffer.GetString(), buffer.GetSize()), resource_kind,
                            Limits(), limits);
  }

  StringBuffer buffer;
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
  for (const DocumentFinding& finding : set.findings)
    WriteFinding(w, finding.finding, &finding.document);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

namespace {

// The JSON functions never throw (json.h): an exception, in practice memory
// running out, becomes the result's error; and when even that text cannot be
// made, a result that is not ok() with an empty error, or an empty answer
// string, which no reader takes for a decision.
template <typename Result>
void SetInternalError(Result* result) noexcept {
  try {
    result->error = "internal error: out of memory";
  } catch (...) {
    result->error.clear();
  }
}

std::string ErrorJsonOrEmpty(std::string_view error, std::string_view message) noexcept {
  try {
    return ErrorJson(error, message);
  } catch (...) {
    return std::string();
  }
}

PolicySetResult PolicySetFromJsonOrThrow(std::string_view policies_json, PolicyKind resource_kind,
                                         const Limits& limits, const InputLimits& input_limits) {
  PolicySetResult result;
  Document doc;
  if (!ParseBounded(policies_json, "the policies", input_limits, &doc, &result.error)) {
    return result;
  }
  if (!doc.IsObject()) {
    result.error = "the policies must be a JSON object";
    return result;
  }
  if (auto duplicate = DuplicateMember(doc, /*ignore_case=*/false)) {
    result.error = "duplicate policies field " + Quote(*duplicate);
    return result;
  }
  SetAssembler assembler{resource_kind, limits, &result};
  PolicySet::Builder builder;
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd() && result.error.empty(); ++it) {
    std::string name(it->name.GetString(), it->name.GetStringLength());
    const Value& value = it->value;
    if (name == "identity") {
      for (Policy& p : assembler.ParseList(value, PolicyKind::kIdentity, name))
        builder.AddIdentityPolicy(std::move(p));
    } else if (name == "resource") {
      if (auto p = assembler.Parse(value, resource_kind, name))
        builder.SetResourcePolicy(std::move(*p));
    } else if (name == "permissionsBoundary") {
      if (auto p = assembler.Parse(value, PolicyKind::kPermissionsBoundary, name))
        builder.SetPermissionsBoundary(std::move(*p));
    } else if (name == "sessionPolicies") {
      for (Policy& p : assembler.ParseList(value, PolicyKind::kSession, name))
        builder.AddSessionPolicy(std::move(p));
    } else if (name == "scps") {
      for (auto& level : assembler.ParseLevels(value, PolicyKind::kServiceControl, name))
        builder.AddScpLevel(std::move(level));
    } else if (name == "rcps") {
      for (auto& level : assembler.ParseLevels(value, PolicyKind::kResourceControl, name))
        builder.AddRcpLevel(std::move(level));
    } else {
      result.error = "unknown policies field " + Quote(name);
    }
  }
  if (!result.error.empty() || assembler.failed) return result;
  BuildResult built = std::move(builder).Build();
  if (!built.ok()) {
    result.error = built.error;
    return result;
  }
  result.set = std::move(built.set);
  return result;
}

RequestResult RequestFromJsonOrThrow(std::string_view request_json, const InputLimits& limits) {
  RequestResult result;
  Document doc;
  if (!ParseBounded(request_json, "the request", limits, &doc, &result.error)) return result;
  Request request;
  if (!ReadRequest(doc, limits, &request, &result.error)) return result;
  result.request = std::move(request);
  return result;
}

}  // namespace

PolicySetResult PolicySetFromJson(std::string_view policies_json, PolicyKind resource_kind,
                                  const Limits& limits, const InputLimits& input_limits) {
  try {
    return PolicySetFromJsonOrThrow(policies_json, resource_kind, limits, input_limits);
  } catch (...) {
    PolicySetResult result;
    SetInternalError(&result);
    return result;
  }
}

RequestResult RequestFromJson(std::string_view request_json, const InputLimits& limits) {
  try {
    return RequestFromJsonOrThrow(request_json, limits);
  } catch (...) {
    RequestResult result;
    SetInternalError(&result);
    return result;
  }
}

std::string AnswerToJson(const Answer& answer, const Explanation* explanation) try {
  StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("decision");
  WriteString(w, DecisionName(answer.decision));
  WriteAnswerError(w, answer);
  if (explanation != nullptr) {
    w.Key("explanation");
    WriteExplanation(w, *explanation);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
} catch (...) {
  return std::string();  // out of memory: no answer, never a partial one
}

std::string FindingsToJson(const std::vector<Finding>& findings) try {
  StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("findings");
  w.StartArray();
  for (const Finding& finding : findings) WriteFinding(w, finding, nullptr);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
} catch (...) {
  return std::string();
}

std::string DecideJson(std::string_view input_json, const InputLimits& limits) {
  try {
    return DecideJsonOrThrow(input_json, limits);
  } catch (const std::bad_alloc&) {
    return ErrorJsonOrEmpty("internal-error", "out of memory");
  } catch (...) {
    return ErrorJsonOrEmpty("internal-error", "internal error");
  }
}

std::string CheckJson(std::string_view input_json, const InputLimits& limits) {
  try {
    Document input;
    std::string error;
    if (!ParseInput(input_json, limits, &input, &error)) return ErrorJson("invalid-input", error);
    if (auto duplicate = DuplicateMember(input, /*ignore_case=*/false)) {
      return ErrorJson("invalid-input", "duplicate input field " + Quote(*duplicate));
    }
    auto policy = input.FindMember("policy");
    if (policy == input.MemberEnd()) return ErrorJson("invalid-input", "the input has no `policy`");
    PolicyKind kind = PolicyKind::kIdentity;
    auto kind_member = input.FindMember("kind");
    if (kind_member != input.MemberEnd() &&
        (!kind_member->value.IsString() ||
         !ParsePolicyKindName(StringOf(kind_member->value), &kind))) {
      return ErrorJson("invalid-input", "`kind` must be a policy kind name such as `identity`");
    }
    // `enforceAwsSizeQuotas`: a document over its kind's size quota is an
    // error rather than a warning (gating customer policies in CI).
    Limits limits;
    auto enforce = input.FindMember("enforceAwsSizeQuotas");
    if (enforce != input.MemberEnd()) {
      if (!enforce->value.IsBool())
        return ErrorJson("invalid-input", "`enforceAwsSizeQuotas` must be true or false");
      limits.enforce_aws_size_quotas = enforce->value.GetBool();
    }
    std::vector<Finding> findings = Check(DocumentText(policy->value), kind, limits);
    StringBuffer buffer;
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
  } catch (...) {
    return ErrorJsonOrEmpty("internal-error", "internal error");
  }
}

}  // namespace iameval
