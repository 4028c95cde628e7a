// File: engine/decide/action_index.h
//
// Which statements of a group of policies could match a request's action, so
// that a decision's cost grows with the statements that can apply, not with
// the total. A set of 1,000 policies over a hundred services asks a few dozen
// statements, not ten thousand.
//
// Each statement is filed, for each service its Action patterns name, under
// exactly one heading:
//   - by action: every pattern of that service is exact (`s3:getobject`);
//   - by pattern: its one pattern of that service has a wildcard
//     (`s3:get*`); statements sharing a pattern share one entry, so a
//     request tests each distinct pattern once, in the index's own compact
//     memory, and visits only the statements of the patterns that match;
//   - mixed: several patterns of that service, some with wildcards;
//   - always: NotAction, or a pattern whose service part has a wildcard
//     (`*`, `s3*:get`), which no service key can stand for.
// A request's action then looks up its action and its service; a statement is
// reached through at most one of these lists, so none is visited twice.
// Statements reached by action or by pattern are known to name the action
// (`action_known`), so the statement match need not test their Action again.
// Candidates still go through the full statement match: the index only
// prunes, it never decides.
//
//   ActionIndex::Key key("s3:getobject");          // hashed once per decision
//   group.index.ForEachCandidate(key, [&](ActionIndex::Ref ref, bool action_known) {
//     ...
//     return true;  // false stops the walk
//   });

#ifndef IAMEVAL_ENGINE_ACTION_INDEX_H_
#define IAMEVAL_ENGINE_ACTION_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/bytes_equal.h"
#include "iameval/policy.h"
#include "match/glob.h"

namespace iameval::internal {

// The hash the index files keys under. Eight bytes per step rather than one:
// a byte-wise hash is a chain of dependent multiplies, one per character,
// which on a 20-character action is a noticeable part of a whole decision.
inline uint64_t ActionIndexHash(std::string_view key) noexcept {
  constexpr uint64_t kMultiplier = 0xff51afd7ed558ccdull;
  auto mix = [](uint64_t hash, uint64_t word) {
    hash = (hash ^ word) * kMultiplier;
    return hash ^ (hash >> 32);
  };
  const char* data = key.data();
  const size_t size = key.size();
  uint64_t hash = 0x9e3779b97f4a7c15ull ^ size;
  if (size < 8) {
    uint64_t word = 0;
    for (size_t i = 0; i < size; ++i)
      word |= uint64_t{static_cast<unsigned char>(data[i])} << (8 * i);
    return mix(hash, word);
  }
  size_t i = 0;
  for (; i + 8 <= size; i += 8) hash = mix(hash, LoadWord(data + i));
  // The last 8 bytes, overlapping the previous word.
  if (i < size) hash = mix(hash, LoadWord(data + size - 8));
  return hash;
}

struct CompiledPolicy;
struct CompiledStatement;

class ActionIndex {
 public:
  struct Ref {
    uint32_t policy;     // position in the group
    uint32_t statement;  // position in the policy's statements
    // The statement itself, so a decision reaches it without going through
    // its policy's handle (the compiled policies outlive the index).
    const CompiledStatement* target;
  };

  // A request's action (`service:name`, lowercased) and its service, hashed
  // once so that every group of a decision can look them up.
  struct Key {
    explicit Key(std::string_view action_lower) noexcept;
    // The same, when the caller already knows where the colon is.
    Key(std::string_view action_lower, size_t colon) noexcept
        : action(action_lower),
          service(action_lower.substr(0, colon)),
          action_hash(ActionIndexHash(action)),
          service_hash(ActionIndexHash(service)) {}
    std::string_view action;
    std::string_view service;
    uint64_t action_hash = 0;
    uint64_t service_hash = 0;
  };

  // Indexes `policies` (the group's order is the Ref::policy numbering).
  void Build(const std::vector<const CompiledPolicy*>& policies);

  // Calls `visit(ref, action_known)` for every candidate statement of `key`,
  // in no particular order, until a call returns false. `action_known` is
  // true when the statement's Action is known to name the action. Returns
  // false when a visit stopped the walk.
  template <typename Visit>
  bool ForEachCandidate(const Key& key, Visit&& visit) const {
    for (const Ref& ref : always_) {
      if (!visit(ref, false)) return false;
    }
    if (const ServiceEntry* entry = Find(by_service_, key.service, key.service_hash)) {
      for (const PatternRefs& group : entry->patterns) {
        if (!group.glob.Matches(key.action)) continue;
        for (const Ref& ref : group.refs) {
          if (!visit(ref, true)) return false;
        }
      }
      for (const Ref& ref : entry->mixed) {
        if (!visit(ref, false)) return false;
      }
    }
    if (const std::vector<Ref>* refs = Find(by_action_, key.action, key.action_hash)) {
      for (const Ref& ref : *refs) {
        if (!visit(ref, true)) return false;
      }
    }
    return true;
  }

  size_t statement_count() const { return statement_count_; }

 private:
  // The statements whose one pattern for a service is `glob`.
  struct PatternRefs {
    Glob glob;
    std::vector<Ref> refs;
  };
  struct ServiceEntry {
    std::vector<PatternRefs> patterns;
    std::vector<Ref> mixed;
  };

  // Open addressing over a power-of-two table; looked up by string_view and
  // a precomputed hash, so a decision never builds a std::string.
  template <typename Value>
  struct Table {
    struct Slot {
      std::string key;
      uint64_t hash = 0;
      Value value;
      bool used = false;
    };
    std::vector<Slot> slots;
    size_t used = 0;
  };

  template <typename Value>
  static const Value* Find(const Table<Value>& table, std::string_view key,
                           uint64_t hash) noexcept {
    if (table.slots.empty()) return nullptr;
    const size_t mask = table.slots.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const typename Table<Value>::Slot& slot = table.slots[i];
      if (!slot.used) return nullptr;
      if (slot.hash == hash && slot.key.size() == key.size() &&
          BytesEqual(slot.key.data(), key.data(), key.size())) {
        return &slot.value;
      }
    }
  }
  template <typename Value>
  static Value& Insert(Table<Value>* table, std::string_view key);

  std::vector<Ref> always_;
  Table<ServiceEntry> by_service_;
  Table<std::vector<Ref>> by_action_;
  size_t statement_count_ = 0;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ACTION_INDEX_H_
