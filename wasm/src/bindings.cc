// File: wasm/src/bindings.cc
//
// The C ABI that the WebAssembly module exports, and nothing else: calls take
// JSON text and leave JSON text, through the one JSON layer the other
// bindings wrap (iameval/json.h), plus integer handles for compiled policy
// sets; and iameval_decide_packed takes requests in a binary form (see
// "Packed requests" below) and leaves one decision code per request. The
// JavaScript package (wasm/index.js) is the only intended caller.
//
// Strings cross the boundary as (pointer, byte length) pairs of UTF-8 that the
// caller allocated with malloc; results are left in one module-wide buffer
// that iameval_result_data/iameval_result_size expose until the next call.
// The module is single-threaded, so one buffer is enough.
//
// Nothing here decides anything: it reads and writes JSON (or packed
// requests, exactly as the JSON layer would read them) and keeps handles.
// No exception crosses the boundary; a failure is a status code plus JSON.

#include <emscripten/emscripten.h>

#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "iameval/json.h"
#include "json/rapidjson_types.h"

namespace {

// Status codes of the exported calls; wasm/lib/core.js mirrors them.
enum Status : int {
  kOk = 0,
  kInvalidPolicy = 1,   // the result holds {"error", "documents"}
  kInvalidRequest = 2,  // the result holds {"index", "error"}
  kNoSuchHandle = 3,    // the handle was freed or never existed
  kInternal = 4,        // an exception escaped the engine (out of memory)
  kNeedsJson = 5,       // a packed request the packed reader cannot vouch for:
                        // the caller decides the batch through JSON instead
};

std::string g_result;

// The engine's InputLimits (iameval/context_reader.h), set once by load()'s
// `limits` option through iameval_set_limits; the defaults otherwise.
iameval::InputLimits g_limits;

struct Handle {
  iameval::PolicySet set;
};
std::unordered_map<uint32_t, Handle> g_handles;
uint32_t g_next_handle = 1;

std::string_view View(const char* data, size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

// `s` as a JSON string literal.
std::string JsonString(std::string_view s) {
  iameval::internal::RapidStringBuffer sb;
  iameval::internal::RapidWriter<iameval::internal::RapidStringBuffer> w(sb);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return sb.GetString();
}

// {"error": "..." or null, "documents": [{"document": "identity[0]", "kind":
// "identity", "report": {"findings": [...]}}, ...]}: the findings of a
// PolicySetResult grouped by document, each group in FindingsToJson's shape.
std::string CompileReport(const iameval::PolicySetResult& result) {
  std::string out = "{\"error\":";
  out += result.error.empty() ? "null" : JsonString(result.error);
  out += ",\"documents\":[";
  const auto& all = result.findings;
  for (size_t i = 0; i < all.size();) {
    std::vector<iameval::Finding> group;
    size_t j = i;
    while (j < all.size() && all[j].document == all[i].document) group.push_back(all[j++].finding);
    if (i > 0) out += ',';
    out += "{\"document\":" + JsonString(all[i].document);
    out += ",\"kind\":" + JsonString(iameval::PolicyKindName(all[i].kind));
    out += ",\"report\":" + iameval::FindingsToJson(group) + "}";
    i = j;
  }
  out += "]}";
  return out;
}

std::string RequestErrorJson(size_t index, std::string_view message) {
  return "{\"index\":" + std::to_string(index) + ",\"error\":" + JsonString(message) + "}";
}

const Handle* Find(uint32_t handle) {
  auto it = g_handles.find(handle);
  return it == g_handles.end() ? nullptr : &it->second;
}

// Runs `body`, turning any escaping exception into kInternal.
template <typename Body>
int Guarded(Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    g_result = e.what();
  } catch (...) {
    g_result = "unknown exception";
  }
  return kInternal;
}

// ---- Packed requests ----------------------------------------------------
//
// PolicySet.decide/decideMany without an explanation send requests in a
// compact binary form (written by wasm/lib/packed.js, which documents the
// layout) instead of JSON: no JSON text is built, parsed or written per
// request. The requests are read into one Request that lives as long as the
// module, assigning into its strings and context entries so that their
// capacity is kept; a field the caller did not change since the previous
// packed request is not sent again and is left as it is.
//
// The packed form must mean exactly what RequestFromJson would have read from
// JSON.stringify(request). The encoder sends anything unusual (a wrong type,
// an unknown field, a missing field, a string that is not well-formed UTF-16)
// as a JSON record, which is read by RequestFromJson itself. What only C++
// can check cheaply (a context key given twice ignoring case, currentTime,
// resourcePolicyKind, a non-integral number) is checked here with the same
// functions the JSON layer uses; where that fails, kNeedsJson tells the
// caller to decide the whole batch through JSON, which then gives the JSON
// layer's own error for it.

// Record flags (first byte of a record).
enum : uint8_t {
  kSetPrincipal = 0x01,
  kSetAction = 0x02,
  kSetResource = 0x04,
  kSetResourceAccount = 0x08,
  kSetCurrentTime = 0x10,
  kHasResourcePolicyKind = 0x20,
  kSetContext = 0x40,
  kJsonRecord = 0x80,
};
// Context blocks.
enum : uint8_t { kContextUpdate = 1, kContextRebuild = 2, kContextSwap = 3 };
constexpr uint8_t kNoSlot = 0xFF;
constexpr size_t kParked = 4;  // as PARKED in packed.js
// Value tags.
enum : uint8_t { kString = 0, kFalse = 1, kTrue = 2, kInteger = 3, kNumberText = 4, kList = 5 };
// Decision codes written for each request.
enum : uint8_t {
  kCodeAllowed = 0,
  kCodeExplicitDeny = 1,
  kCodeImplicitDeny = 2,
  kCodeWithError = 3
};
constexpr uint32_t kAbsent = 0xFFFFFFFFu;

// The input was not what wasm/lib/packed.js writes: a bug, never user input.
struct Malformed {};
// Something the packed reader cannot vouch for: decide through JSON.
struct NeedsJson {};

class PackedReader {
 public:
  PackedReader(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  bool done() const { return p_ == end_; }
  uint8_t Byte() {
    if (p_ == end_) throw Malformed();
    return *p_++;
  }
  uint32_t U32() {
    if (end_ - p_ < 4) throw Malformed();
    uint32_t v;
    std::memcpy(&v, p_, 4);
    p_ += 4;
    return v;
  }
  double F64() {
    if (end_ - p_ < 8) throw Malformed();
    double v;
    std::memcpy(&v, p_, 8);
    p_ += 8;
    return v;
  }
  std::string_view Bytes(uint32_t n) {
    if (static_cast<size_t>(end_ - p_) < n) throw Malformed();
    std::string_view v(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return v;
  }
  std::string_view String() { return Bytes(U32()); }

  // A string that may go through the table of strings sent before: the u32
  // header is its length (top two bits 00), or 01 + an id to define with the
  // str that follows, or 10 + an id defined before. The view is valid until
  // the next Field call (a definition may move the table).
  std::string_view Field(std::vector<std::string>& table) {
    const uint32_t h = U32();
    const uint32_t id = h & 0x3FFFFFFFu;
    switch (h >> 30) {
      case 0:
        return Bytes(h);
      case 1: {
        std::string_view bytes = String();
        if (id > table.size() || id >= kMaxStrings) throw Malformed();
        if (id == table.size()) table.emplace_back();
        table[id].assign(bytes.data(), bytes.size());
        return table[id];
      }
      case 2:
        if (id >= table.size()) throw Malformed();
        return table[id];
      default:
        throw Malformed();
    }
  }
  static constexpr uint32_t kMaxStrings = 1 << 16;

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

struct PackedState {
  iameval::Request request;  // the current packed request, reused
  std::string time_text;     // currentTime as last sent, and what it read as
  std::optional<std::chrono::system_clock::time_point> time;
  std::string key;                           // scratch
  iameval::Context number_scratch;           // builds number scalars as the JSON layer does
  std::vector<iameval::ContextScalar> list;  // scratch for lists
  // Strings the encoder defined once and now sends by id (see Field).
  std::vector<std::string> strings;
  // Contexts of other key sets, kept so that a stream of requests of a few
  // shapes swaps contexts instead of building them again.
  iameval::Context parked[kParked];
};
PackedState* g_packed = nullptr;

PackedState& Packed() {
  if (g_packed == nullptr) g_packed = new PackedState();
  return *g_packed;
}

void Forget() {
  delete g_packed;
  g_packed = nullptr;
}

// A JSON number's text read as the JSON layer reads it (RapidJSON's default
// precision; an integer that fits int64 stays an integer), as Context::Set
// would be called with it.
struct JsonNumber {
  bool is_int = false;
  int64_t i = 0;
  double d = 0;
};
JsonNumber ReadNumberText(std::string_view text) {
  iameval::internal::RapidDocument doc;
  doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsNumber()) throw NeedsJson();
  JsonNumber n;
  if (doc.IsInt64()) {
    n.is_int = true;
    n.i = doc.GetInt64();
  } else {
    n.d = doc.GetDouble();
    if (!std::isfinite(n.d)) throw NeedsJson();
  }
  return n;
}

// A number the encoder sent as an integer: Number.isSafeInteger in JS, whose
// JSON text RapidJSON reads as that int64.
int64_t SafeInteger(double v) {
  if (!(std::fabs(v) <= 9007199254740991.0) || std::trunc(v) != v) throw Malformed();
  return static_cast<int64_t>(v);
}

// A context value within g_limits, or NeedsJson: the JSON layer then gives
// the limit's own error.
std::string_view LimitedValue(std::string_view value) {
  if (value.size() > g_limits.max_context_value_bytes) throw NeedsJson();
  return value;
}

// A list item, built as the JSON layer's ReadScalar builds it.
void ReadListItem(PackedReader& in, PackedState& st, iameval::ContextScalar* out) {
  const uint8_t tag = in.Byte();
  switch (tag) {
    case kString:
      out->type = iameval::ContextScalar::Type::kString;
      out->text.assign(LimitedValue(in.Field(st.strings)));
      return;
    case kFalse:
    case kTrue:
      out->type = iameval::ContextScalar::Type::kBool;
      out->boolean = tag == kTrue;
      out->text = out->boolean ? "true" : "false";
      return;
    case kInteger:
    case kNumberText: {
      if (tag == kInteger) {
        st.number_scratch.Set("n", SafeInteger(in.F64()));
      } else {
        JsonNumber n = ReadNumberText(in.String());
        if (n.is_int) {
          st.number_scratch.Set("n", n.i);
        } else {
          st.number_scratch.Set("n", n.d);
        }
      }
      *out = st.number_scratch.entries().front().values.front();
      return;
    }
    default:
      throw Malformed();
  }
}

// Sets context key `key` to the value that follows.
void ReadValue(PackedReader& in, PackedState& st, iameval::Context& context, std::string_view key) {
  const uint8_t tag = in.Byte();
  switch (tag) {
    case kString:
      context.Set(key, LimitedValue(in.Field(st.strings)));
      return;
    case kFalse:
    case kTrue:
      context.Set(key, tag == kTrue);
      return;
    case kInteger:
      context.Set(key, SafeInteger(in.F64()));
      return;
    case kNumberText: {
      JsonNumber n = ReadNumberText(in.String());
      if (n.is_int) {
        context.Set(key, n.i);
      } else {
        context.Set(key, n.d);
      }
      return;
    }
    case kList: {
      const uint32_t count = in.U32();
      if (count > g_limits.max_context_values) throw NeedsJson();
      st.list.clear();
      st.list.resize(count);
      for (uint32_t i = 0; i < count; ++i) ReadListItem(in, st, &st.list[i]);
      context.SetList(key, std::move(st.list));
      st.list = {};
      return;
    }
    default:
      throw Malformed();
  }
}

uint8_t Slot(PackedReader& in, bool may_be_none) {
  const uint8_t slot = in.Byte();
  if (slot < kParked || (may_be_none && slot == kNoSlot)) return slot;
  throw Malformed();
}

void ReadContextBlock(PackedReader& in, PackedState& st) {
  iameval::Context& context = st.request.context;
  const uint8_t mode = in.Byte();
  if (mode == kContextUpdate || mode == kContextSwap) {
    // The same keys as the previous request (or as the context parked in
    // that slot, swapped in), in the same order; some values changed.
    if (mode == kContextSwap) std::swap(context, st.parked[Slot(in, false)]);
    for (uint32_t changes = in.U32(); changes > 0; --changes) {
      const uint32_t index = in.U32();
      if (index >= context.entries().size()) throw Malformed();
      st.key = context.entries()[index].key;
      ReadValue(in, st, context, st.key);
    }
    return;
  }
  if (mode != kContextRebuild) throw Malformed();
  const uint8_t park = Slot(in, true);
  if (park != kNoSlot) std::swap(context, st.parked[park]);
  const uint32_t count = in.U32();
  if (count > g_limits.max_context_keys) throw NeedsJson();
  context = iameval::Context();
  for (uint32_t i = 0; i < count; ++i) {
    st.key.assign(in.Field(st.strings));  // a copy: the value may move the table
    ReadValue(in, st, context, st.key);
    // Set replaces a key that is already there (ignoring case): the JSON
    // layer refuses such a request instead.
    if (context.entries().size() != i + 1) throw NeedsJson();
  }
}

// currentTime as RequestFromJson reads it: through RequestFromJson, once per
// distinct text.
void ReadCurrentTime(std::string_view text, PackedState& st) {
  if (text == st.time_text && st.time) {
    st.request.now = st.time;
    return;
  }
  std::string json = "{\"principal\":\"\",\"action\":\"\",\"resource\":\"\",\"currentTime\":";
  json += JsonString(text);
  json += '}';
  iameval::RequestResult parsed = iameval::RequestFromJson(json);
  if (!parsed.ok() || !parsed.request->now) throw NeedsJson();
  st.time_text.assign(text);
  st.time = parsed.request->now;
  st.request.now = st.time;
}

// Reads one packed record into st.request.
void ReadPackedRequest(PackedReader& in, uint8_t flags, PackedState& st) {
  iameval::Request& r = st.request;
  const uint8_t facts = in.Byte();
  r.principal_is_service_linked_role = (facts & 0x01) != 0;
  r.principal_in_management_account = (facts & 0x02) != 0;
  r.resource_in_management_account = (facts & 0x04) != 0;
  r.resource_is_aws_managed_key = (facts & 0x08) != 0;
  switch ((facts >> 4) & 0x03) {
    case 0:
      r.resource_policy_rule = iameval::ResourcePolicyRule::kInferred;
      break;
    case 1:
      r.resource_policy_rule = iameval::ResourcePolicyRule::kRequired;
      break;
    case 2:
      r.resource_policy_rule = iameval::ResourcePolicyRule::kNotRequired;
      break;
    default:
      throw Malformed();
  }
  if (flags & kSetPrincipal) r.principal.assign(in.Field(st.strings));
  if (flags & kSetAction) r.action.assign(in.Field(st.strings));
  if (flags & kSetResource) r.resource.assign(in.Field(st.strings));
  if (flags & kSetResourceAccount) r.resource_account.assign(in.Field(st.strings));
  if (flags & kSetCurrentTime) {
    const uint32_t size = in.U32();
    if (size == kAbsent) {
      r.now.reset();
    } else {
      ReadCurrentTime(in.Bytes(size), st);
    }
  }
  if (flags & kHasResourcePolicyKind) {
    // Read only to be checked, as RequestFromJson does.
    iameval::PolicyKind kind;
    if (!iameval::ParsePolicyKindName(in.String(), &kind) || !iameval::IsResourcePolicyKind(kind)) {
      throw NeedsJson();
    }
  }
  if (flags & kSetContext) ReadContextBlock(in, st);
}

uint8_t CodeOf(const iameval::Answer& answer) {
  if (answer.error != nullptr) return kCodeWithError;
  switch (answer.decision) {
    case iameval::Decision::kAllowed:
      return kCodeAllowed;
    case iameval::Decision::kExplicitDeny:
      return kCodeExplicitDeny;
    case iameval::Decision::kImplicitDeny:
      break;
  }
  return kCodeImplicitDeny;
}

}  // namespace

extern "C" {

// The result of the last call: UTF-8, not NUL-terminated for the caller's use.
EMSCRIPTEN_KEEPALIVE const char* iameval_result_data() { return g_result.data(); }
EMSCRIPTEN_KEEPALIVE size_t iameval_result_size() { return g_result.size(); }

// iameval::DecideJson: {"policies", "request", "explain", ...} in, its answer out.
EMSCRIPTEN_KEEPALIVE int iameval_decide_json(const char* input, size_t size) {
  return Guarded([&] {
    g_result = iameval::DecideJson(View(input, size), g_limits);
    return kOk;
  });
}

// iameval::CheckJson: {"policy", "kind"} in, {"findings", "valid"} out.
EMSCRIPTEN_KEEPALIVE int iameval_check_json(const char* input, size_t size) {
  return Guarded([&] {
    g_result = iameval::CheckJson(View(input, size), g_limits);
    return kOk;
  });
}

// InferResourcePolicyKind for a request object: the kind name on kOk, the
// request error on kInvalidRequest.
EMSCRIPTEN_KEEPALIVE int iameval_infer_resource_kind(const char* request, size_t size) {
  return Guarded([&] {
    iameval::RequestResult parsed = iameval::RequestFromJson(View(request, size), g_limits);
    if (!parsed.ok()) {
      g_result = RequestErrorJson(0, parsed.error);
      return kInvalidRequest;
    }
    g_result =
        std::string(iameval::PolicyKindName(iameval::InferResourcePolicyKind(*parsed.request)));
    return kOk;
  });
}

// Compiles a `policies` object (conformance format) into a handle, written to
// *handle_out (0 when the set has errors). The result is CompileReport's JSON
// in both cases, so warnings reach the caller too. `resource_kind` is a
// PolicyKindName ("resource", "roleTrust", "kmsKey") or empty for "resource".
EMSCRIPTEN_KEEPALIVE int iameval_compile(const char* policies, size_t size,
                                         const char* resource_kind, size_t kind_size,
                                         uint32_t* handle_out) {
  return Guarded([&] {
    *handle_out = 0;
    iameval::PolicyKind kind = iameval::PolicyKind::kResource;
    std::string_view kind_name = View(resource_kind, kind_size);
    if (!kind_name.empty() &&
        (!iameval::ParsePolicyKindName(kind_name, &kind) || !iameval::IsResourcePolicyKind(kind))) {
      iameval::PolicySetResult bad;
      bad.error = "`resourcePolicyKind` must be `resource`, `roleTrust` or `kmsKey`, not `" +
                  std::string(kind_name) + "`";
      g_result = CompileReport(bad);
      return kInvalidPolicy;
    }
    iameval::PolicySetResult result =
        iameval::PolicySetFromJson(View(policies, size), kind, iameval::Limits(), g_limits);
    g_result = CompileReport(result);
    if (!result.ok()) return kInvalidPolicy;
    uint32_t id = g_next_handle++;
    if (g_next_handle == 0) g_next_handle = 1;  // 0 means "no handle"
    g_handles.emplace(id, Handle{std::move(*result.set)});
    *handle_out = id;
    return kOk;
  });
}

// Frees a handle. Freeing an unknown handle is kNoSuchHandle, not a crash.
EMSCRIPTEN_KEEPALIVE int iameval_free(uint32_t handle) {
  return g_handles.erase(handle) == 1 ? kOk : kNoSuchHandle;
}

// Sets the InputLimits of every later call. A limit of 2^53 or more
// (Infinity included) means none.
EMSCRIPTEN_KEEPALIVE void iameval_set_limits(double input_bytes, double context_keys,
                                             double context_values, double value_bytes) {
  auto size = [](double v) {
    return v >= 9007199254740992.0 ? SIZE_MAX : static_cast<size_t>(v > 0 ? v : 0);
  };
  g_limits.max_input_bytes = size(input_bytes);
  g_limits.max_context_keys = size(context_keys);
  g_limits.max_context_values = size(context_values);
  g_limits.max_context_value_bytes = size(value_bytes);
}

// The number of live handles, for leak tests.
EMSCRIPTEN_KEEPALIVE size_t iameval_live_handles() { return g_handles.size(); }

// Decides a batch of requests against one handle: `requests` holds one
// request object per line (JSON.stringify never emits a raw newline), the
// result is a JSON array of AnswerToJson objects in the same order. A request
// that cannot be read stops the batch with kInvalidRequest.
EMSCRIPTEN_KEEPALIVE int iameval_decide_lines(uint32_t handle, const char* requests, size_t size,
                                              int explain) {
  return Guarded([&] {
    const Handle* h = Find(handle);
    if (h == nullptr) {
      g_result = "no such handle";
      return kNoSuchHandle;
    }
    std::string_view rest = View(requests, size);
    std::string out = "[";
    iameval::Explanation why;
    size_t index = 0;
    while (!rest.empty()) {
      size_t end = rest.find('\n');
      std::string_view line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
      iameval::RequestResult request = iameval::RequestFromJson(line, g_limits);
      if (!request.ok()) {
        g_result = RequestErrorJson(index, request.error);
        return kInvalidRequest;
      }
      why.Clear();
      iameval::Answer answer = h->set.Decide(*request.request, explain ? &why : nullptr);
      if (index > 0) out += ',';
      out += iameval::AnswerToJson(answer, explain ? &why : nullptr);
      ++index;
    }
    out += ']';
    g_result = std::move(out);
    return kOk;
  });
}

// Decides `count` packed requests (wasm/lib/packed.js writes them) against
// one handle, writing one decision code per request to `codes`: 0 allowed,
// 1 explicitDeny, 2 implicitDeny, 3 an answer with an error, whose
// AnswerToJson objects are then the result, a JSON array in request order
// (else the result is empty). A JSON record that cannot be read stops the
// batch with kInvalidRequest, as in iameval_decide_lines; kNeedsJson asks
// the caller to decide the whole batch through iameval_decide_lines.
// After any status but kOk the packed state is forgotten: the next packed
// request must send every field.
EMSCRIPTEN_KEEPALIVE int iameval_decide_packed(uint32_t handle, const uint8_t* input, size_t size,
                                               uint8_t* codes, uint32_t count) {
  int status = Guarded([&] {
    const Handle* h = Find(handle);
    if (h == nullptr) {
      g_result = "no such handle";
      return kNoSuchHandle;
    }
    PackedState& st = Packed();
    PackedReader in(input, size);
    g_result.clear();
    bool errors = false;
    for (uint32_t index = 0; index < count; ++index) {
      iameval::Answer answer;
      try {
        const uint8_t flags = in.Byte();
        if (flags & kJsonRecord) {
          iameval::RequestResult request = iameval::RequestFromJson(in.String(), g_limits);
          if (!request.ok()) {
            g_result = RequestErrorJson(index, request.error);
            return kInvalidRequest;
          }
          answer = h->set.Decide(*request.request);
        } else {
          ReadPackedRequest(in, flags, st);
          answer = h->set.Decide(st.request);
        }
      } catch (const NeedsJson&) {
        g_result = std::to_string(index);
        return kNeedsJson;
      } catch (const Malformed&) {
        g_result = "malformed packed request " + std::to_string(index);
        return kInternal;
      }
      codes[index] = CodeOf(answer);
      if (codes[index] == kCodeWithError) {
        g_result += errors ? ',' : '[';
        g_result += iameval::AnswerToJson(answer, nullptr);
        errors = true;
      }
    }
    if (!in.done()) {
      g_result = "malformed packed batch: bytes left over";
      return kInternal;
    }
    if (errors) g_result += ']';
    return kOk;
  });
  if (status != kOk) Forget();
  return status;
}

}  // extern "C"
