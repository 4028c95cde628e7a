// File: engine/fuzz/decide_json_fuzz.cc
//
// The JSON layer (iameval/json.h), the face every binding wraps, on any
// bytes: DecideJson, CheckJson, RequestFromJson and PolicySetFromJson. Beyond
// not crashing:
//
//   * DecideJson and CheckJson always answer one JSON object;
//   * an answer with an error never decides `allowed`;
//   * where the engine decides and the reference evaluator understands the
//     input (testing/reference_evaluator.h), they agree;
//   * the request's own bytes read the same through RequestFromJson's
//     direct reader as through the tree path (json_api/request_json_direct.h):
//     the direct reader accepts only what the tree reads, and reads it alike.
//
// Input: a DecideJson input, {"policies": ..., "request": ..., "explain": ...}.
// Seeds: every case of the conformance corpus in that shape (make_seeds.py).

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "iameval/json.h"
#include "json_api/json_input.h"
#include "json_api/request_json.h"
#include "json_api/request_json_direct.h"
#include "testing/reference_evaluator.h"
#include "testing/request_fingerprint.h"

namespace {

constexpr unsigned kFlags = rapidjson::kParseIterativeFlag;  // never recurse on input depth

// Parses an answer of the engine, which must be one JSON object.
void ParseAnswer(const std::string& answer, rapidjson::Document* doc, const char* from) {
  doc->Parse<kFlags>(answer.data(), answer.size());
  FUZZ_CHECK(!doc->HasParseError() && doc->IsObject()) << from << " answered non-JSON: " << answer;
}

std::string Serialize(const rapidjson::Value& value) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The request at `text`, both ways: what the direct reader accepts, the
// tree path reads to the same Request.
void CheckDirectRequest(std::string_view text) {
  using namespace iameval;
  Request direct;
  if (!internal::ReadRequestDirect(text, InputLimits(), &direct)) return;
  internal::JsonDocument doc;
  Request tree;
  std::string error;
  FUZZ_CHECK(internal::ReadJsonInput(text, "the request", InputLimits(), &doc, &error, false) &&
             internal::ReadRequest(doc, doc.root(), InputLimits(), &tree, &error))
      << "the direct reader accepted a request the tree path refuses (" << error << "): " << text;
  FUZZ_CHECK(testing::RequestFingerprint(direct) == testing::RequestFingerprint(tree))
      << "the direct reader read " << testing::RequestFingerprint(direct) << "\nthe tree path read "
      << testing::RequestFingerprint(tree) << "\nfrom " << text;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iameval;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const std::string answer = DecideJson(input);
  rapidjson::Document out;
  ParseAnswer(answer, &out, "DecideJson");
  auto decision = out.FindMember("decision");
  auto error = out.FindMember("error");
  FUZZ_CHECK(decision != out.MemberEnd() && error != out.MemberEnd()) << answer;
  FUZZ_CHECK(decision->value.IsNull() || decision->value.IsString()) << answer;
  FUZZ_CHECK(error->value.IsNull() || error->value.IsString()) << answer;
  if (decision->value.IsString()) {
    const std::string d = decision->value.GetString();
    FUZZ_CHECK(d == "allowed" || d == "explicitDeny" || d == "implicitDeny") << answer;
    FUZZ_CHECK(d != "allowed" || error->value.IsNull()) << "allowed with an error: " << answer;
  }

  rapidjson::Document checked;
  ParseAnswer(CheckJson(input), &checked, "CheckJson");

  CheckDirectRequest(input);
  {
    // The envelope's request as its own text, as RequestFromJson gets it.
    internal::JsonDocument doc;
    std::string error;
    if (internal::ReadJsonInput(input, "the input", InputLimits(), &doc, &error, false)) {
      const uint32_t member = doc.Member(doc.root(), "request");
      if (member != internal::kNoNode)
        CheckDirectRequest(internal::BytesOf(input, doc.node(member)));
    }
  }

  RequestResult request = RequestFromJson(input);
  PolicySetResult set = PolicySetFromJson(input);
  if (request.ok()) {
    FUZZ_CHECK(request.error.empty());
  } else {
    FUZZ_CHECK(!request.error.empty()) << "a refused request without a reason";
  }
  if (set.ok() && request.ok()) {
    Explanation why;
    const Answer a = set.set->Decide(*request.request, &why);
    FUZZ_CHECK(a.decision == why.decision);
    FUZZ_CHECK(a.error == nullptr || !a.allowed());
  }

  // The reference's opinion, where the engine decided without error. The
  // engine accepted every document, so the input's depth is bounded.
  if (!decision->value.IsString() || !error->value.IsNull()) return 0;
  rapidjson::Document in;
  in.Parse<kFlags>(input.data(), input.size());
  FUZZ_CHECK(!in.HasParseError() && in.IsObject()) << "DecideJson decided on non-JSON input";
  auto policies = in.FindMember("policies");
  auto request_member = in.FindMember("request");
  if (request_member == in.MemberEnd()) return 0;
  const std::string policies_json =
      policies == in.MemberEnd() ? std::string("{}") : Serialize(policies->value);
  const std::string request_json = Serialize(request_member->value);
  const testing::ReferenceResult expected = testing::ReferenceDecide(policies_json, request_json);
  if (!expected.ok()) return 0;  // outside what the reference understands
  FUZZ_CHECK(expected.decision == decision->value.GetString())
      << "engine " << decision->value.GetString() << ", reference " << expected.decision
      << "\n{\"policies\": " << policies_json << ",\n \"request\": " << request_json << "}";
  return 0;
}
