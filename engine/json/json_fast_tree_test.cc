// File: engine/json/json_fast_tree_test.cc
//
// The fast builder (json_fast_tree.h) against the RapidJSON one: for every
// JSON file of the conformance corpus, the benchmark workloads and lint's
// test data, for hand-written edge cases (line breaks of every kind, non-ASCII
// text, escapes, duplicates, numbers), and for every prefix and many one-byte
// changes of a few documents, ParseJson and ParseJsonWithRapidJson must agree
// on the verdict, every finding, and every field of every node.

#include "json/json_fast_tree.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "json/json_tree.h"
#include "testing/json_builders_compare.h"
#include "testing/source_files.h"

namespace iameval::internal {
namespace {

void CheckAgree(std::string_view text) {
  JsonLimits located;
  JsonLimits envelope;
  envelope.require_utf8 = false;
  envelope.locate_values = false;
  JsonLimits shallow;
  shallow.max_depth = 3;
  for (const JsonLimits* limits : {&located, &envelope, &shallow}) {
    INFO(std::string(text.substr(0, 200)));
    CHECK(testing::JsonBuildersDiffer(text, *limits) == "");
  }
}

// Whether the fast builder itself took `text` (rather than handing it on).
bool FastBuilds(std::string_view text) {
  JsonDocument doc;
  std::vector<uint32_t> duplicates;
  return BuildTreeFast(text, JsonLimits{}, &doc, &duplicates);
}

TEST_CASE("the fast builder builds what RapidJSON builds: edge cases", "[json]") {
  const char* cases[] = {
      "{}",
      "[]",
      "  {\"a\" : [ 1 , -2.5 , 0, -0, 0.125, true, false, null, \"\" ] , \"\" : {} }  ",
      "\"top\"",
      "12",
      "{\"a\":1}\n",
      "{\r\n  \"a\": 1,\r\n  \"b\": \"x\"\r}",
      "{\n\r\n\r\r\n\"a\":\t[\n1]}",
      "{\"caf\xc3\xa9\": \"\xe2\x82\xac \xf0\x9f\x98\x80\", \"b\": \"\xc3\xa9\", \"c\": 2}",
      "[\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\", [\"x\"], \"\xed\x9f\xbf\"]",
      "{\"a\": \"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\ud83d\\ude00\\u0000end\"}",
      "{\"k\\u0065y\": 1, \"key\": 2}",
      "[\"\\udc00\"]",
      "[\"\\ud800\"]",
      "[\"\\ud800\\u0041\"]",
      "[\"\\u12\"]",
      "[\"\\x\"]",
      "[\"\\\xc3\xa9\"]",
      "[\"\xed\x9f\xbf\\n\"]",
      "{\"a\": 1, \"a\": 2, \"b\": {\"a\": 3, \"a\": [4]}, \"a\": {\"c\": 1}}",
      "[1e5, 2E-3, 1.5e+2]",
      "[01]",
      "[-]",
      "[1.]",
      "[.5]",
      "[tru]",
      "[nul, 1]",
      "{\"a\" 1}",
      "{\"a\": 1,}",
      "[1,]",
      "{'a': 1}",
      "{\"a\": 1} x",
      "{\"a\": 1}\0",
      "{\"a\": \"line\nbreak\"}",
      "[[[[[1]]]]]",
      "[[[{}]]]",
      "",
      "   ",
      "{\"unterminated",
      "[\"a\" \"b\"]",
  };
  for (const char* text : cases) CheckAgree(text);
  CheckAgree(std::string("{\"a\": \"x\0y\"}", 12));
  CheckAgree(std::string("[1]\0", 4));

  std::string many = "{";
  for (int i = 0; i < 40; ++i)
    many += "\"k" + std::to_string(i % 30) + "\": " + std::to_string(i) + ",";
  many += "\"end\": [\"" + std::string(600, '9') + "\", " + std::string(310, '9') + "]}";
  CheckAgree(many);

  // What the fast builder takes on itself, so the comparisons above test it.
  CHECK(FastBuilds("{\"a\": [1, -2.5, \"x\\u00e9\\ud83d\\ude00\"]}"));
  CHECK(FastBuilds("{\"a\": 1, \"a\": 2}"));
  CHECK_FALSE(FastBuilds("[1e5]"));
  CHECK_FALSE(FastBuilds("[\"\\udc00\"]"));
  CHECK_FALSE(FastBuilds("{\"a\": 1,}"));
}

TEST_CASE("the fast builder builds what RapidJSON builds: every JSON file of the tree", "[json]") {
  size_t files = 0;
  for (const char* folder : {"conformance", "bench/workloads", "engine/lint/testdata"}) {
    for (const std::filesystem::path& file : testing::SourceFilesUnder(folder, ".json")) {
      if (std::filesystem::file_size(file) > (1u << 20)) continue;
      const std::string text = testing::ReadWholeFile(file);
      INFO(file.string());
      CHECK(testing::JsonBuildersDiffer(text, JsonLimits{}) == "");
      ++files;
    }
  }
  CHECK(files > 40);
}

TEST_CASE("the fast builder builds what RapidJSON builds: prefixes and one-byte changes",
          "[json]") {
  const std::string text =
      "{\r\n \"Version\": \"2012-10-17\",\n \"Statement\": [{\"Sid\": \"caf\xc3\xa9\\u00e9\",\n"
      "  \"Effect\": \"Allow\", \"Action\": [\"s3:Get*\", \"s3:List*\"],\n"
      "  \"Resource\": \"arn:aws:s3:::b/${aws:username}/*\",\n"
      "  \"Condition\": {\"NumericLessThan\": {\"s3:max-keys\": -10.5}, \"Bool\": {\"a\": true}}\n"
      " }, null, false, [], {}]}\n";
  for (size_t n = 0; n <= text.size(); ++n) CheckAgree(text.substr(0, n));
  const char replacements[] = {'"', '\\', ',', ':', '{', '}', '[', ']', ' ', '\n', 'x', '0', '\0'};
  for (size_t i = 0; i < text.size(); ++i) {
    for (char r : replacements) {
      std::string changed = text;
      changed[i] = r;
      CheckAgree(changed);
    }
  }
}

}  // namespace
}  // namespace iameval::internal
