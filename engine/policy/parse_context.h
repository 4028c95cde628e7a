// File: engine/policy/parse_context.h
//
// The state of one ParsePolicyDocument call, which every element reader
// (policy_document.h, statement_elements.h, action_elements.h, ...) reads and
// adds to: the policy's text and located JSON tree, the rules of its kind,
// the limits, the findings so far and the policy being compiled. Readers
// report on their own and carry on; nothing stops at the first finding. It
// reports as a FindingReporter (json/finding_reporter.h), the face the
// condition compiler, a phase below, is handed.
//
//   uint32_t node = context->doc.Member(statement, "Sid");
//   if (!context->Node(node).is_string()) {
//     context->Error(node, "wrong-type", "`Sid` must be a string, not ...");
//   }

#ifndef IAMEVAL_ENGINE_PARSE_CONTEXT_H_
#define IAMEVAL_ENGINE_PARSE_CONTEXT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "iameval/policy.h"
#include "json/finding_reporter.h"
#include "json/json_tree.h"
#include "policy/compiled_policy.h"
#include "policy/policy_kind_rules.h"

namespace iameval::internal {

struct ParseContext : FindingReporter {
  ParseContext(std::string_view text, PolicyKind kind, const Limits& limits)
      : FindingReporter(doc, &findings),
        text(text),
        kind(kind),
        rules(RulesFor(kind)),
        limits(limits) {}

  const JsonNode& Node(uint32_t node) const { return doc.node(node); }

  const std::string_view text;
  const PolicyKind kind;
  const KindRules rules;
  const Limits& limits;
  JsonDocument doc;
  bool json_read = false;                  // `doc` holds the whole text's tree
  std::vector<Finding> findings;           // in the order found; sorted by position at the end
  std::shared_ptr<CompiledPolicy> policy;  // made once the text is JSON
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_PARSE_CONTEXT_H_
