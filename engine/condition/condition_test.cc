// File: engine/condition/condition_test.cc
//
// Compiling Condition blocks: every finding of spec/findings.md's
// "Conditions and variables" table, with its severity, message and
// location, and the documents that must compile cleanly.

#include "condition/condition.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "json/json_tree.h"

namespace iameval::internal {
namespace {

struct Compiled {
  bool ok = false;
  std::vector<Finding> findings;

  // The findings with `code`.
  std::vector<Finding> With(std::string_view code) const {
    std::vector<Finding> found;
    for (const Finding& finding : findings) {
      if (finding.code == code) found.push_back(finding);
    }
    return found;
  }
  // The one finding with `code`.
  Finding One(std::string_view code) const {
    std::vector<Finding> found = With(code);
    INFO("code " << code);
    for (const Finding& finding : findings) UNSCOPED_INFO(finding.code << ": " << finding.message);
    REQUIRE(found.size() == 1);
    return found[0];
  }
};

Compiled Compile(std::string_view condition, bool variables_enabled = true,
                 const Limits* limits = nullptr) {
  JsonDocument doc;
  Compiled result;
  INFO(condition);
  REQUIRE(ParseJson(condition, JsonLimits(), &doc, &result.findings));
  ConditionBlock block;
  ConditionCompileOptions options;
  options.variables_enabled = variables_enabled;
  options.limits = limits;
  FindingReporter report(doc, &result.findings);
  result.ok = ConditionBlock::Compile(&report, doc.root(), options, &block);
  return result;
}

// Compiles `condition`, expecting exactly one finding, an error with `code`;
// returns it.
Finding OnlyError(std::string_view condition, std::string_view code) {
  Compiled compiled = Compile(condition);
  CHECK_FALSE(compiled.ok);
  Finding finding = compiled.One(code);
  CHECK(finding.severity == Severity::kError);
  CHECK(compiled.findings.size() == 1);
  return finding;
}

// Compiles `condition`, expecting success with exactly one warning, `code`.
Finding OnlyWarning(std::string_view condition, std::string_view code,
                    bool variables_enabled = true) {
  Compiled compiled = Compile(condition, variables_enabled);
  CHECK(compiled.ok);
  Finding finding = compiled.One(code);
  CHECK(finding.severity == Severity::kWarning);
  CHECK(compiled.findings.size() == 1);
  return finding;
}

TEST_CASE("Every operator compiles, with and without IfExists and qualifiers", "[condition]") {
  const std::pair<const char*, const char*> operators[] = {
      {"StringEquals", "\"a\""},
      {"StringNotEquals", "\"a\""},
      {"StringEqualsIgnoreCase", "\"a\""},
      {"StringNotEqualsIgnoreCase", "\"a\""},
      {"StringLike", "\"a*\""},
      {"StringNotLike", "\"a?\""},
      {"NumericEquals", "1"},
      {"NumericNotEquals", "\"-1.5\""},
      {"NumericLessThan", "\"1e3\""},
      {"NumericLessThanEquals", "2"},
      {"NumericGreaterThan", "3"},
      {"NumericGreaterThanEquals", "4"},
      {"DateEquals", "\"2024-06-01\""},
      {"DateNotEquals", "\"2024\""},
      {"DateLessThan", "\"2024-06-01T12:00:00Z\""},
      {"DateLessThanEquals", "1717243200"},
      {"DateGreaterThan", "\"2024-06-01T12:00+02:00\""},
      {"DateGreaterThanEquals", "\"1717243200\""},
      {"Bool", "true"},
      {"BinaryEquals", "\"QUJD\""},
      {"IpAddress", "\"203.0.113.0/24\""},
      {"NotIpAddress", "\"2001:db8::/32\""},
      {"ArnEquals", "\"arn:aws:iam::*:role/x\""},
      {"ArnLike", "\"arn:aws:s3:::b/*\""},
      {"ArnNotEquals", "\"*\""},
      {"ArnNotLike", "\"arn:aws:sns:*:*:t\""},
  };
  for (const auto& [name, value] : operators) {
    for (const char* qualifier : {"", "ForAllValues:", "ForAnyValue:"}) {
      for (const char* suffix : {"", "IfExists"}) {
        const std::string condition =
            std::string("{\"") + qualifier + name + suffix + "\": {\"x:key\": " + value + "}}";
        Compiled compiled = Compile(condition);
        INFO(condition);
        CHECK(compiled.ok);
        CHECK(compiled.findings.empty());
      }
    }
  }
  CHECK(Compile(R"({"Null": {"x:key": "true"}})").findings.empty());
}

TEST_CASE("unknown-condition-operator", "[condition]") {
  Finding finding = OnlyError(R"({"StringEqual": {"x:key": "a"}})", "unknown-condition-operator");
  CHECK(finding.message == "unknown condition operator `StringEqual`");
  CHECK(finding.help.empty());
  CHECK(finding.line == 1);
  CHECK(finding.column == 2);  // at the operator name

  finding = OnlyError(R"({"stringequals": {"x:key": "a"}})", "unknown-condition-operator");
  CHECK(finding.message == "unknown condition operator `stringequals`");
  CHECK(finding.help == "operator names are case-sensitive: did you mean `StringEquals`?");
  finding = OnlyError(R"({"StringEqualsifexists": {"x:key": "a"}})", "unknown-condition-operator");
  CHECK(finding.help == "operator names are case-sensitive: did you mean `StringEqualsIfExists`?");
  OnlyError(R"({"STRINGLIKE": {"x:key": "a"}})", "unknown-condition-operator");
  OnlyError(R"({"StringEqualsIfExistsIfExists": {"x:key": "a"}})", "unknown-condition-operator");
  OnlyError(R"({"IfExists": {"x:key": "a"}})", "unknown-condition-operator");
  OnlyError(R"({"ForAllValues:Stringequals": {"x:key": "a"}})", "unknown-condition-operator");
  OnlyError(R"({"ForAllValues:": {"x:key": "a"}})", "unknown-condition-operator");
  OnlyError(R"({"": {"x:key": "a"}})", "unknown-condition-operator");
}

TEST_CASE("invalid-condition-qualifier", "[condition]") {
  Finding finding =
      OnlyError(R"({"ForSomeValues:StringEquals": {"x:key": "a"}})", "invalid-condition-qualifier");
  CHECK(finding.message == "`ForSomeValues:` is not a set qualifier");
  CHECK(finding.help == "the qualifiers are `ForAllValues:` and `ForAnyValue:`");
  finding =
      OnlyError(R"({"forallvalues:StringEquals": {"x:key": "a"}})", "invalid-condition-qualifier");
  CHECK(finding.help == "qualifiers are case-sensitive: write `ForAllValues:`");
  OnlyError(R"({"ForAnyValues:StringEquals": {"x:key": "a"}})", "invalid-condition-qualifier");
}

TEST_CASE("null-with-ifexists", "[condition]") {
  Finding finding = OnlyError(R"({"NullIfExists": {"x:key": "true"}})", "null-with-ifexists");
  CHECK(finding.message == "`NullIfExists` is not an operator: `Null` cannot take `IfExists`");
  OnlyError(R"({"ForAnyValue:NullIfExists": {"x:key": "true"}})", "null-with-ifexists");
}

TEST_CASE("null-with-qualifier", "[condition]") {
  Finding finding =
      OnlyWarning(R"({"ForAllValues:Null": {"x:key": "true"}})", "null-with-qualifier");
  CHECK(finding.message == "`ForAllValues:Null` is always true");
  finding = OnlyWarning(R"({"ForAnyValue:Null": {"x:key": "true"}})", "null-with-qualifier");
  CHECK(finding.message == "`ForAnyValue:Null` is always false");
}

TEST_CASE("invalid-condition-key", "[condition]") {
  Finding finding =
      OnlyError(R"({"StringEquals": {"SourceAccount": "1"}})", "invalid-condition-key");
  CHECK(finding.message == "condition key `SourceAccount` has no `prefix:`");
  CHECK(finding.column == 19);  // at the key
  finding = OnlyError(R"({"StringEquals": {"": "1"}})", "invalid-condition-key");
  CHECK(finding.message == "empty condition key");
  finding = OnlyError(R"({"StringEquals": {":x": "1"}})", "invalid-condition-key");
  finding = OnlyError(R"({"StringEquals": {"aws:": "1"}})", "invalid-condition-key");
  CHECK(finding.message == "condition key `aws:` has no name after its prefix");
}

TEST_CASE("condition-key-duplicate-case", "[condition]") {
  Finding finding =
      OnlyError(R"({"StringEquals": {"aws:SourceAccount": "1", "aws:sourceaccount": "2"}})",
                "condition-key-duplicate-case");
  CHECK(finding.message ==
        "condition key `aws:sourceaccount` repeats `aws:SourceAccount` in another letter case");
  CHECK(finding.column == 45);
  // Different operator blocks may name the same key.
  CHECK(Compile(R"({"StringEquals": {"x:k": "1"}, "StringLike": {"X:K": "1*"}})").findings.empty());
}

TEST_CASE("not-an-object and wrong-type", "[condition]") {
  Finding finding = OnlyError(R"({"StringEquals": "aws:SourceAccount"})", "not-an-object");
  CHECK(finding.message ==
        "condition operator `StringEquals` must map keys to values, not a string");
  OnlyError(R"(["StringEquals"])", "not-an-object");
  finding = OnlyError(R"({"StringEquals": {"x:k": {"v": "1"}}})", "wrong-type");
  CHECK(finding.message ==
        "the values of condition key `x:k` must be a string, number, boolean or an array of "
        "them, not an object");
  OnlyError(R"({"StringEquals": {"x:k": null}})", "wrong-type");
  finding = OnlyError(R"({"StringEquals": {"x:k": ["a", ["b"]]}})", "wrong-type");
  CHECK(finding.message == "a condition value must be a string, number or boolean, not an array");
  CHECK(finding.column == 32);
}

TEST_CASE("invalid-condition-value", "[condition]") {
  // Text IAM stores but cannot read as the operator's type: a warning
  // (Access Analyzer's TYPE_MISMATCH_* are warnings; decisions.md §21).
  Finding finding =
      OnlyWarning(R"({"NumericEquals": {"s3:max-keys": "ten"}})", "invalid-condition-value");
  CHECK(finding.message == "`NumericEquals` needs a number, not `ten`");
  CHECK(finding.column == 35);  // at the value
  CHECK(finding.help.find("never grants more than aws") != std::string::npos);
  for (const char* condition : {
           R"({"NumericLessThan": {"x:k": "+5"}})",
           R"({"NumericLessThan": {"x:k": "0x10"}})",
           R"({"NumericLessThan": {"x:k": "inf"}})",
           R"({"DateEquals": {"x:k": "yesterday"}})",
           R"({"DateEquals": {"x:k": "2024-13-01T00:00:00Z"}})",
           R"({"DateEquals": {"x:k": "2024/06/01"}})",
           R"({"DateEquals": {"x:k": "2024-06-01T12:00:00.1234567891Z"}})",
           R"({"BinaryEquals": {"x:k": "!!!!"}})",
           R"({"BinaryEquals": {"x:k": "QUI"}})",
           R"({"BinaryEquals": {"x:k": "QU JD"}})",
           R"({"Bool": {"x:k": "yes"}})",
           R"({"Bool": {"x:k": "1"}})",
           R"({"Null": {"x:k": "maybe"}})",
           R"({"NumericEquals": {"x:k": ["5", "inf"]}})",
       }) {
    OnlyWarning(condition, "invalid-condition-value");
  }
  // Another JSON type, and IP ranges (TYPE_MISMATCH_IP_RANGE is an error in
  // Access Analyzer), stay errors.
  for (const char* condition : {
           R"({"NumericLessThan": {"x:k": true}})",
           R"({"DateEquals": {"x:k": 1.5}})",
           R"({"DateEquals": {"x:k": -1}})",
           R"({"DateEquals": {"x:k": false}})",
           R"({"IpAddress": {"x:k": "300.1.1.1"}})",
           R"({"IpAddress": {"x:k": "203.0.113.0/33"}})",
           R"({"NotIpAddress": {"x:k": "2001:db8::/129"}})",
           R"({"IpAddress": {"x:k": "corporate-network"}})",
           R"({"IpAddress": {"x:k": 1}})",
           R"({"BinaryEquals": {"x:k": 1234}})",
           R"({"Bool": {"x:k": 1}})",
           R"({"Null": {"x:k": 0}})",
           R"({"IpAddress": {"x:k": ["203.0.113.0/24", "bad"]}})",
       }) {
    OnlyError(condition, "invalid-condition-value");
  }
  finding = OnlyWarning(R"({"Bool": {"x:k": "yes"}})", "invalid-condition-value");
  CHECK(finding.message == "`Bool` needs `true` or `false`, not `yes`");
  finding = OnlyWarning(R"({"DateLessThanIfExists": {"x:k": "soon"}})", "invalid-condition-value");
  CHECK(finding.message == "`DateLessThanIfExists` needs a date or epoch seconds, not `soon`");
  finding = OnlyError(R"({"StringLike": {"x:k": "a\u0001b"}})", "invalid-condition-value");
  CHECK(finding.message == "pattern `a\\u0001b` holds a control character");
}

TEST_CASE("Each bad value is reported, not just the first", "[condition]") {
  Compiled compiled = Compile(R"({"IpAddress": {"x:k": ["bad", "203.0.113.0/24", "worse"]},
                                  "NumericEquals": {"x:n": "ten"}})");
  CHECK_FALSE(compiled.ok);
  CHECK(compiled.With("invalid-condition-value").size() == 3);  // two errors, one warning
}

TEST_CASE("empty-condition-values", "[condition]") {
  Finding finding = OnlyWarning(R"({"StringEquals": {"x:k": []}})", "empty-condition-values");
  CHECK(finding.message == "condition key `x:k` has no values under `StringEquals`");
}

TEST_CASE("cidr-host-bits-set", "[condition]") {
  Finding finding =
      OnlyWarning(R"({"IpAddress": {"aws:SourceIp": "203.0.113.5/24"}})", "cidr-host-bits-set");
  CHECK(finding.message == "`203.0.113.5/24` has bits set after its prefix; they are ignored");
  OnlyWarning(R"({"NotIpAddress": {"aws:SourceIp": "2001:db8::1/64"}})", "cidr-host-bits-set");
}

TEST_CASE("variable-not-allowed", "[condition]") {
  for (const char* condition : {
           R"({"NumericEquals": {"x:k": "${aws:username}"}})",
           R"({"DateLessThan": {"x:k": "${aws:CurrentTime}"}})",
           R"({"IpAddress": {"x:k": "${aws:SourceIp}"}})",
           R"({"BinaryEquals": {"x:k": "${x:payload}"}})",
           R"({"Null": {"x:k": "${x:flag}"}})",
       }) {
    OnlyError(condition, "variable-not-allowed");
  }
  Finding finding =
      OnlyError(R"({"NumericEquals": {"x:k": "${aws:username}"}})", "variable-not-allowed");
  CHECK(finding.message ==
        "policy variables are not substituted in `NumericEquals` values: `${aws:username}`");
  // String, Arn and Bool values take variables.
  CHECK(Compile(R"({"StringEquals": {"x:k": "${aws:username}"},
                    "StringLike": {"x:k": "${aws:username}*"},
                    "StringEqualsIgnoreCase": {"x:k": "${aws:username}"},
                    "ArnLike": {"x:k": "arn:aws:iam::*:user/${aws:username}"},
                    "Bool": {"x:k": "${x:flag}"}})")
            .findings.empty());
}

