// File: engine/condition/condition_eval_test.cc
//
// Evaluating compiled Condition blocks: every operator with the key present
// and absent, IfExists, both set qualifiers, empty value lists, list-valued
// request keys, unreadable request values under both effects, IPv6, every
// date form, and policy variables with and without values and defaults.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "condition/condition.h"
#include "condition/condition_entry.h"
#include "iameval/request.h"
#include "json/json_tree.h"

namespace iameval::internal {
namespace {

// A request to evaluate conditions against; the context is what tests set.
struct Fixture {
  Request request;
  Caller caller;

  Fixture() {
    caller.kind = CallerKind::kUser;
    caller.text = "arn:aws:iam::111122223333:user/alice";
    caller.partition = "aws";
    caller.account = "111122223333";
    caller.name = "alice";
    caller.path = "/";
  }

  // Compiles `condition` (JSON text of a Condition object), which must be
  // valid, and evaluates it for a statement of `effect`.
  bool Holds(std::string_view condition, Effect effect = Effect::kAllow,
             bool variables_enabled = true) const {
    JsonDocument doc;
    std::vector<Finding> findings;
    INFO(condition);
    REQUIRE(ParseJson(condition, JsonLimits(), &doc, &findings));
    ConditionBlock block;
    ConditionCompileOptions options;
    options.variables_enabled = variables_enabled;
    FindingReporter report(doc, &findings);
    const bool compiled = ConditionBlock::Compile(&report, doc.root(), options, &block);
    for (const Finding& finding : findings) {
      UNSCOPED_INFO(finding.code << ": " << finding.message);
    }
    REQUIRE(compiled);
    EvalContext context(request, caller, "111122223333");
    return block.Evaluate(context, effect);
  }
  bool HoldsInDeny(std::string_view condition) const { return Holds(condition, Effect::kDeny); }
};

// ---- combination ----

TEST_CASE("An empty condition block holds", "[condition]") {
  Fixture f;
  CHECK(f.Holds(R"({})"));
  CHECK(f.Holds(R"({"StringEquals": {}})"));
}

TEST_CASE("Operators AND, keys AND, values OR", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:RequestedRegion", "eu-west-1").Set("aws:PrincipalTag/team", "blue");
  CHECK(f.Holds(R"({"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"],
                                      "aws:PrincipalTag/team": "blue"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:RequestedRegion": ["us-east-1", "eu-west-1"],
                                            "aws:PrincipalTag/team": "red"}})"));
  CHECK(f.Holds(R"({"StringEquals": {"aws:RequestedRegion": "eu-west-1"},
                    "StringLike": {"aws:PrincipalTag/team": "bl*"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:RequestedRegion": "eu-west-1"},
                          "StringLike": {"aws:PrincipalTag/team": "r*"}})"));
}

TEST_CASE("Key names are case-insensitive, values are not", "[condition]") {
  Fixture f;
  f.request.context.Set("AWS:PRINCIPALTAG/Team", "Blue");
  CHECK(f.Holds(R"({"StringEquals": {"aws:principaltag/team": "Blue"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:PrincipalTag/Team": "blue"}})"));
}

// ---- string operators ----

TEST_CASE("StringEquals and StringNotEquals", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:PrincipalTag/team", "blue").Set("aws:PrincipalTag/empty", "");
  CHECK(f.Holds(R"({"StringEquals": {"aws:PrincipalTag/team": "blue"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:PrincipalTag/team": "blu"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:PrincipalTag/team": "b*"}})"));  // literal `*`
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:PrincipalTag/absent": "blue"}})"));
  CHECK(f.Holds(R"({"StringEquals": {"aws:PrincipalTag/empty": ""}})"));

  CHECK_FALSE(f.Holds(R"({"StringNotEquals": {"aws:PrincipalTag/team": "blue"}})"));
  CHECK(f.Holds(R"({"StringNotEquals": {"aws:PrincipalTag/team": "red"}})"));
  // Several values under a negated operator: "none of".
  CHECK_FALSE(f.Holds(R"({"StringNotEquals": {"aws:PrincipalTag/team": ["red", "blue"]}})"));
  CHECK(f.Holds(R"({"StringNotEquals": {"aws:PrincipalTag/team": ["red", "green"]}})"));
  // Absent key: negated operators are true, in both effects.
  CHECK(f.Holds(R"({"StringNotEquals": {"aws:PrincipalTag/absent": "blue"}})"));
  CHECK(f.HoldsInDeny(R"({"StringNotEquals": {"aws:PrincipalTag/absent": "blue"}})"));
}

TEST_CASE("String operators read numbers and booleans as their text", "[condition]") {
  Fixture f;
  f.request.context.Set("s3:max-keys", 10).Set("aws:SecureTransport", true).Set("x:d", 2.5);
  CHECK(f.Holds(R"({"StringEquals": {"s3:max-keys": "10"}})"));
  CHECK(f.Holds(R"({"StringEquals": {"s3:max-keys": 10}})"));
  CHECK(f.Holds(R"({"StringEquals": {"aws:SecureTransport": "true"}})"));
  CHECK(f.Holds(R"({"StringEquals": {"aws:SecureTransport": true}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:SecureTransport": "True"}})"));
  CHECK(f.Holds(R"({"StringEquals": {"x:d": "2.5"}})"));
}

