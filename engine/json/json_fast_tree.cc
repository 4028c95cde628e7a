// File: engine/json/json_fast_tree.cc
//
// One pass, no recursion: a loop that reads a value, then what follows it
// in the innermost open container, with one frame per open container (at
// most JsonLimits::max_depth of them). Positions: line breaks only occur in
// whitespace in valid JSON, and UTF-8 continuation bytes only inside strings,
// so a token's column is its distance from the start of its line less the
// continuation bytes seen since then, both counted as the text goes by.

#include "json/json_fast_tree.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_set>

#include "json/json_text.h"

namespace iameval::internal {
namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// As the RapidJSON builder: below this many members an object finds
// duplicates by walking its members, from it on by a hash set.
constexpr uint32_t kLinearKeyScanLimit = 16;

// Past this many bytes RapidJSON may call a number too big (it reads the
// integer part into a double); such numbers are left to it.
constexpr size_t kMaxPlainNumberLength = 300;

uint64_t Load8(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "words are read first byte lowest");

// The bytes of `word` that interrupt a plain run of string text: `"`, `\`,
// a control character, or a byte of a multi-byte character (whose
// continuation bytes the columns must not count), each flagged by its high
// bit. A borrow can flag bytes after a true one, never before it, so the
// lowest flag is exactly the first such byte.
uint64_t StringSpecialBytes(uint64_t word) {
  const uint64_t quote = word ^ (kOnes * '"');
  const uint64_t backslash = word ^ (kOnes * '\\');
  const uint64_t special = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                           ((word - kOnes * 0x20) & ~word) | word;
  return special & kHighBits;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads four hex digits at `p` (known to be in the text), or -1.
int32_t Hex4(const char* p) {
  int32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    int digit = HexValue(p[i]);
    if (digit < 0) return -1;
    value = value << 4 | digit;
  }
  return value;
}

// UTF-8 of `cp` (not a surrogate) at `out`; the bytes written.
size_t EncodeUtf8(uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

class FastBuilder {
 public:
  FastBuilder(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
              std::vector<uint32_t>* duplicates)
      : text_(text.data()),
        size_(text.size()),
        limits_(limits),
        nodes_(doc->mutable_nodes()),
        duplicates_(duplicates),
        has_backslash_(text.find('\\') != std::string_view::npos) {
    copy_ = doc->ResetToCopyOf(text);
    constexpr size_t kMaxReservedNodes = 1 << 16;
    nodes_.reserve(std::min(EstimateNodeCount(text), kMaxReservedNodes));
    frames_.reserve(std::min<size_t>(limits.max_depth, 8));
  }

  bool Run() {
    SkipWhitespace();
    for (;;) {
      // A value starts at pos_.
      if (pos_ >= size_) return false;
      const char c = text_[pos_];
      if (c == '{' || c == '[') {
        if (frames_.size() >= limits_.max_depth) return false;
        const bool object = c == '{';
        const uint32_t index =
            NewNode(object ? JsonType::kObject : JsonType::kArray, pos_, pos_, ColumnOf(pos_));
        frames_.emplace_back();
        frames_.back().node = index;
        ++pos_;
        SkipWhitespace();
        if (pos_ >= size_) return false;
        if (text_[pos_] == (object ? '}' : ']')) {
          Close();
        } else {
          if (object && !ReadKey()) return false;
          continue;
        }
      } else if (!ReadScalar(c)) {
        return false;
      }
      // What follows a value: the end, or `,` or the closing bracket.
      for (;;) {
        SkipWhitespace();
        if (frames_.empty()) return pos_ == size_;
        if (pos_ >= size_) return false;
        const char next = text_[pos_];
        const bool object = nodes_[frames_.back().node].type == JsonType::kObject;
        if (next == ',') {
          ++pos_;
          SkipWhitespace();
          if (object && !ReadKey()) return false;
          break;
        }
        if (next != (object ? '}' : ']')) return false;
        Close();
      }
    }
  }

 private:
  struct Frame {
    uint32_t node = kNoNode;
    uint32_t last_child = kNoNode;
    std::unique_ptr<std::unordered_set<std::string>> keys;  // built past kLinearKeyScanLimit

    // Records `key` as a member name of this object. False if it was one already.
    bool AddKey(std::string_view key, const std::vector<JsonNode>& nodes) {
      if (keys) return keys->emplace(key).second;
      const JsonNode& object = nodes[node];
      for (uint32_t c = object.first_child; c != kNoNode; c = nodes[c].next_sibling) {
        if (nodes[c].key == key) return false;
      }
      if (object.child_count + 1 >= kLinearKeyScanLimit) {
        keys = std::make_unique<std::unordered_set<std::string>>();
        for (uint32_t c = object.first_child; c != kNoNode; c = nodes[c].next_sibling) {
          keys->emplace(nodes[c].key);
        }
        keys->emplace(key);
      }
      return true;
    }
  };

  void NewLine() {
    ++line_;
    line_start_ = pos_;
    continuations_at_line_start_ = continuations_;
  }

  void SkipWhitespace() {
    while (pos_ < size_) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t') {
        ++pos_;
      } else if (c == '\n') {
        ++pos_;
        NewLine();
      } else if (c == '\r') {
        // CR, LF and CR LF each end one line.
        ++pos_;
        if (pos_ < size_ && text_[pos_] == '\n') ++pos_;
        NewLine();
      } else {
        return;
      }
    }
  }

