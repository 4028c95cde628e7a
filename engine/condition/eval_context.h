// File: engine/condition/eval_context.h
//
// The request as conditions and policy variables see it while one decision is
// made: condition keys looked up ignoring case, first in the caller's context,
// then among the keys the engine derives from the request itself
// (spec/context.md). Built on the stack for each decision; never allocates.
//
// Lookups are the hot path of conditions and policy variables, so a key from
// a policy is prepared when the policy is compiled (ConditionKey: lowercased,
// hashed ignoring case, its derived-key id found). A context of more than
// Context::kIndexedAbove keys files them by that same hash when the request
// is built (iameval/request.h), so a lookup is one probe of that index and
// one case-insensitive compare, whatever the number of keys, and nothing is
// built per decision; smaller contexts are scanned (cheaper than a probe for
// a handful of keys). A derived key is a switch on its id.
//
//   ConditionKey key = ConditionKey::Make("aws:PrincipalTag/Team");
//   EvalContext context(request, caller, resource_account);
//   KeyValues values = context.Lookup(key);   // the entry for aws:principaltag/team

#ifndef IAMEVAL_ENGINE_EVAL_CONTEXT_H_
#define IAMEVAL_ENGINE_EVAL_CONTEXT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "base/ascii.h"
#include "base/bytes_equal.h"
#include "base/key_hash.h"
#include "condition/values.h"
#include "iameval/request.h"
#include "match/principal.h"

namespace iameval::internal {

// One value of a key, whatever its origin.
struct ScalarView {
  ContextScalar::Type type = ContextScalar::Type::kString;
  std::string_view text;
  double number = 0;
  bool boolean = false;
  // Set for the derived aws:CurrentTime and aws:EpochTime: the instant that
  // ReadInstant would read from `text` (or InstantFromEpochNumber from
  // `number`), so Date operators need not read it back.
  bool has_instant = false;
  Instant instant;
};

// The values of one key in the request.
class KeyValues {
 public:
  static KeyValues Absent() { return KeyValues(); }
  static KeyValues FromEntry(const Context::Entry& entry) {
    KeyValues values;
    values.present_ = true;
    values.is_list_ = entry.is_list;
    // An empty list still needs a non-null marker so size() reads 0, not 1.
    values.list_ = entry.values.empty() ? &kNothing : entry.values.data();
    values.count_ = entry.values.size();
    return values;
  }
  static KeyValues Single(ScalarView value) {
    KeyValues values;
    values.present_ = true;
    values.single_ = value;
    return values;
  }

  bool present() const { return present_; }
  bool is_list() const { return is_list_; }
  size_t size() const { return list_ ? count_ : (present_ ? 1 : 0); }
  ScalarView at(size_t i) const {
    if (list_ == nullptr) return single_;
    const ContextScalar& scalar = list_[i];
    ScalarView view;
    view.type = scalar.type;
    view.text = scalar.text;
    view.number = scalar.number;
    view.boolean = scalar.boolean;
    return view;
  }
  // Absent, an empty list, or a single empty string (decisions.md §20).
  bool is_null() const {
    if (!present_) return true;
    if (size() == 0) return true;
    return size() == 1 && !is_list_ && at(0).type == ContextScalar::Type::kString &&
           at(0).text.empty();
  }

 private:
  static const ContextScalar kNothing;

  bool present_ = false;
  bool is_list_ = false;
  const ContextScalar* list_ = nullptr;
  size_t count_ = 0;
  ScalarView single_;
};

// The keys the engine derives from the request (spec/context.md), by id.
enum class DerivedKey : uint8_t {
  kNone,  // not derived: only the caller's context can give it
  kPrincipalArn,
  kPrincipalAccount,
  kPrincipalType,
  kUsername,
  kUserid,
  kResourceAccount,
  kPrincipalIsAWSService,
  kPrincipalServiceName,
  kCurrentTime,
  kEpochTime,
};

// The derived key `key` names (any letter case), or kNone.
DerivedKey DerivedKeyOf(std::string_view key) noexcept;

// A key to look up, with what is known about it in advance. Short keys
// written in lowercase come with their text as words and a mask of their
// letters, so a context key of any case compares eight bytes at a time:
// (word | mask) == lowercase word exactly when the two agree ignoring case.
struct KeyRef {
  std::string_view name;                   // lowercase when word_count > 0
  uint32_t hash = 0;                       // KeyHash(name)
  DerivedKey derived = DerivedKey::kNone;  // DerivedKeyOf(name)
  uint8_t word_count = 0;                  // 0: compare with EqualsIgnoreCase
  const uint64_t* words = nullptr;         // name's bytes at 0, 8, ... and the last 8
  const uint64_t* masks = nullptr;         // 0x20 on each byte of `words` that is a letter
};

// A condition key, made ready for lookups when a policy is compiled.
struct ConditionKey {
  static constexpr size_t kMaxWords = 6;  // keys up to 48 bytes compare by words

  std::string name;   // ASCII-lowercased
  uint32_t hash = 0;  // KeyHash(name)
  DerivedKey derived = DerivedKey::kNone;
  uint8_t word_count = 0;
  uint64_t words[kMaxWords] = {};
  uint64_t masks[kMaxWords] = {};

  static ConditionKey Make(std::string_view key);
  KeyRef ref() const {
    KeyRef r;
    r.name = name;
    r.hash = hash;
    r.derived = derived;
    r.word_count = word_count;
    r.words = words;
    r.masks = masks;
    return r;
  }
};

class EvalContext {
 public:
  // `caller` must have been read from `request.principal`, and
  // `resource_account` decided from the request (decisions.md §44).
  EvalContext(const Request& request, const Caller& caller,
              std::string_view resource_account) noexcept;

