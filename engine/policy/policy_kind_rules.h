// File: engine/policy/policy_kind_rules.h
//
// What each kind of policy accepts, as one table: which elements a statement
// may, must or must not have, what a Sid may hold, whether a Version is
// required, how strict the IAM character range is, and the size quota and
// how it is measured (spec/grammar.md §3; decisions.md §1, §5, §9, §10, §11,
// §46). The element readers ask the table rather than the kind, so a kind's
// rules are read in one place.
//
//   KindRules rules = RulesFor(PolicyKind::kRoleTrust);
//   rules.resource == Presence::kForbidden   // a trust policy is about the role itself

#ifndef IAMEVAL_ENGINE_POLICY_KIND_RULES_H_
#define IAMEVAL_ENGINE_POLICY_KIND_RULES_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "iameval/policy.h"

namespace iameval::internal {

enum class Presence : uint8_t { kForbidden, kOptional, kRequired };
enum class SidCharacters : uint8_t { kAlphanumeric, kAlphanumericSpace, kAny };
enum class VersionRule : uint8_t { kOptional, kRequired, kRequired2012 };

// The element profile of one policy kind. The defaults are an identity
// policy's.
struct KindRules {
  std::string_view noun;  // with its article, for messages: "an identity policy"
  Presence principal = Presence::kForbidden;
  bool not_principal_allowed = false;
  Presence resource = Presence::kRequired;
  bool resourceless_statement_is_dead = false;  // KMS: accepted, never applies
  SidCharacters sid = SidCharacters::kAlphanumeric;
  // Two statements with one Sid: refused where AWS requires unique Sids
  // (IAM: "the Sid value must be unique within a JSON policy"), a warning
  // where it states no such rule and such policies exist (bucket policies).
  bool unique_sids_required = true;
  VersionRule version = VersionRule::kOptional;
  bool iam_character_range_is_error = true;  // else a warning
  size_t size_quota = 10240;
  bool quota_counts_everything = false;  // bytes, whitespace included; else characters without it
};

KindRules RulesFor(PolicyKind kind);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_POLICY_KIND_RULES_H_
