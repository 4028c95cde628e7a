// File: engine/policy/element_values.cc

#include "policy/element_values.h"

#include "match/glob.h"

namespace iameval::internal {
namespace {

// The one of two members that comes later in the text.
uint32_t Later(const ParseContext& context, uint32_t a, uint32_t b) {
  const JsonNode& x = context.Node(a);
  const JsonNode& y = context.Node(b);
  bool a_later = x.key_line != y.key_line ? x.key_line > y.key_line : x.key_column > y.key_column;
  return a_later ? a : b;
}

bool HasControlCharacter(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) return true;
  }
  return false;
}

bool CheckPatternLimits(ParseContext* context, uint32_t node, std::string_view element,
                        std::string_view text) {
  const Limits& limits = context->limits;
  if (text.size() > limits.max_pattern_length) {
    context->Error(node, "pattern-too-long",
                   ElementName(element) + " value " + Quote(text) + " is " +
                       WithThousands(text.size()) + " bytes long, over the limit of " +
                       WithThousands(limits.max_pattern_length));
    return false;
  }
  uint32_t stars = CountStars(text);
  if (stars > limits.max_wildcards_per_pattern) {
    context->Error(node, "too-many-wildcards",
                   ElementName(element) + " value " + Quote(text) + " has " +
                       std::to_string(stars) + " `*` wildcards, over the limit of " +
                       std::to_string(limits.max_wildcards_per_pattern));
    return false;
  }
  return true;
}

}  // namespace

void CheckNotBoth(ParseContext* context, uint32_t element, uint32_t negation) {
  if (element == kNoNode || negation == kNoNode) return;
  context->Error(Later(*context, element, negation), "conflicting-elements",
                 "a statement cannot have both " + ElementName(context->Node(element).key) +
                     " and " + ElementName(context->Node(negation).key),
                 /*at_key=*/true);
}

void ReportElementsNotAllowed(ParseContext* context, uint32_t element, uint32_t negation,
                              const char* code, const char* help) {
  for (uint32_t node : {element, negation}) {
    if (node == kNoNode) continue;
    context->Error(node, code,
                   ElementName(context->Node(node).key) + " is not allowed in " +
                       std::string(context->rules.noun),
                   /*at_key=*/true, help);
  }
}

bool CheckPatternValue(ParseContext* context, uint32_t node, std::string_view element,
                       std::string_view noun, const char* empty_help) {
  std::string_view text = context->Node(node).text;
  if (text.empty()) {
    context->Error(node, "empty-value", "empty string in " + ElementName(element), false,
                   empty_help);
    return false;
  }
  if (HasControlCharacter(text)) {
    context->Error(
        node, "invalid-" + std::string(noun),
        Quote(text) + " is not a valid " + std::string(noun) + ": it contains a control character");
    return false;
  }
  return CheckPatternLimits(context, node, element, text);
}

}  // namespace iameval::internal
