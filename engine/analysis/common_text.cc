// File: engine/analysis/common_text.cc
//
// A 0-1 breadth-first search over the patterns' positions: stepping past a
// `*` costs nothing, emitting one character costs one, so the first time the
// search reaches every pattern's end it has a shortest common text.

#include "analysis/common_text.h"

#include <cstdint>
#include <deque>
#include <unordered_map>

namespace iameval::internal {
namespace {

constexpr uint64_t kBits =
    16;  // 4 patterns x 16 bits; positions up to 65535 > kMaxCommonTextPattern

uint64_t Pack(const size_t* at, size_t n) {
  uint64_t key = 0;
  for (size_t i = 0; i < n; ++i) key = (key << kBits) | at[i];
  return key;
}

void Unpack(uint64_t key, size_t* at, size_t n) {
  for (size_t i = n; i-- > 0;) {
    at[i] = static_cast<size_t>(key & ((uint64_t{1} << kBits) - 1));
    key >>= kBits;
  }
}

struct Step {
  uint64_t from = 0;
  char emitted = 0;  // 0: a free step past a `*`
  bool seen = false;
};

}  // namespace

bool CommonText(const std::vector<std::string_view>& patterns, std::string* out,
                size_t max_states) {
  const size_t n = patterns.size();
  if (n == 0 || n > kMaxCommonTextPatterns) return false;
  for (std::string_view p : patterns) {
    if (p.size() > kMaxCommonTextPattern) return false;
  }
  size_t at[kMaxCommonTextPatterns] = {};
  size_t next[kMaxCommonTextPatterns] = {};
  std::unordered_map<uint64_t, Step> steps;
  std::deque<uint64_t> queue;
  const uint64_t start = Pack(at, n);
  steps[start].seen = true;
  queue.push_back(start);
  auto visit = [&](uint64_t key, uint64_t from, char emitted, bool free_step) {
    Step& step = steps[key];
    if (step.seen) return;
    step = Step{from, emitted, true};
    if (free_step) {
      queue.push_front(key);
    } else {
      queue.push_back(key);
    }
  };
  while (!queue.empty()) {
    if (steps.size() > max_states) return false;
    const uint64_t key = queue.front();
    queue.pop_front();
    Unpack(key, at, n);
    bool done = true;
    for (size_t i = 0; i < n; ++i) done = done && at[i] == patterns[i].size();
    if (done) {
      std::string text;
      for (uint64_t k = key; k != start;) {
        const Step& step = steps[k];
        if (step.emitted != 0) text.push_back(step.emitted);
        k = step.from;
      }
      out->assign(text.rbegin(), text.rend());
      return true;
    }
    // Free steps: one pattern moves past its `*`.
    for (size_t i = 0; i < n; ++i) {
      if (at[i] < patterns[i].size() && patterns[i][at[i]] == '*') {
        for (size_t j = 0; j < n; ++j) next[j] = at[j];
        ++next[i];
        visit(Pack(next, n), key, 0, true);
      }
    }
    // One character: every pattern at a literal must agree on it; those at a
    // `?` take it; those at a `*` absorb it.
    char wanted = 0;
    bool possible = true;
    for (size_t i = 0; i < n && possible; ++i) {
      if (at[i] == patterns[i].size()) {
        possible = false;
        break;
      }
      char c = patterns[i][at[i]];
      if (c == '*' || c == '?') continue;
      if (wanted != 0 && wanted != c) possible = false;
      wanted = c;
    }
    if (!possible) continue;
    for (size_t i = 0; i < n; ++i) next[i] = patterns[i][at[i]] == '*' ? at[i] : at[i] + 1;
    visit(Pack(next, n), key, wanted != 0 ? wanted : 'x', false);
  }
  return false;
}

}  // namespace iameval::internal
