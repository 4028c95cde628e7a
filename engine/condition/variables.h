// File: engine/condition/variables.h
//
// Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, any
// `${service:key}`, the escapes `${*}`, `${?}`, `${$}`, and defaults
// `${aws:PrincipalTag/team, 'none'}` (spec/variables.md). A Template is a
// string from a policy, parsed once when the policy is compiled and rendered
// for each decision into a caller-provided buffer.

#ifndef IAMEVAL_ENGINE_VARIABLES_H_
#define IAMEVAL_ENGINE_VARIABLES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "condition/eval_context.h"

namespace iameval::internal {

// Where rendered text goes. Rendering writes into the inline array and only
// spills to the heap for results longer than it (rare: policy values and ARNs
// are short), so a decision does not allocate in the common case.
class RenderBuffer {
 public:
  void Clear() {
    size_ = 0;
    overflow_.clear();
    spilled_ = false;
  }
  void Append(std::string_view text);
  void Append(char c);
  std::string_view view() const;

 private:
  static constexpr size_t kInline = 1024;
  char inline_[kInline];
  size_t size_ = 0;
  bool spilled_ = false;
  std::string overflow_;
};

class Template {
 public:
  // Parses `text`. With `variables_enabled` false (a document without
  // Version 2012-10-17) everything is literal. On malformed `${...}` returns
  // false with code `invalid-variable` and a lowercase message.
  static bool Parse(std::string_view text, bool variables_enabled, Template* out,
                    std::string* error_code, std::string* error_message);

  // True when rendering depends on the request (a `${key}` reference).
  bool has_variables() const { return has_variables_; }
  // The names of the keys referenced, for validation messages.
  std::vector<std::string> variable_names() const;

  // The text when there are no variables: literal text, escapes resolved. In
  // glob form (`for_glob`), `*` and `?` written in the policy stay wildcards
  // while `${*}` and `${?}` become kLiteralStar / kLiteralQuestion.
  std::string StaticText(bool for_glob) const;

  // What every rendering starts with, in glob form, before its first
  // wildcard, escape or variable: a text that does not start so cannot match
  // the rendered pattern, and the match can skip rendering (statement_match).
  std::string_view FixedPrefix() const {
    if (fixed_prefix_length_ == 0) return {};
    return std::string_view(pieces_.front().text.data(), fixed_prefix_length_);
  }

  // Renders into `out` (cleared first). Substituted values are literal text:
  // in glob form their `*` and `?` become kLiteralStar / kLiteralQuestion
  // (decisions.md §29). Returns false when a variable has no value and no
  // default (the caller then treats the value as matching nothing), or when
  // the key is multivalued (decisions.md §33).
  //
  // Not noexcept: a result longer than RenderBuffer's inline array spills to
  // the heap, and if that allocation fails std::bad_alloc must reach the
  // authorizer, which fails closed (an implicit deny with an error). Under
  // noexcept it would terminate the process instead.
  bool Render(const EvalContext& context, bool for_glob, RenderBuffer* out) const;

 private:
  struct Piece {
    bool is_variable = false;
    bool is_escape = false;  // `${*}`, `${?}` or `${$}`: `text` is the one character
    std::string text;        // literal text, or the key name (lowercased) for a variable
    bool has_default = false;
    std::string default_value;
    ConditionKey key;  // a variable's key, ready for lookups
  };
  // Sets fixed_prefix_length_ from pieces_ once they are complete.
  void FindFixedPrefix();

  std::vector<Piece> pieces_;
  bool has_variables_ = false;
  uint32_t fixed_prefix_length_ = 0;  // of pieces_.front().text
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_VARIABLES_H_
