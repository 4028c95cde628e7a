// File: engine/condition/eval_context.h
//
// The request as conditions and policy variables see it while one decision is
// made: condition keys looked up ignoring case, first in the caller's context,
// then among the keys the engine derives from the request itself
// (spec/context.md). Built on the stack for each decision; never allocates.
//
// Lookups are the hot path of conditions and policy variables, so a key from
// a policy is prepared when the policy is compiled (ConditionKey: lowercased,
// hashed ignoring case, its derived-key id found), and the first lookup of a
// decision files the request's context entries by that hash in a small table
// on the stack. A lookup is then one probe and one case-insensitive compare
// (small contexts are scanned instead: cheaper than hashing their keys); a
// derived key is a switch on its id.
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

// A hash of `key` that ignores ASCII letter case: keys equal ignoring case
// hash alike (defined below).
inline uint32_t KeyHash(std::string_view key) noexcept;

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

  const Request& request() const { return request_; }
  const Caller& caller() const { return caller_; }
  std::string_view resource_account() const { return resource_account_; }

  // Contexts of up to kScannedEntries entries are searched linearly (a
  // length check and a word compare per entry beat hashing every key: with
  // the 12-entry contexts of BM_Decide/conditions, 4,893 instructions per
  // decision scanned against 5,106 through the table), and
  // so are those of more than kIndexedEntries (the table's capacity); the
  // others through the hash table.
  static constexpr size_t kScannedEntries = 16;
  static constexpr size_t kIndexedEntries = 64;

 private:
  enum class IndexState : uint8_t { kNotBuilt, kBuilt, kScan };
  static constexpr size_t kMaxSlots = 2 * kIndexedEntries;

  // The caller's entry for `key`, or null.
  inline const Context::Entry* Find(const KeyRef& key) const noexcept;
  void BuildIndex() const noexcept;
  inline const Context::Entry* Scan(const KeyRef& key) const noexcept;
  KeyValues Derived(DerivedKey key) const noexcept;
  // Fills the aws:CurrentTime and aws:EpochTime buffers; false when the
  // instant cannot be written as a date.
  bool FormatNow() const noexcept;

  const Request& request_;
  const Caller& caller_;
  std::string_view resource_account_;

  // The context's entries filed by KeyHash, built by the first lookup (a
  // decision without conditions never pays for it). Open addressing with
  // linear probing; a slot holds an entry's index + 1, 0 when empty.
  mutable IndexState index_state_ = IndexState::kNotBuilt;
  mutable uint32_t slot_mask_ = 0;
  mutable uint32_t entry_hashes_[kIndexedEntries];
  mutable uint8_t slots_[kMaxSlots];

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
};

inline uint32_t KeyHash(std::string_view key) noexcept {
  // Setting bit 5 of every byte maps the two cases of a letter to one value
  // (and a few other pairs too: a collision costs only a compare). Three
  // words (first, middle, last eight bytes) and the length cover keys up to
  // 24 bytes entirely and tell longer ones apart well enough.
  constexpr uint64_t kFold = 0x2020202020202020ull;
  const size_t n = key.size();
  const char* p = key.data();
  uint64_t a = 0, b = 0, c = 0;
  if (n >= 8) {
    a = LoadWord(p);
    b = LoadWord(p + (n - 8) / 2);
    c = LoadWord(p + n - 8);
  } else {
    for (size_t i = 0; i < n; ++i) a |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  uint64_t h = ((a | kFold) ^ n) * 0x9e3779b97f4a7c15ull;
  h = ((h >> 29 | h << 35) ^ (b | kFold)) * 0xbf58476d1ce4e5b9ull;
  h = ((h >> 29 | h << 35) ^ (c | kFold)) * 0x94d049bb133111ebull;
  return static_cast<uint32_t>(h >> 32);
}

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

inline const Context::Entry* EvalContext::Find(const KeyRef& key) const noexcept {
  const std::vector<Context::Entry>& entries = request_.context.entries();
  if (entries.size() <= kScannedEntries) return Scan(key);
  if (index_state_ != IndexState::kBuilt) {
    if (index_state_ == IndexState::kNotBuilt) BuildIndex();
    if (index_state_ == IndexState::kScan) return Scan(key);
  }
  for (uint32_t slot = key.hash & slot_mask_; slots_[slot] != 0; slot = (slot + 1) & slot_mask_) {
    const size_t i = slots_[slot] - 1;
    if (entry_hashes_[i] == key.hash && KeyMatches(entries[i].key, key)) return &entries[i];
  }
  return nullptr;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_EVAL_CONTEXT_H_
