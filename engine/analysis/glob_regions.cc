// File: engine/analysis/glob_regions.cc
//
// The product walk: each pattern is a position automaton (a set of token
// positions, as bits), made deterministic as the walk reaches its sets (each
// set an id, each successor stepped once), the product state is the tuple
// of every pattern's id, and a breadth-first walk over the alphabet visits
// each product state once. A region is recorded the first time its
// combination of accepting patterns is seen, so its witness is a shortest
// text. A pattern's ids stand for its sets one to one, so the walk is the
// one over the sets themselves: the same states, in the same order.

#include "analysis/glob_regions.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
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

// Mixes one element of a tuple, with its place, into 64 bits (SplitMix64's
// finaliser). A tuple's hash is the XOR of its elements' mixes, so that a
// step that changes a few elements updates the hash in as many operations.
uint64_t MixElement(size_t place, uint64_t value) {
  uint64_t x = value + 0x9E3779B97F4A7C15ull * (place + 1);
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

template <typename Word>
uint64_t HashTuple(const Word* tuple, size_t width) {
  uint64_t h = 0;
  for (size_t i = 0; i < width; ++i) h ^= MixElement(i, tuple[i]);
  return h;
}

// Tuples of `width` words, each kept once in one flat array under an index
// (0, 1, ... in the order added) and found again through an open-addressing
// table of their hashes: no allocation per tuple, no string keys.
template <typename Word>
class TupleSet {
 public:
  explicit TupleSet(size_t width) : width_(width), slots_(64, -1) {}

  size_t size() const { return hashes_.size(); }
  const Word* at(size_t i) const { return tuples_.data() + i * width_; }
  uint64_t hash(size_t i) const { return hashes_[i]; }

  // The index of `tuple` (whose hash is `hash`), or -1 when it is not here.
  int Find(const Word* tuple, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t at = hash & mask;; at = (at + 1) & mask) {
      const int i = slots_[at];
      if (i < 0) return -1;
      if (hashes_[static_cast<size_t>(i)] == hash &&
          std::equal(tuple, tuple + width_, this->at(static_cast<size_t>(i)))) {
        return i;
      }
    }
  }

  // Adds `tuple`, which is not here yet; returns its index.
  size_t Add(const Word* tuple, uint64_t hash) {
    if ((hashes_.size() + 1) * 2 > slots_.size()) {
      slots_.assign(slots_.size() * 2, -1);
      for (size_t i = 0; i < hashes_.size(); ++i) Place(i);
    }
    if (width_ != 0) tuples_.insert(tuples_.end(), tuple, tuple + width_);
    hashes_.push_back(hash);
    Place(hashes_.size() - 1);
    return hashes_.size() - 1;
  }

 private:
  void Place(size_t i) {
    const size_t mask = slots_.size() - 1;
    size_t at = hashes_[i] & mask;
    while (slots_[at] >= 0) at = (at + 1) & mask;
    slots_[at] = static_cast<int>(i);
  }

  size_t width_;
  std::vector<int> slots_;  // tuple indices, -1 where empty; a power of two long
  std::vector<Word> tuples_;
  std::vector<uint64_t> hashes_;
};

// One pattern's automaton, made deterministic as far as the walk goes: each
// position set it reaches gets a small id, and the successor of each (id,
// character class) is stepped once and then looked up. Characters of one
// class move this pattern alike: each character it names is a class of its
// own, `:` is one, and every other character of the alphabet is one more.
class LazyDfa {
 public:
  static constexpr uint32_t kUnknown = UINT32_MAX;

