// File: engine/testing/json_builders_compare.cc
//
// Field by field, findings first, then nodes.

#include "testing/json_builders_compare.h"

#include <vector>

namespace iameval::testing {

using internal::JsonDocument;
using internal::JsonLimits;
using internal::JsonNode;

std::string JsonBuildersDiffer(std::string_view text, const JsonLimits& limits) {
  JsonDocument fast_doc, slow_doc;
  std::vector<Finding> fast_findings, slow_findings;
  const bool fast = internal::ParseJson(text, limits, &fast_doc, &fast_findings);
  const bool slow = internal::ParseJsonWithRapidJson(text, limits, &slow_doc, &slow_findings);
  if (fast != slow) return "verdicts differ";
  if (fast_findings.size() != slow_findings.size()) return "finding counts differ";
  for (size_t i = 0; i < fast_findings.size(); ++i) {
    const Finding& a = fast_findings[i];
    const Finding& b = slow_findings[i];
    if (a.code != b.code || a.message != b.message || a.help != b.help || a.line != b.line ||
        a.column != b.column || a.path != b.path) {
      return "finding " + std::to_string(i) + " differs: " + a.message + " at " +
             std::to_string(a.line) + ":" + std::to_string(a.column) + " against " + b.message +
             " at " + std::to_string(b.line) + ":" + std::to_string(b.column);
    }
  }
  if (!fast) return "";
  if (fast_doc.size() != slow_doc.size()) return "node counts differ";
  if (fast_doc.duplicates() != slow_doc.duplicates()) return "duplicates differ";
  for (uint32_t i = 0; i < fast_doc.size(); ++i) {
    const JsonNode& a = fast_doc.node(i);
    const JsonNode& b = slow_doc.node(i);
    const bool same = a.type == b.type && a.line == b.line && a.column == b.column &&
                      a.key_line == b.key_line && a.key_column == b.key_column &&
                      a.parent == b.parent && a.first_child == b.first_child &&
                      a.next_sibling == b.next_sibling && a.child_count == b.child_count &&
                      a.index == b.index && a.offset == b.offset && a.end == b.end &&
                      a.key == b.key && a.text == b.text && a.text.empty() == b.text.empty();
    if (!same) {
      return "node " + std::to_string(i) + " differs (" + std::to_string(a.line) + ":" +
             std::to_string(a.column) + " against " + std::to_string(b.line) + ":" +
             std::to_string(b.column) + ", key `" + std::string(a.key) + "`)";
    }
  }
  return "";
}

}  // namespace iameval::testing
