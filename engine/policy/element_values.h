// File: engine/policy/element_values.h
//
// What the element readers share: members the policy language does not
// have, elements the kind does not take or that come with their negation,
// elements that take a string or an array of strings, and the checks every
// action or resource pattern passes before it is compiled.
//
//   CheckKnownMembers(context, statement, kStatementElements, "a statement");
//   ForEachString(context, node, "Action", [&](uint32_t value) { ... });

#ifndef IAMEVAL_ENGINE_ELEMENT_VALUES_H_
#define IAMEVAL_ENGINE_ELEMENT_VALUES_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "base/did_you_mean.h"
#include "base/message_text.h"
#include "json/json_tree.h"
#include "policy/parse_context.h"

namespace iameval::internal {

template <size_t N>
bool IsOneOf(std::string_view name, const std::string_view (&known)[N]) {
  return std::find(std::begin(known), std::end(known), name) != std::end(known);
}

// Reports each member of `object` not among `known` as `unknown-element`, at
// its name, with "did you mean" help. `where` names the object in messages.
template <size_t N>
void CheckKnownMembers(ParseContext* context, uint32_t object, const std::string_view (&known)[N],
                       const char* where) {
  for (uint32_t c = context->Node(object).first_child; c != kNoNode;
       c = context->Node(c).next_sibling) {
    const std::string_view key = context->Node(c).key;
    if (IsOneOf(key, known)) continue;
    context->Error(c, "unknown-element", "unknown element " + Quote(key) + " in " + where,
                   /*at_key=*/true, DidYouMean(key, known));
  }
}

// Visits the strings of an element that takes a string or an array of
// strings, reporting an empty array and values of other types.
template <typename Fn>
void ForEachString(ParseContext* context, uint32_t node, std::string_view element, Fn&& visit) {
  const JsonNode& value = context->Node(node);
  if (value.is_string()) {
    visit(node);
    return;
  }
  if (!value.is_array()) {
    context->Error(node, "wrong-type",
                   ElementName(element) + " must be a string or an array of strings, not " +
                       JsonTypeWithArticle(value.type));
    return;
  }
  if (value.child_count == 0) {
    context->Error(node, "empty-list", ElementName(element) + " is an empty list");
    return;
  }
  for (uint32_t c = value.first_child; c != kNoNode; c = context->Node(c).next_sibling) {
    if (context->Node(c).is_string()) {
      visit(c);
    } else {
      context->Error(c, "wrong-type",
                     "each " + ElementName(element) + " value must be a string, not " +
                         JsonTypeWithArticle(context->Node(c).type));
    }
  }
}

// Reserves room in `out` for the values of the element at `node`, a string
// or an array of them, so compiling them allocates the vector once.
template <typename T>
void ReserveForValues(const ParseContext& context, uint32_t node, std::vector<T>* out) {
  const JsonNode& value = context.Node(node);
  out->reserve(value.is_array() ? value.child_count : 1);
}

// Reports `conflicting-elements` when a statement has both `element` and its
// negation (`Action` and `NotAction`), at the name of the later of the two.
void CheckNotBoth(ParseContext* context, uint32_t element, uint32_t negation);

// Reports `code` at the name of each of `element` and `negation` that is
// present, for an element the policy's kind does not take; `help` says why.
void ReportElementsNotAllowed(ParseContext* context, uint32_t element, uint32_t negation,
                              const char* code, const char* help);

// The checks every action and resource value passes before it is compiled:
// not empty, no control character, within Limits::max_pattern_length and
// Limits::max_wildcards_per_pattern. `noun` names the value in messages and
// in the code of a bad one (`invalid-action`); `empty_help` says what to
// write instead of an empty string. False when a check failed.
bool CheckPatternValue(ParseContext* context, uint32_t node, std::string_view element,
                       std::string_view noun, const char* empty_help);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ELEMENT_VALUES_H_
