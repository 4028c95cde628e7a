// File: engine/testing/hostile_input_test.cc
//
// Hostile input through the public API and the JSON layer, each with a clear
// error or a bounded cost, never a crash and never `allowed` because of a
// parse problem: nesting 100,000 levels deep, documents of many megabytes,
// 100,000 statements, patterns with 10,000 `*`, invalid UTF-8, NUL bytes,
// numbers out of range, duplicate keys, every element given the wrong JSON
// type, huge context values; under the default Limits and with them raised.
//
// The JSON tree (json_tree_test.cc) and the parser (policy_parser_test.cc)
// test the same limits one layer down; this file tests what a caller of
// Policy::Parse, PolicySet::Decide and DecideJson sees. The time bounds are
// loose on purpose (ten times what an ASan build needs on a loaded machine):
// they catch a quadratic or exponential cost, not a slow machine.

#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "iameval/iameval.h"
#include "testing/reference_evaluator.h"

namespace iameval {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool HasCode(const std::vector<Finding>& findings, const std::string& code) {
  for (const Finding& f : findings) {
    if (f.code == code) return true;
  }
  return false;
}

std::string Codes(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) out += f.code + " ";
  return out;
}

// A JSON layer answer, read back: the decision ("" when null) and error.
struct JsonAnswer {
  std::string decision, error, message;
};

JsonAnswer ReadAnswer(const std::string& answer) {
  INFO(answer.substr(0, 2000));
  rapidjson::Document doc;
  doc.Parse(answer.data(), answer.size());
  REQUIRE_FALSE(doc.HasParseError());
  REQUIRE(doc.IsObject());
  JsonAnswer out;
  auto get = [&](const char* name, std::string* into) {
    auto member = doc.FindMember(name);
    if (member != doc.MemberEnd() && member->value.IsString()) *into = member->value.GetString();
  };
  get("decision", &out.decision);
  get("error", &out.error);
  get("message", &out.message);
  return out;
}

constexpr char kRequest[] =
    R"({"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
        "resource": "arn:aws:s3:::bucket/key", "resourceAccount": "111122223333"})";
constexpr char kAllowAll[] =
    R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})";

std::string DecideInput(const std::string& policies, const std::string& request = kRequest) {
  return R"({"policies": )" + policies + R"(, "request": )" + request + "}";
}

// The decision for `input`, which must be an error: no decision at all, or
// a deny with the error set.
void ExpectRefused(const std::string& input, const std::string& why) {
  INFO(why);
  const JsonAnswer answer = ReadAnswer(DecideJson(input));
  CHECK(answer.decision != "allowed");
  CHECK_FALSE(answer.error.empty());
}

// ---- nesting -------------------------------------------------------------------

std::string Nested(size_t depth, const std::string& inner = "\"x\"") {
  return std::string(depth, '[') + inner + std::string(depth, ']');
}

