// File: engine/json_tree_builder.cc
//
// The SAX handler behind BuildTree. RapidJSON's reader and the tracking
// stream are both instantiated here, in one translation unit, so the
// per-byte and per-value calls between them stay inline.

#include "json_tree_builder.h"

#include <rapidjson/reader.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "utf8.h"

namespace iameval::internal {
namespace {

// Below this many members an object finds duplicates by walking its members;
// from it on, by a hash set, so a hostile object with many members stays linear.
constexpr uint32_t kLinearKeyScanLimit = 16;

// The SAX handler: appends one node per value, links it to its parent, and
// records duplicate member names. Returning false stops RapidJSON; that only
// happens when the nesting limit is hit or a string is not text.
class TreeBuilder {
 public:
  TreeBuilder(const TrackingStream& stream, const JsonLimits& limits, JsonDocument* doc,
              TreeBuild* build)
      : stream_(stream), limits_(limits), nodes_(doc->mutable_nodes()), build_(build) {}

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
    build_->bad_surrogate = true;
    build_->stop_position = stream_.token_start();
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

  bool AddScalar(JsonType type, std::string_view text) {
    uint32_t index = NewNode(type, stream_.token_start());
    if (!text.empty()) nodes_[index].text.assign(text);
    return true;
  }

  bool Open(JsonType type) {
    if (frames_.size() >= limits_.max_depth) {
      build_->too_deep = true;
      build_->stop_position = stream_.position();
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

  const TrackingStream& stream_;
  const JsonLimits& limits_;
  std::vector<JsonNode>& nodes_;
  TreeBuild* build_;
  std::vector<Frame> frames_;
  std::string pending_key_;
  TextPosition pending_key_position_;
  bool pending_duplicate_ = false;
};

// The number of values in `text`, nearly: every `{` and `[`, and every string
// that is not a member name (each name is followed by a `:` outside strings).
// Numbers and literals are left out: policies have few, and the array grows
// if need be. Runs before parsing, so it reads any text without failing.
size_t EstimateNodeCount(std::string_view text) {
  size_t strings = 0, names = 0, containers = 0;
  JsonStringScanner scanner;
  for (char c : text) {
    if (!scanner.Take(c)) continue;
    strings += c == '"';
    names += c == ':';
    containers += c == '{' || c == '[';
  }
  return containers + (strings > names ? strings - names : 0);
}

}  // namespace

TreeBuild BuildTree(TrackingStream* stream, const JsonLimits& limits, JsonDocument* doc) {
  // One allocation of about the right size: growing the node array by
  // doubling would copy it and briefly need twice the memory, which on glibc
  // can push every parse of a mid-sized policy through brk() and back.
  // Capped: past it, doubling costs little, and a hostile `[[[[...` would
  // otherwise reserve for values that nesting-too-deep never lets exist.
  constexpr size_t kMaxReservedNodes = 1 << 16;
  doc->mutable_nodes().reserve(std::min(EstimateNodeCount(stream->text()), kMaxReservedNodes));

  TreeBuild build;
  TreeBuilder builder(*stream, limits, doc, &build);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag |
                              rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  build.result = reader.Parse<kFlags>(*stream, builder);
  return build;
}

}  // namespace iameval::internal
