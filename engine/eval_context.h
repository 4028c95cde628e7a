// File: engine/eval_context.h
//
// The request as conditions and policy variables see it while one decision is
// made: condition keys looked up ignoring case, first in the caller's context,
// then among the keys the engine derives from the request itself
// (spec/context.md). Built on the stack for each decision; never allocates.

#ifndef IAMEVAL_ENGINE_EVAL_CONTEXT_H_
#define IAMEVAL_ENGINE_EVAL_CONTEXT_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "iameval/request.h"
#include "principal.h"

namespace iameval::internal {

// One value of a key, whatever its origin.
struct ScalarView {
  ContextScalar::Type type = ContextScalar::Type::kString;
  std::string_view text;
  double number = 0;
  bool boolean = false;
};

// The values of one key in the request.
class KeyValues {
 public:
  static KeyValues Absent() { return KeyValues(); }
  static KeyValues FromEntry(const Context::Entry& entry);
  static KeyValues Single(ScalarView value);

  bool present() const { return present_; }
  bool is_list() const { return is_list_; }
  size_t size() const { return list_ ? count_ : (present_ ? 1 : 0); }
  ScalarView at(size_t i) const;
  // Absent, an empty list, or a single empty string (decisions.md §20).
  bool is_null() const;

 private:
  bool present_ = false;
  bool is_list_ = false;
  const ContextScalar* list_ = nullptr;
  size_t count_ = 0;
  ScalarView single_;
};

class EvalContext {
 public:
  // `caller` must have been read from `request.principal`, and
  // `resource_account` decided from the request (decisions.md §44).
  EvalContext(const Request& request, const Caller& caller,
              std::string_view resource_account) noexcept;

  // The values of `key` (any letter case): the request's own context entry
  // if it has one, else the derived value, else absent.
  KeyValues Lookup(std::string_view key) const noexcept;

  const Request& request() const { return request_; }
  const Caller& caller() const { return caller_; }
  std::string_view resource_account() const { return resource_account_; }

 private:
  KeyValues Derived(std::string_view key) const noexcept;

  const Request& request_;
  const Caller& caller_;
  std::string_view resource_account_;
  // Storage for derived values that are not substrings of the request.
  char principal_arn_[320];
  size_t principal_arn_length_ = 0;
  char userid_[160];
  size_t userid_length_ = 0;
  char current_time_[40];
  size_t current_time_length_ = 0;
  char epoch_time_[24];
  size_t epoch_time_length_ = 0;
  double epoch_seconds_ = 0;
};

// ASCII case-insensitive equality; no allocation. Inline: condition-key
// lookups call it for every context entry of the right length.
inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const unsigned char x = static_cast<unsigned char>(a[i]);
    const unsigned char y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    // Different bytes are equal ignoring case only as the two cases of a letter.
    const unsigned char lower = x | 0x20;
    if (lower != (y | 0x20) || lower < 'a' || lower > 'z') return false;
  }
  return true;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_EVAL_CONTEXT_H_
