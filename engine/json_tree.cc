// File: engine/json_tree.cc
//
// ParseJson: RapidJSON's iterative SAX reader drives a handler that appends
// nodes to a flat JsonDocument. RapidJSON reports byte offsets only, and only
// for errors, so the input stream handed to it is our own: it counts lines and
// columns as it goes and remembers where the token being read began, which is
// where the handler's nodes (and member names) are located.
//
// Nothing here recurses on input depth: RapidJSON's iterative mode keeps its
// state on a heap stack, the handler keeps one frame per open container (at
// most max_depth of them), and the document is a vector of nodes linked by
// index.

#include "json_tree.h"

#include <rapidjson/error/error.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>

namespace iameval::internal {
namespace {

// ---- positions ---------------------------------------------------------------

struct TextPosition {
  size_t offset = 0;
  uint32_t line = 1;
  uint32_t column = 1;
};

// Moves `pos` past byte `c`. Columns count Unicode code points, so UTF-8
// continuation bytes do not move them. LF, CR and CR LF each end a line.
inline void Advance(char c, bool* after_cr, TextPosition* pos) {
  ++pos->offset;
  if (c == '\n') {
    if (!*after_cr) {
      ++pos->line;
      pos->column = 1;
    }
  } else if (c == '\r') {
    ++pos->line;
    pos->column = 1;
  } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
    ++pos->column;
  }
  *after_cr = (c == '\r');
}

// The line:column of byte `offset`, counted from the start. Used for error
// offsets RapidJSON reports behind the stream's current position (the start
// of a bad escape or number), so it runs at most once per parse.
TextPosition Locate(std::string_view text, size_t offset) {
  TextPosition pos;
  bool after_cr = false;
  if (offset > text.size()) offset = text.size();
  while (pos.offset < offset) Advance(text[pos.offset], &after_cr, &pos);
  return pos;
}

inline bool IsJsonWhitespace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

inline bool IsStructural(char c) {
  return c == ',' || c == ':' || c == '[' || c == ']' || c == '{' || c == '}';
}

// ---- the input stream ---------------------------------------------------------

// A RapidJSON input stream (the Stream concept of rapidjson/stream.h) over
// the text that tracks line:column and the start of the current token.
//
// A token starts at the first byte taken, outside a string, after whitespace,
// a structural character or the start of the text. Bytes inside strings are
// skipped (minding escapes), so a `{` or `,` in a string is not mistaken for
// one. When the handler sees a string, number or literal, that token has just
// been read, and its start is the node's position. `{` and `[` are reported
// before they are taken, so their position is the stream's current one.
//
// Peek() answers '\0' at the end of the text, as RapidJSON expects, and also
// at a NUL byte inside it; ParseJson tells the two apart afterwards.
class TrackingStream {
 public:
  typedef char Ch;

  explicit TrackingStream(std::string_view text) : text_(text) {}

  Ch Peek() const { return pos_.offset < text_.size() ? text_[pos_.offset] : '\0'; }

  Ch Take() {
    if (pos_.offset >= text_.size()) return '\0';
    char c = text_[pos_.offset];
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      at_boundary_ = false;
    } else {
      bool separator = IsJsonWhitespace(c) || IsStructural(c);
      if (!separator && at_boundary_) token_start_ = pos_;
      if (c == '"') in_string_ = true;
      at_boundary_ = separator;
    }
    Advance(c, &after_cr_, &pos_);
    return c;
  }

  size_t Tell() const { return pos_.offset; }

  // Output side of the Stream concept; never used without in-situ parsing.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

  const TextPosition& position() const { return pos_; }
  const TextPosition& token_start() const { return token_start_; }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  TextPosition pos_;
  TextPosition token_start_;
  bool after_cr_ = false;
  bool in_string_ = false;
  bool escaped_ = false;
  bool at_boundary_ = true;
};

// ---- UTF-8 -------------------------------------------------------------------

