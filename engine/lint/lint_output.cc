// File: engine/lint/lint_output.cc
//
// Lint results as text (compiler style), JSON (the bindings' shape) and SARIF
// 2.1.0 (code-scanning tools), and the JSON-in/JSON-out call the bindings
// wrap.

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <new>
#include <string>

#include "base/message_text.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteString(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void WriteFinding(JsonWriter& w, const LintFinding& finding) {
  w.StartObject();
  w.Key("code");
  WriteString(w, finding.code);
  w.Key("severity");
  WriteString(w, LintSeverityName(finding.severity));
  w.Key("awsCode");
  if (finding.aws_code.empty()) {
    w.Null();
  } else {
    WriteString(w, finding.aws_code);
  }
  w.Key("message");
  WriteString(w, finding.message);
  w.Key("path");
  WriteString(w, finding.path);
  w.Key("line");
  w.Uint(finding.line);
  w.Key("column");
  w.Uint(finding.column);
  w.Key("help");
  WriteString(w, finding.help);
  w.EndObject();
}

void WriteResultMembers(JsonWriter& w, const LintResult& result) {
  w.Key("catalogue");
  w.StartObject();
  w.Key("date");
  WriteString(w, result.catalogue_date);
  w.Key("source");
  WriteString(w, result.catalogue_source);
  w.EndObject();
  w.Key("findings");
  w.StartArray();
  for (const LintFinding& finding : result.findings) WriteFinding(w, finding);
  w.EndArray();
}

// SARIF has three levels; Access Analyzer's security warnings are warnings
// there too (tagged `security` on their rule), suggestions are notes.
std::string_view SarifLevel(LintSeverity severity) {
  switch (severity) {
    case LintSeverity::kError:
      return "error";
    case LintSeverity::kSecurityWarning:
    case LintSeverity::kWarning:
      return "warning";
    case LintSeverity::kSuggestion:
      return "note";
  }
  return "error";
}

std::string InputError(std::string_view message) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  WriteString(w, "invalid-input");
  w.Key("message");
  WriteString(w, message);
  w.EndObject();
  return buffer.GetString();
}

}  // namespace

std::string FormatLintFinding(const LintFinding& finding, std::string_view file) {
  return internal::FormatDiagnostic(file, finding.line, finding.column,
                                    LintSeverityName(finding.severity), finding.message,
                                    finding.code);
}

std::string LintResultToJson(const LintResult& result) try {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  WriteResultMembers(w, result);
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
} catch (...) {
  return std::string();
}

