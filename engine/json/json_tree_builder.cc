// File: engine/json/json_tree_builder.cc
//
// The SAX handler behind BuildTree. RapidJSON's reader and the input stream
// are both instantiated here, in one translation unit, so the per-byte and
// per-value calls between them stay inline.
//
// Positions are worked out per value, not per byte: a value's or member
// name's token starts at the first byte after the previous token that is not
// whitespace or structure, and the line:column of that offset is counted on
// from the previous token's (tokens arrive in text order, so the text is
// walked once, eight bytes at a time between line breaks).

#include "json/json_tree_builder.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "json/json_text.h"
#include "json/rapidjson_types.h"

namespace iameval::internal {
namespace {

// Below this many members an object finds duplicates by walking its members;
// from it on, by a hash set, so a hostile object with many members stays linear.
constexpr uint32_t kLinearKeyScanLimit = 16;

// Whether a decoded string holds a UTF-16 surrogate, encoded as UTF-8 would
// encode it (ED A0..BF xx), which is not UTF-8. The text itself is
// well-formed, so only an escape can put one there, and RapidJSON pairs high
// surrogates itself: this is the lone low surrogate `\udc00`.
bool HasEncodedSurrogate(std::string_view value) {
  const char* end = value.data() + value.size();
  for (const char* p = value.data();; ++p) {
    p = static_cast<const char*>(std::memchr(p, '\xED', static_cast<size_t>(end - p)));
    if (p == nullptr || p + 1 == end) return false;
    if (static_cast<unsigned char>(p[1]) >= 0xA0) return true;
  }
}

// The SAX handler: appends one node per value, links it to its parent, and
// records duplicate member names. Returning false stops RapidJSON; that only
// happens when the nesting limit is hit or a string is not text.
class TreeBuilder {
 public:
  TreeBuilder(const JsonInputStream& stream, const JsonLimits& limits, JsonDocument* doc,
              TreeBuild* build)
      : stream_(stream),
        text_(stream.text()),
        has_escapes_(text_.find('\\') != std::string_view::npos),
        limits_(limits),
        doc_(doc),
        nodes_(doc->mutable_nodes()),
        build_(build) {
    // Policies nest a few levels deep; the limit may be set far higher.
    frames_.reserve(std::min<size_t>(limits.max_depth, 8));
  }

  bool Null() { return AddScalar(JsonType::kNull, TakeTokenStart(), {}); }
  bool Bool(bool b) {
    return AddScalar(b ? JsonType::kTrue : JsonType::kFalse, TakeTokenStart(), {});
  }
  bool RawNumber(const char*, rapidjson::SizeType, bool) {
    // The text exactly as written, sliced from the input rather than taken
    // from RapidJSON's copy.
    size_t start = TakeTokenStart();
    return AddScalar(JsonType::kNumber, start, text_.substr(start, stream_.Tell() - start));
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
    size_t start = TakeTokenStart();
    if (!CheckDecodedString(value, start)) return false;
    return AddScalar(JsonType::kString, start, value);
  }

  bool Key(const char* str, rapidjson::SizeType length, bool) {
    std::string_view key(str, length);
    size_t start = TakeTokenStart();
    if (!CheckDecodedString(key, start)) return false;
    pending_key_ = key.empty() ? std::string_view() : doc_->StoreText(key);
    pending_key_position_ = PositionOf(start);
    pending_duplicate_ = !frames_.back().AddKey(pending_key_, nodes_);
    return true;
  }

  bool StartObject() { return Open(JsonType::kObject); }
  bool StartArray() { return Open(JsonType::kArray); }
  bool EndObject(rapidjson::SizeType) { return Close(); }
  bool EndArray(rapidjson::SizeType) { return Close(); }

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

  // The start of the string, number or literal RapidJSON has just read: in
  // valid JSON only whitespace and structural characters stand between one
  // token and the next. Called once per token, in text order.
  size_t TakeTokenStart() {
    size_t start = scan_from_;
    size_t end = stream_.Tell();
    while (start < end && (IsJsonWhitespace(text_[start]) || IsJsonStructural(text_[start]))) {
      ++start;
    }
    scan_from_ = end;
    return start;
  }

