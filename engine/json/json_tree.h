// File: engine/json/json_tree.h
//
// A JSON document as a flat array of nodes that remember where they stand in
// the text (line:column) and where they sit in the document (JSON path).
// Policy validation needs both for every finding; RapidJSON's own DOM keeps
// neither.
//
// Parsing is iterative (RapidJSON's kParseIterativeFlag driving a SAX
// handler) and the tree is flat (children linked by index), so neither
// building, walking nor destroying it recurses on input depth.

#ifndef IAMEVAL_ENGINE_JSON_TREE_H_
#define IAMEVAL_ENGINE_JSON_TREE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "iameval/finding.h"

namespace iameval::internal {

enum class JsonType : uint8_t { kNull, kFalse, kTrue, kNumber, kString, kArray, kObject };

// "null", "boolean", "number", "string", "array", "object": for messages.
std::string_view JsonTypeName(JsonType type);

// The same with its article, for messages that say what was found instead:
// "null", "a boolean", "a number", "a string", "an array", "an object".
std::string JsonTypeWithArticle(JsonType type);

inline constexpr uint32_t kNoNode = UINT32_MAX;

struct JsonNode {
  JsonType type = JsonType::kNull;
  uint32_t line = 0;      // where the value starts, 1-based
  uint32_t column = 0;    // 1-based, in Unicode code points
  uint32_t key_line = 0;  // for object members: where the member name starts
  uint32_t key_column = 0;
  uint32_t parent = kNoNode;
  uint32_t first_child = kNoNode;  // arrays and objects
  uint32_t next_sibling = kNoNode;
  uint32_t child_count = 0;
  uint32_t index = 0;  // position among the parent's children (an array element's index)
  // The value's bytes in the text: [offset, end). A value inside a larger
  // document (a policy inside a DecideJson envelope) is read again from
  // exactly the bytes its writer wrote.
  uint32_t offset = 0;
  uint32_t end = 0;
  // Member name when the parent is an object; held by the document like
  // `text`, valid as long as it is.
  std::string_view key;
  // A string's value, or a number's text exactly as written; held by the
  // document (JsonDocument::StoreText), valid as long as it is.
  std::string_view text;
  bool is_string() const { return type == JsonType::kString; }
  bool is_array() const { return type == JsonType::kArray; }
  bool is_object() const { return type == JsonType::kObject; }
  bool is_bool() const { return type == JsonType::kTrue || type == JsonType::kFalse; }
};

class JsonDocument {
 public:
  uint32_t root() const { return nodes_.empty() ? kNoNode : 0; }
  const JsonNode& node(uint32_t index) const { return nodes_[index]; }
  size_t size() const { return nodes_.size(); }

  // The member of object `object` named exactly `key`, or kNoNode.
  uint32_t Member(uint32_t object, std::string_view key) const;

  // Children of an array or object, in document order:
  //   for (uint32_t c = doc.node(n).first_child; c != kNoNode; c = doc.node(c).next_sibling)

  // The JSON path of a node, as used in findings: `Statement[2].Condition`,
  // `Statement.Action[0]`, member names that are not identifier-like quoted
  // as `Condition.StringEquals["aws:PrincipalTag/cost center"]`. The root is "".
  std::string Path(uint32_t index) const;

  std::vector<JsonNode>& mutable_nodes() { return nodes_; }

  // The values of repeated member names (ParseJson reports each as a
  // `duplicate-key` finding): built, with their parent set, but linked into
  // no object, so member walks and lookups see only first occurrences.
  const std::vector<uint32_t>& duplicates() const { return duplicates_; }
  void set_duplicates(std::vector<uint32_t> duplicates) { duplicates_ = std::move(duplicates); }

  // Empties the document and makes room for `bytes` of node text: the
  // builder reserves the length of the JSON text, which no sum of decoded
  // strings and numbers can exceed, so one allocation holds them all and
  // stored text never moves.
  void Reset(size_t bytes);

  // A copy of `text` held by the document, for JsonNode::text.
  std::string_view StoreText(std::string_view text);

  // Empties the document and makes it hold one copy of `text`, returned for
  // the fast builder (json_fast_tree.h) to point node text into and to
  // decode escaped strings in place in; nothing more can be stored.
  char* ResetToCopyOf(std::string_view text);

 private:
  std::vector<JsonNode> nodes_;
  std::vector<uint32_t> duplicates_;
  std::unique_ptr<char[]> text_store_;
  size_t text_capacity_ = 0;
  size_t text_size_ = 0;
};

struct JsonLimits {
  size_t max_bytes = 1u << 20;  // at most UINT32_MAX: JsonNode offsets are 32-bit
  uint32_t max_depth = 32;
  // Refuse text that is not well-formed UTF-8 (`invalid-utf8`). The JSON face
  // turns it off for envelopes, whose strings have always passed any bytes
  // on: the policy parser checks each document, and request strings with
  // such bytes name nothing a policy can match.
  bool require_utf8 = true;
  // Work out each value's line:column. A reader that reports no positions (a
  // request: its errors name fields) turns it off; nodes then hold 0:0, and
  // syntax errors are still located.
  bool locate_values = true;
};

// Parses `text` into `doc`. On failure returns false and appends findings
// (`invalid-json`, `invalid-utf8`, `document-too-large`, `nesting-too-deep`)
// with line:column. Duplicate member names are reported (`duplicate-key`,
// one finding per repetition, with its path) without failing the parse: the
// first occurrence is kept, so later checks can still report their findings.
bool ParseJson(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
               std::vector<Finding>* findings);

// ParseJson without the fast builder (json_fast_tree.h): every document
// through RapidJSON, as the tests and policy_parse_fuzz compare.
bool ParseJsonWithRapidJson(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                            std::vector<Finding>* findings);

// Appends a finding located at `node` of `doc`. `at_key` locates it at the
// member name rather than the value (for unknown or duplicate members).
void AddFinding(const JsonDocument& doc, uint32_t node, std::string code, Severity severity,
                std::string message, std::vector<Finding>* findings, bool at_key = false,
                std::string help = {});

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_TREE_H_