  // The column of `offset`, on the current line and after every string read.
  uint32_t ColumnOf(size_t offset) const {
    return static_cast<uint32_t>(1 + (offset - line_start_) -
                                 (continuations_ - continuations_at_line_start_));
  }

  // `column` is the start's, taken before a string's own bytes were counted.
  uint32_t NewNode(JsonType type, size_t start, size_t end, uint32_t column) {
    const auto index = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    JsonNode& node = nodes_.back();
    node.type = type;
    if (limits_.locate_values) {
      node.line = line_;
      node.column = column;
    }
    node.offset = static_cast<uint32_t>(start);
    node.end = static_cast<uint32_t>(end);
    if (frames_.empty()) return index;  // the root

    Frame& frame = frames_.back();
    JsonNode& parent = nodes_[frame.node];
    node.parent = frame.node;
    if (parent.type == JsonType::kObject) {
      node.key = pending_key_;
      node.key_line = pending_key_line_;
      node.key_column = pending_key_column_;
      if (pending_duplicate_) {
        // Built but never linked: the first occurrence is the one kept.
        pending_duplicate_ = false;
        duplicates_->push_back(index);
        return index;
      }
    }
    node.index = parent.child_count++;
    if (frame.last_child == kNoNode) {
      parent.first_child = index;
    } else {
      nodes_[frame.last_child].next_sibling = index;
    }
    frame.last_child = index;
    return index;
  }

  void Close() {
    nodes_[frames_.back().node].end = static_cast<uint32_t>(pos_ + 1);
    frames_.pop_back();
    ++pos_;
  }

  // A member name, the `:` after it and the whitespace around that, leaving
  // pos_ at the member's value.
  bool ReadKey() {
    if (pos_ >= size_ || text_[pos_] != '"') return false;
    if (limits_.locate_values) {
      pending_key_line_ = line_;
      pending_key_column_ = ColumnOf(pos_);
    }
    if (!ReadString(&pending_key_)) return false;
    pending_duplicate_ = !frames_.back().AddKey(pending_key_, nodes_);
    SkipWhitespace();
    if (pos_ >= size_ || text_[pos_] != ':') return false;
    ++pos_;
    SkipWhitespace();
    return true;
  }

  bool ReadScalar(char c) {
    const size_t start = pos_;
    const uint32_t column = ColumnOf(start);
    std::string_view text;
    JsonType type;
    if (c == '"') {
      if (!ReadString(&text)) return false;
      type = JsonType::kString;
    } else if (c == '-' || IsDigit(c)) {
      if (!ReadNumber()) return false;
      text = std::string_view(copy_ + start, pos_ - start);
      type = JsonType::kNumber;
    } else if (ReadLiteral("true")) {
      type = JsonType::kTrue;
    } else if (ReadLiteral("false")) {
      type = JsonType::kFalse;
    } else if (ReadLiteral("null")) {
      type = JsonType::kNull;
    } else {
      return false;
    }
    const uint32_t index = NewNode(type, start, pos_, column);
    if (!text.empty()) nodes_[index].text = text;
    return true;
  }

  bool ReadLiteral(std::string_view literal) {
    if (size_ - pos_ < literal.size() ||
        std::memcmp(text_ + pos_, literal.data(), literal.size()) != 0) {
      return false;
    }
    pos_ += literal.size();
    return true;
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)? : numbers with an exponent are RapidJSON's.
  bool ReadNumber() {
    const size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    if (pos_ >= size_) return false;
    if (text_[pos_] == '0') {
      ++pos_;
    } else if (IsDigit(text_[pos_])) {
      while (pos_ < size_ && IsDigit(text_[pos_])) ++pos_;
    } else {
      return false;
    }
    if (pos_ < size_ && text_[pos_] == '.') {
      ++pos_;
      if (pos_ >= size_ || !IsDigit(text_[pos_])) return false;
      while (pos_ < size_ && IsDigit(text_[pos_])) ++pos_;
    }
    if (pos_ < size_ && (text_[pos_] == 'e' || text_[pos_] == 'E')) return false;
    return pos_ - start <= kMaxPlainNumberLength;
  }

