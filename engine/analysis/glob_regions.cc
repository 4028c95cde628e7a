// File: engine/analysis/glob_regions.cc
//
// The product walk: each pattern is a position automaton (a set of token
// positions, as bits), the product state is every pattern's set, and a
// breadth-first walk over the alphabet visits each product state once. A
// region is recorded the first time its combination of accepting patterns
// is seen, so its witness is a shortest text.

#include "analysis/glob_regions.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_map>

#include "match/glob.h"

namespace iameval::internal {
namespace {

using Kind = GlobToken::Kind;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char Upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

GlobToken Literal(char c, bool ignore_case) {
  if (c == kLiteralStar) c = '*';
  if (c == kLiteralQuestion) c = '?';
  return ignore_case ? GlobToken{Kind::kFold, Lower(c)} : GlobToken{Kind::kLiteral, c};
}

bool IsStar(const GlobToken& t) { return t.kind == Kind::kStar || t.kind == Kind::kStarNoColon; }

// Words of one pattern's position set.
size_t WordsFor(const GlobTokens& tokens) { return (tokens.size() + 1 + 63) / 64; }

void SetBit(uint64_t* words, size_t i) { words[i / 64] |= uint64_t{1} << (i % 64); }
bool GetBit(const uint64_t* words, size_t i) { return (words[i / 64] >> (i % 64)) & 1; }

// Adds the positions reachable through stars (which may match nothing).
// Closure only moves forward, so one ascending pass over the set bits sees
// every bit it adds.
void Close(const GlobTokens& tokens, uint64_t* words) {
  const size_t count = WordsFor(tokens);
  for (size_t w = 0; w < count; ++w) {
    uint64_t bits = words[w];
    while (bits != 0) {
      const int b = __builtin_ctzll(bits);
      bits &= bits - 1;
      const size_t i = w * 64 + static_cast<size_t>(b);
      if (i < tokens.size() && IsStar(tokens[i])) {
        SetBit(words, i + 1);
        if ((i + 1) / 64 == w) bits |= uint64_t{1} << ((i + 1) % 64);
      }
    }
  }
}

void Step(const GlobTokens& tokens, const uint64_t* from, char c, uint64_t* to) {
  const size_t count = WordsFor(tokens);
  for (size_t w = 0; w < count; ++w) {
    uint64_t bits = from[w];
    while (bits != 0) {
      const int b = __builtin_ctzll(bits);
      bits &= bits - 1;
      const size_t i = w * 64 + static_cast<size_t>(b);
      if (i >= tokens.size()) continue;
      const GlobToken& t = tokens[i];
      switch (t.kind) {
        case Kind::kLiteral:
          if (c == t.c) SetBit(to, i + 1);
          break;
        case Kind::kFold:
          if (Lower(c) == t.c) SetBit(to, i + 1);
          break;
        case Kind::kAny:
          SetBit(to, i + 1);
          break;
        case Kind::kAnyNoColon:
          if (c != ':') SetBit(to, i + 1);
          break;
        case Kind::kStar:
          SetBit(to, i);
          break;
        case Kind::kStarNoColon:
          if (c != ':') SetBit(to, i);
          break;
        case Kind::kEnd:
          break;
      }
    }
  }
  Close(tokens, to);
}

// Whether the position set accepts: the position after the last token, or
// a kEnd position (the end of an alternative).
bool Accepts(const GlobTokens& tokens, const uint64_t* words) {
  if (GetBit(words, tokens.size())) return true;
  const size_t count = WordsFor(tokens);
  for (size_t w = 0; w < count; ++w) {
    uint64_t bits = words[w];
    while (bits != 0) {
      const int b = __builtin_ctzll(bits);
      bits &= bits - 1;
      const size_t i = w * 64 + static_cast<size_t>(b);
      if (i < tokens.size() && tokens[i].kind == Kind::kEnd) return true;
    }
  }
  return false;
}

}  // namespace

GlobTokens GlobToTokens(std::string_view glob, bool ignore_case) {
  GlobTokens out;
  out.reserve(glob.size());
  for (char c : glob) {
    if (c == '*') {
      out.push_back({Kind::kStar, 0});
    } else if (c == '?') {
      out.push_back({Kind::kAny, 0});
    } else {
      out.push_back(Literal(c, ignore_case));
    }
  }
  return out;
}

GlobTokens ExactTokens(std::string_view text, bool ignore_case) {
  GlobTokens out;
  out.reserve(text.size());
  for (char c : text)
    out.push_back(ignore_case ? GlobToken{Kind::kFold, Lower(c)} : GlobToken{Kind::kLiteral, c});
  return out;
}

GlobTokens ArnPartTokens(const std::string_view parts[6]) {
  GlobTokens out;
  for (int p = 0; p < 6; ++p) {
    if (p > 0) out.push_back({Kind::kLiteral, ':'});
    const bool last = p == 5;
    for (char c : parts[p]) {
      if (c == '*') {
        out.push_back({last ? Kind::kStar : Kind::kStarNoColon, 0});
      } else if (c == '?') {
        out.push_back({last ? Kind::kAny : Kind::kAnyNoColon, 0});
      } else {
        out.push_back(Literal(c, false));
      }
    }
  }
  return out;
}

GlobTokens TemplateTokens(std::string_view arn_template, std::string_view partition) {
  GlobTokens out;
  int colons = 0;
  for (size_t i = 0; i < arn_template.size(); ++i) {
    const char c = arn_template[i];
    if (c == '$' && i + 1 < arn_template.size() && arn_template[i + 1] == '{') {
      const size_t close = arn_template.find('}', i);
      if (close != std::string_view::npos && !partition.empty() &&
          arn_template.substr(i, close + 1 - i) == "${Partition}") {
        for (char p : partition) out.push_back({Kind::kLiteral, p});
        i = close;
        continue;
      }
      if (close != std::string_view::npos) {
        const bool in_resource = colons >= 5;
        out.push_back({in_resource ? Kind::kAny : Kind::kAnyNoColon, 0});
        out.push_back({in_resource ? Kind::kStar : Kind::kStarNoColon, 0});
        i = close;
        continue;
      }
    }
    if (c == ':') ++colons;
    if (c == '*') {
      out.push_back({colons >= 5 ? Kind::kStar : Kind::kStarNoColon, 0});
    } else {
      out.push_back({Kind::kLiteral, c});
    }
  }
  return out;
}

int RegionSearch::Add(GlobTokens tokens) {
  patterns_.push_back(std::move(tokens));
  starts_.push_back({0});
  return static_cast<int>(patterns_.size()) - 1;
}

int RegionSearch::AddUnion(const std::vector<GlobTokens>& alternatives) {
  GlobTokens tokens;
  std::vector<uint32_t> starts;
  for (const GlobTokens& alternative : alternatives) {
    starts.push_back(static_cast<uint32_t>(tokens.size()));
    tokens.insert(tokens.end(), alternative.begin(), alternative.end());
    tokens.push_back({Kind::kEnd, 0});
  }
  if (tokens.empty()) tokens.push_back({Kind::kEnd, 0});  // matches nothing... but the empty text
  patterns_.push_back(std::move(tokens));
  starts_.push_back(std::move(starts));
  return static_cast<int>(patterns_.size()) - 1;
}

bool RegionSearch::Explore(const std::vector<std::vector<int>>& required, size_t max_states,
                           std::vector<Region>* out, bool nonempty) const {
  const size_t count = patterns_.size();
  std::vector<size_t> offset(count + 1, 0);
  for (size_t p = 0; p < count; ++p) offset[p + 1] = offset[p] + WordsFor(patterns_[p]);
  const size_t words = offset[count];
  std::vector<int> group_of(count, -1);
  for (size_t g = 0; g < required.size(); ++g) {
    for (int r : required[g]) group_of[static_cast<size_t>(r)] = static_cast<int>(g);
  }
  std::vector<bool> group_ok(required.size());

  // The alphabet: every named character (both cases where a pattern folds),
  // `:`, and one character no pattern names.
  bool named[256] = {};
  named[static_cast<unsigned char>(':')] = true;
  for (const GlobTokens& tokens : patterns_) {
    for (const GlobToken& t : tokens) {
      if (t.kind == Kind::kLiteral) named[static_cast<unsigned char>(t.c)] = true;
      if (t.kind == Kind::kFold) {
        named[static_cast<unsigned char>(Lower(t.c))] = true;
        named[static_cast<unsigned char>(Upper(t.c))] = true;
      }
    }
  }
  std::string alphabet;
  for (char fresh : std::string_view("x0zqkw7Z_")) {
    if (!named[static_cast<unsigned char>(fresh)]) {
      alphabet.push_back(fresh);
      break;
    }
  }
  if (alphabet.empty()) {
    for (int c = 33; c < 127; ++c) {
      if (!named[c]) {
        alphabet.push_back(static_cast<char>(c));
        break;
      }
    }
  }
  for (int c = 1; c < 256; ++c) {
    if (named[c]) alphabet.push_back(static_cast<char>(c));
  }

  struct Node {
    std::string words;  // the product state, as bytes
    int parent = -1;
    char via = 0;
  };
  std::vector<Node> nodes;
  std::unordered_map<std::string, int> seen;
  std::unordered_map<std::string, size_t> region_of;

  std::vector<uint64_t> start(words, 0);
  for (size_t p = 0; p < count; ++p) {
    for (uint32_t first : starts_[p]) SetBit(start.data() + offset[p], first);
    Close(patterns_[p], start.data() + offset[p]);
  }
  auto key_of = [&](const std::vector<uint64_t>& state) {
    return std::string(reinterpret_cast<const char*>(state.data()), state.size() * 8);
  };
  nodes.push_back({key_of(start), -1, 0});
  seen.emplace(nodes[0].words, 0);

  std::vector<uint64_t> current(words), next(words);
  bool complete = true;
  for (size_t head = 0; head < nodes.size(); ++head) {
    // With no positions at all the state is empty and current.data() may be
    // null, which memcpy must not be given even for zero bytes.
    if (words != 0) std::memcpy(current.data(), nodes[head].words.data(), words * 8);
    // Record the region of this state.
    std::fill(group_ok.begin(), group_ok.end(), false);
    std::string region_key(count, '0');
    bool alive = false;
    for (size_t p = 0; p < count; ++p) {
      const uint64_t* w = current.data() + offset[p];
      const bool accepts = Accepts(patterns_[p], w);
      for (size_t i = 0; i < WordsFor(patterns_[p]) && !alive; ++i) alive = w[i] != 0;
      if (group_of[p] >= 0) {
        if (accepts) group_ok[static_cast<size_t>(group_of[p])] = true;
      } else if (accepts) {
        region_key[p] = '1';
      }
    }
    bool required_ok = !(nonempty && head == 0);
    for (bool ok : group_ok) required_ok = required_ok && ok;
    if (required_ok && region_of.find(region_key) == region_of.end()) {
      Region region;
      for (int n = static_cast<int>(head); nodes[n].parent >= 0; n = nodes[n].parent) {
        region.witness.push_back(nodes[n].via);
      }
      region.witness.assign(region.witness.rbegin(), region.witness.rend());
      region.matches.resize(count);
      for (size_t p = 0; p < count; ++p) region.matches[p] = region_key[p] == '1';
      region_of.emplace(region_key, out->size());
      out->push_back(std::move(region));
    }
    if (!alive) continue;  // every automaton is dead: nothing changes past here
    for (char c : alphabet) {
      std::fill(next.begin(), next.end(), 0);
      for (size_t p = 0; p < count; ++p) {
        Step(patterns_[p], current.data() + offset[p], c, next.data() + offset[p]);
      }
      std::string key = key_of(next);
      if (seen.find(key) != seen.end()) continue;
      if (max_states != 0 && nodes.size() >= max_states) {
        complete = false;
        break;
      }
      seen.emplace(key, static_cast<int>(nodes.size()));
      nodes.push_back({std::move(key), static_cast<int>(head), c});
    }
    if (!complete) break;
  }
  return complete;
}

}  // namespace iameval::internal