TEST_CASE("100,000 levels of nesting are refused at the first level past the limit",
          "[hostile][nesting]") {
  const std::string deep = Nested(100000);
  ParseResult result = Policy::Parse(deep, PolicyKind::kIdentity);
  CHECK_FALSE(result.ok());
  CHECK(HasCode(result.findings, "nesting-too-deep"));

  const std::string in_condition =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*",
          "Resource": "*", "Condition": {"StringEquals": {"aws:username": )" +
      Nested(100000) + "}}}}";
  result = Policy::Parse(in_condition, PolicyKind::kIdentity);
  CHECK_FALSE(result.ok());
  CHECK(HasCode(result.findings, "nesting-too-deep"));
}

TEST_CASE("with the depth limit raised, 100,000 levels parse without recursion and are refused",
          "[hostile][nesting]") {
  Limits limits;
  limits.max_nesting_depth = 250000;
  ParseResult result = Policy::Parse(Nested(100000), PolicyKind::kIdentity, limits);
  CHECK_FALSE(result.ok());
  CHECK_FALSE(result.findings.empty());

  const std::string in_condition =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*",
          "Resource": "*", "Condition": {"StringEquals": {"aws:username": )" +
      Nested(100000) + "}}}}";
  result = Policy::Parse(in_condition, PolicyKind::kIdentity, limits);
  INFO(Codes(result.findings));
  CHECK_FALSE(result.ok());
}

TEST_CASE("the JSON layer refuses 100,000 levels of nesting anywhere", "[hostile][nesting][json]") {
  const std::string deep = Nested(100000);
  ExpectRefused(deep, "the whole input");
  ExpectRefused(R"({"request": )" + deep + "}", "the request");
  ExpectRefused(DecideInput("{}", R"({"principal": "arn:aws:iam::111122223333:user/a",
      "action": "s3:GetObject", "resource": "*", "context": {"k": )" +
                                      deep + "}}"),
                "a context value");
  ExpectRefused(DecideInput(R"({"identity": )" + deep + "}"), "the policies");
  ExpectRefused(
      DecideInput(R"({"identity": [{"Version": "2012-10-17", "Statement": )" + deep + "}]}"),
      "a policy given as an object");
  ExpectRefused(DecideInput(R"({"scps": [[)" + std::string(kAllowAll) + R"(]], "identity": [)" +
                            kAllowAll + R"(], "resource": {"Statement": [)" + deep + "]}}"),
                "a resource policy next to allowing ones");

  CHECK(ReadAnswer(CheckJson(R"({"policy": )" + deep + "}")).error == "invalid-input");
  CHECK_FALSE(RequestFromJson(deep).ok());
  CHECK_FALSE(RequestFromJson(R"({"principal": "a", "context": {"k": )" + deep + "}}").ok());
  CHECK_FALSE(PolicySetFromJson(deep).ok());
  CHECK_FALSE(PolicySetFromJson(R"({"identity": [)" + deep + "]}").ok());
}

// ---- size ------------------------------------------------------------------------

TEST_CASE("documents of many megabytes are refused before parsing", "[hostile][size]") {
  std::string huge = kAllowAll;
  huge.insert(1, std::string(16u << 20, ' '));  // 16 MiB of whitespace: valid JSON
  const Clock::time_point start = Clock::now();
  ParseResult result = Policy::Parse(huge, PolicyKind::kIdentity);
  CHECK(SecondsSince(start) < 5);
  CHECK_FALSE(result.ok());
  CHECK(HasCode(result.findings, "document-too-large"));

  // Through the JSON layer, as a document's text and as an object (8 MiB:
  // under the JSON layer's own 16 MiB input limit, over the document's 1 MiB).
  std::string eight = kAllowAll;
  eight.insert(1, std::string(8u << 20, ' '));
  std::string quoted = "\"";
  for (char c : eight) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  quoted += "\"";
  const JsonAnswer text = ReadAnswer(DecideJson(DecideInput(R"({"identity": [)" + quoted + "]}")));
  CHECK(text.decision.empty());
  CHECK(text.error == "invalid-policy");
  std::string padded_object =
      R"({"Version": "2012-10-17", "Id": ")" + std::string(3u << 20, 'x') +
      R"(", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})";
  const JsonAnswer object =
      ReadAnswer(DecideJson(DecideInput(R"({"identity": [)" + padded_object + "]}")));
  CHECK(object.decision.empty());
  CHECK(object.error == "invalid-policy");
}

TEST_CASE("with the size limit raised, a 6 MB policy parses and decides in bounded time",
          "[hostile][size]") {
  Limits limits;
  limits.max_document_bytes = 64u << 20;
  limits.enforce_aws_size_quotas = false;
  // One statement whose Resource lists 200,000 ARNs (about 6 MB).
  std::string document =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": [)";
  for (int i = 0; i < 200000; ++i) {
    if (i) document += ",";
    document += "\"arn:aws:s3:::bucket-" + std::to_string(i) + "/*\"";
  }
  document += "]}}";
  REQUIRE(document.size() > 6000000);
  const Clock::time_point start = Clock::now();
  ParseResult result = Policy::Parse(document, PolicyKind::kIdentity, limits);
  REQUIRE(result.ok());
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(*result.policy);
  PolicySet set = *std::move(builder).Build().set;
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.resource_account = "111122223333";  // S3 ARNs name no owner
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::bucket-199999/key";
  CHECK(set.Decide(request).decision == Decision::kAllowed);
  request.resource = "arn:aws:s3:::bucket-200000/key";
  CHECK(set.Decide(request).decision == Decision::kImplicitDeny);
  CHECK(SecondsSince(start) < 60);
}

