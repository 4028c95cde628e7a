// File: engine/testing/parsed_json.h
//
// Test helpers for the JSON layer (json_tree.h): a parse with its document
// and findings in one value, the one finding of a failed parse, and nodes
// found by member names or child index.
//
//   Parsed p = ParseText(R"({"Statement": [{"Effect": "Allow"}]})");
//   uint32_t first = Child(p.doc, At(p.doc, {"Statement"}), 0);
//   CHECK(OnlyFinding("[1,]").message == "expected a json value, found `]`");

#ifndef IAMEVAL_ENGINE_TESTING_PARSED_JSON_H_
#define IAMEVAL_ENGINE_TESTING_PARSED_JSON_H_

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "json/json_tree.h"

namespace iameval::testing {

struct Parsed {
  bool ok = false;
  internal::JsonDocument doc;
  std::vector<Finding> findings;
};

Parsed ParseText(std::string_view text, internal::JsonLimits limits = internal::JsonLimits());

// The only finding of a failed parse; fails the test otherwise.
Finding OnlyFinding(std::string_view text, internal::JsonLimits limits = internal::JsonLimits());

// Follows `path` of member names from the root; fails the test if one is missing.
uint32_t At(const internal::JsonDocument& doc, std::initializer_list<const char*> path);

// Child `index` of array or object `node`; fails the test if there is none.
uint32_t Child(const internal::JsonDocument& doc, uint32_t node, uint32_t index);

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_PARSED_JSON_H_
