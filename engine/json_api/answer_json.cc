// File: engine/json_api/answer_json.cc
//
// AnswerToJson, FindingsToJson and the writers DecideJson and CheckJson share.

#include "json_api/answer_json.h"

#include "iameval/json.h"

namespace iameval {
namespace internal {
namespace {

// An Answer's error code: the request's fault or the engine's. An error
// without a code (an Answer a binding assembled by hand) is the engine's.
std::string_view AnswerErrorCode(const Answer& answer) {
  return answer.error_code == DecideError::kInvalidRequest
             ? DecideErrorName(DecideError::kInvalidRequest)
             : DecideErrorName(DecideError::kInternal);
}

}  // namespace

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

void WriteStatementRefMembers(JsonWriter& w, const StatementRef& ref) {
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
}

void WriteStatementRef(JsonWriter& w, const StatementRef& ref) {
  w.StartObject();
  WriteStatementRefMembers(w, ref);
  w.EndObject();
}

void WriteExplanation(JsonWriter& w, const Explanation& explanation) {
  w.StartObject();
  w.Key("reason");
  WriteString(w, explanation.reason);
  w.Key("reasonCode");
  WriteString(w, explanation.reason_code);
  if (!explanation.notes.empty()) {
    w.Key("notes");
    w.StartArray();
    for (const std::string& note : explanation.notes) WriteString(w, note);
    w.EndArray();
  }
  w.Key("determining");
  w.StartArray();
  for (const StatementRef& ref : explanation.determining) {
    w.StartObject();
    WriteStatementRefMembers(w, ref);
    w.EndObject();
  }
  w.EndArray();
  w.Key("missingKeys");
  w.StartArray();
  for (const MissingKey& key : explanation.missing_keys) {
    w.StartObject();
    w.Key("key");
    WriteString(w, key.key);
    w.Key("couldChangeDecision");
    w.Bool(key.could_change_decision);
    w.Key("alwaysSet");
    w.Bool(key.always_set);
    w.EndObject();
  }
  w.EndArray();
  w.Key("failedConditions");
  w.StartArray();
  for (const FailedCondition& failed : explanation.failed_conditions) {
    w.StartObject();
    WriteStatementRefMembers(w, failed.statement);
    w.Key("operator");
    WriteString(w, failed.condition_operator);
    w.Key("conditionKey");
    WriteString(w, failed.key);
    w.Key("keyMissing");
    w.Bool(failed.key_missing);
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
  JsonBuffer buffer;
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
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string ErrorJsonOrEmpty(std::string_view error, std::string_view message) noexcept {
  try {
    return ErrorJson(error, message);
  } catch (...) {
    return std::string();
  }
}

}  // namespace internal

std::string AnswerToJson(const Answer& answer, const Explanation* explanation) try {
  if (explanation == nullptr && answer.error == nullptr) {
    // The common answer, byte for byte as the writer below would write it
    // (decide_json_test.cc), without the writer's buffer and its copy.
    constexpr std::string_view kHead = "{\"decision\":\"", kTail = "\",\"error\":null}";
    const std::string_view name = DecisionName(answer.decision);  // letters: nothing to escape
    std::string out;
    out.reserve(kHead.size() + name.size() + kTail.size());
    out.append(kHead).append(name).append(kTail);
    return out;
  }
  internal::JsonBuffer buffer;
  internal::JsonWriter w(buffer);
  w.StartObject();
  w.Key("decision");
  internal::WriteString(w, DecisionName(answer.decision));
  internal::WriteAnswerError(w, answer);
  if (explanation != nullptr) {
    w.Key("explanation");
    internal::WriteExplanation(w, *explanation);
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
} catch (...) {
  return std::string();  // out of memory: no answer, never a partial one
}

std::string FindingsToJson(const std::vector<Finding>& findings) try {
  internal::JsonBuffer buffer;
  internal::JsonWriter w(buffer);
  w.StartObject();
  w.Key("findings");
  w.StartArray();
  for (const Finding& finding : findings) internal::WriteFinding(w, finding, nullptr);
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
} catch (...) {
  return std::string();
}

std::string PolicySetResultToJson(const PolicySetResult& result) try {
  internal::JsonBuffer buffer;
  internal::JsonWriter w(buffer);
  w.StartObject();
  w.Key("error");
  if (result.error.empty()) {
    w.Null();
  } else {
    internal::WriteString(w, result.error);
  }
  w.Key("documents");
  w.StartArray();
  const std::vector<DocumentFinding>& all = result.findings;
  for (size_t i = 0, j = 0; i < all.size(); i = j) {
    w.StartObject();
    w.Key("document");
    internal::WriteString(w, all[i].document);
    w.Key("kind");
    internal::WriteString(w, PolicyKindName(all[i].kind));
    w.Key("report");
    w.StartObject();
    w.Key("findings");
    w.StartArray();
    for (j = i; j < all.size() && all[j].document == all[i].document; ++j) {
      internal::WriteFinding(w, all[j].finding, nullptr);
    }
    w.EndArray();
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
} catch (...) {
  return std::string();
}

}  // namespace iameval