TEST_CASE("StringEqualsIgnoreCase folds ASCII, and leaves wider case pairs undecided",
          "[condition]") {
  Fixture f;
  f.request.context.Set("aws:PrincipalTag/team", "BluE").Set("x:latin", "\xc3\x89");
  CHECK(f.Holds(R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "blue"}})"));
  CHECK(f.Holds(R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "BLUE"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEqualsIgnoreCase": {"aws:PrincipalTag/team": "blu*"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEqualsIgnoreCase": {"x:latin": "\u00e9"}})"));
  CHECK_FALSE(f.Holds(R"({"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "bLUE"}})"));
  CHECK(f.Holds(R"({"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/team": "red"}})"));
  CHECK(f.Holds(R"({"StringNotEqualsIgnoreCase": {"aws:PrincipalTag/absent": "red"}})"));
  CHECK(f.Holds(R"({"StringEqualsIgnoreCaseIfExists": {"aws:PrincipalTag/absent": "red"}})"));
  // É/é are equal only under a wider folding: undecided, so never widening
  // access: false in an Allow, true in a Deny, for either polarity
  // (decisions.md §26). A certain match among the values still decides.
  CHECK(f.HoldsInDeny(R"({"StringEqualsIgnoreCase": {"x:latin": "\u00e9"}})"));
  CHECK_FALSE(f.Holds(R"({"StringNotEqualsIgnoreCase": {"x:latin": "\u00e9"}})"));
  CHECK(f.HoldsInDeny(R"({"StringNotEqualsIgnoreCase": {"x:latin": "\u00e9"}})"));
  CHECK(f.Holds(R"({"StringEqualsIgnoreCase": {"x:latin": ["\u00e9", "\u00c9"]}})"));
  CHECK_FALSE(f.HoldsInDeny(R"({"StringEqualsIgnoreCase": {"x:latin": "\u00fc"}})"));
}