  // Line:column of `offset`, counted on from the previous call's.
  const TextPosition& PositionOf(size_t offset) {
    if (!limits_.locate_values) return unlocated_;
    AdvancePositionTo(text_, offset, &after_cr_, &cursor_);
    return cursor_;
  }

  bool CheckDecodedString(std::string_view value, size_t start) {
    if (!has_escapes_ || !HasEncodedSurrogate(value)) return true;
    build_->bad_surrogate = true;
    build_->stop_offset = start;
    return false;
  }

  uint32_t NewNode(JsonType type, size_t start) {
    const TextPosition& at = PositionOf(start);
    auto index = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
    JsonNode& node = nodes_.back();
    node.type = type;
    node.line = at.line;
    node.column = at.column;
    node.offset = static_cast<uint32_t>(start);
    node.end =
        static_cast<uint32_t>(stream_.Tell());  // a scalar's token is read; containers: Close
    if (frames_.empty()) return index;          // the root

    Frame& frame = frames_.back();
    JsonNode& parent = nodes_[frame.node];
    node.parent = frame.node;
    if (parent.type == JsonType::kObject) {
      node.key = pending_key_;
      pending_key_ = {};
      node.key_line = pending_key_position_.line;
      node.key_column = pending_key_position_.column;
      if (pending_duplicate_) {
        // Keep the first occurrence: the repetition is built (its events
        // arrive anyway) but never linked, so no lookup or walk sees it.
        pending_duplicate_ = false;
        build_->duplicates.push_back(index);
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

  bool AddScalar(JsonType type, size_t start, std::string_view text) {
    uint32_t index = NewNode(type, start);
    if (!text.empty()) nodes_[index].text = doc_->StoreText(text);
    return true;
  }

  bool Open(JsonType type) {
    // `{` and `[` are reported before the stream takes them.
    size_t start = stream_.Tell();
    if (frames_.size() >= limits_.max_depth) {
      build_->too_deep = true;
      build_->stop_offset = start;
      return false;
    }
    uint32_t index = NewNode(type, start);
    scan_from_ = start;
    frames_.emplace_back();
    frames_.back().node = index;
    return true;
  }

  bool Close() {
    // `}` and `]` are reported before the stream takes them.
    nodes_[frames_.back().node].end = static_cast<uint32_t>(stream_.Tell() + 1);
    frames_.pop_back();
    return true;
  }

  const JsonInputStream& stream_;
  const std::string_view text_;
  const bool has_escapes_;  // without a backslash, no decoded string can differ from the text
  const JsonLimits& limits_;
  JsonDocument* doc_;
  std::vector<JsonNode>& nodes_;
  TreeBuild* build_;
  std::vector<Frame> frames_;
  size_t scan_from_ = 0;                   // where the previous token ended
  TextPosition cursor_;                    // the last position located
  const TextPosition unlocated_{0, 0, 0};  // every value's, without locate_values
  bool after_cr_ = false;
  std::string_view pending_key_;  // in the document's text store
  TextPosition pending_key_position_;
  bool pending_duplicate_ = false;
};

}  // namespace

TreeBuild BuildTree(JsonInputStream* stream, const JsonLimits& limits, JsonDocument* doc) {
  doc->Reset(stream->text().size());
  // One allocation of about the right size: growing the node array by
  // doubling would copy it and briefly need twice the memory, which on glibc
  // can push every parse of a mid-sized policy through brk() and back.
  // Capped: past it, doubling costs little, and a hostile `[[[[...` would
  // otherwise reserve for values that nesting-too-deep never lets exist.
  constexpr size_t kMaxReservedNodes = 1 << 16;
  doc->mutable_nodes().reserve(std::min(EstimateNodeCount(stream->text()), kMaxReservedNodes));

  TreeBuild build;
  TreeBuilder builder(*stream, limits, doc, &build);
  RapidReader reader;  // its stack allocates through operator new: throws, never null
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  build.result = reader.Parse<kFlags>(*stream, builder);
  return build;
}

}  // namespace iameval::internal
