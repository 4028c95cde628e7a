// File: engine/json/json_tree_builder.h
//
// Builds a JsonDocument from JSON text: RapidJSON's iterative SAX reader
// drives a handler that appends one node per value, links it to its parent,
// locates it (line:column) and notes repeated member names. ParseJson
// (json_tree.h) turns what went wrong into findings.
//
// Nothing here recurses on input depth: RapidJSON's iterative mode keeps its
// state on a heap stack, the handler keeps one frame per open container (at
// most max_depth of them), and the document is a vector of nodes linked by
// index.
//
//   JsonInputStream stream(text);
//   TreeBuild build = BuildTree(&stream, limits, &doc);
//   if (build.too_deep) ...  // nesting-too-deep at build.stop_offset

#ifndef IAMEVAL_ENGINE_JSON_TREE_BUILDER_H_
#define IAMEVAL_ENGINE_JSON_TREE_BUILDER_H_

#include <rapidjson/error/error.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "json/json_input_stream.h"
#include "json/json_tree.h"

namespace iameval::internal {

// How a build ended. The handler stops RapidJSON only for `too_deep` and
// `bad_surrogate`; `result` holds RapidJSON's own verdict on the syntax.
struct TreeBuild {
  rapidjson::ParseResult result;
  bool too_deep = false;       // nesting went past JsonLimits::max_depth
  bool bad_surrogate = false;  // a string escaped an unpaired surrogate (`\udc00`)
  size_t stop_offset = 0;      // where the handler stopped, for those two
  // Values of repeated member names, in document order. They are built but
  // never linked: the first occurrence is the one every lookup sees.
  std::vector<uint32_t> duplicates;
};

// Reads `stream` to its end into `doc`, which it empties first. RapidJSON is
// not asked to validate UTF-8: ParseJson checks it before, unless told not to
// (JsonLimits::require_utf8), when strings keep whatever bytes they hold. On
// any failure `doc` holds whatever was built so far; the caller clears it.
TreeBuild BuildTree(JsonInputStream* stream, const JsonLimits& limits, JsonDocument* doc);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_TREE_BUILDER_H_
