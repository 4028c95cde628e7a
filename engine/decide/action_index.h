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
// A long list (more than kSplitAbove statements: one `s3:Get*` shared by a
// thousand statements) is also split by the resource its statements can
// match. The *head* of an ARN is its text up to the first `/` or `:` after
// the fifth colon (`arn:aws:s3:::bucket-7` for `arn:aws:s3:::bucket-7/a/b`),
// or the whole text when there is none. A Resource pattern whose bytes
// before its first wildcard or variable already hold its head (or which has
// none) can match only resources with that same head, so a statement whose
// every Resource pattern is such is filed under their heads; the others
// (NotResource, no Resource, `*`, `arn:aws:s3:::bucket-*`) stay unfiled. A
// request visits the unfiled statements, then those filed under its
// resource's head.
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
  // once so that every group of a decision can look them up, and its
  // resource, whose head is found and hashed only if a split list asks.
  struct Key {
    explicit Key(std::string_view action_lower, std::string_view resource = {}) noexcept;
    // The same, when the caller already knows where the colon is.
    Key(std::string_view action_lower, size_t colon, std::string_view resource_text) noexcept
        : action(action_lower),
          service(action_lower.substr(0, colon)),
          resource(resource_text),
          action_hash(ActionIndexHash(action)),
          service_hash(ActionIndexHash(service)) {}
    std::string_view action;
    std::string_view service;
    std::string_view resource;
    uint64_t action_hash = 0;
    uint64_t service_hash = 0;

    // The head of `resource` (above) and its hash, found on first use. The
    // Key lives on one decision's stack: nothing here is shared.
    std::string_view head() const noexcept {
      if (!head_ready_) FindHead();
      return head_;
    }
    uint64_t head_hash() const noexcept {
      if (!head_ready_) FindHead();
      return head_hash_;
    }

   private:
    void FindHead() const noexcept;
    mutable bool head_ready_ = false;
    mutable std::string_view head_;
    mutable uint64_t head_hash_ = 0;
  };

  // Statements in a list beyond which it is split by resource head.
  static constexpr size_t kSplitAbove = 16;

  // Indexes `policies` (the group's order is the Ref::policy numbering).
  void Build(const std::vector<const CompiledPolicy*>& policies);

  // Calls `visit(ref, action_known)` for every candidate statement of `key`,
  // in no particular order, until a call returns false. `action_known` is
  // true when the statement's Action is known to name the action. Returns
  // false when a visit stopped the walk.
  template <typename Visit>
  bool ForEachCandidate(const Key& key, Visit&& visit) const {
    // One loop per list, with one call of `visit`: the same code as before
    // lists were split, plus a test of `split` (every list of a typical set
    // is short, hence not split).
    auto each = [&](const RefList& list, bool action_known) {
      const Ref* ref = list.refs.data();
      const Ref* end = ref + list.refs.size();
      bool last = !list.split;
      for (;;) {
        for (; ref != end; ++ref) {
          if (!visit(*ref, action_known)) return false;
        }
        if (last) return true;
        last = true;
        list.Filed(key, &ref, &end);
      }
    };
    if (!each(always_, false)) return false;
    if (const ServiceEntry* entry = Find(by_service_, key.service, key.service_hash)) {
      for (const PatternRefs& group : entry->patterns) {
        if (!group.glob.Matches(key.action)) continue;
        if (!each(group.refs, true)) return false;
      }
      if (!each(entry->mixed, false)) return false;
    }
    if (const RefList* refs = Find(by_action_, key.action, key.action_hash)) {
      if (!each(*refs, true)) return false;
    }
    return true;
  }

  size_t statement_count() const { return statement_count_; }

  // The length of the head of `text` (above); when `complete` is false,
  // `text` is only what every match starts with, and npos says that it does
  // not reach its head's end. Exposed for tests.
  static size_t ResourceHeadLength(std::string_view text, bool complete) noexcept;

 private:
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

  // Candidate statements; split by resource head once Build is done when
  // there are more than kSplitAbove. Visited in no particular order (an
  // explanation sorts its statements).
  struct RefList {
    std::vector<Ref> refs;  // all of them; once split, the unfiled ones
    bool split = false;
    Table<std::vector<Ref>> by_head;

    void push_back(const Ref& ref) { refs.push_back(ref); }
    bool empty() const { return refs.empty(); }
    const Ref& back() const { return refs.back(); }
    void Split();
    // The statements filed under the head of `key`'s resource (none: equal
    // pointers). Out of line: only split lists call it.
    void Filed(const Key& key, const Ref** begin, const Ref** end) const noexcept;
  };

  // The statements whose one pattern for a service is `glob`.
  struct PatternRefs {
    Glob glob;
    RefList refs;
  };
  struct ServiceEntry {
    std::vector<PatternRefs> patterns;
    RefList mixed;
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

  RefList always_;
  Table<ServiceEntry> by_service_;
  Table<RefList> by_action_;
  size_t statement_count_ = 0;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ACTION_INDEX_H_