  LazyDfa(const GlobTokens& tokens, const std::vector<uint32_t>& starts, std::string_view alphabet)
      : tokens_(&tokens), words_(WordsFor(tokens)), sets_(words_), scratch_(words_) {
    bool named[256] = {};
    named[static_cast<unsigned char>(':')] = true;
    for (const GlobToken& t : tokens) {
      if (t.kind == Kind::kLiteral) named[static_cast<unsigned char>(t.c)] = true;
      if (t.kind == Kind::kFold) {
        named[static_cast<unsigned char>(Lower(t.c))] = true;
        named[static_cast<unsigned char>(Upper(t.c))] = true;
      }
    }
    std::fill(std::begin(class_of_char_), std::end(class_of_char_), int16_t{-1});
    int16_t other = -1;
    for (char c : alphabet) {
      const unsigned char u = static_cast<unsigned char>(c);
      int16_t& cls = named[u] ? class_of_char_[u] : other;
      if (cls < 0) cls = static_cast<int16_t>(classes_++);
      class_of_.push_back(static_cast<uint16_t>(cls));
    }
    colon_ = class_of_char_[static_cast<unsigned char>(':')];
    any_.resize(words_);
    any_but_colon_.resize(words_);
    for (uint32_t first : starts) SetBit(scratch_.data(), first);
    Close(tokens, scratch_.data());
    start_ = Intern();
  }

  uint32_t start() const { return start_; }
  bool accepts(uint32_t state) const { return accepts_[state]; }
  bool dead(uint32_t state) const { return state == dead_; }

  // The state after `state` reads the alphabet's `symbol`th character.
  uint32_t Next(uint32_t state, size_t symbol) {
    const size_t row = state * classes_;
    if (next_[row] == kUnknown) Expand(state, row);
    return next_[row + class_of_[symbol]];
  }

 private:
  // Steps `state` on every class at once, in one pass over its positions:
  // a wildcard's successor goes to every class (but `:`'s where it stops at
  // a colon), a literal's to its character's class alone. Classes no literal
  // reaches share one successor (two: `:` may differ), closed and interned once.
  void Expand(uint32_t state, size_t row) {
    std::fill(any_.begin(), any_.end(), 0);
    std::fill(any_but_colon_.begin(), any_but_colon_.end(), 0);
    literal_hits_.clear();
    const uint64_t* from = sets_.at(state);
    auto to_char = [&](char ch, size_t position) {
      const int16_t c = class_of_char_[static_cast<unsigned char>(ch)];
      if (c >= 0) literal_hits_.push_back({static_cast<size_t>(c), position});
    };
    for (size_t w = 0; w < words_; ++w) {
      uint64_t bits = from[w];
      while (bits != 0) {
        const size_t i = w * 64 + static_cast<size_t>(__builtin_ctzll(bits));
        bits &= bits - 1;
        if (i >= tokens_->size()) continue;
        const GlobToken& t = (*tokens_)[i];
        switch (t.kind) {
          case Kind::kLiteral:
            to_char(t.c, i + 1);
            break;
          case Kind::kFold:
            to_char(Lower(t.c), i + 1);
            if (Upper(t.c) != Lower(t.c)) to_char(Upper(t.c), i + 1);
            break;
          case Kind::kAny:
            SetBit(any_.data(), i + 1);
            break;
          case Kind::kAnyNoColon:
            SetBit(any_but_colon_.data(), i + 1);
            break;
          case Kind::kStar:
            SetBit(any_.data(), i);
            break;
          case Kind::kStarNoColon:
            SetBit(any_but_colon_.data(), i);
            break;
          case Kind::kEnd:
            break;
        }
      }
    }
    // sets_ and next_ may grow below: `from` is not read again, next_ is
    // indexed afresh.
    auto successor = [&](size_t c) {
      for (size_t w = 0; w < words_; ++w) {
        scratch_[w] = any_[w] | (static_cast<int16_t>(c) == colon_ ? 0 : any_but_colon_[w]);
      }
      for (const auto& [hit_class, position] : literal_hits_) {
        if (hit_class == c) SetBit(scratch_.data(), position);
      }
      Close(*tokens_, scratch_.data());
      return Intern();
    };
    uint32_t shared = kUnknown;  // the successor of the classes no literal reaches, but `:`
    for (size_t c = 0; c < classes_; ++c) {
      bool hit = static_cast<int16_t>(c) == colon_;
      for (const auto& literal : literal_hits_) hit = hit || literal.first == c;
      if (hit) {
        next_[row + c] = successor(c);
      } else {
        if (shared == kUnknown) shared = successor(c);
        next_[row + c] = shared;
      }
    }
  }

