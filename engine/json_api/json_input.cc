// File: engine/json_api/json_input.cc

#include "json_api/json_input.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "base/ascii.h"
#include "iameval/finding.h"
#include "iameval/json.h"

namespace iameval::internal {

bool ReadJsonInput(std::string_view text, std::string_view what, const InputLimits& input_limits,
                   JsonDocument* doc, std::string* error, bool locate) {
  // The size first: a 200 MB line costs one comparison, not a tree.
  if (text.size() > input_limits.max_input_bytes) {
    *error = InputTooLongError(what, input_limits);
    return false;
  }
  JsonLimits limits;
  limits.max_bytes = kMaxJsonInputBytes;
  limits.max_depth = kMaxJsonInputDepth;
  limits.require_utf8 = false;  // as before: documents are checked by the policy parser
  limits.locate_values = locate;
  std::vector<Finding> findings;
  if (ParseJson(text, limits, doc, &findings)) return true;
  const Finding* first = nullptr;
  for (const Finding& finding : findings) {
    if (finding.severity == Severity::kError) {
      first = &finding;
      break;
    }
  }
  std::string out(what);
  if (first == nullptr) {
    out += " is not JSON";
  } else if (first->code == "nesting-too-deep") {
    out += " nests arrays and objects deeper than " + std::to_string(kMaxJsonInputDepth) +
           " levels (give deeper policy documents as text)";
  } else if (first->code == "document-too-large") {
    out += " is " + std::to_string(text.size()) + " bytes, over the limit of " +
           std::to_string(kMaxJsonInputBytes);
  } else {
    out += " is not JSON: " + first->message + " at line " + std::to_string(first->line) +
           ", column " + std::to_string(first->column);
  }
  *error = std::move(out);
  return false;
}

std::optional<std::string> DuplicateMember(const JsonDocument& doc, uint32_t object,
                                           bool ignore_case) {
  // Exact repetitions were kept out of the object by the reader.
  for (uint32_t duplicate : doc.duplicates()) {
    if (doc.node(duplicate).parent == object) return std::string(doc.node(duplicate).key);
  }
  if (!ignore_case) return std::nullopt;
  std::vector<std::pair<std::string, std::string_view>> names;  // (folded, as given)
  names.reserve(doc.node(object).child_count);
  for (uint32_t c = doc.node(object).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    names.emplace_back(LowerAscii(doc.node(c).key), doc.node(c).key);
  }
  std::stable_sort(names.begin(), names.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t i = 1; i < names.size(); ++i) {
    if (names[i].first == names[i - 1].first) return std::string(names[i].second);
  }
  return std::nullopt;
}

}  // namespace iameval::internal