// ---- statements ----------------------------------------------------------------------

std::string ManyStatements(int count) {
  std::string document = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; i < count; ++i) {
    if (i) document += ",";
    document += R"({"Effect": "Allow", "Action": "s3:Action)" + std::to_string(i) +
                R"(", "Resource": "arn:aws:s3:::bucket/)" + std::to_string(i) + R"(/*"})";
  }
  return document + "]}";
}

TEST_CASE("100,000 statements: refused by default, bounded when allowed", "[hostile][statements]") {
  const std::string document = ManyStatements(100000);
  Limits unlimited_size;
  unlimited_size.max_document_bytes = 64u << 20;
  unlimited_size.enforce_aws_size_quotas = false;
  ParseResult refused = Policy::Parse(document, PolicyKind::kIdentity, unlimited_size);
  CHECK_FALSE(refused.ok());
  CHECK(HasCode(refused.findings, "too-many-statements"));
  CHECK(refused.findings.size() < 10);  // reported once, not per statement

  Limits limits = unlimited_size;
  limits.max_statements = 100000;
  Clock::time_point start = Clock::now();
  ParseResult result = Policy::Parse(document, PolicyKind::kIdentity, limits);
  REQUIRE(result.ok());
  CHECK(result.policy->statement_count() == 100000);
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(*result.policy);
  PolicySet set = *std::move(builder).Build().set;
  const double compile_seconds = SecondsSince(start);
  CHECK(compile_seconds < 120);

  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.resource_account = "111122223333";  // S3 ARNs name no owner
  request.action = "s3:Action99999";
  request.resource = "arn:aws:s3:::bucket/99999/x";
  start = Clock::now();
  for (int i = 0; i < 100; ++i) REQUIRE(set.Decide(request).decision == Decision::kAllowed);
  request.resource = "arn:aws:s3:::bucket/5/x";
  for (int i = 0; i < 100; ++i) REQUIRE(set.Decide(request).decision == Decision::kImplicitDeny);
  // The action index keeps a decision proportional to the statements naming
  // the action, not to all 100,000.
  CHECK(SecondsSince(start) < 10);

  // Every statement applies: the explanation lists all of them, in linear time.
  std::string all = R"({"Version": "2012-10-17", "Statement": [)";
  for (int i = 0; i < 100000; ++i) {
    all += std::string(i ? "," : "") + R"({"Effect": "Allow", "Action": "s3:*", "Resource": "*"})";
  }
  all += "]}";
  ParseResult every = Policy::Parse(all, PolicyKind::kIdentity, limits);
  REQUIRE(every.ok());
  PolicySet::Builder every_builder;
  every_builder.AddIdentityPolicy(*every.policy);
  PolicySet every_set = *std::move(every_builder).Build().set;
  Explanation why;
  start = Clock::now();
  CHECK(every_set.Decide(request, &why).decision == Decision::kAllowed);
  CHECK(why.determining.size() == 100000);
  CHECK(SecondsSince(start) < 30);
}

// ---- wildcards -------------------------------------------------------------------------