  // The id of the position set in scratch_, made when it is new.
  uint32_t Intern() {
    bool empty = true;
    for (uint64_t w : scratch_) empty = empty && w == 0;
    if (empty && dead_ != kUnknown) return dead_;  // most steps kill the pattern
    const uint64_t hash = HashTuple(scratch_.data(), words_);
    const int found = sets_.Find(scratch_.data(), hash);
    if (found >= 0) return static_cast<uint32_t>(found);
    const uint32_t id = static_cast<uint32_t>(sets_.Add(scratch_.data(), hash));
    accepts_.push_back(Accepts(*tokens_, scratch_.data()));
    if (empty) dead_ = id;
    next_.resize(next_.size() + classes_, kUnknown);
    return id;
  }

  const GlobTokens* tokens_;
  size_t words_;
  TupleSet<uint64_t> sets_;  // each state's position set, by id
  std::vector<uint64_t> scratch_;
  std::vector<uint16_t> class_of_;  // per alphabet symbol
  int16_t class_of_char_[256];      // per character; -1 for one the pattern does not name
  size_t classes_ = 0;
  int16_t colon_ = -1;  // the class of `:`
  // Expand's work: the positions every class reaches, those every class but
  // `:` reaches, and each literal's (class, position).
  std::vector<uint64_t> any_, any_but_colon_;
  std::vector<std::pair<size_t, size_t>> literal_hits_;
  std::vector<uint32_t> next_;  // per state and class; kUnknown until expanded
  std::vector<bool> accepts_;   // per state
  uint32_t start_ = 0;
  uint32_t dead_ = kUnknown;  // the empty position set's id, once reached
};

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

  std::vector<LazyDfa> dfas;
  dfas.reserve(count);
  for (size_t p = 0; p < count; ++p) dfas.emplace_back(patterns_[p], starts_[p], alphabet);

  struct Node {
    int parent = -1;
    char via = 0;
  };
  std::vector<Node> nodes;
  TupleSet<uint32_t> seen(count);
  std::unordered_map<std::string, size_t> region_of;

  std::vector<uint32_t> current(count), next(count);
  for (size_t p = 0; p < count; ++p) next[p] = dfas[p].start();
  seen.Add(next.data(), HashTuple(next.data(), count));
  nodes.push_back({-1, 0});

  std::string region_key;
  std::vector<size_t> live;  // the patterns not dead in the current state
  bool complete = true;
  for (size_t head = 0; head < nodes.size(); ++head) {
    if (count != 0) std::memcpy(current.data(), seen.at(head), count * sizeof(uint32_t));
    // Record the region of this state.
    std::fill(group_ok.begin(), group_ok.end(), false);
    region_key.assign(count, '0');
    live.clear();
    for (size_t p = 0; p < count; ++p) {
      const bool accepts = dfas[p].accepts(current[p]);
      if (!dfas[p].dead(current[p])) live.push_back(p);
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
    if (live.empty()) continue;  // every automaton is dead: nothing changes past here
    // A dead pattern stays dead: only the live ones step, and the hash
    // changes by the patterns that move.
    const uint64_t current_hash = seen.hash(head);
    for (size_t symbol = 0; symbol < alphabet.size(); ++symbol) {
      std::memcpy(next.data(), current.data(), count * sizeof(uint32_t));
      uint64_t hash = current_hash;
      for (size_t p : live) {
        const uint32_t to = dfas[p].Next(current[p], symbol);
        if (to == current[p]) continue;
        hash ^= MixElement(p, current[p]) ^ MixElement(p, to);
        next[p] = to;
      }
      if (seen.Find(next.data(), hash) >= 0) continue;
      if (max_states != 0 && nodes.size() >= max_states) {
        complete = false;
        break;
      }
      seen.Add(next.data(), hash);
      nodes.push_back({static_cast<int>(head), alphabet[symbol]});
    }
    if (!complete) break;
  }
  return complete;
}

}  // namespace iameval::internal
