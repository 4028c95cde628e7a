// File: engine/json_tracking_stream.h
//
// The input stream ParseJson hands to RapidJSON. RapidJSON reports byte
// offsets only, and only for errors; this stream counts lines and columns as
// RapidJSON takes bytes, and remembers where the token being read began,
// which is where the tree builder (json_tree_builder.h) locates each node and
// member name.
//
//   TrackingStream stream(text);
//   reader.Parse<kFlags>(stream, handler);  // the handler reads stream.token_start()
//
// All of it is inline: RapidJSON calls Peek and Take once per byte.

#ifndef IAMEVAL_ENGINE_JSON_TRACKING_STREAM_H_
#define IAMEVAL_ENGINE_JSON_TRACKING_STREAM_H_

#include <cstddef>
#include <string_view>

#include "json_text.h"

namespace iameval::internal {

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
    if (strings_.Take(c)) {
      bool separator = IsJsonWhitespace(c) || IsJsonStructural(c);
      if (!separator && at_boundary_) token_start_ = pos_;
      at_boundary_ = separator;
    } else {
      at_boundary_ = false;
    }
    AdvancePosition(c, &after_cr_, &pos_);
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
  JsonStringScanner strings_;
  bool after_cr_ = false;
  bool at_boundary_ = true;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_TRACKING_STREAM_H_
