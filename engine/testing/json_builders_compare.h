// File: engine/testing/json_builders_compare.h
//
// The two JSON tree builders side by side: ParseJson (the fast builder,
// json_fast_tree.h, falling back to RapidJSON) against ParseJsonWithRapidJson
// (RapidJSON only). They must agree on the verdict, every finding (code,
// message, help, line:column, path) and every field of every node. Used by
// json_fast_tree_test.cc and policy_parse_fuzz.
//
//   CHECK(JsonBuildersDiffer(text, JsonLimits{}) == "");

#ifndef IAMEVAL_ENGINE_TESTING_JSON_BUILDERS_COMPARE_H_
#define IAMEVAL_ENGINE_TESTING_JSON_BUILDERS_COMPARE_H_

#include <string>
#include <string_view>

#include "json/json_tree.h"

namespace iameval::testing {

// A description of the first difference between the builders on `text`, or "".
std::string JsonBuildersDiffer(std::string_view text, const internal::JsonLimits& limits);

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_JSON_BUILDERS_COMPARE_H_