TEST_CASE("patterns with 10,000 `*`: refused by default, linear when allowed",
          "[hostile][wildcards]") {
  std::string resource = "arn:aws:s3:::";
  for (int i = 0; i < 10000; ++i) resource += "*a";
  resource += "*b";
  std::string action = "s3:" + std::string(10000, '*');
  const std::string document =
      R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ")" + action +
      R"(", "Resource": ")" + resource + R"("}, {"Effect": "Allow", "Action": "s3:PutObject",
      "Resource": "*", "Condition": {"StringLike": {"aws:username": ")" +
      resource + R"("}}}]})";

  // Under the default limits the patterns are too long (2,048 bytes) before
  // they have too many `*` (64).
  ParseResult refused = Policy::Parse(document, PolicyKind::kIdentity);
  CHECK_FALSE(refused.ok());
  CHECK(HasCode(refused.findings, "pattern-too-long"));
  Limits long_patterns;
  long_patterns.enforce_aws_size_quotas = false;
  long_patterns.max_pattern_length = 1 << 16;
  refused = Policy::Parse(document, PolicyKind::kIdentity, long_patterns);
  CHECK_FALSE(refused.ok());
  CHECK(HasCode(refused.findings, "too-many-wildcards"));

  Limits limits;
  limits.enforce_aws_size_quotas = false;
  limits.max_pattern_length = 1 << 16;
  limits.max_wildcards_per_pattern = 20000;
  ParseResult result = Policy::Parse(document, PolicyKind::kIdentity, limits);
  INFO(Codes(result.findings));
  REQUIRE(result.ok());
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(*result.policy);
  PolicySet set = *std::move(builder).Build().set;

  // 10,000 `a`s each preceded by anything, then `b`: a backtracking matcher
  // would never finish on texts of `a`s that lack the `b`.
  const std::string many_a = std::string(200000, 'a');
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.resource_account = "111122223333";  // S3 ARNs name no owner
  request.action = "s3:GetObject";
  const Clock::time_point start = Clock::now();
  request.resource = "arn:aws:s3:::" + many_a;
  CHECK(set.Decide(request).decision == Decision::kImplicitDeny);
  request.resource = "arn:aws:s3:::" + many_a + "b";
  CHECK(set.Decide(request).decision == Decision::kAllowed);
  request.action = "s3:PutObject";
  request.resource = "arn:aws:s3:::other";
  request.context.Set("aws:username", "arn:aws:s3:::" + many_a);
  CHECK(set.Decide(request).decision == Decision::kImplicitDeny);
  request.context.Set("aws:username", "arn:aws:s3:::" + many_a + "b");
  CHECK(set.Decide(request).decision == Decision::kAllowed);
  CHECK(SecondsSince(start) < 30);
}

// ---- bytes ---------------------------------------------------------------------------------

TEST_CASE("invalid UTF-8 and NUL bytes: findings in documents, denials in requests",
          "[hostile][bytes]") {
  using namespace std::string_literals;
  const std::string bad_utf8 =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/)"
      "\xff\xfe"
      R"("}})";
  ParseResult result = Policy::Parse(bad_utf8, PolicyKind::kIdentity);
  CHECK_FALSE(result.ok());
  CHECK(HasCode(result.findings, "invalid-utf8"));
  const std::string nul =
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}})"s +
      "\0"s + "garbage";
  result = Policy::Parse(nul, PolicyKind::kIdentity);
  CHECK_FALSE(result.ok());

  // A document with invalid UTF-8, given to the JSON layer as text.
  std::string quoted;
  for (char c : bad_utf8) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  const JsonAnswer doc =
      ReadAnswer(DecideJson(DecideInput(R"({"identity": [")" + quoted + "\"]}")));
  CHECK(doc.decision.empty());
  CHECK(doc.error == "invalid-policy");

  // Requests: bytes that name nothing never match a policy that names them.
  const std::string allow_all = R"({"identity": [)" + std::string(kAllowAll) + "]}";
  for (const std::string& principal :
       {"arn:aws:iam::111122223333:user/\xff"s, "arn:aws:iam::111122223333:user/a\\u0000b"s,
        "\xff\xff"s, "arn:aws:iam::1111222233\\u000033:user/a"s}) {
    INFO(principal);
    const JsonAnswer answer = ReadAnswer(
        DecideJson(DecideInput(allow_all, R"({"principal": ")" + principal +
                                              R"(", "action": "s3:GetObject", "resource": "*"})")));
    if (answer.decision == "allowed") {
      // Only a principal that reads as a valid user may be allowed.
      CHECK(principal.rfind("arn:aws:iam::111122223333:user/", 0) == 0);
    }
  }
  const std::string deny_get = R"({"identity": [)" + std::string(kAllowAll) + R"(,
      {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}}]})";
  for (const std::string& action :
       {"s3:GetObject\\u0000"s, "s3:Get\xffObject"s, "s3:GetObject\xc0"s}) {
    INFO(action);
    const JsonAnswer answer = ReadAnswer(DecideJson(
        DecideInput(deny_get, R"({"principal": "arn:aws:iam::111122223333:user/a", "action": ")" +
                                  action + R"(", "resource": "*"})")));
    CHECK(answer.decision != "");
  }
  // Raw NUL bytes in the input: refused, wherever they are.
  for (const std::string& input :
       {DecideInput(allow_all) + "\0"s, DecideInput(allow_all) + "\0{}"s,
        "\0"s + DecideInput(allow_all), R"({"request": {"principal": "a)"s + "\0"s + R"("}})"}) {
    const JsonAnswer answer = ReadAnswer(DecideJson(input));
    CHECK(answer.decision.empty());
    CHECK(answer.error == "invalid-input");
  }
}

