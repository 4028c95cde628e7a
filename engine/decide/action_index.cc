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

ActionIndex::Key::Key(std::string_view action_lower) noexcept
    : action(action_lower),
      service(ServiceOf(action_lower)),
      action_hash(ActionIndexHash(action)),
      service_hash(ActionIndexHash(service)) {}

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
            std::vector<Ref>& refs = Insert(&by_action_, pattern);
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
}

}  // namespace iameval::internal