// Length of the well-formed UTF-8 sequence at `p` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0 if it is not one.
size_t Utf8SequenceLength(const unsigned char* p, size_t available) {
  unsigned char b0 = p[0];
  if (b0 < 0x80) return 1;
  size_t length;
  unsigned char min1 = 0x80, max1 = 0xBF;  // bounds of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) min1 = 0xA0;  // overlong
    if (b0 == 0xED) max1 = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) min1 = 0x90;  // overlong
    if (b0 == 0xF4) max1 = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (available < length) return 0;
  if (p[1] < min1 || p[1] > max1) return 0;
  for (size_t i = 2; i < length; ++i) {
    if ((p[i] & 0xC0) != 0x80) return 0;
  }
  return length;
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence,
// or npos.
size_t FindInvalidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  size_t i = 0;
  while (i < text.size()) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    size_t length = Utf8SequenceLength(bytes + i, text.size() - i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

std::string HexByte(unsigned char b) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02x", b);
  return buffer;
}

// ---- describing what the parser found --------------------------------------------

// The run of characters that can belong to a number or a literal starting at
// `offset`, for messages about a malformed one (`tru`, `1e999`).
std::string_view WordAt(std::string_view text, size_t offset) {
  size_t end = offset;
  while (end < text.size() && end - offset < 40) {
    char c = text[end];
    bool word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                c == '.' || c == '-' || c == '+' || c == '_';
    if (!word) break;
    ++end;
  }
  return text.substr(offset, end - offset);
}

// What stands at `offset`, for "expected X, found Y" messages: a character in
// backticks, a control character by its code point, or the end of the text.
std::string DescribeFound(std::string_view text, size_t offset) {
  if (offset >= text.size()) return "the end of the document";
  auto b = static_cast<unsigned char>(text[offset]);
  if (b == 0) return "a nul character (U+0000)";
  if (b < 0x20 || b == 0x7F) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "the control character U+%04X", b);
    return buffer;
  }
  bool letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  if (letter) return "`" + std::string(WordAt(text, offset)) + "`";
  size_t length = 1;
  if (b >= 0x80) {
    length = Utf8SequenceLength(reinterpret_cast<const unsigned char*>(text.data()) + offset,
                                text.size() - offset);
    if (length == 0) return "the byte " + HexByte(b);
  }
  std::string out = "`";
  out.append(text.substr(offset, length));
  out += '`';
  if (b >= 0x80) {
    // Name non-ASCII characters too: many are invisible (a byte order mark,
    // a no-break space) or look like ASCII punctuation (curly quotes).
    uint32_t cp = b & (0x7F >> length);
    for (size_t i = 1; i < length; ++i) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[offset + i]) & 0x3F);
    }
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, " (U+%04X)", cp);
    out += buffer;
  }
  return out;
}

// The last byte before `offset` that is not whitespace, or '\0'.
char PreviousSignificant(std::string_view text, size_t offset) {
  while (offset > 0) {
    char c = text[--offset];
    if (!IsJsonWhitespace(c)) return c;
  }
  return '\0';
}

struct ParseErrorReport {
  std::string code = "invalid-json";
  std::string message;
  std::string help;
  size_t offset = 0;
};

