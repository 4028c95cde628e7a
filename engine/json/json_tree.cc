// File: engine/json/json_tree.cc
//
// ParseJson: the limits and the UTF-8 check that come before any parsing,
// the tree build (json_tree_builder.h), and every way it can fail turned into
// a located finding (json_syntax_error.h). Also the document's lookups: member
// by name, and the JSON path of a node.

#include "json/json_tree.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "base/message_text.h"
#include "json/json_fast_tree.h"
#include "json/json_input_stream.h"
#include "json/json_syntax_error.h"
#include "json/json_text.h"
#include "json/json_tree_builder.h"
#include "json/utf8.h"

namespace iameval::internal {
namespace {

Finding MakeFinding(std::string code, std::string message, const TextPosition& at,
                    std::string help = {}) {
  Finding finding;
  finding.code = std::move(code);
  finding.severity = Severity::kError;
  finding.message = std::move(message);
  finding.line = at.line;
  finding.column = at.column;
  finding.help = std::move(help);
  return finding;
}

// A member name is written bare in a path when it looks like an identifier.
bool IsIdentifierLike(std::string_view key) {
  if (key.empty()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!(letter || (digit && i > 0))) return false;
  }
  return true;
}

// `key` as a JSON string literal.
void AppendQuoted(std::string_view key, std::string* out) {
  *out += '"';
  for (char c : key) {
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
      *out += buffer;
    } else {
      *out += c;
    }
  }
  *out += '"';
}

bool ParseJsonWith(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                   std::vector<Finding>* findings, bool fast);
bool BuildTreeWithRapidJson(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                            std::vector<uint32_t>* duplicates, std::vector<Finding>* findings);

// Each repeated member name as a `duplicate-key` finding at the repetition.
void ReportDuplicates(const JsonDocument& doc, const std::vector<uint32_t>& duplicates,
                      std::vector<Finding>* findings) {
  for (uint32_t duplicate : duplicates) {
    const JsonNode& node = doc.node(duplicate);
    const JsonNode& first = doc.node(doc.Member(node.parent, node.key));
    AddFinding(doc, duplicate, "duplicate-key", Severity::kError,
               "duplicate member " + Quote(node.key) + ": it first appears at line " +
                   std::to_string(first.key_line) + ", column " + std::to_string(first.key_column),
               findings, /*at_key=*/true, "the first occurrence is kept");
  }
}

}  // namespace

std::string_view JsonTypeName(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kFalse:
    case JsonType::kTrue:
      return "boolean";
    case JsonType::kNumber:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kArray:
      return "array";
    case JsonType::kObject:
      return "object";
  }
  return "value";
}

std::string JsonTypeWithArticle(JsonType type) {
  std::string_view name = JsonTypeName(type);
  if (type == JsonType::kNull) return std::string(name);
  bool vowel = name.front() == 'a' || name.front() == 'o';
  return (vowel ? "an " : "a ") + std::string(name);
}

void JsonDocument::Reset(size_t bytes) {
  nodes_.clear();
  duplicates_.clear();
  text_store_.reset(new char[bytes]);  // not zeroed: every byte read is written first
  text_capacity_ = bytes;
  text_size_ = 0;
}

char* JsonDocument::ResetToCopyOf(std::string_view text) {
  Reset(text.size());
  if (!text.empty()) std::memcpy(text_store_.get(), text.data(), text.size());
  text_size_ = text.size();
  return text_store_.get();
}

std::string_view JsonDocument::StoreText(std::string_view text) {
  // Reset reserved what the JSON text can hold; writing past it would be a
  // bug, which fails this parse rather than memory.
  if (text.size() > text_capacity_ - text_size_) throw std::length_error("json node text store");
  char* copy = text_store_.get() + text_size_;
  std::memcpy(copy, text.data(), text.size());
  text_size_ += text.size();
  return std::string_view(copy, text.size());
}

uint32_t JsonDocument::Member(uint32_t object, std::string_view key) const {
  if (object >= nodes_.size() || !nodes_[object].is_object()) return kNoNode;
  for (uint32_t c = nodes_[object].first_child; c != kNoNode; c = nodes_[c].next_sibling) {
    if (nodes_[c].key == key) return c;
  }
  return kNoNode;
}

std::string JsonDocument::Path(uint32_t index) const {
  // Collect the chain up to the root (bounded by the nesting limit), then
  // write it root first.
  std::vector<uint32_t> chain;
  for (uint32_t n = index; n < nodes_.size() && nodes_[n].parent != kNoNode; n = nodes_[n].parent) {
    chain.push_back(n);
  }
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const JsonNode& node = nodes_[*it];
    if (nodes_[node.parent].is_array()) {
      path += '[';
      path += std::to_string(node.index);
      path += ']';
    } else if (IsIdentifierLike(node.key)) {
      if (!path.empty()) path += '.';
      path += node.key;
    } else {
      path += '[';
      AppendQuoted(node.key, &path);
      path += ']';
    }
  }
  return path;
}