TEST_CASE("a broken escape never makes a message span lines or cut a character",
          "[hostile][bytes]") {
  // policy_parse_fuzz found `"arn:...:exam\u` and `\` followed by a line
  // break: the messages quoted the bytes after the backslash, line break
  // included.
  for (const std::string& escape :
       {std::string("\\u\n  x"), std::string("\\u12\xc3\xa9"), std::string("\\ud800\\u00\n"),
        std::string("\\ud800\xe2\x82\xac"), std::string("\\\n  x"), std::string("\\\t")}) {
    const std::string document =
        R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*",
            "Resource": "arn:aws:s3:::exam)" +
        escape + "\"}}";
    ParseResult result = Policy::Parse(document, PolicyKind::kIdentity);
    CHECK_FALSE(result.ok());
    for (const Finding& f : result.findings) {
      INFO(f.message);
      CHECK(f.message.find('\n') == std::string::npos);
      for (char c : f.message) CHECK(static_cast<unsigned char>(c) < 0x80);
    }
  }
  // A principal with a line break in it (policy_parse_fuzz again).
  for (const char* principal : {R"({"Federated": "arn:aws:iam::111122223333:oidc-provider/a\nb"})",
                                R"({"AWS": "a\nb"})", R"({"Foo\n": "x"})"}) {
    ParseResult parsed = Policy::Parse(
        std::string(R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Principal": )") +
            principal + R"(, "Action": "*", "Resource": "*"}})",
        PolicyKind::kResource);
    CHECK_FALSE(parsed.ok());
    for (const Finding& f : parsed.findings) {
      INFO(f.message);
      CHECK(f.message.find('\n') == std::string::npos);
    }
  }
  // And an operator name with a line break in it (policy_parse_fuzz again).
  ParseResult result = Policy::Parse(
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*",
          "Resource": "*", "Condition": {"NumericLessTh\n": {"s3:max-keys": "1"}}}})",
      PolicyKind::kIdentity);
  CHECK_FALSE(result.ok());
  for (const Finding& f : result.findings) {
    INFO(f.message);
    CHECK(f.message.find('\n') == std::string::npos);
  }
}

TEST_CASE("the reference evaluator refuses strings it would cut at a NUL", "[hostile][bytes]") {
  // decide_json_fuzz: the reference read `arn:aws:kms:\u0000...` as
  // `arn:aws:kms:` and disagreed with the engine, which reads the whole string.
  const testing::ReferenceResult refused = testing::ReferenceDecide(
      R"({"identity": [)" + std::string(kAllowAll) + "]}",
      R"({"principal": "arn:aws:iam::111122223333:user/a", "action": "kms:Decrypt",
          "resource": "arn:aws:kms:\u0000x:111122223333:key/k"})");
  CHECK_FALSE(refused.ok());
}

// ---- numbers -----------------------------------------------------------------------------

