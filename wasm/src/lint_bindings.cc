// File: wasm/src/lint_bindings.cc
//
// The lint exports of the WebAssembly module (iameval/lint.h), beside
// bindings.cc's: the page hands the catalogue's text over once
// (iameval_lint_load_catalogue; it fetches it lazily, the module carries
// none), then lints JSON in, JSON out (LintJson), or the policy's text and
// kind in, findings out in a packed form (LintTextJson's answer without
// JSON), expands action patterns
// and lists the catalogue's names for completion. Results sit in this file's own buffer
// (iameval_lint_result_data/size) until the next lint call. No exception
// crosses the boundary; nothing here decides anything.

#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/lint.h"

namespace {

// Status codes, as bindings.cc's (wasm/lib/core.js mirrors them), and one more.
enum Status : int {
  kOk = 0,
  kInternal = 4,     // an exception escaped the engine (out of memory)
  kNoCatalogue = 6,  // no catalogue loaded yet, or its text was malformed: the result says why
  kPacked = 7,       // iameval_lint_text's answer is in g_lint_words and g_lint_result
};

std::string g_lint_result;

// A lint answer without JSON (iameval_lint_text; wasm/lib/lint.js reads
// it): g_lint_result holds its strings back to back, and these words say
// where. Words: the number of findings; the catalogue's date and source;
// then per finding code, severity, awsCode, message, path (each an offset
// into the strings and a length; awsCode's offset is kNoString when it has
// none), line, column, help. JavaScript builds its objects from this 10 times
// faster than JSON.parse reads the same answer as JSON (synthetic_6kb's
// 45,626 bytes: 7.5 against 85 us), and nothing is escaped here.
std::vector<uint32_t> g_lint_words;
constexpr uint32_t kNoString = 0xffffffff;
std::optional<iameval::Catalogue> g_catalogue;

std::string_view View(const char* data, size_t size) {
  return data == nullptr ? std::string_view() : std::string_view(data, size);
}

// `text` as a JSON string literal (messages and action names are ASCII or
// valid UTF-8; only quotes, backslashes and control characters need escapes).
std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static const char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[(c >> 4) & 0xf];
      out += kHex[c & 0xf];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

void AddString(std::string_view text) {
  g_lint_words.push_back(static_cast<uint32_t>(g_lint_result.size()));
  g_lint_words.push_back(static_cast<uint32_t>(text.size()));
  g_lint_result.append(text);
}

// Packs `result` as g_lint_words says; false when some text is not ASCII,
// whose byte offsets would not be JavaScript's string offsets.
bool PackLintResult(const iameval::LintResult& result) {
  g_lint_words.clear();
  g_lint_result.clear();
  g_lint_words.reserve(5 + 14 * result.findings.size());
  g_lint_words.push_back(static_cast<uint32_t>(result.findings.size()));
  AddString(result.catalogue_date);
  AddString(result.catalogue_source);
  for (const iameval::LintFinding& finding : result.findings) {
    AddString(finding.code);
    AddString(iameval::LintSeverityName(finding.severity));
    if (finding.aws_code.empty()) {
      g_lint_words.push_back(kNoString);
      g_lint_words.push_back(0);
    } else {
      AddString(finding.aws_code);
    }
    AddString(finding.message);
    AddString(finding.path);
    g_lint_words.push_back(finding.line);
    g_lint_words.push_back(finding.column);
    AddString(finding.help);
  }
  unsigned char any = 0;
  for (char c : g_lint_result) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

int NoCatalogue() {
  g_lint_result = "{\"error\":\"no-catalogue\",\"message\":\"load the catalogue first\"}";
  return kNoCatalogue;
}

}  // namespace

// For analysis_bindings.cc: the catalogue loaded here, or null.
const iameval::Catalogue* LoadedCatalogue() { return g_catalogue ? &*g_catalogue : nullptr; }

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* iameval_lint_result_data() { return g_lint_result.data(); }
EMSCRIPTEN_KEEPALIVE size_t iameval_lint_result_size() { return g_lint_result.size(); }

// Reads the catalogue's text (engine/catalogue/data/catalogue.tsv). The
// result is {"date", "source", "services", "actions"} or {"error", "message"}.
EMSCRIPTEN_KEEPALIVE int iameval_lint_load_catalogue(const char* data, size_t size) {
  try {
    iameval::CatalogueLoad load = iameval::Catalogue::Load(std::string(View(data, size)));
    if (!load.ok()) {
      g_lint_result =
          "{\"error\":\"invalid-catalogue\",\"message\":" + JsonString(load.error) + "}";
      return kNoCatalogue;
    }
    g_catalogue = std::move(load.catalogue);
    g_lint_result = "{\"date\":" + JsonString(g_catalogue->date()) +
                    ",\"source\":" + JsonString(g_catalogue->source()) +
                    ",\"services\":" + std::to_string(g_catalogue->service_count()) +
                    ",\"actions\":" + std::to_string(g_catalogue->action_count()) + "}";
    return kOk;
  } catch (...) {
    g_catalogue.reset();
    g_lint_result.clear();
    return kInternal;
  }
}

// iameval::LintJson: {"policy", "kind"} in, {"catalogue", "findings"} out.
EMSCRIPTEN_KEEPALIVE int iameval_lint_json(const char* data, size_t size) {
  if (!g_catalogue) return NoCatalogue();
  try {
    g_lint_result = iameval::LintJson(View(data, size), *g_catalogue);
    return g_lint_result.empty() ? kInternal : kOk;
  } catch (...) {
    g_lint_result.clear();
    return kInternal;
  }
}

// iameval::LintTextJson's answer (the policy's text and its kind's name apart:
// wasm/lib/lint.js) without JSON (kPacked: g_lint_words above), or as JSON
// for an error or a text that is not ASCII.
EMSCRIPTEN_KEEPALIVE int iameval_lint_text(const char* kind, size_t kind_size, const char* data,
                                           size_t size) {
  if (!g_catalogue) return NoCatalogue();
  try {
    iameval::LintResult result;
    g_lint_result =
        iameval::LintTextChecked(View(data, size), View(kind, kind_size), *g_catalogue, &result);
    if (!g_lint_result.empty()) return kOk;  // LintTextJson's error answer
    if (PackLintResult(result)) return kPacked;
    g_lint_result = iameval::LintResultToJson(result);
    return g_lint_result.empty() ? kInternal : kOk;
  } catch (...) {
    g_lint_result.clear();
    return kInternal;
  }
}

EMSCRIPTEN_KEEPALIVE const uint32_t* iameval_lint_words_data() { return g_lint_words.data(); }
EMSCRIPTEN_KEEPALIVE size_t iameval_lint_words_size() { return g_lint_words.size(); }

// The actions a pattern matches: a JSON array of names.
EMSCRIPTEN_KEEPALIVE int iameval_expand_actions(const char* data, size_t size) {
  if (!g_catalogue) return NoCatalogue();
  try {
    std::vector<std::string> names = g_catalogue->ExpandActions(View(data, size));
    g_lint_result = "[";
    for (size_t i = 0; i < names.size(); ++i) {
      if (i > 0) g_lint_result += ',';
      g_lint_result += JsonString(names[i]);
    }
    g_lint_result += ']';
    return kOk;
  } catch (...) {
    g_lint_result.clear();
    return kInternal;
  }
}

// Names for completion (Catalogue::Services, ConditionKeys):
// {"services": [{"prefix", "title"}], "conditionKeys": [{"name", "type", "global"}]}.
EMSCRIPTEN_KEEPALIVE int iameval_catalogue_names() {
  if (!g_catalogue) return NoCatalogue();
  try {
    std::string out = "{\"services\":[";
    bool first = true;
    for (const iameval::Catalogue::ServiceName& service : g_catalogue->Services()) {
      out += first ? "{\"prefix\":" : ",{\"prefix\":";
      out += JsonString(service.prefix) + ",\"title\":" + JsonString(service.title) + "}";
      first = false;
    }
    out += "],\"conditionKeys\":[";
    first = true;
    for (const iameval::Catalogue::ConditionKeyName& key : g_catalogue->ConditionKeys()) {
      out += first ? "{\"name\":" : ",{\"name\":";
      out += JsonString(key.name) + ",\"type\":" + JsonString(key.type) +
             (key.global ? ",\"global\":true}" : ",\"global\":false}");
      first = false;
    }
    g_lint_result = out + "]}";
    return kOk;
  } catch (...) {
    g_lint_result.clear();
    return kInternal;
  }
}

}  // extern "C"
