// File: wasm/src/analysis_bindings.cc
//
// The access-analysis exports of the WebAssembly module (iameval/analysis.h),
// beside bindings.cc's and lint_bindings.cc's: JSON in, JSON out, through the
// engine's CompareJson and AccessJson, against the catalogue the page handed
// to iameval_lint_load_catalogue. Results sit in this file's own buffer
// (iameval_analysis_result_data/size) until the next analysis call. No
// exception crosses the boundary; nothing here decides anything.

#include <emscripten/emscripten.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "iameval/analysis.h"
#include "iameval/lint.h"

const iameval::Catalogue* LoadedCatalogue();  // lint_bindings.cc

namespace {

// Status codes, as lint_bindings.cc's (wasm/lib/analysis.js mirrors them).
enum Status : int {
  kOk = 0,
  kInternal = 4,     // an exception escaped the engine (out of memory)
  kNoCatalogue = 6,  // no catalogue loaded yet
};

std::string g_analysis_result;

std::string_view View(const char* data, size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

template <typename Call>
int Run(const char* data, size_t size, Call call) {
  const iameval::Catalogue* catalogue = LoadedCatalogue();
  if (catalogue == nullptr) {
    g_analysis_result = "{\"error\":\"no-catalogue\",\"message\":\"load the catalogue first\"}";
    return kNoCatalogue;
  }
  try {
    g_analysis_result = call(View(data, size), *catalogue);
    return kOk;
  } catch (...) {
    g_analysis_result.clear();
    return kInternal;
  }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* iameval_analysis_result_data() { return g_analysis_result.data(); }
EMSCRIPTEN_KEEPALIVE size_t iameval_analysis_result_size() { return g_analysis_result.size(); }

// iameval::CompareJson (spec/analysis.md).
EMSCRIPTEN_KEEPALIVE int iameval_compare_json(const char* data, size_t size) {
  return Run(data, size, [](std::string_view input, const iameval::Catalogue& catalogue) {
    return iameval::CompareJson(input, catalogue);
  });
}

// iameval::AccessJson: accessNotGranted, publicAccess, externalAccess.
EMSCRIPTEN_KEEPALIVE int iameval_access_json(const char* data, size_t size) {
  return Run(data, size, [](std::string_view input, const iameval::Catalogue& catalogue) {
    return iameval::AccessJson(input, catalogue);
  });
}

}  // extern "C"