TEST_CASE("numbers out of range are refused, never wrapped", "[hostile][numbers]") {
  for (const char* value : {"1e400", "-1e400", "123456789012345678901234567890e300"}) {
    INFO(value);
    const std::string document =
        R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
            "Condition": {"NumericLessThan": {"s3:max-keys": )" +
        std::string(value) + "}}}}";
    ParseResult result = Policy::Parse(document, PolicyKind::kIdentity);
    CHECK_FALSE(result.ok());
    const std::string quoted =
        R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*",
            "Condition": {"NumericLessThan": {"s3:max-keys": ")" +
        std::string(value) + "\"}}}}";
    // As text it is a value IAM stores but cannot read (Access Analyzer only
    // warns): a warning, and never read as infinity, so the Allow grants
    // nothing where `1 < +inf` would have granted (spec/conditions.md §5.1).
    ParseResult quoted_result = Policy::Parse(quoted, PolicyKind::kIdentity);
    REQUIRE(quoted_result.ok());
    CHECK(quoted_result.findings.size() == 1);
    CHECK(quoted_result.findings[0].code == "invalid-condition-value");
    CHECK(quoted_result.findings[0].severity == Severity::kWarning);
    const JsonAnswer answer = ReadAnswer(DecideJson(DecideInput(
        R"({"identity": [)" + quoted + "]}", R"({"principal": "arn:aws:iam::111122223333:user/a",
        "action": "s3:ListBucket", "resource": "*", "context": {"s3:max-keys": 1}})")));
    CHECK(answer.decision == "implicitDeny");
    CHECK(answer.error.empty());
    ExpectRefused(DecideInput("{}", R"({"principal": "arn:aws:iam::111122223333:user/a",
        "action": "s3:ListBucket", "resource": "*", "context": {"s3:max-keys": )" +
                                        std::string(value) + "}}"),
                  "a context number out of range");
  }
  // Instants past what a clock can hold: an error naming the field.
  for (const char* time : {"99999999999", "9223372036854775807", "9999-12-31T23:59:59Z",
                           "0000-01-01T00:00:00Z", "2262-04-12T00:00:00Z"}) {
    INFO(time);
    RequestResult request = RequestFromJson(
        std::string(R"({"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject",
            "resource": "*", "currentTime": ")") +
        time + "\"}");
    CHECK_FALSE(request.ok());
    CHECK(request.error.find("currentTime") != std::string::npos);
  }
  // Within range they work; numbers as request values compare exactly.
  const std::string document = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "*", "Resource": "*", "Condition": {"NumericLessThanEquals": {"app:n": "1e308"},
      "DateLessThan": {"aws:CurrentTime": "2262-01-01T00:00:00Z"}}}})";
  for (const char* context :
       {R"({"app:n": 1e308})", R"({"app:n": -1e308})", R"({"app:n": 5e-324})"}) {
    INFO(context);
    const JsonAnswer answer = ReadAnswer(DecideJson(DecideInput(
        R"({"identity": [)" + document + "]}",
        std::string(R"({"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject",
            "resource": "*", "currentTime": "2261-12-31T23:59:59Z", "context": )") +
            context + "}")));
    CHECK(answer.decision == "allowed");
  }
}

// ---- duplicate keys -----------------------------------------------------------------------

TEST_CASE("duplicate keys are errors in documents and in the JSON layer", "[hostile][duplicates]") {
  ParseResult result = Policy::Parse(
      R"({"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Effect": "Allow", "Action": "*",
          "Resource": "*"}})",
      PolicyKind::kIdentity);
  CHECK_FALSE(result.ok());
  CHECK(HasCode(result.findings, "duplicate-key"));

  const std::string allow_all = R"({"identity": [)" + std::string(kAllowAll) + "]}";
  // One reader taking the first and another the last must not be able to
  // disagree about what was asked: duplicates are refused, not resolved.
  for (
      const std::string& input : {
          std::string(
              R"({"request": {"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject", "resource": "*"},
              "request": )") +
              kRequest + R"(, "policies": )" + allow_all + "}",
          DecideInput(
              allow_all,
              R"({"principal": "arn:aws:iam::111122223333:user/a", "principal": "arn:aws:iam::999999999999:user/a",
                           "action": "s3:GetObject", "resource": "*"})"),
          DecideInput(allow_all,
                      R"({"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject",
                           "resource": "*", "context": {"aws:SourceIp": "10.0.0.1", "aws:SourceIp": "203.0.113.7"}})"),
          DecideInput(allow_all,
                      R"({"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject",
                           "resource": "*", "context": {"aws:SourceIp": "10.0.0.1", "AWS:SOURCEIP": "203.0.113.7"}})"),
          DecideInput(R"({"identity": [], "identity": [)" + std::string(kAllowAll) + "]}"),
          R"({"explain": false, "explain": true, "request": )" + std::string(kRequest) + "}",
      }) {
    INFO(input);
    const JsonAnswer answer = ReadAnswer(DecideJson(input));
    CHECK(answer.decision.empty());
    CHECK_FALSE(answer.error.empty());
    CHECK(answer.message.find("duplicate") != std::string::npos);
  }
  CHECK_FALSE(
      RequestFromJson(R"({"principal": "a", "principal": "b", "action": "s3:X", "resource": "*"})")
          .ok());
  CHECK_FALSE(PolicySetFromJson(R"({"identity": [], "identity": []})").ok());
}

