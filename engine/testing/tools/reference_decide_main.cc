// File: engine/testing/tools/reference_decide_main.cc
//
// `iameval_reference`: the test-only reference evaluator
// (testing/reference_evaluator.h) behind the line protocol of
// `iameval decide-json`, so that scripts can label requests with its answer
// (scripts/realdata/managed_policies.py labels the real-data sample with it).
// One JSON object per line in, one per line out:
//
//   {"policies": {...}, "request": {...}}
//   -> {"decision": "allowed"}
//   -> {"decision": null, "error": "outside-reference", "message": "..."}
//
// NEVER FOR PRODUCTION: the reference is deliberately slow and narrow.

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iostream>
#include <string>

#include "testing/reference_evaluator.h"

namespace {

std::string Serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string Answer(const std::string& line) {
  rapidjson::Document input;
  input.Parse(line.data(), line.size());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
  w.StartObject();
  w.Key("decision");
  std::string error;
  iameval::testing::ReferenceResult result;
  if (input.HasParseError() || !input.IsObject() || !input.HasMember("request")) {
    error = "the line must be a JSON object with `policies` and `request`";
  } else {
    std::string policies = input.HasMember("policies") ? Serialize(input["policies"]) : "{}";
    result = iameval::testing::ReferenceDecide(policies, Serialize(input["request"]));
    error = result.error;
  }
  if (error.empty()) {
    w.String(result.decision.c_str());
  } else {
    w.Null();
    w.Key("error");
    w.String("outside-reference");
    w.Key("message");
    w.String(error.c_str());
  }
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace

int main() {
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) std::cout << Answer(line) << "\n";
  return 0;
}
