// File: engine/policy/compiled_policy.h
//
// The compiled form of policies: what a decision reads. Built once by the
// policy parser (policy_parser.h), immutable afterwards, and free of any
// reference to the JSON text or tree.
//
// INVARIANT: every pattern here has passed validation: actions are lowercased
// `prefix:name` globs or "*", resources are "*" or ARN patterns, principals are
// classified, conditions are typed.

#ifndef IAMEVAL_ENGINE_COMPILED_POLICY_H_
#define IAMEVAL_ENGINE_COMPILED_POLICY_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "condition/condition.h"
#include "condition/variables.h"
#include "iameval/decision.h"
#include "iameval/policy.h"
#include "match/glob.h"
#include "match/principal.h"

namespace iameval::internal {

// One Resource / NotResource value.
struct ResourceEntry {
  Template pattern;  // as written, variables parsed
  Glob glob;         // the pattern's static glob form when it has no variables
};

struct CompiledStatement {
  Effect effect = Effect::kAllow;

  bool not_action = false;    // NotAction instead of Action
  std::vector<Glob> actions;  // lowercased

  enum class ResourceMode : uint8_t {
    kList,     // Resource
    kNotList,  // NotResource
    kAbsent,   // neither (resource-based policies and SCPs; decisions.md §5)
  };
  ResourceMode resource_mode = ResourceMode::kList;
  std::vector<ResourceEntry> resources;

  enum class PrincipalMode : uint8_t { kNone, kList, kNotList };
  PrincipalMode principal_mode = PrincipalMode::kNone;
  std::vector<PrincipalPattern> principals;

  ConditionBlock condition;

  // For explanations.
  uint32_t index = 0;  // position in the Statement array (0 for a lone object)
  std::string sid;
  uint32_t line = 0, column = 0;
};

struct CompiledPolicy {
  PolicyKind kind = PolicyKind::kIdentity;
  std::string id;
  std::string version;             // "2012-10-17", "2008-10-17" or empty
  bool variables_enabled = false;  // version == "2012-10-17"
  std::vector<CompiledStatement> statements;

  // Wraps a compiled policy in the public handle.
  static Policy Wrap(std::shared_ptr<const CompiledPolicy> compiled) {
    return Policy(std::move(compiled));
  }
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_COMPILED_POLICY_H_
