// File: engine/json_api/request_json_direct_test.cc
//
// RequestFromJson's direct reader against the tree path it stands in for:
// whatever the direct reader accepts, the tree path reads to the same
// Request; whatever the tree path refuses, the direct reader declines. On
// every request of the conformance corpus, on requests written to reach
// each of its branches, and on tens of thousands of mutations of them.

#include "json_api/request_json_direct.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "iameval/json.h"
#include "json_api/json_input.h"
#include "json_api/request_json.h"
#include "testing/request_fingerprint.h"
#include "testing/source_files.h"

namespace iameval::internal {
namespace {

struct TreeRead {
  bool ok = false;
  Request request;
  std::string error;
};

// The tree path alone: what RequestFromJson did before the direct reader.
TreeRead ReadThroughTree(std::string_view text, const InputLimits& limits = InputLimits()) {
  TreeRead out;
  JsonDocument doc;
  out.ok = ReadJsonInput(text, "the request", limits, &doc, &out.error, /*locate=*/false) &&
           ReadRequest(doc, doc.root(), limits, &out.request, &out.error);
  return out;
}

// Checks one text both ways; true when the direct reader read it.
bool CheckAgrees(const std::string& text, const InputLimits& limits = InputLimits()) {
  INFO("request text: " << text);
  const TreeRead tree = ReadThroughTree(text, limits);
  Request direct;
  const bool accepted = ReadRequestDirect(text, limits, &direct);
  if (accepted) {
    REQUIRE(tree.ok);
    CHECK(testing::RequestFingerprint(direct) == testing::RequestFingerprint(tree.request));
  }
  // And the public function, whichever path it took.
  const RequestResult result = RequestFromJson(text, limits);
  REQUIRE(result.ok() == tree.ok);
  if (tree.ok) {
    CHECK(testing::RequestFingerprint(*result.request) ==
          testing::RequestFingerprint(tree.request));
  } else {
    CHECK(result.error == tree.error);
  }
  return accepted;
}

std::string ToJson(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// Requests that reach each branch of the direct reader.
const std::vector<std::string>& Seeds() {
  static const std::vector<std::string> seeds = {
      R"({"principal": "arn:aws:sts::111122223333:assumed-role/payments-app/i-0abc123def4567890",
          "action": "s3:GetObject", "resource": "arn:aws:s3:::payments-data/2024/11/batch-17.csv",
          "resourceAccount": "111122223333", "context": {"aws:RequestedRegion": "eu-west-1",
          "aws:SecureTransport": true, "aws:PrincipalTag/team": "payments"}})",
      R"({"principal":"arn:aws:sts::111122223333:assumed-role/Admin/s","action":"iam:PassRole",)"
      R"("resource":"*","principalRoleArn":"arn:aws:iam::111122223333:role/ops/Admin",)"
      R"("principalIsServiceLinkedRole":false,"principalInManagementAccount":true,)"
      R"("resourceInManagementAccount":false,"resourceIsAwsManagedKey":true,)"
      R"("resourcePolicyRequired":false,"resourcePolicyKind":"kmsKey",)"
      R"("currentTime":"2026-01-31T12:00:00Z","context":{"aws:TagKeys":["a","b",1,true],)"
      R"("aws:EpochTime":1780315200,"n":-12.50,"z":0,"big":123456789012345678901234567890,)"
      R"("e":[],"f":false}})",
      "\t{ \"principal\" :\r\n\"a\\u00e9\\ud83d\\ude00\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000x\" , "
      "\"action\":\"s3:Get\\u004fbject\",\"resource\":\"r\\u20ac\",\"context\":{\"K\\u0041\":"
      "\"\xc3\xa9\"}}\n ",
      R"({"principal": "", "action": "", "resource": "", "context": {}})",
      R"({"resource": "arn:aws:s3:::b", "action": "s3:ListBucket", "principal": "*"})",
      "{\"principal\":\"\xed\xa0\x80\",\"action\":\"a\",\"resource\":\"r\"}",
  };
  return seeds;
}

TEST_CASE("the direct reader reads each seed as the tree does", "[json_api][request_direct]") {
  for (const std::string& seed : Seeds()) CHECK(CheckAgrees(seed));
}

TEST_CASE("the direct reader declines what the tree refuses or might",
          "[json_api][request_direct]") {
  const std::vector<std::string> declined = {
      // errors of every kind
      R"({"principal": "p", "action": "a"})",
      R"({"principal": "p", "action": "a", "resource": "r", "bogus": 1})",
      R"({"principal": "p", "action": "a", "resource": "r", "action": "b"})",
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": 1, "K": 2}})",
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": 1, "k": 2}})",
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": null}})",
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": [[1]]}})",
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": 1e999}})",
      R"({"principal": "p", "action": "a", "resource": "r", "currentTime": "yesterday"})",
      R"({"principal": "p", "action": "a", "resource": "r", "resourcePolicyKind": "identity"})",
      R"({"principal": "p", "action": "a", "resource": "r", "principalIsServiceLinkedRole": 1})",
      R"({"principal": "p", "action": "a", "resource": "r"} x)",
      R"({"principal": "p", "action": "a", "resource": "r",})",
      R"(["principal"])",
      std::string(R"({"principal": "p", "action": "a", "resource": "r"})") + '\0',
      "{\"principal\": \"p\x01\", \"action\": \"a\", \"resource\": \"r\"}",
      // lone surrogates, and raw surrogate bytes in a text with an escape
      R"({"principal": "\udc00", "action": "a", "resource": "r"})",
      R"({"principal": "\ud800", "action": "a", "resource": "r"})",
      R"({"principal": "\ud800\u0041", "action": "a", "resource": "r"})",
      "{\"principal\": \"\xed\xa0\x80\", \"action\": \"\\/\", \"resource\": \"r\"}",
      // numbers RapidJSON might refuse, or that the direct reader leaves to it
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": 1e3}})",
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": 01}})",
      "{\"principal\": \"p\", \"action\": \"a\", \"resource\": \"r\", \"context\": {\"k\": " +
          std::string(400, '9') + "}}",
  };
  for (const std::string& text : declined) {
    Request request;
    INFO(text);
    CHECK_FALSE(ReadRequestDirect(text, InputLimits(), &request));
    CheckAgrees(text);
  }
}

TEST_CASE("the direct reader keeps every bound", "[json_api][request_direct]") {
  const std::string text =
      R"({"principal": "p", "action": "a", "resource": "r", "context": {"k": ["aaaa", "b"],
         "l": "cc", "m": 1}})";
  InputLimits limits;
  CHECK(CheckAgrees(text, limits));
  limits.max_input_bytes = text.size() - 1;
  CHECK_FALSE(CheckAgrees(text, limits));
  limits = InputLimits();
  limits.max_context_keys = 2;
  CHECK_FALSE(CheckAgrees(text, limits));
  limits = InputLimits();
  limits.max_context_values = 1;
  CHECK_FALSE(CheckAgrees(text, limits));
  limits = InputLimits();
  limits.max_context_value_bytes = 3;
  CHECK_FALSE(CheckAgrees(text, limits));
}

