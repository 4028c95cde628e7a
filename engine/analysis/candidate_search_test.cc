// File: engine/analysis/candidate_search_test.cc
//
// The candidates are requests AWS could send: where a set holds a VPC
// endpoint policy, every one names an endpoint (aws:SourceVpce), so the engine
// decides each rather than refusing it (spec/analysis.md §2.3,
// spec/decision.md §4.3).

#include "analysis/candidate_search.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "analysis/judge.h"
#include "catalogue/test_catalogue.h"

namespace iameval::internal {
namespace {

Policy Parse(const std::string& text, PolicyKind kind) {
  ParseResult parsed = Policy::Parse(text, kind);
  REQUIRE(parsed.ok());
  return *parsed.policy;
}

PolicySet EndpointSet(const std::string& endpoint_policy) {
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(Parse(R"({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "*",
     "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]})",
                                  PolicyKind::kIdentity));
  builder.SetVpcEndpointPolicy(Parse(endpoint_policy, PolicyKind::kVpcEndpoint));
  BuildResult built = std::move(builder).Build();
  REQUIRE(built.ok());
  return *built.set;
}

// Every candidate of `set`: the endpoint values it carried; each one must be
// named, be one the engine decides, and be decided alike by Judge and Decide.
std::set<std::string> Endpoints(const PolicySet& set) {
  SearchSpec spec;
  spec.sets = {&set.compiled()};
  AnalysisOptions options;
  CandidateSearch search(testing::ShippedCatalogue().data(), spec, options);
  const Judge judge = Judge::ForSet(set);
  std::set<std::string> endpoints;
  size_t candidates = 0;
  search.Run([&](const Request& request, const ActionGroup&) {
    ++candidates;
    const Context::Entry* endpoint = request.context.Find("aws:SourceVpce");
    REQUIRE(endpoint != nullptr);
    REQUIRE(endpoint->values.size() == 1);
    CHECK_FALSE(endpoint->values[0].text.empty());
    endpoints.insert(endpoint->values[0].text);
    INFO(request.action << " " << request.resource << " " << endpoint->values[0].text);
    CHECK(Judge::Refusal(set.compiled(), request) == nullptr);
    const Answer answer = set.Decide(request);
    CHECK(answer.error_code == DecideError::kNone);
    CHECK(judge.Granted(request) == answer.allowed());
    return true;
  });
  CHECK(candidates > 0);
  CHECK(search.complete());
  return endpoints;
}

TEST_CASE("with an endpoint policy every candidate names an endpoint", "[analysis]") {
  SECTION("no condition reads the key: one endpoint no policy names") {
    const std::set<std::string> endpoints = Endpoints(EndpointSet(R"({"Version": "2012-10-17",
      "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}})"));
    CHECK(endpoints == std::set<std::string>{"vpce-0analysis00000000"});
  }
  SECTION("a condition reads it: its regions, never absent or empty, and an unnamed one") {
    const std::set<std::string> endpoints = Endpoints(EndpointSet(R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"},
      {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",
       "Condition": {"StringNotLike": {"aws:SourceVpce": ["vpce-1a2b3c4d", "vpce-9*"]}}}]})"));
    CHECK(endpoints.count("vpce-0analysis00000000") == 1);
    CHECK(endpoints.count("vpce-1a2b3c4d") == 1);
    bool nine = false;
    for (const std::string& e : endpoints) nine = nine || e.rfind("vpce-9", 0) == 0;
    CHECK(nine);
  }
}

TEST_CASE("Judge refuses what the engine refuses", "[analysis]") {
  const PolicySet set = EndpointSet(R"({"Version": "2012-10-17",
    "Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}})");
  Request request;
  request.principal = "arn:aws:sts::111122223333:assumed-role/analysis-role/analysis-session";
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::reports/x";
  request.resource_account = "111122223333";
  request.context.Set("aws:SecureTransport", true);
  const Answer refused = set.Decide(request);
  REQUIRE(refused.error_code == DecideError::kInvalidRequest);
  const char* why = Judge::Refusal(set.compiled(), request);
  REQUIRE(why != nullptr);
  CHECK(std::string(why) == refused.error);
  // One policy's own verdict grants nothing the engine refuses to decide.
  CHECK_FALSE(Judge::ForPolicy(set, PolicyKind::kVpcEndpoint).Granted(request));
  CHECK(Judge::ForPolicy(set, PolicyKind::kVpcEndpoint).GrantedBy(request).empty());
  request.context.Set("aws:SourceVpce", "vpce-1a2b3c4d");
  CHECK(Judge::Refusal(set.compiled(), request) == nullptr);
  CHECK(set.Decide(request).allowed());
  CHECK(Judge::ForPolicy(set, PolicyKind::kVpcEndpoint).Granted(request));
}

}  // namespace
}  // namespace iameval::internal