// Turns RapidJSON's error code into a lowercase sentence saying what was
// expected and what was found, located where the parser stopped (or, for bad
// escapes, literals and numbers, where the bad token starts).
ParseErrorReport DescribeParseError(std::string_view text, rapidjson::ParseErrorCode code,
                                    size_t offset, const TextPosition& token_start) {
  ParseErrorReport report;
  report.offset = offset;
  std::string found = DescribeFound(text, offset);
  switch (code) {
    case rapidjson::kParseErrorDocumentEmpty:
      report.message = "the document is empty: expected a json object";
      break;
    case rapidjson::kParseErrorDocumentRootNotSingular:
      report.message = "expected the end of the document after the top-level value, found " + found;
      report.help = "a policy document is exactly one json object";
      break;
    case rapidjson::kParseErrorValueInvalid: {
      // A misspelt literal (`tru`, `True`, `nul`) fails inside the token:
      // name the whole word, at its start.
      // The stream's token start is stale when a separator came after it.
      bool inside_token = token_start.offset < offset &&
                          token_start.offset + WordAt(text, token_start.offset).size() >= offset;
      char first = inside_token ? text[token_start.offset] : '\0';
      if (first == 't' || first == 'f' || first == 'n') {
        const char* literal = first == 't' ? "true" : first == 'f' ? "false" : "null";
        report.offset = token_start.offset;
        report.message = std::string("expected `") + literal + "`, found `" +
                         std::string(WordAt(text, token_start.offset)) + "`";
      } else if (first == '-') {
        report.offset = token_start.offset;
        report.message = "expected a digit after `-`, found " + found;
      } else {
        report.message = "expected a json value, found " + found;
        if (offset < text.size() && text[offset] == '\'') {
          report.help = "json strings are written in double quotes";
        } else if (offset < text.size() && (text[offset] == ']' || text[offset] == '}') &&
                   PreviousSignificant(text, offset) == ',') {
          report.help = "json does not allow a trailing comma";
        }
      }
      break;
    }
    case rapidjson::kParseErrorObjectMissName:
      report.message = "expected a member name in double quotes, found " + found;
      if (offset < text.size() && text[offset] == '}' && PreviousSignificant(text, offset) == ',') {
        report.help = "json does not allow a trailing comma";
      }
      break;
    case rapidjson::kParseErrorObjectMissColon:
      report.message = "expected `:` after a member name, found " + found;
      break;
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket:
      report.message = "expected `,` or `}` after an object member, found " + found;
      if (offset < text.size() && text[offset] == '"') {
        report.help = "members are separated by `,`";
      }
      break;
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket:
      report.message = "expected `,` or `]` after an array element, found " + found;
      if (offset < text.size() && (text[offset] == '"' || text[offset] == '{')) {
        report.help = "array elements are separated by `,`";
      }
      break;
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex:
      report.message = "invalid unicode escape `" + std::string(text.substr(offset, 6)) +
                       "`: expected four hexadecimal digits after `\\u`";
      break;
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      report.message = "invalid unicode escape `" + std::string(text.substr(offset, 12)) +
                       "`: a high surrogate must be followed by a low surrogate escape";
      break;
    case rapidjson::kParseErrorStringEscapeInvalid:
      if (offset < text.size() && text[offset] == '\\') {
        report.message = "invalid escape `" + std::string(text.substr(offset, 2)) +
                         "` in a string: expected one of `\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, "
                         "`\\n`, `\\r`, `\\t`, `\\uXXXX`";
      } else {
        char buffer[48];
        std::snprintf(buffer, sizeof buffer, "unescaped control character U+%04X in a string",
                      static_cast<unsigned char>(text[offset]));
        report.message = buffer;
        report.help = "write control characters as escapes such as `\\n` or `\\u0001`";
      }
      break;
    case rapidjson::kParseErrorStringMissQuotationMark:
      report.message = "missing the closing `\"` of a string: found " + found;
      break;
    case rapidjson::kParseErrorStringInvalidEncoding:
      report.code = "invalid-utf8";
      report.message = "a string is not valid utf-8";
      break;
    case rapidjson::kParseErrorNumberTooBig:
      report.message = "number `" + std::string(WordAt(text, offset)) + "` is out of range";
      break;
    case rapidjson::kParseErrorNumberMissFraction:
      report.message = "expected a digit after the decimal point, found " + found;
      break;
    case rapidjson::kParseErrorNumberMissExponent:
      report.message = "expected a digit in the exponent, found " + found;
      break;
    default:
      report.message = "invalid json";
      break;
  }
  // A NUL byte looks like the end of the text to RapidJSON; say what it is.
  if (report.code == "invalid-json" && offset < text.size() && text[offset] == '\0') {
    report.offset = offset;
    report.message = "unexpected nul character (U+0000)";
    report.help = "write it as `\\u0000` inside a string";
  }
  return report;
}

// ---- the handler ----------------------------------------------------------------

// Below this many members an object finds duplicates by walking its members;
// from it on, by a hash set, so a hostile object with many members stays linear.
constexpr uint32_t kLinearKeyScanLimit = 16;

// The SAX handler: appends one node per value, links it to its parent, and
// reports duplicate member names. Returning false stops RapidJSON; that only
// happens when the nesting limit is hit.
class TreeBuilder {
 public:
  TreeBuilder(const TrackingStream& stream, const JsonLimits& limits, JsonDocument* doc)
      : stream_(stream), limits_(limits), nodes_(doc->mutable_nodes()) {}

