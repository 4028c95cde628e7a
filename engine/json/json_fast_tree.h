// File: engine/json/json_fast_tree.h
//
// The tree builder for well-formed JSON: one pass over the text that builds
// the same JsonDocument as the RapidJSON builder (json_tree_builder.h), node
// for node, without going through RapidJSON's byte-by-byte string path or
// counting line:column separately. Strings are found eight bytes at a time,
// line:column comes from the line breaks seen between tokens, and every
// string or number is a view into one copy of the text held by the document
// (escaped strings are decoded in place within their own bytes of the copy).
//
// It never diagnoses anything: on any text that is not plainly valid (a
// syntax error, nesting past the limit, a lone surrogate escape, a NUL byte,
// a number with an exponent, the few shapes it leaves to RapidJSON) it
// answers false, and ParseJson builds again with RapidJSON, which finds the
// error and says where. So every message and position for bad input comes
// from one place, and this builder only has to be right about valid JSON
// (json_fast_tree_test.cc and policy_parse_fuzz compare the two builders).
//
//   std::vector<uint32_t> duplicates;
//   if (!BuildTreeFast(text, limits, &doc, &duplicates)) { /* BuildTree(...) */ }

#ifndef IAMEVAL_ENGINE_JSON_FAST_TREE_H_
#define IAMEVAL_ENGINE_JSON_FAST_TREE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "json/json_tree.h"

namespace iameval::internal {

// Builds `doc` from `text` (which ParseJson has bounded and, when the limits
// ask, checked for UTF-8). True when `text` is valid JSON the builder
// handles; `duplicates` then holds the values of repeated member names, in
// document order, as TreeBuild::duplicates does. False leaves `doc` in an
// unspecified state, for the caller to build again.
bool BuildTreeFast(std::string_view text, const JsonLimits& limits, JsonDocument* doc,
                   std::vector<uint32_t>* duplicates);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_FAST_TREE_H_