// ---- wrong types ----------------------------------------------------------------------------
// Policy elements of every wrong type are policy_parser_test.cc's ("every
// element with a JSON type it does not take"); here, the JSON layer's fields.

const std::vector<std::string> kJsonValues = {
    "null", "true",   "false", "0",  "-1.5",       "\"\"",        "\"x\"",     "[]",
    "[1]",  "[null]", "[[]]",  "{}", "{\"a\": 1}", "{\"a\": {}}", "[\"*\", 1]"};

TEST_CASE("every field of the JSON layer given every JSON type is refused or read",
          "[hostile][types][json]") {
  const std::vector<std::string> request_fields = {"principal",
                                                   "action",
                                                   "resource",
                                                   "resourceAccount",
                                                   "context",
                                                   "principalIsServiceLinkedRole",
                                                   "principalInManagementAccount",
                                                   "resourceInManagementAccount",
                                                   "resourceIsAwsManagedKey",
                                                   "resourcePolicyRequired",
                                                   "resourcePolicyKind",
                                                   "currentTime"};
  const std::string base_request = R"("principal": "arn:aws:iam::111122223333:user/a",
      "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k")";
  const std::string allow_all = R"({"identity": [)" + std::string(kAllowAll) + "]}";
  for (const std::string& field : request_fields) {
    for (const std::string& value : kJsonValues) {
      const std::string request = "{" + base_request + ", \"" + field + "\": " + value + "}";
      INFO(request);
      RequestResult read = RequestFromJson(request);
      const bool key_field = field == "principal" || field == "action" || field == "resource";
      if (key_field) {
        // These are required and already given: the repetition is refused.
        CHECK_FALSE(read.ok());
      }
      if (!read.ok()) {
        CHECK(read.error.find(field) != std::string::npos);
        ExpectRefused(DecideInput(allow_all, request), "a wrongly typed request field");
      }
    }
    // Without the others, a required field of the wrong type names itself.
    for (const std::string& value : kJsonValues) {
      if (value == "\"x\"") continue;
      const std::string request = "{\"" + field + "\": " + value + "}";
      RequestResult read = RequestFromJson(request);
      CHECK_FALSE(read.ok());
    }
  }
  for (const std::string& slot :
       {"identity", "resource", "permissionsBoundary", "sessionPolicies", "scps", "rcps"}) {
    for (const std::string& value : kJsonValues) {
      const std::string policies = "{\"" + slot + "\": " + value + "}";
      INFO(policies);
      PolicySetResult set = PolicySetFromJson(policies);
      const JsonAnswer answer = ReadAnswer(DecideJson(DecideInput(policies)));
      if (!set.ok()) {
        CHECK(answer.decision.empty());
        CHECK_FALSE(answer.error.empty());
      } else {
        CHECK(answer.decision != "allowed");  // nothing here grants anything
      }
    }
  }
  for (const std::string& value : kJsonValues) {
    INFO(value);
    if (value != "{}") {  // the one right value here: no policies
      ExpectRefused(R"({"policies": )" + value + R"(, "request": )" + kRequest + "}", "policies");
    }
    ExpectRefused(R"({"request": )" + value + "}", "request");
    if (value != "true" && value != "false") {
      ExpectRefused(R"({"explain": )" + value + R"(, "request": )" + kRequest + "}", "explain");
    }
    ExpectRefused(value, "the input");
  }
}

// ---- huge context values -------------------------------------------------------------------