  bool Null() { return AddScalar(JsonType::kNull, {}); }
  bool Bool(bool b) { return AddScalar(b ? JsonType::kTrue : JsonType::kFalse, {}); }
  bool RawNumber(const char*, rapidjson::SizeType, bool) {
    // The text exactly as written, sliced from the input rather than taken
    // from RapidJSON's copy.
    const TextPosition& start = stream_.token_start();
    std::string_view raw = stream_.text().substr(start.offset, stream_.Tell() - start.offset);
    return AddScalar(JsonType::kNumber, raw);
  }
  // kParseNumbersAsStringsFlag routes every number to RawNumber; these exist
  // because the reader's code mentions them.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(int64_t) { return false; }
  bool Uint64(uint64_t) { return false; }
  bool Double(double) { return false; }

  bool String(const char* str, rapidjson::SizeType length, bool) {
    std::string_view value(str, length);
    if (!CheckDecodedString(value)) return false;
    return AddScalar(JsonType::kString, value);
  }

  bool Key(const char* str, rapidjson::SizeType length, bool) {
    std::string_view key(str, length);
    if (!CheckDecodedString(key)) return false;
    pending_key_.assign(key);
    pending_key_position_ = stream_.token_start();
    pending_duplicate_ = !frames_.back().AddKey(pending_key_, nodes_);
    return true;
  }