  // A byte of a multi-byte character inside a string: continuation bytes do
  // not move the column. A 0xED lead byte may start an encoded surrogate,
  // which the RapidJSON builder refuses when the text has escapes: left to it.
  bool TakeNonAscii(unsigned char c) {
    if ((c & 0xC0) == 0x80) {
      ++continuations_;
    } else if (c == 0xED && has_backslash_) {
      return false;
    }
    return true;
  }

  // The string whose opening quote is at pos_; its decoded value is a view
  // into the copy. Empty strings are an empty view, as the RapidJSON
  // builder leaves them.
  bool ReadString(std::string_view* value) {
    const size_t content = ++pos_;
    for (;;) {
      while (size_ - pos_ >= 8) {
        const uint64_t special = StringSpecialBytes(Load8(text_ + pos_));
        if (special != 0) {
          pos_ += static_cast<size_t>(__builtin_ctzll(special)) >> 3;
          break;
        }
        pos_ += 8;
      }
      if (pos_ >= size_) return false;
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        *value = pos_ == content ? std::string_view()
                                 : std::string_view(copy_ + content, pos_ - content);
        ++pos_;
        return true;
      }
      if (c == '\\') return ReadEscapedString(content, value);
      if (c < 0x20) return false;
      if (c >= 0x80 && !TakeNonAscii(c)) return false;
      ++pos_;
    }
  }

  // The rest of a string from its first backslash at pos_, decoded into the
  // copy from there on (never longer than what it decodes, so it stays
  // within the string's own bytes).
  bool ReadEscapedString(size_t content, std::string_view* value) {
    size_t out = pos_;
    for (;;) {
      if (pos_ >= size_) return false;
      const auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        *value =
            out == content ? std::string_view() : std::string_view(copy_ + content, out - content);
        ++pos_;
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        if (c >= 0x80 && !TakeNonAscii(c)) return false;
        copy_[out++] = static_cast<char>(c);
        ++pos_;
        continue;
      }
      if (size_ - pos_ < 2) return false;
      char decoded;
      switch (text_[pos_ + 1]) {
        case '"':
          decoded = '"';
          break;
        case '\\':
          decoded = '\\';
          break;
        case '/':
          decoded = '/';
          break;
        case 'b':
          decoded = '\b';
          break;
        case 'f':
          decoded = '\f';
          break;
        case 'n':
          decoded = '\n';
          break;
        case 'r':
          decoded = '\r';
          break;
        case 't':
          decoded = '\t';
          break;
        case 'u': {
          if (size_ - pos_ < 6) return false;
          int32_t cp = Hex4(text_ + pos_ + 2);
          if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;  // a lone low surrogate
          size_t taken = 6;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (size_ - pos_ < 12 || text_[pos_ + 6] != '\\' || text_[pos_ + 7] != 'u')
              return false;
            const int32_t low = Hex4(text_ + pos_ + 8);
            if (low < 0xDC00 || low > 0xDFFF) return false;
            cp = (((cp - 0xD800) << 10) | (low - 0xDC00)) + 0x10000;
            taken = 12;
          }
          out += EncodeUtf8(static_cast<uint32_t>(cp), copy_ + out);
          pos_ += taken;
          continue;
        }
        default:
          return false;
      }
      copy_[out++] = decoded;
      pos_ += 2;
    }
  }

  const char* const text_;
  const size_t size_;
  const JsonLimits& limits_;
  std::vector<JsonNode>& nodes_;
  std::vector<uint32_t>* duplicates_;
  const bool has_backslash_;
  char* copy_ = nullptr;  // the document's copy of the text
  std::vector<Frame> frames_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  size_t line_start_ = 0;
  size_t continuations_ = 0;  // UTF-8 continuation bytes read so far
  size_t continuations_at_line_start_ = 0;
  std::string_view pending_key_;
  uint32_t pending_key_line_ = 0;
  uint32_t pending_key_column_ = 0;
  bool pending_duplicate_ = false;
};

}  // namespace

bool BuildTreeFast(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                   std::vector<uint32_t>* duplicates) {
  duplicates->clear();
  FastBuilder builder(text, limits, doc, duplicates);
  return builder.Run();
}

}  // namespace iameval::internal
