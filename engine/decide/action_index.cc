// File: engine/decide/action_index.cc

#include "decide/action_index.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "policy/compiled_policy.h"

namespace iameval::internal {
namespace {

std::string_view ServiceOf(std::string_view pattern) {
  return pattern.substr(0, pattern.find(':'));
}

}  // namespace

// The resource heads a statement's Resource patterns can match, or false
// when some pattern can match more than one head (or the statement has no
// Resource list), so the statement must stay unfiled.
bool StatementHeads(const CompiledStatement& statement, std::vector<std::string_view>* heads) {
  heads->clear();
  if (statement.resource_mode != CompiledStatement::ResourceMode::kList) return false;
  if (statement.resources.empty()) return false;
  for (const ResourceEntry& entry : statement.resources) {
    std::string_view known;
    bool complete = false;
    if (entry.pattern.has_variables()) {
      known = entry.pattern.FixedPrefix();
    } else {
      known = entry.glob.pattern();
      // In glob form: `*` and `?` are wildcards, the markers literal `*` and
      // `?`, which a byte compare of the head would not see as such.
      const size_t wild = known.find_first_of(std::string_view("*?\x01\x02", 4));
      complete = wild == std::string_view::npos;
      known = known.substr(0, wild);
    }
    const size_t length = ActionIndex::ResourceHeadLength(known, complete);
    if (length == std::string_view::npos) return false;
    const std::string_view head = known.substr(0, length);
    if (std::find(heads->begin(), heads->end(), head) == heads->end()) heads->push_back(head);
  }
  return true;
}

ActionIndex::Key::Key(std::string_view action_lower, std::string_view resource_text) noexcept
    : action(action_lower),
      service(ServiceOf(action_lower)),
      resource(resource_text),
      action_hash(ActionIndexHash(action)),
      service_hash(ActionIndexHash(service)) {}

void ActionIndex::Key::FindHead() const noexcept {
  head_ = resource.substr(0, ResourceHeadLength(resource, /*complete=*/true));
  head_hash_ = ActionIndexHash(head_);
  head_ready_ = true;
}

size_t ActionIndex::ResourceHeadLength(std::string_view text, bool complete) noexcept {
  size_t i = 0;
  for (int colons = 0; colons < 5; ++i) {
    if (i == text.size()) return complete ? text.size() : std::string_view::npos;
    if (text[i] == ':') ++colons;
  }
  for (; i < text.size(); ++i) {
    if (text[i] == '/' || text[i] == ':') return i;
  }
  return complete ? text.size() : std::string_view::npos;
}

void ActionIndex::RefList::Split() {
  if (refs.size() <= kSplitAbove) return;
  std::vector<Ref> unfiled;
  std::vector<std::string_view> heads;
  for (const Ref& ref : refs) {
    if (!StatementHeads(*ref.target, &heads)) {
      unfiled.push_back(ref);
      continue;
    }
    for (std::string_view head : heads) Insert(&by_head, head).push_back(ref);
  }
  if (by_head.used == 0) return;  // nothing to split by
  refs = std::move(unfiled);
  refs.shrink_to_fit();
  split = true;
}

void ActionIndex::RefList::Filed(const Key& key, const Ref** begin,
                                 const Ref** end) const noexcept {
  const std::vector<Ref>* filed = Find(by_head, key.head(), key.head_hash());
  *begin = filed ? filed->data() : nullptr;
  *end = filed ? filed->data() + filed->size() : nullptr;
}

template <typename Value>
Value& ActionIndex::Insert(Table<Value>* table, std::string_view key) {
  // Keep the load factor at or below one half.
  if (table->slots.empty() || (table->used + 1) * 2 > table->slots.size()) {
    std::vector<typename Table<Value>::Slot> old = std::move(table->slots);
    table->slots.assign(std::max<size_t>(16, old.size() * 2), typename Table<Value>::Slot());
    table->used = 0;
    for (auto& slot : old) {
      if (slot.used) Insert(table, slot.key) = std::move(slot.value);
    }
  }
  const uint64_t hash = ActionIndexHash(key);
  const size_t mask = table->slots.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    auto& slot = table->slots[i];
    if (!slot.used) {
      slot.used = true;
      slot.key.assign(key.data(), key.size());
      slot.hash = hash;
      ++table->used;
      return slot.value;
    }
    if (slot.hash == hash && slot.key == key) return slot.value;
  }
}

void ActionIndex::Build(const std::vector<const CompiledPolicy*>& policies) {
  // Where each wildcard pattern's entry is in its service's `patterns`, while
  // building (the pattern names its service).
  std::unordered_map<std::string, size_t> pattern_groups;
  for (uint32_t p = 0; p < policies.size(); ++p) {
    const std::vector<CompiledStatement>& statements = policies[p]->statements;
    for (uint32_t s = 0; s < statements.size(); ++s) {
      ++statement_count_;
      const CompiledStatement& statement = statements[s];
      const Ref ref{p, s, &statement};
      bool always = statement.not_action;
      // Per service named: how many patterns, and whether all are exact.
      struct ServiceUse {
        std::string_view service;
        size_t patterns = 0;
        bool all_exact = true;
        const Glob* first = nullptr;
      };
      std::vector<ServiceUse> services;
      for (const Glob& glob : statement.actions) {
        const std::string_view pattern = glob.pattern();
        const size_t colon = pattern.find(':');
        const std::string_view service = pattern.substr(0, colon);
        if (colon == std::string_view::npos || HasWildcard(service)) {
          always = true;
          break;
        }
        auto it = std::find_if(services.begin(), services.end(),
                               [&](const ServiceUse& use) { return use.service == service; });
        if (it == services.end()) {
          services.push_back(ServiceUse{service, 0, true, &glob});
          it = services.end() - 1;
        }
        ++it->patterns;
        it->all_exact = it->all_exact && !glob.has_wildcards();
      }
      if (always) {
        always_.push_back(ref);
        continue;
      }
      for (const ServiceUse& use : services) {
        if (use.all_exact) {
          for (const Glob& glob : statement.actions) {
            const std::string_view pattern = glob.pattern();
            if (ServiceOf(pattern) != use.service) continue;
            RefList& refs = Insert(&by_action_, pattern);
            // The same exact action listed twice in one statement files it once.
            if (refs.empty() || refs.back().policy != p || refs.back().statement != s) {
              refs.push_back(ref);
            }
          }
          continue;
        }
        if (use.patterns > 1) {
          Insert(&by_service_, use.service).mixed.push_back(ref);
          continue;
        }
        auto [it, added] = pattern_groups.try_emplace(use.first->pattern());
        if (added) {
          // Table slots move when the table grows: look the entry up again
          // after inserting, and keep only positions, never pointers.
          ServiceEntry& entry = Insert(&by_service_, use.service);
          entry.patterns.push_back(PatternRefs{*use.first, {}});
          it->second = entry.patterns.size() - 1;
        }
        Insert(&by_service_, use.service).patterns[it->second].refs.push_back(ref);
      }
    }
  }
  always_.Split();
  for (auto& slot : by_service_.slots) {
    if (!slot.used) continue;
    for (PatternRefs& group : slot.value.patterns) group.refs.Split();
    slot.value.mixed.Split();
  }
  for (auto& slot : by_action_.slots) {
    if (slot.used) slot.value.Split();
  }
}

}  // namespace iameval::internal