  bool StartObject() { return Open(JsonType::kObject); }
  bool StartArray() { return Open(JsonType::kArray); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

  // Why the handler stopped the parse, if it did.
  bool too_deep() const { return too_deep_; }
  bool bad_surrogate() const { return bad_surrogate_; }
  const TextPosition& stop_position() const { return stop_position_; }

 private:
  struct Frame {
    uint32_t node = kNoNode;
    uint32_t last_child = kNoNode;
    std::unique_ptr<std::unordered_set<std::string>> keys;  // built past kLinearKeyScanLimit

    // Records `key` as a member name of this object. False if it was one already.
    bool AddKey(const std::string& key, const std::vector<JsonNode>& nodes) {
      if (keys) return keys->insert(key).second;
      const JsonNode& object = nodes[node];
      for (uint32_t c = object.first_child; c != kNoNode; c = nodes[c].next_sibling) {
        if (nodes[c].key == key) return false;
      }
      if (object.child_count + 1 >= kLinearKeyScanLimit) {
        keys = std::make_unique<std::unordered_set<std::string>>();
        for (uint32_t c = object.first_child; c != kNoNode; c = nodes[c].next_sibling) {
          keys->insert(nodes[c].key);
        }
        keys->insert(key);
      }
      return true;
    }
  };

  // A decoded string holds an unpaired surrogate only when the text escaped
  // one (`\udc00`): RapidJSON encodes it as-is, which is not UTF-8.
  bool CheckDecodedString(std::string_view value) {
    if (FindInvalidUtf8(value) == std::string_view::npos) return true;
    bad_surrogate_ = true;
    stop_position_ = stream_.token_start();
    return false;
  }

  uint32_t NewNode(JsonType type, const TextPosition& at) {
    auto index = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    JsonNode& node = nodes_.back();
    node.type = type;
    node.line = at.line;
    node.column = at.column;
    if (frames_.empty()) return index;  // the root

    Frame& frame = frames_.back();
    JsonNode& parent = nodes_[frame.node];
    node.parent = frame.node;
    if (parent.type == JsonType::kObject) {
      node.key = std::move(pending_key_);
      pending_key_.clear();
      node.key_line = pending_key_position_.line;
      node.key_column = pending_key_position_.column;
      if (pending_duplicate_) {
        // Keep the first occurrence: the repetition is built (its events
        // arrive anyway) but never linked, so no lookup or walk sees it.
        pending_duplicate_ = false;
        duplicates_.push_back(index);
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

  bool AddScalar(JsonType type, std::string_view text) {
    uint32_t index = NewNode(type, stream_.token_start());
    if (!text.empty()) nodes_[index].text.assign(text);
    return true;
  }

  bool Open(JsonType type) {
    if (frames_.size() >= limits_.max_depth) {
      too_deep_ = true;
      stop_position_ = stream_.position();
      return false;
    }
    // `{` and `[` are reported before the stream takes them.
    uint32_t index = NewNode(type, stream_.position());
    frames_.emplace_back();
    frames_.back().node = index;
    return true;
  }

  bool Close() {
    frames_.pop_back();
    return true;
  }

 public:
  // Duplicate member values, in document order, for duplicate-key findings.
  const std::vector<uint32_t>& duplicates() const { return duplicates_; }

 private:
  const TrackingStream& stream_;
  const JsonLimits& limits_;
  std::vector<JsonNode>& nodes_;
  std::vector<Frame> frames_;
  std::string pending_key_;
  TextPosition pending_key_position_;
  bool pending_duplicate_ = false;
  std::vector<uint32_t> duplicates_;
  bool too_deep_ = false;
  bool bad_surrogate_ = false;
  TextPosition stop_position_;
};

// The number of values in `text`, nearly: every `{` and `[`, and every string
// that is not a member name (each name is followed by a `:` outside strings).
// Numbers and literals are left out: policies have few, and the array grows
// if need be. Runs before parsing, so it reads any text without failing.
size_t EstimateNodeCount(std::string_view text) {
  size_t strings = 0, names = 0, containers = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    strings += c == '"';
    names += c == ':';
    containers += c == '{' || c == '[';
    if (c == '"') in_string = true;
  }
  return containers + (strings > names ? strings - names : 0);
}

Finding MakeFinding(std::string code, std::string message, const TextPosition& at,
                    std::string help = {}) {
  Finding finding;
  finding.code = std::move(code);
  finding.severity = Severity::kError;
  finding.message = std::move(message);
  finding.line = at.line;
  finding.column = at.column;
  finding.help = std::move(help);
  return finding;
}

std::string WithThousands(size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// User text for a message: in backticks, control characters escaped, long
// text shortened so a hostile document cannot make messages huge.
std::string QuoteInput(std::string_view text) {
  constexpr size_t kMaxShown = 80;
  std::string out = "`";
  size_t shown = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    auto b = static_cast<unsigned char>(text[i]);
    if ((b & 0xC0) != 0x80 && shown++ == kMaxShown) {
      out += "...";
      break;
    }
    if (b < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", b);
      out += buffer;
    } else {
      out += text[i];
    }
  }
  out += '`';
  return out;
}

// A member name is written bare in a path when it looks like an identifier.
bool IsIdentifierLike(std::string_view key) {
  if (key.empty()) return false;
  for (size_t i = 0; i < key.size(); ++i) {
    char c = key[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!(letter || (digit && i > 0))) return false;
  }
  return true;
}

// `key` as a JSON string literal.
void AppendQuoted(std::string_view key, std::string* out) {
  *out += '"';
  for (char c : key) {
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(c));
      *out += buffer;
    } else {
      *out += c;
    }
  }
  *out += '"';
}

}  // namespace

std::string_view JsonTypeName(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kFalse:
    case JsonType::kTrue:
      return "boolean";
    case JsonType::kNumber:
      return "number";
    case JsonType::kString:
      return "string";
    case JsonType::kArray:
      return "array";
    case JsonType::kObject:
      return "object";
  }
  return "value";
}

uint32_t JsonDocument::Member(uint32_t object, std::string_view key) const {
  if (object >= nodes_.size() || !nodes_[object].is_object()) return kNoNode;
  for (uint32_t c = nodes_[object].first_child; c != kNoNode; c = nodes_[c].next_sibling) {
    if (nodes_[c].key == key) return c;
  }
  return kNoNode;
}

std::string JsonDocument::Path(uint32_t index) const {
  // Collect the chain up to the root (bounded by the nesting limit), then
  // write it root first.
  std::vector<uint32_t> chain;
  for (uint32_t n = index; n < nodes_.size() && nodes_[n].parent != kNoNode; n = nodes_[n].parent) {
    chain.push_back(n);
  }
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const JsonNode& node = nodes_[*it];
    if (nodes_[node.parent].is_array()) {
      path += '[';
      path += std::to_string(node.index);
      path += ']';
    } else if (IsIdentifierLike(node.key)) {
      if (!path.empty()) path += '.';
      path += node.key;
    } else {
      path += '[';
      AppendQuoted(node.key, &path);
      path += ']';
    }
  }
  return path;
}

