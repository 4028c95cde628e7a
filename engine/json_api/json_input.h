// File: engine/json_api/json_input.h
//
// How the JSON face reads a caller's text: once, with the located reader
// (json/json_tree.h), bounded in size and depth before anything else is read,
// into a tree whose nodes know their line:column and their bytes. A policy
// document inside the text is then handed on as those bytes (iameval/json.h);
// requests and envelopes are read from the tree.
//
//   JsonDocument doc;
//   std::string error;
//   if (!ReadJsonInput(text, "the request", &doc, &error)) return error;
//   if (auto twice = DuplicateMember(doc, doc.root(), /*ignore_case=*/false)) ...

#ifndef IAMEVAL_ENGINE_JSON_INPUT_H_
#define IAMEVAL_ENGINE_JSON_INPUT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "iameval/context_reader.h"
#include "json/json_tree.h"

namespace iameval::internal {

// Parses `text` (named `what` in errors: "the input", "the request", ...)
// into `doc`, within kMaxJsonInputBytes and kMaxJsonInputDepth (iameval/json.h).
// Returns false with `*error` set, naming the problem and its line:column,
// when the text is not JSON or is over a bound. Repeated member names do not
// fail here: DuplicateMember tells each reader about its own objects, and the
// policy parser reports those inside a document.
// `locate` says whether the tree's nodes need their line:column (they do
// when policy documents are read from it).
// `limits.max_input_bytes` is checked first, before any byte is read.
bool ReadJsonInput(std::string_view text, std::string_view what, const InputLimits& limits,
                   JsonDocument* doc, std::string* error, bool locate = true);

// The first member name that object `object` holds twice, or nothing.
// `ignore_case` compares names ignoring ASCII case (context keys, which the
// engine looks up that way). One reader taking the first of two members and
// another the last must not disagree about what was asked, so the JSON face
// refuses duplicates rather than pick one.
std::optional<std::string> DuplicateMember(const JsonDocument& doc, uint32_t object,
                                           bool ignore_case);

// The bytes of `node` in the text it was read from.
inline std::string_view BytesOf(std::string_view text, const JsonNode& node) {
  return text.substr(node.offset, node.end - node.offset);
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_INPUT_H_
