// File: wasm/src/bindings.cc
//
// The C ABI the WebAssembly module exports for wasm/index.js, and nothing
// else: JSON text in and out through the JSON face (iameval/json.h), integer
// handles for compiled policy sets, and requests in the engine's compact
// binary form (iameval/request_reader.h) with one decision code back each.
// Nothing here decides or reads a request; it keeps handles and moves bytes.
// Strings cross as (pointer, byte length) pairs of UTF-8 the caller malloc'd;
// results stay in one module-wide buffer (the module is single-threaded)
// until the next call. No exception crosses; a failure is a status code.

#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "iameval/json.h"
#include "iameval/request_reader.h"
#include "json/rapidjson_types.h"

namespace {

// Status codes of the exported calls; wasm/lib/core.js mirrors them.
enum Status : int {
  kOk = 0,
  kInvalidPolicy = 1,   // the result holds {"error", "documents"}
  kInvalidRequest = 2,  // the result holds {"index", "error"}
  kNoSuchHandle = 3,    // the handle was freed or never existed
  kInternal = 4,        // an exception escaped the engine (out of memory)
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

std::string RequestErrorJson(size_t index, std::string_view message) {
  return "{\"index\":" + std::to_string(index) + ",\"error\":" + JsonString(message) + "}";
}

// The set of a live handle, or null with the result saying so.
const Handle* Find(uint32_t handle) {
  auto it = g_handles.find(handle);
  if (it == g_handles.end()) g_result = "no such handle";
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

// PolicySet.decide/decideMany without an explanation send requests in the
// engine's compact binary form (iameval/request_reader.h; wasm/lib/packed.js
// writes it), read by one PackedRequestReader that lives as long as the
// module, so a steady stream of requests allocates nothing.
std::unique_ptr<iameval::PackedRequestReader> g_packed;

// Decision codes written for each packed request.
enum : uint8_t { kCodeAllowed, kCodeExplicitDeny, kCodeImplicitDeny, kCodeWithError };

uint8_t CodeOf(const iameval::Answer& answer) {
  if (answer.error != nullptr) return kCodeWithError;
  if (answer.decision == iameval::Decision::kAllowed) return kCodeAllowed;
  return answer.decision == iameval::Decision::kExplicitDeny ? kCodeExplicitDeny
                                                             : kCodeImplicitDeny;
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
// *handle_out (0 when the set has errors). The result is PolicySetResultToJson's
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
      g_result = iameval::PolicySetResultToJson(bad);
      return kInvalidPolicy;
    }
    iameval::PolicySetResult result =
        iameval::PolicySetFromJson(View(policies, size), kind, iameval::Limits(), g_limits);
    g_result = iameval::PolicySetResultToJson(result);
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
  g_packed.reset();  // called before any packed request: nothing is forgotten
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
    if (h == nullptr) return kNoSuchHandle;
    std::string_view rest = View(requests, size);
    std::string out = "[";
    iameval::Explanation why;
    for (size_t index = 0; !rest.empty(); ++index) {
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
    }
    out += ']';
    g_result = std::move(out);
    return kOk;
  });
}

// Decides `count` packed requests against one handle, writing one decision
// code per request to `codes`: 0 allowed, 1 explicitDeny, 2 implicitDeny, 3
// an answer with an error, whose AnswerToJson objects are then the result, a
// JSON array in request order (else the result is empty). A request that
// cannot be read stops the batch with kInvalidRequest, as in
// iameval_decide_lines. After any status but kOk the reader has forgotten its
// request: the next packed request must send every part.
EMSCRIPTEN_KEEPALIVE int iameval_decide_packed(uint32_t handle, const uint8_t* input, size_t size,
                                               uint8_t* codes, uint32_t count) {
  using Record = iameval::PackedRequestReader::Record;
  int status = Guarded([&] {
    const Handle* h = Find(handle);
    if (h == nullptr) return kNoSuchHandle;
    if (!g_packed) g_packed = std::make_unique<iameval::PackedRequestReader>(g_limits);
    std::string_view in(reinterpret_cast<const char*>(input), size);
    std::string error;
    g_result.clear();
    for (uint32_t index = 0; index < count; ++index) {
      const Record record = g_packed->Next(&in, &error);
      if (record != Record::kRequest) {
        g_result = record == Record::kInvalid ? RequestErrorJson(index, error)
                                              : "malformed packed request " + std::to_string(index);
        return record == Record::kInvalid ? kInvalidRequest : kInternal;
      }
      const iameval::Answer answer = h->set.Decide(g_packed->request());
      codes[index] = CodeOf(answer);
      if (codes[index] == kCodeWithError) {
        g_result += g_result.empty() ? '[' : ',';
        g_result += iameval::AnswerToJson(answer, nullptr);
      }
    }
    if (!g_result.empty()) g_result += ']';
    if (!in.empty()) g_result = "malformed packed batch: bytes left over";
    return in.empty() ? kOk : kInternal;
  });
  if (status != kOk && g_packed) g_packed->Forget();
  return status;
}

}  // extern "C"