void AddFinding(const JsonDocument& doc, uint32_t node, std::string code, Severity severity,
                std::string message, std::vector<Finding>* findings, bool at_key,
                std::string help) {
  Finding finding;
  finding.code = std::move(code);
  finding.severity = severity;
  finding.message = std::move(message);
  finding.help = std::move(help);
  if (node < doc.size()) {
    const JsonNode& n = doc.node(node);
    finding.path = doc.Path(node);
    bool has_key = n.key_line != 0;
    finding.line = at_key && has_key ? n.key_line : n.line;
    finding.column = at_key && has_key ? n.key_column : n.column;
  }
  findings->push_back(std::move(finding));
}

bool ParseJson(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
               std::vector<Finding>* findings) {
  doc->mutable_nodes().clear();
  TextPosition start;

  if (text.size() > limits.max_bytes) {
    findings->push_back(MakeFinding("document-too-large",
                                    "the document is " + WithThousands(text.size()) +
                                        " bytes, over the limit of " +
                                        WithThousands(limits.max_bytes),
                                    start));
    return false;
  }

  // Checked before parsing so bytes outside strings are caught too, and the
  // first bad byte is reported exactly.
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    findings->push_back(
        MakeFinding("invalid-utf8",
                    "invalid utf-8: the byte " + HexByte(static_cast<unsigned char>(text[bad])) +
                        " does not begin a valid sequence",
                    Locate(text, bad), "policy documents must be encoded in utf-8"));
    return false;
  }

  // One allocation of about the right size: growing the node array by
  // doubling would copy it and briefly need twice the memory, which on glibc
  // can push every parse of a mid-sized policy through brk() and back.
  // Capped: past it, doubling costs little, and a hostile `[[[[...` would
  // otherwise reserve for values that nesting-too-deep never lets exist.
  constexpr size_t kMaxReservedNodes = 1 << 16;
  doc->mutable_nodes().reserve(std::min(EstimateNodeCount(text), kMaxReservedNodes));

  TrackingStream stream(text);
  TreeBuilder builder(stream, limits, doc);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::ParseResult result = reader.Parse<kFlags>(stream, builder);

  if (builder.too_deep()) {
    doc->mutable_nodes().clear();
    findings->push_back(MakeFinding(
        "nesting-too-deep",
        "arrays and objects are nested deeper than " + std::to_string(limits.max_depth) + " levels",
        builder.stop_position()));
    return false;
  }
  if (builder.bad_surrogate()) {
    doc->mutable_nodes().clear();
    findings->push_back(MakeFinding(
        "invalid-json", "a string holds an unpaired utf-16 surrogate escape such as `\\udc00`",
        builder.stop_position()));
    return false;
  }
  if (result.IsError()) {
    doc->mutable_nodes().clear();
    ParseErrorReport report =
        DescribeParseError(text, result.Code(), result.Offset(), stream.token_start());
    findings->push_back(MakeFinding(std::move(report.code), std::move(report.message),
                                    Locate(text, report.offset), std::move(report.help)));
    return false;
  }
  if (stream.Tell() < text.size()) {
    // RapidJSON took a NUL byte after the value for the end of the text.
    doc->mutable_nodes().clear();
    findings->push_back(
        MakeFinding("invalid-json", "unexpected nul character (U+0000)", stream.position()));
    return false;
  }

  for (uint32_t duplicate : builder.duplicates()) {
    const JsonNode& node = doc->node(duplicate);
    const JsonNode& first = doc->node(doc->Member(node.parent, node.key));
    AddFinding(*doc, duplicate, "duplicate-key", Severity::kError,
               "duplicate member " + QuoteInput(node.key) + ": it first appears at line " +
                   std::to_string(first.key_line) + ", column " + std::to_string(first.key_column),
               findings, /*at_key=*/true, "the first occurrence is kept");
  }
  return true;
}

}  // namespace iameval::internal
