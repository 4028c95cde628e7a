// File: wasm/src/bindings.cc
//
// The C ABI that the WebAssembly module exports, and nothing else: every call
// takes JSON text and leaves JSON text, through the one JSON layer the other
// bindings wrap (iameval/json.h), plus integer handles for compiled policy
// sets. The JavaScript package (wasm/index.js) is the only intended caller.
//
// Strings cross the boundary as (pointer, byte length) pairs of UTF-8 that the
// caller allocated with malloc; results are left in one module-wide buffer
// that iameval_result_data/iameval_result_size expose until the next call.
// The module is single-threaded, so one buffer is enough.
//
// Nothing here decides anything: it reads and writes JSON and keeps handles.
// No exception crosses the boundary; a failure is a status code plus JSON.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <emscripten/emscripten.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "iameval/json.h"

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

struct Handle {
  iameval::PolicySet set;
};
std::unordered_map<uint32_t, Handle> g_handles;
uint32_t g_next_handle = 1;

std::string_view View(const char* data, size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

// `s` as a JSON string literal.
std::string Quote(std::string_view s) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  return sb.GetString();
}

// {"error": "..." or null, "documents": [{"document": "identity[0]", "kind":
// "identity", "report": {"findings": [...]}}, ...]}: the findings of a
// PolicySetResult grouped by document, each group in FindingsToJson's shape.
std::string CompileReport(const iameval::PolicySetResult& result) {
  std::string out = "{\"error\":";
  out += result.error.empty() ? "null" : Quote(result.error);
  out += ",\"documents\":[";
  const auto& all = result.findings;
  for (size_t i = 0; i < all.size();) {
    std::vector<iameval::Finding> group;
    size_t j = i;
    while (j < all.size() && all[j].document == all[i].document) group.push_back(all[j++].finding);
    if (i > 0) out += ',';
    out += "{\"document\":" + Quote(all[i].document);
    out += ",\"kind\":" + Quote(iameval::PolicyKindName(all[i].kind));
    out += ",\"report\":" + iameval::FindingsToJson(group) + "}";
    i = j;
  }
  out += "]}";
  return out;
}

std::string RequestErrorJson(size_t index, std::string_view message) {
  return "{\"index\":" + std::to_string(index) + ",\"error\":" + Quote(message) + "}";
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

}  // namespace

extern "C" {

// The result of the last call: UTF-8, not NUL-terminated for the caller's use.
EMSCRIPTEN_KEEPALIVE const char* iameval_result_data() { return g_result.data(); }
EMSCRIPTEN_KEEPALIVE size_t iameval_result_size() { return g_result.size(); }

// iameval::DecideJson: {"policies", "request", "explain", ...} in, its answer out.
EMSCRIPTEN_KEEPALIVE int iameval_decide_json(const char* input, size_t size) {
  return Guarded([&] {
    g_result = iameval::DecideJson(View(input, size));
    return kOk;
  });
}

// iameval::CheckJson: {"policy", "kind"} in, {"findings", "valid"} out.
EMSCRIPTEN_KEEPALIVE int iameval_check_json(const char* input, size_t size) {
  return Guarded([&] {
    g_result = iameval::CheckJson(View(input, size));
    return kOk;
  });
}

// InferResourcePolicyKind for a request object: the kind name on kOk, the
// request error on kInvalidRequest.
EMSCRIPTEN_KEEPALIVE int iameval_infer_resource_kind(const char* request, size_t size) {
  return Guarded([&] {
    iameval::RequestResult parsed = iameval::RequestFromJson(View(request, size));
    if (!parsed.ok()) {
      g_result = RequestErrorJson(0, parsed.error);
      return kInvalidRequest;
    }
    g_result = std::string(iameval::PolicyKindName(iameval::InferResourcePolicyKind(*parsed.request)));
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
    iameval::PolicySetResult result = iameval::PolicySetFromJson(View(policies, size), kind);
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
      iameval::RequestResult request = iameval::RequestFromJson(line);
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

}  // extern "C"
