// File: engine/policy/policy_parser.cc
//
// ParsePolicyDocument: the steps of reading a policy, in order. The text
// becomes a located JSON tree (json_tree.h); the whole text is measured
// against the kind's quota (size_quota.h) and character range
// (iam_character_range.h); then the document is read element by element
// (policy_document.h and the readers it calls), all of them sharing one
// ParseContext (parse_context.h) and the kind's rules (policy_kind_rules.h).
//
// The parser never stops at the first problem: each element is checked on its
// own, every finding is collected, and compilation simply continues with
// whatever can still be read. The result is thrown away if any finding is an
// error, so half-read statements never reach a decision.

#include "policy/policy_parser.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>

#include "json/json_tree.h"
#include "policy/iam_character_range.h"
#include "policy/parse_context.h"
#include "policy/policy_document.h"
#include "policy/size_quota.h"

namespace iameval::internal {
namespace {

// Reads the whole document; context->findings then holds every finding, in
// the order they were found. Null when the text is not a JSON object.
std::shared_ptr<CompiledPolicy> Compile(ParseContext* context) {
  JsonLimits json_limits;
  json_limits.max_bytes = context->limits.max_document_bytes;
  json_limits.max_depth = context->limits.max_nesting_depth;
  if (!ParseJson(context->text, json_limits, &context->doc, &context->findings)) return nullptr;
  context->json_read = true;

  context->policy = std::make_shared<CompiledPolicy>();
  context->policy->kind = context->kind;

  uint32_t root = context->doc.root();
  if (!context->Node(root).is_object()) {
    context->Error(root, "not-an-object",
                   "the policy document must be a json object, not " +
                       JsonTypeWithArticle(context->Node(root).type),
                   false,
                   "a policy looks like {\"Version\": \"2012-10-17\", \"Statement\": [...]}");
    return nullptr;
  }
  CheckSizeQuota(context->text, context->rules, context->doc,
                 context->limits.enforce_aws_size_quotas ? Severity::kError : Severity::kWarning,
                 &context->findings);
  CheckIamCharacterRange(
      context->text, context->doc,
      context->rules.iam_character_range_is_error ? Severity::kError : Severity::kWarning,
      &context->findings);
  ReadDocument(context);
  return context->policy;
}

// Document order: by line, then column; findings without a position first.
void SortByPosition(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
}

}  // namespace

std::shared_ptr<CompiledPolicy> ParsePolicyDocument(std::string_view text, PolicyKind kind,
                                                    const Limits& limits,
                                                    std::vector<Finding>* findings,
                                                    JsonDocument* tree) {
  ParseContext context(text, kind, limits);
  std::shared_ptr<CompiledPolicy> policy = Compile(&context);
  if (tree != nullptr && context.json_read) *tree = std::move(context.doc);
  std::vector<Finding>& own = context.findings;
  SortByPosition(&own);
  bool failed = policy == nullptr || HasErrors(own);
  if (own.size() > limits.max_findings) {
    // A hostile document can hold hundreds of thousands of small mistakes;
    // nobody reads past the first screenful, and callers should not have to
    // carry them all. The cut is reported where it happened.
    Finding cut;
    cut.code = "too-many-findings";
    cut.severity = Severity::kError;
    cut.message =
        "more than " + std::to_string(limits.max_findings) + " findings; the rest are not reported";
    cut.line = own[limits.max_findings].line;
    cut.column = own[limits.max_findings].column;
    cut.path = own[limits.max_findings].path;
    own.resize(limits.max_findings);
    own.push_back(std::move(cut));
    failed = true;
  }
  findings->insert(findings->end(), std::make_move_iterator(own.begin()),
                   std::make_move_iterator(own.end()));
  if (failed) return nullptr;
  return policy;
}

}  // namespace iameval::internal
