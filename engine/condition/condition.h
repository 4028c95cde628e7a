// File: engine/condition/condition.h
//
// The Condition element, compiled: every operator family AWS documents, the
// IfExists suffix, the ForAllValues: / ForAnyValue: qualifiers, typed policy
// values (numbers, instants, CIDR ranges, decoded binary, lowercased strings,
// globs) and policy variables. spec/conditions.md states the rules.
//
// Compile once per policy; Evaluate per decision without allocating in the
// common case and without re-reading any policy value.

#ifndef IAMEVAL_ENGINE_CONDITION_H_
#define IAMEVAL_ENGINE_CONDITION_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "condition/eval_context.h"
#include "iameval/decision.h"
#include "iameval/policy.h"
#include "json/finding_reporter.h"
#include "json/json_tree.h"

namespace iameval::internal {

struct ConditionEntry;

struct ConditionCompileOptions {
  bool variables_enabled = true;  // Version 2012-10-17
  PolicyKind kind = PolicyKind::kIdentity;
  const Limits* limits = nullptr;
};

// What one operator/key entry of a block said about a request: for
// explanations (the missing keys, the condition that failed).
struct EntryOutcome {
  // The operator in three parts, joined by condition_operator() only for the
  // entries an explanation reports.
  std::string_view qualifier;  // "ForAnyValue:", "ForAllValues:" or empty
  std::string_view name;       // "StringLike"
  bool if_exists = false;
  std::string_view key;        // as written; lives as long as the block
  std::string_view key_lower;  // lowercased
  bool key_present = false;    // the request sets it, or the engine derives it
  bool holds = false;

  // As written: "StringEquals", "ForAnyValue:StringLikeIfExists".
  std::string condition_operator() const {
    std::string text;
    text.reserve(qualifier.size() + name.size() + 8);
    text.append(qualifier).append(name);
    if (if_exists) text.append("IfExists");
    return text;
  }
};

class ConditionBlock {
 public:
  ConditionBlock();
  ~ConditionBlock();
  ConditionBlock(ConditionBlock&&) noexcept;
  ConditionBlock& operator=(ConditionBlock&&) noexcept;

  // Compiles the Condition object at `node` of the reporter's document,
  // reporting what it finds there as the policy's element readers do (a
  // ParseContext is a FindingReporter). Returns false when it reported an
  // error; `out` is then unusable.
  static bool Compile(FindingReporter* report, uint32_t node,
                      const ConditionCompileOptions& options, ConditionBlock* out);

  bool empty() const { return impl_ == nullptr; }

  // The compiled operator/key entries, for the analysis phase, which builds
  // witness values from them (engine/analysis/). Empty when empty().
  const std::vector<ConditionEntry>& entries() const;

  // True when every operator/key entry holds for the request. `effect` is the
  // statement's: an unreadable request value never widens access
  // (decisions.md §21). Allocates only to render a policy variable longer
  // than RenderBuffer's inline array; may then throw std::bad_alloc, which
  // the authorizer turns into a fail-closed answer (so: not noexcept).
  bool Evaluate(const EvalContext& context, Effect effect) const;

  // Every entry's outcome, in the block's order, each evaluated as Evaluate
  // would (none skipped). For explanations only: allocates.
  std::vector<EntryOutcome> Trace(const EvalContext& context, Effect effect) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_CONDITION_H_
