// File: engine/action_index.h
//
// Which statements of a group of policies could match a request's action, so
// that a decision's cost grows with the statements that can apply, not with
// the total. A set of 1,000 policies over a hundred services asks a few dozen
// statements, not ten thousand.
//
// Each statement is filed, for each service its Action patterns name, under
// exactly one heading:
//   - by action: every pattern of that service is exact (`s3:getobject`);
//   - by service: some pattern of that service has a wildcard (`s3:get*`);
//   - always: NotAction, or a pattern whose service part has a wildcard
//     (`*`, `s3*:get`), which no service key can stand for.
// A request's action then looks up its action and its service; a statement is
// reached through at most one of the three lists, so none is visited twice.
// Candidates still go through the full statement match: the index only
// prunes, it never decides.

#ifndef IAMEVAL_ENGINE_ACTION_INDEX_H_
#define IAMEVAL_ENGINE_ACTION_INDEX_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/policy.h"

namespace iameval::internal {

struct CompiledPolicy;

class ActionIndex {
 public:
  struct Ref {
    uint32_t policy;     // position in the group
    uint32_t statement;  // position in the policy's statements
  };

  // Indexes `policies` (the group's order is the Ref::policy numbering).
  void Build(const std::vector<const CompiledPolicy*>& policies);

  // Calls `visit(ref)` for every candidate statement of `action_lower`
  // (`service:name`, lowercased), in no particular order.
  template <typename Visit>
  void ForEachCandidate(std::string_view action_lower, Visit&& visit) const {
    for (const Ref& ref : always_) visit(ref);
    size_t colon = action_lower.find(':');
    std::string_view service = action_lower.substr(0, colon);
    if (const std::vector<Ref>* refs = Find(by_service_, service)) {
      for (const Ref& ref : *refs) visit(ref);
    }
    if (const std::vector<Ref>* refs = Find(by_action_, action_lower)) {
      for (const Ref& ref : *refs) visit(ref);
    }
  }

  size_t statement_count() const { return statement_count_; }

 private:
  // Open addressing over a power-of-two table; looked up by string_view so a
  // decision never builds a std::string.
  struct Table {
    struct Slot {
      std::string key;
      std::vector<Ref> refs;
      bool used = false;
    };
    std::vector<Slot> slots;
    size_t used = 0;
  };
  static const std::vector<Ref>* Find(const Table& table, std::string_view key) noexcept;
  static std::vector<Ref>& Insert(Table* table, std::string_view key);

  std::vector<Ref> always_;
  Table by_service_;
  Table by_action_;
  size_t statement_count_ = 0;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ACTION_INDEX_H_
