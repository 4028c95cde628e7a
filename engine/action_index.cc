// File: engine/action_index.cc

#include "action_index.h"

#include <algorithm>

#include "compiled_policy.h"

namespace iameval::internal {
namespace {

uint64_t Hash(std::string_view key) noexcept {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a: short keys, no need for more
  for (unsigned char c : key) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

bool HasWildcard(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

}  // namespace

const std::vector<ActionIndex::Ref>* ActionIndex::Find(const Table& table,
                                                       std::string_view key) noexcept {
  if (table.slots.empty()) return nullptr;
  size_t mask = table.slots.size() - 1;
  for (size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
    const Table::Slot& slot = table.slots[i];
    if (!slot.used) return nullptr;
    if (slot.key == key) return &slot.refs;
  }
}

std::vector<ActionIndex::Ref>& ActionIndex::Insert(Table* table, std::string_view key) {
  // Keep the load factor at or below one half.
  if (table->slots.empty() || (table->used + 1) * 2 > table->slots.size()) {
    std::vector<Table::Slot> old = std::move(table->slots);
    table->slots.assign(std::max<size_t>(16, old.size() * 2), Table::Slot());
    table->used = 0;
    for (Table::Slot& slot : old) {
      if (slot.used) Insert(table, slot.key) = std::move(slot.refs);
    }
  }
  size_t mask = table->slots.size() - 1;
  for (size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
    Table::Slot& slot = table->slots[i];
    if (!slot.used) {
      slot.used = true;
      slot.key.assign(key.data(), key.size());
      ++table->used;
      return slot.refs;
    }
    if (slot.key == key) return slot.refs;
  }
}

void ActionIndex::Build(const std::vector<const CompiledPolicy*>& policies) {
  for (uint32_t p = 0; p < policies.size(); ++p) {
    const std::vector<CompiledStatement>& statements = policies[p]->statements;
    for (uint32_t s = 0; s < statements.size(); ++s) {
      ++statement_count_;
      const CompiledStatement& statement = statements[s];
      Ref ref{p, s};
      bool always = statement.not_action;
      // Per service named: whether every pattern of it is exact.
      std::vector<std::pair<std::string_view, bool>> services;
      for (const Glob& glob : statement.actions) {
        std::string_view pattern = glob.pattern();
        size_t colon = pattern.find(':');
        std::string_view service = pattern.substr(0, colon);
        if (colon == std::string_view::npos || HasWildcard(service)) {
          always = true;
          break;
        }
        bool exact = !glob.has_wildcards();
        auto it = std::find_if(services.begin(), services.end(),
                               [&](const auto& entry) { return entry.first == service; });
        if (it == services.end()) {
          services.emplace_back(service, exact);
        } else {
          it->second = it->second && exact;
        }
      }
      if (always) {
        always_.push_back(ref);
        continue;
      }
      for (const auto& [service, all_exact] : services) {
        if (!all_exact) {
          Insert(&by_service_, service).push_back(ref);
          continue;
        }
        for (const Glob& glob : statement.actions) {
          std::string_view pattern = glob.pattern();
          if (pattern.substr(0, pattern.find(':')) != service) continue;
          std::vector<Ref>& refs = Insert(&by_action_, pattern);
          // The same exact action listed twice in one statement files it once.
          if (refs.empty() || refs.back().policy != p || refs.back().statement != s) {
            refs.push_back(ref);
          }
        }
      }
    }
  }
}

}  // namespace iameval::internal