TEST_CASE("huge context values cost time in proportion to their size", "[hostile][context]") {
  const std::string document = R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::home/${aws:username}/*"},
      {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*",
       "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": "needle-*"}}},
      {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*",
       "Condition": {"StringNotLike": {"aws:username": "*a*b*c*d*e*"}}}]})";
  ParseResult parsed = Policy::Parse(document, PolicyKind::kIdentity);
  REQUIRE(parsed.ok());
  PolicySet::Builder builder;
  builder.AddIdentityPolicy(*parsed.policy);
  PolicySet set = *std::move(builder).Build().set;

  const std::string long_name(16u << 20, 'n');  // 16 MiB
  Request request;
  request.principal = "arn:aws:iam::111122223333:user/alice";
  request.resource_account = "111122223333";  // S3 ARNs name no owner
  request.action = "s3:GetObject";
  request.resource = "arn:aws:s3:::home/" + long_name + "/file";
  request.context.Set("aws:username", long_name);
  Clock::time_point start = Clock::now();
  CHECK(set.Decide(request).decision == Decision::kAllowed);
  request.resource = "arn:aws:s3:::home/" + long_name + "x/file";
  CHECK(set.Decide(request).decision == Decision::kImplicitDeny);
  request.action = "s3:DeleteObject";
  CHECK(set.Decide(request).decision == Decision::kExplicitDeny);

  std::vector<std::string> tags(1000000, "tag");
  tags.back() = "needle-1";
  request.action = "s3:PutObject";
  request.context.SetList("aws:TagKeys", tags);
  CHECK(set.Decide(request).decision == Decision::kAllowed);
  CHECK(SecondsSince(start) < 30);

  // Through the JSON layer, a 16 MiB value and a 100,000-value list: over
  // the default InputLimits, read with them lifted.
  std::string big_values = "[";
  for (int i = 0; i < 100000; ++i) big_values += std::string(i ? "," : "") + "\"t\"";
  big_values += ",\"needle-2\"]";
  const std::string input = R"({"policies": {"identity": [)" + document +
                            R"(]}, "request": {"principal": "arn:aws:iam::111122223333:user/alice",
      "action": "s3:PutObject", "resource": "*", "context": {"aws:username": ")" +
                            long_name + R"(", "aws:TagKeys": )" + big_values + "}}}";
  start = Clock::now();
  CHECK(ReadAnswer(DecideJson(input, InputLimits::Unbounded())).decision == "allowed");
  CHECK(SecondsSince(start) < 30);
  const JsonAnswer refused = ReadAnswer(DecideJson(input));
  CHECK(refused.decision.empty());
  CHECK(refused.error == "invalid-input");
  CHECK(refused.message == "the input is longer than 16,777,216 bytes, the limit");
}

TEST_CASE("the JSON layer bounds context values and lists", "[hostile][context][json]") {
  auto request_with = [](const std::string& context) {
    return R"({"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject",
        "resource": "*", "context": )" +
           context + "}";
  };
  const std::string at_limit(64 << 10, 'v');
  CHECK(RequestFromJson(request_with(R"({"aws:UserAgent": ")" + at_limit + R"("})")).ok());
  RequestResult over =
      RequestFromJson(request_with(R"({"aws:UserAgent": ")" + at_limit + R"(v"})"));
  CHECK(over.error ==
        "context key `aws:UserAgent` holds a value longer than 65,536 bytes, the limit");
  over = RequestFromJson(request_with(R"({"aws:TagKeys": [")" + at_limit + R"(v"]})"));
  CHECK(over.error ==
        "context key `aws:TagKeys` holds a value longer than 65,536 bytes, the limit");
  std::string list = "[";
  for (int i = 0; i < 1000; ++i) list += std::string(i ? "," : "") + "\"t\"";
  CHECK(RequestFromJson(request_with(R"({"aws:TagKeys": )" + list + "]}")).ok());
  over = RequestFromJson(request_with(R"({"aws:TagKeys": )" + list + ",1]}"));
  CHECK(over.error == "context key `aws:TagKeys` holds more than 1,000 values, the limit");
  InputLimits tight;
  tight.max_input_bytes = 100;
  over = RequestFromJson(request_with("{}"), tight);
  CHECK(over.error == "the request is longer than 100 bytes, the limit");
}

TEST_CASE("the JSON layer bounds the number of context keys", "[hostile][context][json]") {
  auto request_with = [](int keys) {
    std::string context = "{";
    for (int i = 0; i < keys; ++i) {
      context += std::string(i ? "," : "") + "\"app:key" + std::to_string(i) + "\": \"v\"";
    }
    return R"({"principal": "arn:aws:iam::111122223333:user/a", "action": "s3:GetObject",
        "resource": "*", "context": )" +
           context + "}}";
  };
  Clock::time_point start = Clock::now();
  RequestResult at_limit = RequestFromJson(request_with(10000));
  CHECK(at_limit.ok());
  RequestResult over = RequestFromJson(request_with(100000));
  CHECK_FALSE(over.ok());
  CHECK(over.error.find("context") != std::string::npos);
  CHECK(SecondsSince(start) < 30);
}

}  // namespace
}  // namespace iameval