TEST_CASE("StringLike and StringNotLike", "[condition]") {
  Fixture f;
  f.request.context.Set("s3:prefix", "home/alice/docs").Set("x:star", "a*b");
  CHECK(f.Holds(R"({"StringLike": {"s3:prefix": "home/*"}})"));
  CHECK(f.Holds(R"({"StringLike": {"s3:prefix": "home/?lice/*"}})"));
  CHECK(f.Holds(R"({"StringLike": {"s3:prefix": ["x", "*docs"]}})"));
  CHECK_FALSE(f.Holds(R"({"StringLike": {"s3:prefix": "home"}})"));  // no partial match
  CHECK_FALSE(f.Holds(R"({"StringLike": {"s3:prefix": "Home/*"}})"));
  CHECK_FALSE(f.Holds(R"({"StringLike": {"s3:absent": "*"}})"));
  CHECK(f.Holds(R"({"StringNotLike": {"s3:prefix": "home/bob/*"}})"));
  CHECK_FALSE(f.Holds(R"({"StringNotLike": {"s3:prefix": ["home/bob/*", "home/alice/*"]}})"));
  CHECK(f.Holds(R"({"StringNotLike": {"s3:absent": "*"}})"));
  // `${*}` is a literal star in a pattern.
  CHECK(f.Holds(R"({"StringLike": {"x:star": "a${*}b"}})"));
  f.request.context.Set("x:star", "axb");
  CHECK_FALSE(f.Holds(R"({"StringLike": {"x:star": "a${*}b"}})"));
  CHECK(f.Holds(R"({"StringLike": {"x:star": "a*b"}})"));
}

// ---- numeric operators ----

TEST_CASE("Numeric operators compare as doubles", "[condition]") {
  Fixture f;
  f.request.context.Set("s3:max-keys", "10");
  CHECK(f.Holds(R"({"NumericEquals": {"s3:max-keys": "10.0"}})"));
  CHECK(f.Holds(R"({"NumericEquals": {"s3:max-keys": 1e1}})"));
  CHECK_FALSE(f.Holds(R"({"NumericEquals": {"s3:max-keys": "11"}})"));
  CHECK_FALSE(f.Holds(R"({"NumericNotEquals": {"s3:max-keys": ["1", "10"]}})"));
  CHECK(f.Holds(R"({"NumericNotEquals": {"s3:max-keys": ["1", "2"]}})"));
  CHECK(f.Holds(R"({"NumericLessThan": {"s3:max-keys": "10.5"}})"));
  CHECK_FALSE(f.Holds(R"({"NumericLessThan": {"s3:max-keys": "10"}})"));
  CHECK(f.Holds(R"({"NumericLessThanEquals": {"s3:max-keys": "10"}})"));
  CHECK_FALSE(f.Holds(R"({"NumericLessThanEquals": {"s3:max-keys": "9.99"}})"));
  CHECK(f.Holds(R"({"NumericGreaterThan": {"s3:max-keys": "9.5"}})"));
  CHECK_FALSE(f.Holds(R"({"NumericGreaterThan": {"s3:max-keys": "10"}})"));
  CHECK(f.Holds(R"({"NumericGreaterThanEquals": {"s3:max-keys": "10"}})"));
  CHECK_FALSE(f.Holds(R"({"NumericGreaterThanEquals": {"s3:max-keys": "1e2"}})"));
  CHECK(f.Holds(R"({"NumericGreaterThan": {"s3:max-keys": "-2"}})"));
  // Absent key.
  CHECK_FALSE(f.Holds(R"({"NumericLessThan": {"s3:absent": "10"}})"));
  CHECK(f.Holds(R"({"NumericNotEquals": {"s3:absent": "10"}})"));
  CHECK(f.Holds(R"({"NumericLessThanIfExists": {"s3:absent": "10"}})"));
  CHECK_FALSE(f.Holds(R"({"NumericLessThanIfExists": {"s3:max-keys": "5"}})"));
}

TEST_CASE("Numeric operators read JSON numbers in the context", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:MultiFactorAuthAge", 1200);
  CHECK(f.Holds(R"({"NumericLessThan": {"aws:MultiFactorAuthAge": 3600}})"));
  CHECK_FALSE(f.Holds(R"({"NumericLessThan": {"aws:MultiFactorAuthAge": "1000"}})"));
}

TEST_CASE("An unreadable number never widens access", "[condition]") {
  Fixture f;
  for (const char* text : {"ten", "+5", "0x10", "", "NaN"}) {
    INFO(text);
    f.request.context.Set("s3:max-keys", text);
    CHECK_FALSE(f.Holds(R"({"NumericLessThan": {"s3:max-keys": "10"}})"));
    CHECK(f.HoldsInDeny(R"({"NumericLessThan": {"s3:max-keys": "10"}})"));
    // Negated operators too: false in an Allow, true in a Deny.
    CHECK_FALSE(f.Holds(R"({"NumericNotEquals": {"s3:max-keys": "10"}})"));
    CHECK(f.HoldsInDeny(R"({"NumericNotEquals": {"s3:max-keys": "10"}})"));
    // IfExists does not excuse a present, unreadable value.
    CHECK_FALSE(f.Holds(R"({"NumericLessThanIfExists": {"s3:max-keys": "10"}})"));
  }
  f.request.context.Set("s3:max-keys", true);
  CHECK_FALSE(f.Holds(R"({"NumericEquals": {"s3:max-keys": "1"}})"));
  CHECK(f.HoldsInDeny(R"({"NumericEquals": {"s3:max-keys": "1"}})"));
}

// ---- date operators ----

TEST_CASE("Date operators compare instants", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:CurrentTime", "2024-06-01T12:00:00Z");
  CHECK(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "2024-06-01T14:00:00+02:00"}})"));
  CHECK(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "2024-06-01T12:00"}})"));
  CHECK(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "2024-06-01t12:00:00.000z"}})"));
  CHECK(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "2024-06-01T07:00:00-0500"}})"));
  CHECK(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "1717243200"}})"));
  CHECK(f.Holds(R"({"DateEquals": {"aws:CurrentTime": 1717243200}})"));
  CHECK_FALSE(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "2024-06-01"}})"));
  CHECK_FALSE(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "2024-06-01T12:00:00.000000001Z"}})"));
  CHECK(f.Holds(R"({"DateNotEquals": {"aws:CurrentTime": ["2024", "2024-06"]}})"));
  CHECK_FALSE(f.Holds(R"({"DateNotEquals": {"aws:CurrentTime": ["2024", "2024-06-01T12:00Z"]}})"));
  CHECK(f.Holds(R"({"DateGreaterThan": {"aws:CurrentTime": "2024-06-01"}})"));
  CHECK(f.Holds(R"({"DateGreaterThan": {"aws:CurrentTime": "2024"}})"));
  CHECK(f.Holds(R"({"DateGreaterThan": {"aws:CurrentTime": "2024-06"}})"));
  CHECK_FALSE(f.Holds(R"({"DateGreaterThan": {"aws:CurrentTime": "2024-06-01T12:00Z"}})"));
  CHECK(f.Holds(R"({"DateGreaterThanEquals": {"aws:CurrentTime": "2024-06-01T12:00Z"}})"));
  CHECK(f.Holds(R"({"DateLessThan": {"aws:CurrentTime": "2024-06-01T12:00:00.5Z"}})"));
  CHECK_FALSE(f.Holds(R"({"DateLessThan": {"aws:CurrentTime": "2024-06-01T12:00:00Z"}})"));
  CHECK(f.Holds(R"({"DateLessThanEquals": {"aws:CurrentTime": "2024-06-01T12:00:00Z"}})"));
  CHECK_FALSE(f.Holds(R"({"DateLessThanEquals": {"aws:CurrentTime": "2024-05-31"}})"));
  // Epoch seconds, not milliseconds: far in the future.
  CHECK(f.Holds(R"({"DateLessThan": {"aws:CurrentTime": "1717243200000"}})"));
  // A JSON number in a policy is epoch seconds even with four digits.
  CHECK(f.Holds(R"({"DateGreaterThan": {"aws:CurrentTime": 2024}})"));
  CHECK(f.Holds(R"({"DateGreaterThan": {"aws:CurrentTime": "1970-01-01T00:33:45Z"}})"));
}

TEST_CASE("Date operators read epoch seconds in the context", "[condition]") {
  Fixture f;
  f.request.context.Set("x:epoch-number", int64_t{1717243200})
      .Set("x:epoch-text", "1717243200")
      .Set("x:fraction", 1717243200.5);
  CHECK(f.Holds(R"({"DateEquals": {"x:epoch-number": "2024-06-01T12:00:00Z"}})"));
  CHECK(f.Holds(R"({"DateEquals": {"x:epoch-text": "2024-06-01T12:00:00Z"}})"));
  CHECK_FALSE(f.Holds(R"({"DateEquals": {"x:fraction": "2024-06-01T12:00:00Z"}})"));
  CHECK(f.HoldsInDeny(R"({"DateEquals": {"x:fraction": "2024-06-01T12:00:00Z"}})"));
}

TEST_CASE("Derived aws:CurrentTime and aws:EpochTime work with Date operators", "[condition]") {
  Fixture f;
  f.request.now = std::chrono::system_clock::time_point(std::chrono::seconds(1717243200));
  CHECK(f.Holds(R"({"DateEquals": {"aws:CurrentTime": "2024-06-01T12:00:00Z"}})"));
  CHECK(f.Holds(R"({"DateEquals": {"aws:EpochTime": "2024-06-01T12:00:00Z"}})"));
  CHECK(f.Holds(R"({"NumericEquals": {"aws:EpochTime": 1717243200}})"));
}

TEST_CASE("An unreadable date never widens access", "[condition]") {
  Fixture f;
  for (const char* text : {"soon", "2024/06/01", "2024-13-01", "", "-5"}) {
    INFO(text);
    f.request.context.Set("aws:TokenIssueTime", text);
    CHECK_FALSE(f.Holds(R"({"DateLessThan": {"aws:TokenIssueTime": "2025"}})"));
    CHECK(f.HoldsInDeny(R"({"DateLessThan": {"aws:TokenIssueTime": "2025"}})"));
    CHECK_FALSE(f.Holds(R"({"DateNotEquals": {"aws:TokenIssueTime": "2025"}})"));
    CHECK(f.HoldsInDeny(R"({"DateNotEquals": {"aws:TokenIssueTime": "2025"}})"));
  }
  f.request.context.Set("aws:TokenIssueTime", false);
  CHECK_FALSE(f.Holds(R"({"DateLessThan": {"aws:TokenIssueTime": "2025"}})"));
  CHECK(f.HoldsInDeny(R"({"DateLessThan": {"aws:TokenIssueTime": "2025"}})"));
  f.request.context.Remove("aws:TokenIssueTime");
  CHECK_FALSE(f.Holds(R"({"DateLessThan": {"aws:TokenIssueTime": "2025"}})"));
  CHECK_FALSE(f.HoldsInDeny(R"({"DateLessThan": {"aws:TokenIssueTime": "2025"}})"));
  CHECK(f.Holds(R"({"DateLessThanIfExists": {"aws:TokenIssueTime": "2025"}})"));
}

// ---- Bool ----

TEST_CASE("Bool reads booleans in any letter case", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:SecureTransport", true)
      .Set("aws:MultiFactorAuthPresent", "FALSE")
      .Set("x:number", 1)
      .Set("x:word", "yes");
  CHECK(f.Holds(R"({"Bool": {"aws:SecureTransport": "true"}})"));
  CHECK(f.Holds(R"({"Bool": {"aws:SecureTransport": true}})"));
  CHECK(f.Holds(R"({"Bool": {"aws:SecureTransport": "TRUE"}})"));
  CHECK_FALSE(f.Holds(R"({"Bool": {"aws:SecureTransport": "false"}})"));
  CHECK_FALSE(f.Holds(R"({"Bool": {"aws:SecureTransport": false}})"));
  CHECK(f.Holds(R"({"Bool": {"aws:MultiFactorAuthPresent": "False"}})"));
  CHECK_FALSE(f.Holds(R"({"Bool": {"aws:absent": "true"}})"));
  CHECK_FALSE(f.HoldsInDeny(R"({"Bool": {"aws:absent": "false"}})"));
  CHECK(f.HoldsInDeny(R"({"BoolIfExists": {"aws:absent": "false"}})"));
  CHECK_FALSE(f.Holds(R"({"Bool": {"x:number": "true"}})"));
  CHECK(f.HoldsInDeny(R"({"Bool": {"x:number": "true"}})"));
  CHECK_FALSE(f.Holds(R"({"Bool": {"x:word": "true"}})"));
  CHECK(f.HoldsInDeny(R"({"Bool": {"x:word": "false"}})"));
}

TEST_CASE("Bool substitutes policy variables", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:SecureTransport", true).Set("x:want", "true").Set("x:junk", "maybe");
  CHECK(f.Holds(R"({"Bool": {"aws:SecureTransport": "${x:want}"}})"));
  f.request.context.Set("x:want", "false");
  CHECK_FALSE(f.Holds(R"({"Bool": {"aws:SecureTransport": "${x:want}"}})"));
  // Unresolved or non-boolean renderings match nothing.
  CHECK_FALSE(f.Holds(R"({"Bool": {"aws:SecureTransport": "${x:absent}"}})"));
  CHECK_FALSE(f.Holds(R"({"Bool": {"aws:SecureTransport": "${x:junk}"}})"));
  CHECK(f.Holds(R"({"Bool": {"aws:SecureTransport": "${x:absent, 'true'}"}})"));
}

// ---- BinaryEquals ----

TEST_CASE("BinaryEquals compares decoded bytes", "[condition]") {
  Fixture f;
  f.request.context.Set("x:payload", "QUJD").Set("x:bad", "QUJ").Set("x:number", 1234);
  CHECK(f.Holds(R"({"BinaryEquals": {"x:payload": "QUJD"}})"));
  CHECK(f.Holds(R"({"BinaryEquals": {"x:payload": ["QUI=", "QUJD"]}})"));
  CHECK_FALSE(f.Holds(R"({"BinaryEquals": {"x:payload": "qujd"}})"));
  CHECK_FALSE(f.Holds(R"({"BinaryEquals": {"x:absent": "QUJD"}})"));
  CHECK(f.Holds(R"({"BinaryEqualsIfExists": {"x:absent": "QUJD"}})"));
  CHECK_FALSE(f.Holds(R"({"BinaryEquals": {"x:bad": "QUJD"}})"));
  CHECK(f.HoldsInDeny(R"({"BinaryEquals": {"x:bad": "QUJD"}})"));
  CHECK_FALSE(f.Holds(R"({"BinaryEquals": {"x:number": "QUJD"}})"));
  CHECK(f.HoldsInDeny(R"({"BinaryEquals": {"x:number": "QUJD"}})"));
}

// ---- IP addresses ----

TEST_CASE("IpAddress and NotIpAddress", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:SourceIp", "203.0.113.7");
  CHECK(f.Holds(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  CHECK(f.Holds(R"({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.113.7"]}})"));
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:SourceIp": "203.0.113.8"}})"));
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:SourceIp": "::/0"}})"));
  CHECK(f.Holds(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})"));
  CHECK_FALSE(f.Holds(R"({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "203.0.0.0/8"]}})"));
  CHECK(f.Holds(R"({"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}})"));
  CHECK(f.Holds(R"({"NotIpAddress": {"aws:absent": "10.0.0.0/8"}})"));
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:absent": "10.0.0.0/8"}})"));
  CHECK(f.Holds(R"({"IpAddressIfExists": {"aws:absent": "10.0.0.0/8"}})"));
}

TEST_CASE("IpAddress with IPv6", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:SourceIp", "2001:db8:1234:5678::abcd");
  CHECK(f.Holds(R"({"IpAddress": {"aws:SourceIp": "2001:DB8:1234:5678::/64"}})"));
  CHECK(f.Holds(R"({"IpAddress": {"aws:SourceIp": "2001:db8::/32"}})"));
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:SourceIp": "2001:db9::/32"}})"));
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})"));
  CHECK(f.Holds(R"({"IpAddress": {"aws:SourceIp": "2001:db8:1234:5678:0:0:0:abcd"}})"));
  f.request.context.Set("aws:SourceIp", "::ffff:203.0.113.7");
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})"));
  CHECK(f.Holds(R"({"IpAddress": {"aws:SourceIp": "::ffff:203.0.113.0/120"}})"));
}

TEST_CASE("An unreadable address never widens access", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:SourceIp", "not-an-ip");
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})"));
  CHECK(f.HoldsInDeny(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})"));
  CHECK_FALSE(f.Holds(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})"));
  CHECK(f.HoldsInDeny(R"({"NotIpAddress": {"aws:SourceIp": "10.0.0.0/8"}})"));
  f.request.context.Set("aws:SourceIp", "203.0.113.0/24");  // a range is not an address
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})"));
}

// ---- ARN operators ----

TEST_CASE("ArnLike matches part by part", "[condition]") {
  Fixture f;
  f.request.context.Set(
      "aws:SourceArn",
      "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt");
  const char* pattern =
      R"({"%s": {"aws:SourceArn": "arn:aws:someservice:*:111122223333:finance/*"}})";
  auto with = [&](const char* op) {
    std::string text = pattern;
    text.replace(text.find("%s"), 2, op);
    return text;
  };
  CHECK(f.Holds(with("StringLike")));  // its first `*` swallows several parts
  CHECK_FALSE(f.Holds(with("ArnLike")));
  CHECK_FALSE(f.Holds(with("ArnEquals")));
  CHECK(f.Holds(with("ArnNotLike")));

  f.request.context.Set("aws:SourceArn",
                        "arn:aws:logs:us-east-1:111122223333:log-group:g1:log-stream:s1");
  CHECK(f.Holds(R"({"ArnLike": {"aws:SourceArn": "arn:aws:logs:*:111122223333:log-group:*"}})"));
  CHECK(f.Holds(R"({"ArnEquals": {"aws:SourceArn": "arn:aws:logs:us-east-?:*:log-group:g1:*"}})"));
  CHECK_FALSE(
      f.Holds(R"({"ArnLike": {"aws:SourceArn": "arn:aws:logs:*:111122223333:log-group:g2:*"}})"));
  CHECK_FALSE(f.Holds(R"({"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:*:*"}})"));
  CHECK(f.Holds(R"({"ArnLike": {"aws:SourceArn": "arn:*:*:*:*:*"}})"));
  CHECK(f.Holds(R"({"ArnLike": {"aws:SourceArn": "*"}})"));
  CHECK_FALSE(f.Holds(R"({"ArnLike": {"aws:SourceArn": "arn:aws:logs"}})"));
  CHECK_FALSE(f.Holds(R"({"ArnLike": {"aws:SourceArn": "ARN:aws:logs:*:*:*"}})"));  // case
  CHECK(f.Holds(R"({"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:*:*:*"}})"));
  CHECK_FALSE(f.Holds(R"({"ArnLike": {"aws:absent": "*"}})"));
  CHECK(f.Holds(R"({"ArnNotLike": {"aws:absent": "*"}})"));
  CHECK(f.Holds(R"({"ArnLikeIfExists": {"aws:absent": "arn:aws:sns:*:*:*"}})"));
}

TEST_CASE("ArnLike on values that are not ARNs", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:SourceArn", "not-an-arn").Set("x:short", "arn:aws:s3");
  CHECK(f.Holds(R"({"ArnLike": {"aws:SourceArn": "*"}})"));
  CHECK_FALSE(f.Holds(R"({"ArnLike": {"aws:SourceArn": "arn:*:*:*:*:*"}})"));
  CHECK_FALSE(f.Holds(R"({"ArnLike": {"x:short": "arn:*:*:*:*:*"}})"));
  // Not an ARN is a readable non-match, not an unreadable value.
  CHECK_FALSE(f.HoldsInDeny(R"({"ArnLike": {"x:short": "arn:*:*:*:*:*"}})"));
  CHECK(f.Holds(R"({"ArnNotLike": {"x:short": "arn:*:*:*:*:*"}})"));
}

TEST_CASE("ArnEquals with policy variables", "[condition]") {
  const char* equals =
      R"({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*:user/${aws:username}"}})";
  const char* not_equals =
      R"({"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::*:user/${aws:username}"}})";
  Fixture f;
  f.request.context.Set("aws:PrincipalArn", "arn:aws:iam::111122223333:user/alice")
      .Set("aws:username", "alice");
  CHECK(f.Holds(equals));
  f.request.context.Set("aws:username", "bob");
  CHECK_FALSE(f.Holds(equals));
  f.request.context.Set("aws:username", "*");  // substituted text is literal
  CHECK_FALSE(f.Holds(equals));
  f.request.context.Remove("aws:username");
  f.caller.kind = CallerKind::kRoleSession;  // no derived aws:username either
  CHECK_FALSE(f.Holds(equals));
  CHECK(f.Holds(not_equals));
  CHECK(f.Holds(
      R"({"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::*:user/${aws:username, 'alice'}"}})"));
}

TEST_CASE("A colon in a substituted value does not shift ARN parts", "[condition]") {
  Fixture f;
  // The tag tries to move the pattern into account 444455556666.
  f.request.context.Set("aws:PrincipalTag/region", "us-east-1:444455556666:x")
      .Set("aws:SourceArn", "arn:aws:sqs:us-east-1:444455556666:x:111122223333:queue");
  const char* condition =
      R"({"ArnLike": {"aws:SourceArn": "arn:aws:sqs:${aws:PrincipalTag/region}:111122223333:*"}})";
  CHECK_FALSE(f.Holds(condition));
  f.request.context.Set("aws:PrincipalTag/region", "us-east-1")
      .Set("aws:SourceArn", "arn:aws:sqs:us-east-1:111122223333:queue");
  CHECK(f.Holds(condition));
  // In the resource part a colon is ordinary text, substituted or not.
  f.request.context.Set("aws:PrincipalTag/group", "g1:log-stream:s1")
      .Set("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:g1:log-stream:s1");
  CHECK(f.Holds(
      R"({"ArnEquals": {"aws:SourceArn": "arn:aws:logs:*:*:log-group:${aws:PrincipalTag/group}"}})"));
  // A default may hold colons too; they stay inside its part.
  CHECK(f.Holds(R"({"ArnEquals": {"aws:SourceArn":
      "arn:aws:logs:*:*:log-group:${aws:PrincipalTag/none, 'g1:log-stream:s1'}"}})"));
  // Fewer than six parts outside variables: matches nothing.
  CHECK_FALSE(f.Holds(R"({"ArnLike": {"aws:SourceArn": "arn:aws:${aws:PrincipalTag/group}"}})"));
}

TEST_CASE("SplitArnTemplateText skips variables and quoted defaults", "[condition]") {
  std::string_view parts[6];
  REQUIRE(SplitArnTemplateText("arn:${a:b}:s:${c:d, 'x:}y'}:acct:res:more", parts));
  CHECK(parts[0] == "arn");
  CHECK(parts[1] == "${a:b}");
  CHECK(parts[2] == "s");
  CHECK(parts[3] == "${c:d, 'x:}y'}");
  CHECK(parts[4] == "acct");
  CHECK(parts[5] == "res:more");
  CHECK_FALSE(SplitArnTemplateText("arn:${a:b:c:d:e:f}", parts));
}

// ---- Null ----

TEST_CASE("Null tests presence: empty string and empty list are null", "[condition]") {
  Fixture f;
  f.request.context.Set("x:present", "v")
      .Set("x:empty", "")
      .SetList("x:empty-list", {})
      .SetList("x:list", {"a"})
      .Set("x:false", false)
      .Set("x:zero", 0);
  CHECK(f.Holds(R"({"Null": {"x:absent": "true"}})"));
  CHECK_FALSE(f.Holds(R"({"Null": {"x:absent": "false"}})"));
  CHECK(f.Holds(R"({"Null": {"x:present": "false"}})"));
  CHECK_FALSE(f.Holds(R"({"Null": {"x:present": "true"}})"));
  CHECK(f.Holds(R"({"Null": {"x:empty": "true"}})"));
  CHECK(f.Holds(R"({"Null": {"x:empty-list": true}})"));
  CHECK(f.Holds(R"({"Null": {"x:list": false}})"));
  CHECK(f.Holds(R"({"Null": {"x:false": "false"}})"));
  CHECK(f.Holds(R"({"Null": {"x:zero": "FALSE"}})"));
  CHECK(f.Holds(R"({"Null": {"X:PRESENT": "false", "x:absent": "true"}})"));
  CHECK_FALSE(f.Holds(R"({"Null": {"x:present": "false", "x:absent": "false"}})"));
  CHECK(f.Holds(R"({"Null": {"x:present": ["true", "false"]}})"));
}

TEST_CASE("Null with a qualifier is constant", "[condition]") {
  Fixture f;
  f.request.context.Set("x:present", "v");
  CHECK(f.Holds(R"({"ForAllValues:Null": {"x:absent": "false"}})"));
  CHECK(f.Holds(R"({"ForAllValues:Null": {"x:present": "true"}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:Null": {"x:absent": "true"}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:Null": {"x:present": "false"}})"));
}

// ---- IfExists ----

TEST_CASE("IfExists excuses only an absent key", "[condition]") {
  Fixture f;
  f.request.context.Set("ec2:InstanceType", "t2.micro");
  CHECK(f.Holds(R"({"StringLikeIfExists": {"ec2:InstanceType": "t2.*"}})"));
  CHECK_FALSE(f.Holds(R"({"StringLikeIfExists": {"ec2:InstanceType": "m5.*"}})"));
  CHECK(f.Holds(R"({"StringLikeIfExists": {"ec2:absent": "m5.*"}})"));
  CHECK(f.Holds(R"({"StringNotEqualsIfExists": {"ec2:absent": "x"}})"));
  CHECK(f.HoldsInDeny(R"({"StringNotEqualsIfExists": {"ec2:absent": "x"}})"));
  CHECK(f.HoldsInDeny(R"({"StringEqualsIfExists": {"ec2:absent": "x"}})"));
  CHECK_FALSE(f.Holds(R"({"StringNotLikeIfExists": {"ec2:InstanceType": "t2.*"}})"));
  // Another entry in the block is still checked.
  CHECK_FALSE(f.Holds(R"({"StringLikeIfExists": {"ec2:absent": "x"},
                          "StringEquals": {"ec2:other": "y"}})"));
}

// ---- set qualifiers ----

TEST_CASE("ForAllValues", "[condition]") {
  Fixture f;
  f.request.context.SetList("aws:TagKeys", {"team", "env"});
  CHECK(f.Holds(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env", "cost"]}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}})"));
  CHECK(f.Holds(R"({"ForAllValues:StringLike": {"aws:TagKeys": ["t*", "e*"]}})"));
  CHECK(f.Holds(R"({"ForAllValues:StringEqualsIgnoreCase": {"aws:TagKeys": ["TEAM", "Env"]}})"));
  // Negated: no request value may match any policy value.
  CHECK(f.Holds(R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["cost", "owner"]}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:StringNotEquals": {"aws:TagKeys": ["cost", "env"]}})"));
  // A null key has no values: ForAllValues is true, whatever the operator.
  CHECK(f.Holds(R"({"ForAllValues:StringEquals": {"aws:absent": "x"}})"));
  CHECK(f.Holds(R"({"ForAllValues:StringNotLike": {"aws:absent": "x"}})"));
  CHECK(f.HoldsInDeny(R"({"ForAllValues:StringEquals": {"aws:absent": "x"}})"));
  f.request.context.SetList("x:empty", {}).Set("x:blank", "");
  CHECK(f.Holds(R"({"ForAllValues:StringEquals": {"x:empty": "x"}})"));
  CHECK(f.Holds(R"({"ForAllValues:StringEquals": {"x:blank": "x"}})"));
  // A single value is a one-element set.
  f.request.context.Set("x:single", "a");
  CHECK(f.Holds(R"({"ForAllValues:StringEquals": {"x:single": ["a", "b"]}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:StringEquals": {"x:single": ["b"]}})"));
}

TEST_CASE("ForAnyValue", "[condition]") {
  Fixture f;
  f.request.context.SetList("dynamodb:Attributes", {"UserName", "Message", "PostDateTime"});
  CHECK(
      f.Holds(R"({"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["ID", "PostDateTime"]}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringEquals": {"dynamodb:Attributes": ["ID"]}})"));
  // Negated: some request value matches none of the policy values.
  CHECK(f.Holds(R"({"ForAnyValue:StringNotEquals": {"dynamodb:Attributes": ["UserName"]}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringNotEquals":
                          {"dynamodb:Attributes": ["UserName", "Message", "PostDateTime"]}})"));
  // A null key has no values: ForAnyValue is false, whatever the operator.
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringEquals": {"x:absent": "x"}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringNotEquals": {"x:absent": "x"}})"));
  f.request.context.SetList("x:empty", {}).Set("x:blank", "");
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringEquals": {"x:empty": ""}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringEquals": {"x:blank": ""}})"));
  // With IfExists an absent key is excused before the set test.
  CHECK(f.Holds(R"({"ForAnyValue:StringEqualsIfExists": {"x:absent": "x"}})"));
  CHECK(f.Holds(R"({"ForAllValues:StringNotLikeIfExists": {"x:absent": "x"}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringEqualsIfExists": {"x:empty": "x"}})"));
}

TEST_CASE("Qualifiers with other families", "[condition]") {
  Fixture f;
  f.request.context.SetList("x:numbers", {ContextScalar{ContextScalar::Type::kNumber, "1", 1},
                                          ContextScalar{ContextScalar::Type::kNumber, "5", 5}});
  f.request.context.SetList("x:ips", {"10.1.2.3", "203.0.113.9"});
  f.request.context.SetList("x:bools",
                            {ContextScalar{ContextScalar::Type::kBool, "false", 0},
                             ContextScalar{ContextScalar::Type::kBool, "true", 0, true}});
  CHECK(f.Holds(R"({"ForAllValues:NumericLessThan": {"x:numbers": 10}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:NumericLessThan": {"x:numbers": 3}})"));
  CHECK(f.Holds(R"({"ForAnyValue:NumericLessThan": {"x:numbers": 3}})"));
  CHECK(f.Holds(R"({"ForAnyValue:IpAddress": {"x:ips": "203.0.113.0/24"}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:IpAddress": {"x:ips": "203.0.113.0/24"}})"));
  CHECK(f.Holds(R"({"ForAnyValue:Bool": {"x:bools": "true"}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:Bool": {"x:bools": "true"}})"));
}

TEST_CASE("An unreadable policy value never widens access", "[condition]") {
  // IAM stores `Bool` "1" or `Numeric` "inf" (Access Analyzer only warns);
  // whenever the key's values are compared the entry is false in an Allow and
  // true in a Deny, as for an unreadable request value (decisions.md §21).
  Fixture f;
  f.request.context.Set("aws:SecureTransport", true).Set("s3:max-keys", 10);
  for (const char* condition :
       {R"({"Bool": {"aws:SecureTransport": "1"}})",
        R"({"NumericLessThan": {"s3:max-keys": "inf"}})",
        R"({"NumericNotEquals": {"s3:max-keys": "inf"}})",
        R"({"NumericEquals": {"s3:max-keys": ["10", "+10"]}})",
        R"({"DateGreaterThan": {"aws:SecureTransport": "soon"}})",
        R"({"BinaryEquals": {"s3:max-keys": "QUI"}})", R"({"Null": {"s3:max-keys": "maybe"}})",
        R"({"Null": {"x:absent": "maybe"}})"}) {
    CHECK_FALSE(f.Holds(condition));
    CHECK(f.HoldsInDeny(condition));
  }
  // An absent key is decided by the ordinary rules, whatever the values.
  CHECK_FALSE(f.HoldsInDeny(R"({"NumericLessThan": {"x:absent": "inf"}})"));
  CHECK(f.Holds(R"({"NumericNotEquals": {"x:absent": "inf"}})"));
  CHECK(f.Holds(R"({"BoolIfExists": {"x:absent": "1"}})"));
}

TEST_CASE("One unreadable value in a list decides the entry by the effect", "[condition]") {
  Fixture f;
  f.request.context.SetList("x:ips", {"203.0.113.9", "junk"});
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:IpAddress": {"x:ips": "203.0.113.0/24"}})"));
  CHECK(f.HoldsInDeny(R"({"ForAnyValue:IpAddress": {"x:ips": "10.0.0.0/8"}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:NotIpAddress": {"x:ips": "10.0.0.0/8"}})"));
}

// ---- unqualified operators on lists (decisions.md §19) ----

TEST_CASE("A plain operator on a list value", "[condition]") {
  Fixture f;
  f.request.context.SetList("x:list", {"a", "b"}).SetList("x:empty", {});
  CHECK(f.Holds(R"({"StringEquals": {"x:list": "b"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"x:list": "c"}})"));
  CHECK_FALSE(f.Holds(R"({"StringNotEquals": {"x:list": "b"}})"));
  CHECK(f.Holds(R"({"StringNotEquals": {"x:list": "c"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"x:empty": "c"}})"));
  CHECK(f.Holds(R"({"StringNotEquals": {"x:empty": "c"}})"));
  // A present empty list is present: IfExists does not excuse it.
  CHECK_FALSE(f.Holds(R"({"StringEqualsIfExists": {"x:empty": "c"}})"));
}

// ---- empty policy value lists (decisions.md §4) ----

TEST_CASE("Empty value lists evaluate by the ordinary formulas", "[condition]") {
  Fixture f;
  f.request.context.Set("x:k", "v");
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"x:k": []}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"x:absent": []}})"));
  CHECK(f.Holds(R"({"StringNotEquals": {"x:k": []}})"));
  CHECK_FALSE(f.Holds(R"({"ForAnyValue:StringEquals": {"x:k": []}})"));
  CHECK_FALSE(f.Holds(R"({"ForAllValues:StringEquals": {"x:k": []}})"));
  CHECK(f.Holds(R"({"ForAllValues:StringEquals": {"x:absent": []}})"));
  CHECK_FALSE(f.Holds(R"({"StringEqualsIfExists": {"x:k": []}})"));
  CHECK(f.Holds(R"({"StringEqualsIfExists": {"x:absent": []}})"));
  CHECK_FALSE(f.Holds(R"({"IpAddress": {"x:k": []}})"));
  // `v` is no address: unreadable, so the effect decides before the empty list does.
  CHECK_FALSE(f.Holds(R"({"NotIpAddress": {"x:k": []}})"));
  CHECK(f.HoldsInDeny(R"({"NotIpAddress": {"x:k": []}})"));
}

// ---- policy variables ----

TEST_CASE("String operators substitute policy variables", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:ResourceTag/owner", "alice").Set("aws:username", "alice");
  CHECK(f.Holds(R"({"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}})"));
  CHECK(f.Holds(R"({"StringEqualsIgnoreCase": {"aws:ResourceTag/owner": "${AWS:USERNAME}"}})"));
  CHECK(f.Holds(R"({"StringLike": {"aws:ResourceTag/owner": "${aws:username}*"}})"));
  CHECK_FALSE(f.Holds(R"({"StringNotEquals": {"aws:ResourceTag/owner": "${aws:username}"}})"));
  f.request.context.Set("aws:username", "bob");
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}})"));
  CHECK(f.Holds(R"({"StringNotEquals": {"aws:ResourceTag/owner": "${aws:username}"}})"));
  CHECK(f.Holds(R"({"StringEquals": {"aws:ResourceTag/owner": ["${aws:username}", "alice"]}})"));
}

TEST_CASE("Unresolved variables match nothing, and defaults fill in", "[condition]") {
  Fixture f;
  const char* equals =
      R"({"StringEquals": {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}})";
  const char* not_equals =
      R"({"StringNotEquals": {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team}"}})";
  f.request.context.Set("s3:ExistingObjectTag/Team", "none")
      .Set("x:literal", "${aws:PrincipalTag/Team}");
  CHECK_FALSE(f.Holds(equals));
  CHECK(f.Holds(not_equals));
  CHECK(f.HoldsInDeny(not_equals));
  CHECK(f.Holds(
      R"({"StringEquals": {"s3:ExistingObjectTag/Team": "${aws:PrincipalTag/Team, 'none'}"}})"));
  CHECK_FALSE(f.Holds(R"({"StringEquals": {"x:literal": "${aws:PrincipalTag/Team}"}})"));
  CHECK_FALSE(f.Holds(R"({"StringLike": {"x:literal": "*${aws:PrincipalTag/Team}"}})"));
  // A multivalued key resolves to no value.
  f.request.context.SetList("aws:PrincipalTag/Team", {"none"});
  CHECK_FALSE(f.Holds(equals));
}

TEST_CASE("Substituted values are literal in Like patterns", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:PrincipalTag/prefix", "*").Set("x:key", "anything");
  CHECK_FALSE(f.Holds(R"({"StringLike": {"x:key": "${aws:PrincipalTag/prefix}"}})"));
  f.request.context.Set("x:key", "*");
  CHECK(f.Holds(R"({"StringLike": {"x:key": "${aws:PrincipalTag/prefix}"}})"));
}

TEST_CASE("Version 2008-10-17: variables are literal text", "[condition]") {
  Fixture f;
  f.request.context.Set("aws:ResourceTag/owner", "alice").Set("aws:username", "alice");
  const char* condition = R"({"StringEquals": {"aws:ResourceTag/owner": "${aws:username}"}})";
  CHECK(f.Holds(condition, Effect::kAllow, /*variables_enabled=*/true));
  CHECK_FALSE(f.Holds(condition, Effect::kAllow, /*variables_enabled=*/false));
  f.request.context.Set("aws:ResourceTag/owner", "${aws:username}");
  CHECK(f.Holds(condition, Effect::kAllow, /*variables_enabled=*/false));
  // `${*}` is no escape there: `*` is a wildcard inside literal `${` and `}`.
  f.request.context.Set("x:key", "${abc}");
  CHECK(f.Holds(R"({"StringLike": {"x:key": "${*}"}})", Effect::kAllow, false));
  CHECK_FALSE(f.Holds(R"({"StringLike": {"x:key": "${*}"}})", Effect::kAllow, true));
}

}  // namespace
}  // namespace iameval::internal