TEST_CASE("the direct reader agrees on every request of the corpus", "[json_api][request_direct]") {
  const std::vector<std::filesystem::path> files =
      testing::SourceFilesUnder("conformance", ".json");
  REQUIRE(!files.empty());
  size_t requests = 0, direct = 0;
  for (const std::filesystem::path& file : files) {
    rapidjson::Document doc;
    doc.Parse(testing::ReadWholeFile(file).c_str());
    if (doc.HasParseError()) continue;
    // A case file is an array of cases or {"cases": [...]} (FORMAT.md).
    const bool object = doc.IsObject() && doc.HasMember("cases") && doc["cases"].IsArray();
    if (!object && !doc.IsArray()) continue;
    for (const rapidjson::Value& c : (object ? doc["cases"] : doc).GetArray()) {
      if (!c.IsObject() || !c.HasMember("request") || !c["request"].IsObject()) continue;
      ++requests;
      direct += CheckAgrees(ToJson(c["request"])) ? 1 : 0;
    }
  }
  CHECK(requests >= 900);
  CHECK(direct * 10 >= requests * 9);  // the direct reader serves nearly all of them
}

TEST_CASE("the direct reader agrees on mutated requests", "[json_api][request_direct]") {
  // Bytes that change what JSON means, where they land.
  const std::string alphabet = std::string("\"\\{}[],: \t\n0123456789-+.eEtrufalsn/xdDAF") + '\0' +
                               "\x01\x1f\x7f\xed\xa0\xc3";
  uint64_t state = 0x9E3779B97F4A7C15ull;
  auto next = [&state](uint64_t bound) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return bound == 0 ? 0 : state % bound;
  };
  size_t accepted = 0, total = 0;
  for (const std::string& seed : Seeds()) {
    for (int round = 0; round < 4000; ++round) {
      std::string text = seed;
      const int edits = 1 + static_cast<int>(next(3));
      for (int e = 0; e < edits && !text.empty(); ++e) {
        const size_t at = next(text.size());
        switch (next(4)) {
          case 0:
            text.erase(at, 1);
            break;
          case 1:
            text.insert(text.begin() + static_cast<std::ptrdiff_t>(at),
                        alphabet[next(alphabet.size())]);
            break;
          case 2:
            text[at] = alphabet[next(alphabet.size())];
            break;
          default:
            text.resize(at);
            break;
        }
      }
      ++total;
      accepted += CheckAgrees(text) ? 1 : 0;
    }
  }
  // Both outcomes are exercised: many mutations still read, most do not.
  CHECK(accepted > total / 50);
  CHECK(accepted < total);
}

}  // namespace
}  // namespace iameval::internal