TEST_CASE("invalid-variable", "[condition]") {
  Finding finding = OnlyError(R"({"StringEquals": {"x:k": "${aws:username"}})", "invalid-variable");
  CHECK(finding.message == "policy variable `${aws:username` has no closing `}`");
  CHECK(finding.column == 26);
  OnlyError(R"({"StringLike": {"x:k": "${}"}})", "invalid-variable");
  OnlyError(R"({"ArnLike": {"x:k": "arn:aws:s3:::${aws: username}"}})", "invalid-variable");
  OnlyError(R"({"StringEquals": {"x:k": "${aws:username, bob}"}})", "invalid-variable");
  OnlyError(R"({"StringEquals": {"x:k": "${aws:username, 'bob}"}})", "invalid-variable");
  OnlyError(R"({"StringEquals": {"x:k": "${*, 'x'}"}})", "invalid-variable");
  OnlyError(R"({"Bool": {"x:k": "${x:flag"}})", "invalid-variable");
}

TEST_CASE("variable-in-old-version", "[condition]") {
  Finding finding = OnlyWarning(R"({"StringEquals": {"x:k": "${aws:username}"}})",
                                "variable-in-old-version", /*variables_enabled=*/false);
  CHECK(finding.message ==
        "`${aws:username}` is literal text: policy variables need `\"Version\": \"2012-10-17\"`");
  // Malformed variables are plain text there.
  OnlyWarning(R"({"StringEquals": {"x:k": "${aws:username"}})", "variable-in-old-version", false);
}

TEST_CASE("qualifier-on-single-valued-key", "[condition]") {
  Finding finding = OnlyWarning(R"({"ForAllValues:IpAddress": {"aws:SourceIp": "10.0.0.0/8"}})",
                                "qualifier-on-single-valued-key");
  CHECK(finding.message ==
        "`ForAllValues:` on `aws:SourceIp`, which AWS documents as single-valued");
  for (const char* key : {"aws:PrincipalArn", "aws:RequestTag/team", "AWS:ResourceTag/Env",
                          "aws:PrincipalTag/x", "kms:EncryptionContext:app"}) {
    OnlyWarning(std::string(R"({"ForAnyValue:StringEquals": {")") + key + R"(": "a"}})",
                "qualifier-on-single-valued-key");
  }
  CHECK(Compile(R"({"ForAnyValue:StringEquals": {"x:unknown": "a"}})").findings.empty());
}

TEST_CASE("missing-qualifier-on-multivalued-key", "[condition]") {
  Finding finding = OnlyWarning(R"({"StringEquals": {"aws:TagKeys": "team"}})",
                                "missing-qualifier-on-multivalued-key");
  CHECK(finding.message ==
        "`aws:TagKeys` is multivalued but `StringEquals` has no `ForAllValues:` or "
        "`ForAnyValue:` qualifier");
  for (const char* key : {"aws:CalledVia", "aws:PrincipalOrgPaths", "aws:ResourceOrgPaths",
                          "aws:SourceOrgPaths", "aws:PrincipalServiceNamesList",
                          "kms:EncryptionContextKeys", "kms:GrantOperations", "AWS:TAGKEYS"}) {
    OnlyWarning(std::string(R"({"StringLike": {")") + key + R"(": "a*"}})",
                "missing-qualifier-on-multivalued-key");
  }
  // Null on a multivalued key is how the ForAllValues footgun is fixed.
  CHECK(Compile(R"({"Null": {"aws:TagKeys": "false"}})").findings.empty());
  CHECK(Compile(R"({"ForAllValues:StringEquals": {"aws:TagKeys": "a"}})").findings.empty());
}

TEST_CASE("Limits on patterns and value counts", "[condition]") {
  Limits limits;
  limits.max_pattern_length = 10;
  limits.max_wildcards_per_pattern = 2;
  limits.max_condition_values = 2;
  Compiled compiled = Compile(R"({"StringLike": {"x:k": "0123456789a"}})", true, &limits);
  CHECK_FALSE(compiled.ok);
  compiled.One("pattern-too-long");
  compiled = Compile(R"({"ArnLike": {"x:k": "*:*:*"}})", true, &limits);
  compiled.One("too-many-wildcards");
  compiled = Compile(R"({"StringEquals": {"x:k": ["a", "b", "c"]}})", true, &limits);
  compiled.One("too-many-condition-values");
  compiled = Compile(R"({"StringEquals": {"x:k": "0123456789abc"}})", true, &limits);
  CHECK(compiled.ok);  // equality values are not patterns
}

TEST_CASE("Findings are located by JSON path", "[condition]") {
  Compiled compiled = Compile(R"({"StringEquals": {"x:k": ["a", "${}"]}})");
  Finding finding = compiled.One("invalid-variable");
  CHECK(finding.path.find("StringEquals") != std::string::npos);
  CHECK(finding.path.find("[1]") != std::string::npos);
}

}  // namespace
}  // namespace iameval::internal
