// File: engine/json_api/answer_json.h
//
// What the JSON face writes: answers, explanations and findings
// (spec/json-api.md), and the error objects of DecideJson and CheckJson.
//
//   JsonWriter w(buffer);
//   WriteFinding(w, finding, &document);

#ifndef IAMEVAL_ENGINE_ANSWER_JSON_H_
#define IAMEVAL_ENGINE_ANSWER_JSON_H_

#include <string>
#include <string_view>

#include "iameval/decision.h"
#include "iameval/finding.h"
#include "json/rapidjson_types.h"

namespace iameval::internal {

using JsonBuffer = RapidStringBuffer;
using JsonWriter = RapidWriter<JsonBuffer>;

inline void WriteString(JsonWriter& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// {"code", "severity", "message", "path", "line", "column", "help"?,
// "document"?}; "document" when `document` is not null.
void WriteFinding(JsonWriter& w, const Finding& finding, const std::string* document);

// A StatementRef's members ({"kind", "policyIndex", "level"?, "policyId"?,
// "statementIndex", "sid"?, "effect", "line", "column"}) inside an object the
// caller opened: explanations and analysis answers name statements alike.
void WriteStatementRefMembers(JsonWriter& w, const StatementRef& ref);

// The same members as an object of their own.
void WriteStatementRef(JsonWriter& w, const StatementRef& ref);

// {"reason", "determining": [...], "verdicts": [...]}
void WriteExplanation(JsonWriter& w, const Explanation& explanation);

// "error": null, or the code of Answer::error and its "message".
void WriteAnswerError(JsonWriter& w, const Answer& answer);

// {"decision": null, "error": `error`, "message": `message`, "findings": []}
std::string ErrorJson(std::string_view error, std::string_view message);

// ErrorJson, or an empty string when even that cannot be made.
std::string ErrorJsonOrEmpty(std::string_view error, std::string_view message) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANSWER_JSON_H_