void AddFinding(const JsonDocument& doc, uint32_t node, std::string code, Severity severity,
                std::string message, std::vector<Finding>* findings, bool at_key,
                std::string help) {
  Finding finding;
  finding.code = std::move(code);
  finding.severity = severity;
  finding.message = std::move(message);
  finding.help = std::move(help);
  if (node < doc.size()) {
    const JsonNode& n = doc.node(node);
    finding.path = doc.Path(node);
    bool has_key = n.key_line != 0;
    finding.line = at_key && has_key ? n.key_line : n.line;
    finding.column = at_key && has_key ? n.key_column : n.column;
  }
  findings->push_back(std::move(finding));
}

bool ParseJson(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
               std::vector<Finding>* findings) {
  return ParseJsonWith(text, limits, doc, findings, /*fast=*/true);
}

bool ParseJsonWithRapidJson(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                            std::vector<Finding>* findings) {
  return ParseJsonWith(text, limits, doc, findings, /*fast=*/false);
}

namespace {

bool ParseJsonWith(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                   std::vector<Finding>* findings, bool fast) {
  doc->mutable_nodes().clear();
  TextPosition start;

  // Node offsets are 32-bit, whatever the limit says.
  const size_t max_bytes = std::min<size_t>(limits.max_bytes, UINT32_MAX - 1);
  if (text.size() > max_bytes) {
    findings->push_back(MakeFinding("document-too-large",
                                    "the document is " + WithThousands(text.size()) +
                                        " bytes, over the limit of " + WithThousands(max_bytes),
                                    start));
    return false;
  }

  // Checked before parsing so bytes outside strings are caught too, and the
  // first bad byte is reported exactly.
  size_t bad = limits.require_utf8 ? FindInvalidUtf8(text) : std::string_view::npos;
  if (bad != std::string_view::npos) {
    SyntaxErrorReport report = DescribeInvalidUtf8(text, bad);
    findings->push_back(MakeFinding(std::move(report.code), std::move(report.message),
                                    Locate(text, report.offset), std::move(report.help)));
    return false;
  }

  // Valid JSON is built in one pass of our own; anything else (or the few
  // shapes the fast builder leaves alone) is built again through RapidJSON,
  // whose verdict every syntax error below is worded from.
  std::vector<uint32_t> duplicates;
  if (!fast || !BuildTreeFast(text, limits, doc, &duplicates)) {
    if (!BuildTreeWithRapidJson(text, limits, doc, &duplicates, findings)) return false;
  }
  ReportDuplicates(*doc, duplicates, findings);
  doc->set_duplicates(std::move(duplicates));
  return true;
}

bool BuildTreeWithRapidJson(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                            std::vector<uint32_t>* duplicates, std::vector<Finding>* findings) {
  JsonInputStream stream(text);
  TreeBuild build = BuildTree(&stream, limits, doc);

  if (build.too_deep) {
    doc->mutable_nodes().clear();
    findings->push_back(MakeFinding(
        "nesting-too-deep",
        "arrays and objects are nested deeper than " + std::to_string(limits.max_depth) + " levels",
        Locate(text, build.stop_offset)));
    return false;
  }
  if (build.bad_surrogate) {
    doc->mutable_nodes().clear();
    findings->push_back(MakeFinding(
        "invalid-json", "a string holds an unpaired utf-16 surrogate escape such as `\\udc00`",
        Locate(text, build.stop_offset)));
    return false;
  }
  if (build.result.IsError()) {
    doc->mutable_nodes().clear();
    SyntaxErrorReport report = DescribeParseError(text, build.result.Code(), build.result.Offset(),
                                                  TokenStartBefore(text, stream.Tell()));
    findings->push_back(MakeFinding(std::move(report.code), std::move(report.message),
                                    Locate(text, report.offset), std::move(report.help)));
    return false;
  }
  if (stream.Tell() < text.size()) {
    // RapidJSON took a NUL byte after the value for the end of the text.
    doc->mutable_nodes().clear();
    findings->push_back(MakeFinding("invalid-json", "unexpected nul character (U+0000)",
                                    Locate(text, stream.Tell())));
    return false;
  }

  *duplicates = std::move(build.duplicates);
  return true;
}

}  // namespace

}  // namespace iameval::internal