  // The values of `key` (any letter case): the request's own context entry
  // if it has one, else the derived value, else absent.
  KeyValues Lookup(const KeyRef& key) const noexcept {
    if (const Context::Entry* entry = Find(key)) return KeyValues::FromEntry(*entry);
    return key.derived == DerivedKey::kNone ? KeyValues::Absent() : Derived(key.derived);
  }
  KeyValues Lookup(const ConditionKey& key) const noexcept { return Lookup(key.ref()); }
  KeyValues Lookup(std::string_view key) const noexcept {
    KeyRef ref;
    ref.name = key;
    ref.hash = KeyHash(key);
    ref.derived = DerivedKeyOf(key);
    return Lookup(ref);
  }

  // Lookup in two steps, for callers that read the caller's values in
  // place (ConditionEntry::Evaluate): the request's own entry for `key`, or
  // null; then, when there is none, the derived value (absent when the key
  // is not derived or has no value for this request).
  const Context::Entry* RequestEntry(const ConditionKey& key) const noexcept {
    return Find(key.ref());
  }
  KeyValues DerivedValue(DerivedKey key) const noexcept {
    return key == DerivedKey::kNone ? KeyValues::Absent() : Derived(key);
  }

  // `value`, a value of the request's context, read as an IP address
  // (ReadIpAddress); the last value read is kept for the decision, so an
  // address that several IpAddress / NotIpAddress entries consult is read
  // once.
  bool ReadIp(const ContextScalar& value, IpAddress* out) const noexcept {
    if (&value != ip_value_) {
      IpAddress address;
      ip_ok_ = ReadIpAddress(value.text, &address);
      ip_v6_ = address.is_v6;
      ip_high_ = address.high;
      ip_low_ = address.low;
      ip_value_ = &value;
    }
    out->is_v6 = ip_v6_;
    out->high = ip_high_;
    out->low = ip_low_;
    return ip_ok_;
  }

  const Request& request() const { return request_; }
  // Whether a lookup derived aws:PrincipalArn for a role session without
  // the role's path (the request gave no principal_role_arn): an answer
  // that rests on it says so (spec/context.md).
  bool derived_pathless_role_arn() const { return derived_pathless_role_arn_; }
  const Caller& caller() const { return caller_; }
  std::string_view resource_account() const { return resource_account_; }

  // Contexts without an index (Context::kIndexedAbove keys or fewer) are
  // searched linearly: a length check and a word compare per entry.

 private:
  // The caller's entry for `key`, or null.
  inline const Context::Entry* Find(const KeyRef& key) const noexcept;
  inline const Context::Entry* Scan(const KeyRef& key) const noexcept;
  KeyValues Derived(DerivedKey key) const noexcept;
  // Fills the aws:CurrentTime and aws:EpochTime buffers; false when the
  // instant cannot be written as a date.
  bool FormatNow() const noexcept;

  const Request& request_;
  const Caller& caller_;
  std::string_view resource_account_;

  // Storage for derived values that are not substrings of the request,
  // filled on first use.
  mutable char principal_arn_[320];
  mutable size_t principal_arn_length_ = 0;
  mutable char userid_[160];
  mutable size_t userid_length_ = 0;
  mutable char current_time_[40];
  mutable size_t current_time_length_ = 0;
  mutable char epoch_time_[24];
  mutable size_t epoch_time_length_ = 0;
  mutable double epoch_seconds_ = 0;
  mutable int64_t now_seconds_ = 0;
  mutable bool now_in_fast_range_ = false;  // 1970 to 9999: formatted here, instant known
  mutable bool derived_pathless_role_arn_ = false;
  // ReadIp's last value and what it read; valid when ip_value_ is set.
  mutable const ContextScalar* ip_value_ = nullptr;
  mutable bool ip_ok_, ip_v6_;
  mutable uint64_t ip_high_, ip_low_;
};

// Whether context key `text` equals `key` ignoring case.
inline bool KeyMatches(std::string_view text, const KeyRef& key) noexcept {
  if (text.size() != key.name.size()) return false;
  if (key.word_count == 0) return EqualsIgnoreCase(text, key.name);
  const char* p = text.data();
  const size_t last = key.word_count - 1;
  for (size_t i = 0; i < last; ++i) {
    if ((LoadWord(p + 8 * i) | key.masks[i]) != key.words[i]) return false;
  }
  return (LoadWord(p + text.size() - 8) | key.masks[last]) == key.words[last];
}

inline const Context::Entry* EvalContext::Scan(const KeyRef& key) const noexcept {
  for (const Context::Entry& entry : request_.context.entries()) {
    if (KeyMatches(entry.key, key)) return &entry;
  }
  return nullptr;
}

// The entry of `context` whose key has hash `hash` and satisfies
// `matches(key)`, through the context's index (which must not be empty):
// `matches` is called only for entries of the same hash, so a lookup costs
// the same whatever the number of keys (eval_context_test.cc counts).
template <typename Matches>
inline const Context::Entry* ProbeContextIndex(const Context& context, uint32_t hash,
                                               Matches&& matches) noexcept {
  const std::vector<Context::IndexSlot>& index = context.index();
  const size_t mask = index.size() - 1;
  for (size_t slot = hash & mask; index[slot].entry != 0; slot = (slot + 1) & mask) {
    if (index[slot].hash != hash) continue;
    const Context::Entry& entry = context.entries()[index[slot].entry - 1];
    if (matches(entry.key)) return &entry;
  }
  return nullptr;
}

inline const Context::Entry* EvalContext::Find(const KeyRef& key) const noexcept {
  if (request_.context.index().empty()) return Scan(key);
  return ProbeContextIndex(request_.context, key.hash,
                           [&key](std::string_view text) { return KeyMatches(text, key); });
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_EVAL_CONTEXT_H_
