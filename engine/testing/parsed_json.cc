// File: engine/testing/parsed_json.cc

#include "testing/parsed_json.h"

#include <catch2/catch.hpp>

namespace iameval::testing {

using internal::JsonDocument;
using internal::JsonLimits;
using internal::kNoNode;

Parsed ParseText(std::string_view text, JsonLimits limits) {
  Parsed parsed;
  parsed.ok = internal::ParseJson(text, limits, &parsed.doc, &parsed.findings);
  return parsed;
}

Finding OnlyFinding(std::string_view text, JsonLimits limits) {
  Parsed parsed = ParseText(text, limits);
  CHECK_FALSE(parsed.ok);
  REQUIRE(parsed.findings.size() == 1);
  return parsed.findings[0];
}

uint32_t At(const JsonDocument& doc, std::initializer_list<const char*> path) {
  uint32_t node = doc.root();
  for (const char* key : path) {
    node = doc.Member(node, key);
    REQUIRE(node != kNoNode);
  }
  return node;
}

uint32_t Child(const JsonDocument& doc, uint32_t node, uint32_t index) {
  uint32_t c = doc.node(node).first_child;
  for (uint32_t i = 0; i < index && c != kNoNode; ++i) c = doc.node(c).next_sibling;
  REQUIRE(c != kNoNode);
  return c;
}

}  // namespace iameval::testing