std::string LintResultsToSarif(const std::vector<LintedFile>& files) try {
  // One rule per code used, in first-use order, with its severity's level.
  std::map<std::string, size_t> rule_index;
  std::vector<const LintFinding*> rules;
  for (const LintedFile& file : files) {
    for (const LintFinding& finding : file.result.findings) {
      if (rule_index.emplace(finding.code, rules.size()).second) rules.push_back(&finding);
    }
  }
  std::string date = files.empty() ? std::string() : files[0].result.catalogue_date;
  std::string source = files.empty() ? std::string() : files[0].result.catalogue_source;

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("$schema");
  WriteString(w, "https://json.schemastore.org/sarif-2.1.0.json");
  w.Key("version");
  WriteString(w, "2.1.0");
  w.Key("runs");
  w.StartArray();
  w.StartObject();
  w.Key("tool");
  w.StartObject();
  w.Key("driver");
  w.StartObject();
  w.Key("name");
  WriteString(w, "iameval");
  w.Key("version");
  WriteString(w, "0.1.0");
  w.Key("informationUri");
  WriteString(w, "https://github.com/iameval/iameval/blob/main/spec/lint.md");
  w.Key("rules");
  w.StartArray();
  for (const LintFinding* rule : rules) {
    w.StartObject();
    w.Key("id");
    WriteString(w, rule->code);
    w.Key("defaultConfiguration");
    w.StartObject();
    w.Key("level");
    WriteString(w, SarifLevel(rule->severity));
    w.EndObject();
    w.Key("properties");
    w.StartObject();
    w.Key("severity");
    WriteString(w, LintSeverityName(rule->severity));
    if (!rule->aws_code.empty()) {
      w.Key("awsIssueCode");
      WriteString(w, rule->aws_code);
    }
    w.Key("tags");
    w.StartArray();
    WriteString(w, "iam");
    if (rule->severity == LintSeverity::kSecurityWarning) WriteString(w, "security");
    w.EndArray();
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();  // driver
  w.EndObject();  // tool
  w.Key("properties");
  w.StartObject();
  w.Key("catalogueDate");
  WriteString(w, date);
  w.Key("catalogueSource");
  WriteString(w, source);
  w.EndObject();
  w.Key("results");
  w.StartArray();
  for (const LintedFile& file : files) {
    for (const LintFinding& finding : file.result.findings) {
      w.StartObject();
      w.Key("ruleId");
      WriteString(w, finding.code);
      w.Key("ruleIndex");
      w.Uint64(rule_index[finding.code]);
      w.Key("level");
      WriteString(w, SarifLevel(finding.severity));
      w.Key("message");
      w.StartObject();
      w.Key("text");
      std::string text = finding.message;
      if (!finding.help.empty()) text += " (help: " + finding.help + ")";
      WriteString(w, text);
      w.EndObject();
      w.Key("locations");
      w.StartArray();
      w.StartObject();
      w.Key("physicalLocation");
      w.StartObject();
      w.Key("artifactLocation");
      w.StartObject();
      w.Key("uri");
      WriteString(w, file.uri);
      w.EndObject();
      if (finding.line != 0) {
        w.Key("region");
        w.StartObject();
        w.Key("startLine");
        w.Uint(finding.line);
        if (finding.column != 0) {
          w.Key("startColumn");
          w.Uint(finding.column);
        }
        w.EndObject();
      }
      w.EndObject();  // physicalLocation
      if (!finding.path.empty()) {
        w.Key("logicalLocations");
        w.StartArray();
        w.StartObject();
        w.Key("fullyQualifiedName");
        WriteString(w, finding.path);
        w.Key("kind");
        WriteString(w, "element");
        w.EndObject();
        w.EndArray();
      }
      w.EndObject();
      w.EndArray();  // locations
      w.Key("properties");
      w.StartObject();
      w.Key("severity");
      WriteString(w, LintSeverityName(finding.severity));
      if (!finding.aws_code.empty()) {
        w.Key("awsIssueCode");
        WriteString(w, finding.aws_code);
      }
      w.EndObject();
      w.EndObject();
    }
  }
  w.EndArray();   // results
  w.EndObject();  // run
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
} catch (...) {
  return std::string();
}

namespace {

constexpr size_t kMaxLintInputBytes = 8u << 20;
constexpr std::string_view kInputTooLong = "the input is over 8 MiB";
constexpr std::string_view kKindExpected =
    "`kind` must be identity, resource, roleTrust, kmsKey, permissionsBoundary, session, scp or "
    "rcp";

}  // namespace

std::string LintJson(std::string_view input_json, const Catalogue& catalogue) try {
  rapidjson::Document input;
  if (input_json.size() > kMaxLintInputBytes) return InputError(kInputTooLong);
  input.Parse(input_json.data(), input_json.size());
  if (input.HasParseError()) {
    return InputError(std::string("the input is not JSON: ") +
                      rapidjson::GetParseError_En(input.GetParseError()));
  }
  if (!input.IsObject()) return InputError("the input must be a JSON object");
  PolicyKind kind = PolicyKind::kIdentity;
  std::string text;
  bool has_policy = false;
  for (auto it = input.MemberBegin(); it != input.MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    if (name == "kind") {
      if (!it->value.IsString() ||
          !ParsePolicyKindName(std::string_view(it->value.GetString(), it->value.GetStringLength()),
                               &kind)) {
        return InputError(kKindExpected);
      }
    } else if (name == "policy") {
      has_policy = true;
      if (it->value.IsString()) {
        text.assign(it->value.GetString(), it->value.GetStringLength());
      } else {
        rapidjson::StringBuffer buffer;
        JsonWriter w(buffer);
        it->value.Accept(w);
        text.assign(buffer.GetString(), buffer.GetSize());
      }
    } else {
      return InputError("unknown input field `" + std::string(name) + "`");
    }
  }
  if (!has_policy) return InputError("the input has no `policy`");
  return LintResultToJson(Lint(text, kind, catalogue));
} catch (const std::bad_alloc&) {
  return InputError("out of memory");
} catch (...) {
  return InputError("internal error");
}

std::string LintTextChecked(std::string_view policy_text, std::string_view kind_name,
                            const Catalogue& catalogue, LintResult* result) try {
  if (policy_text.size() > kMaxLintInputBytes) return InputError(kInputTooLong);
  PolicyKind kind = PolicyKind::kIdentity;
  if (!ParsePolicyKindName(kind_name, &kind)) return InputError(kKindExpected);
  *result = Lint(policy_text, kind, catalogue);
  return std::string();
} catch (const std::bad_alloc&) {
  return InputError("out of memory");
} catch (...) {
  return InputError("internal error");
}

std::string LintTextJson(std::string_view policy_text, std::string_view kind_name,
                         const Catalogue& catalogue) {
  LintResult result;
  std::string error = LintTextChecked(policy_text, kind_name, catalogue, &result);
  return error.empty() ? LintResultToJson(result) : error;
}

}  // namespace iameval
