// File: engine/json/json_input_stream.h
//
// The input stream ParseJson hands to RapidJSON: the text, a byte at a time,
// bounded by its length (the text need not end in a NUL), and nothing else.
// Where tokens start and which line:column they stand at is worked out by
// the tree builder (json_tree_builder.h) from offsets, once per value rather
// than once per byte.
//
//   JsonInputStream stream(text);
//   reader.Parse<kFlags>(stream, handler);  // the handler reads stream.Tell()
//
// All of it is inline: RapidJSON calls Peek and Take once per byte.

#ifndef IAMEVAL_ENGINE_JSON_INPUT_STREAM_H_
#define IAMEVAL_ENGINE_JSON_INPUT_STREAM_H_

#include <cstddef>
#include <string_view>

namespace iameval::internal {

// A RapidJSON input stream (the Stream concept of rapidjson/stream.h) over
// the text. Peek() answers '\0' at the end of the text, as RapidJSON
// expects, and also at a NUL byte inside it; ParseJson tells the two apart
// afterwards.
class JsonInputStream {
 public:
  typedef char Ch;

  explicit JsonInputStream(std::string_view text) : text_(text) {}

  Ch Peek() const { return offset_ < text_.size() ? text_[offset_] : '\0'; }

  Ch Take() { return offset_ < text_.size() ? text_[offset_++] : '\0'; }

  size_t Tell() const { return offset_; }

  // Output side of the Stream concept; never used without in-situ parsing.
  Ch* PutBegin() { return nullptr; }
  void Put(Ch) {}
  void Flush() {}
  size_t PutEnd(Ch*) { return 0; }

  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
  size_t offset_ = 0;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_INPUT_STREAM_H_
