// File: engine/lint/lint_test.cc
//
// Each catalogue check fires where it should, at the right place, and stays
// quiet on the correct form of the same policy. The corpus in
// conformance/lint/ holds more cases, run by lint_corpus_test.cc.

#include "iameval/lint.h"

#include <catch2/catch.hpp>
#include <string>

#include "catalogue/test_catalogue.h"

namespace iameval {
namespace {

using testing::ShippedCatalogue;

LintResult LintText(const std::string& text, PolicyKind kind = PolicyKind::kIdentity) {
  return Lint(text, kind, ShippedCatalogue());
}

// A policy with one statement made of `members` (JSON object members).
std::string OneStatement(const std::string& members) {
  return R"({"Version": "2012-10-17", "Statement": [{)" + members + "}]}";
}

std::vector<std::string> Codes(const LintResult& result) {
  std::vector<std::string> codes;
  for (const LintFinding& finding : result.findings) codes.push_back(finding.code);
  return codes;
}

const LintFinding* Find(const LintResult& result, const std::string& code) {
  for (const LintFinding& finding : result.findings) {
    if (finding.code == code) return &finding;
  }
  return nullptr;
}

TEST_CASE("lint says did you mean s3:GetObject at the line and column", "[lint]") {
  LintResult result = LintText(
      "{\n"
      "  \"Version\": \"2012-10-17\",\n"
      "  \"Statement\": [{\n"
      "    \"Effect\": \"Allow\",\n"
      "    \"Action\": [\"s3:GetObjekt\"],\n"
      "    \"Resource\": \"arn:aws:s3:::bucket/*\"\n"
      "  }]\n"
      "}\n");
  REQUIRE(result.findings.size() == 1);
  const LintFinding& finding = result.findings[0];
  CHECK(finding.code == "unknown-action");
  CHECK(finding.severity == LintSeverity::kError);
  CHECK(finding.aws_code == "INVALID_ACTION");
  CHECK(finding.line == 5);
  CHECK(finding.column == 16);
  CHECK(finding.path == "Statement[0].Action[0]");
  CHECK(finding.help == "did you mean `s3:GetObject`?");
  CHECK(FormatLintFinding(finding, "p.json") ==
        "p.json:5:16: error: `s3:GetObjekt` is not an action of s3 (Amazon S3) [unknown-action]");
  CHECK(result.catalogue_date == "2026-09-26");
  CHECK(result.HasAtLeast(LintSeverity::kError));
}

TEST_CASE("a correct policy has no findings", "[lint]") {
  LintResult result = LintText(OneStatement(
      R"("Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
         "Resource": "arn:aws:s3:::bucket/*")"));
  CHECK(result.findings.empty());
  CHECK_FALSE(result.HasAtLeast(LintSeverity::kSuggestion));
}

TEST_CASE("unknown services and patterns that match nothing", "[lint]") {
  LintResult typo =
      LintText(OneStatement(R"("Effect": "Allow", "Action": "s4:GetObject", "Resource": "*")"));
  REQUIRE(Find(typo, "unknown-service") != nullptr);
  CHECK(Find(typo, "unknown-service")->help == "did you mean `s3`?");
  LintResult far =
      LintText(OneStatement(R"("Effect": "Allow", "Action": "zzzqqq:GetObject", "Resource": "*")"));
  REQUIRE(Find(far, "service-not-in-catalogue") != nullptr);
  CHECK(Find(far, "service-not-in-catalogue")->severity == LintSeverity::kWarning);
  LintResult nothing =
      LintText(OneStatement(R"("Effect": "Allow", "Action": "s3:Gett*", "Resource": "*")"));
  CHECK(Codes(nothing) == std::vector<std::string>{"action-pattern-matches-nothing"});
  LintResult newer = LintText(
      OneStatement(R"("Effect": "Allow", "Action": "s3:CompletelyNewThing", "Resource": "*")"));
  REQUIRE(Find(newer, "action-not-in-catalogue") != nullptr);
  CHECK(Find(newer, "action-not-in-catalogue")->help.find("2026-09-26") != std::string::npos);
}

TEST_CASE("an extension makes a newer action known", "[lint]") {
  CatalogueLoad load =
      Catalogue::LoadFile(std::string(IAMEVAL_SOURCE_DIR) + "/engine/catalogue/data/catalogue.tsv");
  REQUIRE(load.ok());
  REQUIRE(load.catalogue->Extend("service\ts3\naction\tCompletelyNewThing\tR\n").empty());
  LintResult result = Lint(OneStatement(R"("Effect": "Allow", "Action": "s3:CompletelyNewThing",
                                            "Resource": "*")"),
                           PolicyKind::kIdentity, *load.catalogue);
  CHECK(result.findings.empty());
}

TEST_CASE("resources against the actions' resource types", "[lint]") {
  // A bucket ARN for an object action grants nothing.
  LintResult bucket = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket")"));
  CHECK(Codes(bucket) == std::vector<std::string>{"resource-matches-no-action"});
  LintResult typo = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "iam:GetRole", "Resource": "arn:aws:iam::123456789012:rolle/x")"));
  CHECK(Codes(typo) == std::vector<std::string>{"resource-matches-no-resource-type"});
  LintResult star_only = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "arn:aws:s3:::bucket")"));
  CHECK(Codes(star_only) == std::vector<std::string>{"action-requires-wildcard-resource"});
  LintResult could =
      LintText(OneStatement(R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": "*")"));
  CHECK(Codes(could) == std::vector<std::string>{"resource-could-be-specific"});
  CHECK(Find(could, "resource-could-be-specific")->severity == LintSeverity::kSuggestion);
  // Variables stand for anything.
  LintResult variable = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*")"));
  CHECK(variable.findings.empty());
}

TEST_CASE("condition keys: unknown, unsupported, mistyped, qualified", "[lint]") {
  LintResult near = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
         "Condition": {"StringEquals": {"aws:SourceArm": "x"}})"));
  REQUIRE(Find(near, "unknown-condition-key") != nullptr);
  CHECK(Find(near, "unknown-condition-key")->help == "did you mean `aws:SourceArn`?");
  CHECK(Find(near, "unknown-condition-key")->path ==
        "Statement[0].Condition.StringEquals[\"aws:SourceArm\"]");

  LintResult unsupported = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "ec2:DescribeInstances", "Resource": "*",
         "Condition": {"StringLike": {"s3:prefix": "home/*"}})"));
  CHECK(Codes(unsupported) == std::vector<std::string>{"condition-key-not-supported"});
  LintResult supported = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
         "Condition": {"StringLike": {"s3:prefix": "home/*"}})"));
  CHECK(supported.findings.empty());

  LintResult date = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
         "Condition": {"StringEquals": {"aws:CurrentTime": "2026-01-01T00:00:00Z"}})"));
  CHECK(Codes(date) == std::vector<std::string>{"condition-operator-type-mismatch"});
  LintResult boolean = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
         "Condition": {"Bool": {"aws:PrincipalTag/team": "true"}})"));
  CHECK(Codes(boolean) == std::vector<std::string>{"condition-operator-type-mismatch"});

  LintResult forall = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b",
         "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-abc"}})"));
  REQUIRE(Find(forall, "forallvalues-on-single-valued-key") != nullptr);
  CHECK(Find(forall, "forallvalues-on-single-valued-key")->severity ==
        LintSeverity::kSecurityWarning);
  CHECK(Find(forall, "qualifier-on-single-valued-key") == nullptr);  // replaced, not repeated

  LintResult hole = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "ec2:CreateVolume", "Resource": "*",
         "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}})"));
  CHECK(Find(hole, "forallvalues-without-null-guard") != nullptr);
  // A tagging action always names its tag keys: no hole.
  LintResult tagging = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*",
         "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}})"));
  CHECK(Find(tagging, "forallvalues-without-null-guard") == nullptr);
  LintResult guarded = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "ec2:CreateVolume", "Resource": "*",
         "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]},
                       "Null": {"aws:TagKeys": "false"}})"));
  CHECK(Find(guarded, "forallvalues-without-null-guard") == nullptr);

  LintResult if_exists = LintText(OneStatement(
      R"("Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*",
         "Condition": {"BoolIfExists": {"aws:SecureTransport": "false"}})"));
  CHECK(Codes(if_exists) == std::vector<std::string>{"ifexists-on-always-present-key"});
}

TEST_CASE("empty strings reach the catalogue checks without harm", "[lint]") {
  // lint_fuzz: an empty Resource string (a view with no data) in the
  // redundancy check's sorted lists; ASan/UBSan run this in make test.
  LintResult result =
      LintText(OneStatement(R"("Effect": "Allow", "Action": "s3:GetObject", "Resource": "")"));
  CHECK(Find(result, "empty-value") != nullptr);
  LintResult actions = LintText(OneStatement(R"("Effect": "Allow", "Action": ["", "s3:*", ""],
                                                 "Resource": ["", "*"])"));
  CHECK(Find(actions, "empty-value") != nullptr);
}

TEST_CASE("security warnings: PassRole, NotAction, public and service principals", "[lint]") {
  LintResult pass =
      LintText(OneStatement(R"("Effect": "Allow", "Action": "iam:PassRole", "Resource": "*")"));
  REQUIRE(Find(pass, "pass-role-with-wildcard-resource") != nullptr);
  CHECK(Find(pass, "pass-role-with-wildcard-resource")->severity == LintSeverity::kSecurityWarning);
  CHECK(Find(pass, "pass-role-with-wildcard-resource")->aws_code ==
        "PASS_ROLE_WITH_STAR_IN_RESOURCE");
  LintResult bounded = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
         "Condition": {"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}})"));
  CHECK(Find(bounded, "pass-role-with-wildcard-resource") == nullptr);
  // Access Analyzer grades a wildcard action covering PassRole a security warning too.
  LintResult star = LintText(OneStatement(R"("Effect": "Allow", "Action": "*", "Resource": "*")"));
  REQUIRE(Find(star, "pass-role-with-wildcard-resource") != nullptr);
  CHECK(Find(star, "pass-role-with-wildcard-resource")->severity == LintSeverity::kSecurityWarning);
  CHECK(Find(star, "pass-role-with-wildcard-resource")->aws_code ==
        "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE");
  // Every role of the account (`role/*`) counts; a service's naming convention does not.
  for (const char* resource : {"arn:aws:iam::111122223333:role/*", "arn:aws:iam::*:*",
                               "arn:aws:iam::111122223333:role/service-role/*", "arn:aws:*"}) {
    LintResult wide = LintText(
        OneStatement(std::string(R"("Effect": "Allow", "Action": "iam:PassRole", "Resource": ")") +
                     resource + "\""));
    CHECK(Find(wide, "pass-role-with-wildcard-resource") != nullptr);
  }
  for (const char* resource :
       {"arn:aws:iam::111122223333:role/AmazonSageMaker*", "arn:aws:iam::*:role/*datazone*",
        "arn:aws:iam::*:role/MyRole", "arn:aws:iam::111122223333:user/*", "arn:aws:s3:::*"}) {
    LintResult narrow = LintText(
        OneStatement(std::string(R"("Effect": "Allow", "Action": "iam:PassRole", "Resource": ")") +
                     resource + "\""));
    CHECK(Find(narrow, "pass-role-with-wildcard-resource") == nullptr);
  }

  // A Deny on a tag key some of its actions never carry does not deny them.
  LintResult tag = LintText(OneStatement(
      R"("Effect": "Deny", "Action": ["ec2:DeleteTags", "tag:UntagResources"], "Resource": "*",
         "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "owner"}})"));
  REQUIRE(Find(tag, "deny-with-unsupported-tag-key") != nullptr);
  CHECK(Find(tag, "deny-with-unsupported-tag-key")->severity == LintSeverity::kSecurityWarning);
  CHECK(Find(tag, "deny-with-unsupported-tag-key")->message.find("tag:UntagResources") !=
        std::string::npos);
  LintResult carried = LintText(OneStatement(
      R"("Effect": "Deny", "Action": "ec2:DeleteTags", "Resource": "*",
         "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "owner"}})"));
  CHECK(Find(carried, "deny-with-unsupported-tag-key") == nullptr);
  LintResult if_exists = LintText(OneStatement(
      R"("Effect": "Deny", "Action": "tag:UntagResources", "Resource": "*",
         "Condition": {"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "owner"}})"));
  CHECK(Find(if_exists, "deny-with-unsupported-tag-key") == nullptr);

  LintResult not_action =
      LintText(OneStatement(R"("Effect": "Allow", "NotAction": "iam:*", "Resource": "*")"));
  CHECK(Find(not_action, "allow-with-not-action") != nullptr);

  std::string bucket = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]})";
  LintResult open = LintText(bucket, PolicyKind::kResource);
  REQUIRE(Find(open, "public-access") != nullptr);
  CHECK(Find(open, "public-access")->severity == LintSeverity::kSecurityWarning);

  std::string queue = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage",
      "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]})";
  LintResult deputy = LintText(queue, PolicyKind::kResource);
  REQUIRE(Find(deputy, "service-principal-without-source") != nullptr);
  CHECK(Find(deputy, "service-principal-without-source")->aws_code ==
        "RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL");

  std::string cross = R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sqs:SendMessage",
      "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]})";
  CHECK(Find(LintText(cross, PolicyKind::kResource), "cross-account-access") != nullptr);
}

TEST_CASE("redundant actions and statements", "[lint]") {
  LintResult action = LintText(
      OneStatement(R"("Effect": "Allow", "Action": ["s3:*", "s3:GetObject"], "Resource": "*")"));
  REQUIRE(Find(action, "redundant-action") != nullptr);
  CHECK(Find(action, "redundant-action")->path == "Statement[0].Action[1]");
  LintResult statement = LintText(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"},
      {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/x"}]})");
  REQUIRE(Find(statement, "redundant-statement") != nullptr);
  CHECK(Find(statement, "redundant-statement")->path == "Statement[1]");
}

TEST_CASE("a `?` covers no `*`: it matches the text `*`, not what `*` matches", "[lint]") {
  // The paths where `code` is reported.
  auto paths = [](const LintResult& result, const std::string& code) {
    std::vector<std::string> at;
    for (const LintFinding& finding : result.findings) {
      if (finding.code == code) at.push_back(finding.path);
    }
    return at;
  };
  using Paths = std::vector<std::string>;
  // `s3:GetObjec*` covers `s3:GetObjec?`; `s3:GetObjec?` matches the text
  // `s3:GetObjec*` but not s3:GetObjectTagging, so not the other way round.
  CHECK(paths(LintText(OneStatement(R"("Effect": "Allow", "Action": ["s3:GetObjec?",
              "s3:GetObjec*"], "Resource": "*")")),
              "redundant-action") == Paths{"Statement[0].Action[0]"});
  CHECK(paths(LintText(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Allow", "Action": "s3:GetObjec?", "Resource": "arn:aws:s3:::b/*"},
      {"Effect": "Allow", "Action": "s3:GetObjec*", "Resource": "arn:aws:s3:::b/*"}]})"),
              "redundant-statement") == Paths{"Statement[0]"});
  CHECK(paths(LintText(OneStatement(R"("Effect": "Allow", "Action": "s3:GetObject",
      "Resource": ["arn:aws:s3:::b/?", "arn:aws:s3:::b/*"])")),
              "redundant-resource") == Paths{"Statement[0].Resource[0]"});
}

TEST_CASE("grammar findings come in the same list, with Access Analyzer codes", "[lint]") {
  LintResult result = LintText(R"({"Statement": [{"Effect": "allow", "Action": "s3:GetObjekt",
                                   "Resource": "*"}]})");
  REQUIRE(Find(result, "invalid-effect") != nullptr);
  CHECK(Find(result, "invalid-effect")->aws_code == "INVALID_EFFECT");
  CHECK(Find(result, "missing-version") != nullptr);
  CHECK(Find(result, "unknown-action") != nullptr);
  LintResult broken = LintText("{\"Statement\": [");
  REQUIRE(broken.findings.size() == 1);
  CHECK(broken.findings[0].code == "invalid-json");
  CHECK(broken.findings[0].aws_code == "JSON_SYNTAX_ERROR");
}

TEST_CASE("output: JSON and SARIF carry the catalogue's date and every finding", "[lint]") {
  LintResult result = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*")"));
  std::string json = LintResultToJson(result);
  CHECK(json.find(R"("catalogue":{"date":"2026-09-26")") != std::string::npos);
  CHECK(json.find(R"("help":"did you mean `s3:GetObject`?")") != std::string::npos);
  std::string sarif = LintResultsToSarif({{"p.json", result}});
  CHECK(sarif.find(R"("version":"2.1.0")") != std::string::npos);
  CHECK(sarif.find(R"("ruleId":"unknown-action")") != std::string::npos);
  CHECK(sarif.find("did you mean `s3:GetObject`?") != std::string::npos);
  std::string via_json = LintJson(
      R"({"policy": {"Version": "2012-10-17", "Statement": {"Effect": "Allow",
          "Action": "s3:GetObjekt", "Resource": "*"}}})",
      ShippedCatalogue());
  CHECK(via_json.find("unknown-action") != std::string::npos);
  CHECK(LintJson("[]", ShippedCatalogue()) ==
        R"({"error":"invalid-input","message":"the input must be a JSON object"})");
  CHECK(LintJson(R"({"policy": "{}", "kind": "nope"})", ShippedCatalogue()).find("invalid-input") !=
        std::string::npos);
}

TEST_CASE("LintTextJson answers as LintJson with the text and kind in its envelope", "[lint]") {
  const std::string text =
      "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": {\"Effect\": \"Allow\", \"Principal\": "
      "\"*\",\n    \"Action\": [\"s3:GetObjekt\", \"s3:GetObject\"], \"Resource\": "
      "\"arn:aws:s3:::b/*\"}}";
  for (const char* kind : {"identity", "resource"}) {
    std::string envelope = std::string(R"({"kind": ")") + kind + R"(", "policy": ")";
    for (char c : text) {
      if (c == '"')
        envelope += "\\\"";
      else if (c == '\n')
        envelope += "\\n";
      else
        envelope += c;
    }
    envelope += "\"}";
    const std::string answer = LintTextJson(text, kind, ShippedCatalogue());
    CHECK(answer == LintJson(envelope, ShippedCatalogue()));
    CHECK(answer.find(R"("line":4,"column":16)") != std::string::npos);  // in the text itself
  }
  CHECK(LintTextJson("{}", "nope", ShippedCatalogue()) ==
        LintJson(R"({"policy": "{}", "kind": "nope"})", ShippedCatalogue()));
  CHECK(LintTextJson(std::string((8u << 20) + 1, ' '), "identity", ShippedCatalogue()) ==
        R"({"error":"invalid-input","message":"the input is over 8 MiB"})");
  CHECK(LintTextJson("[", "scp", ShippedCatalogue()).find("invalid-json") != std::string::npos);
}

TEST_CASE("an Allow on a tag key its actions lack is a suggestion, not a warning", "[lint]") {
  const std::string condition = R"("Condition": {"StringEquals": {"aws:ResourceTag/team": "a"}})";
  LintResult allow = LintText(
      OneStatement(R"("Effect": "Allow", "Action": ["ec2:StartInstances", "tag:GetResources"], )"
                   R"("Resource": "*", )" +
                   condition));
  REQUIRE(Find(allow, "allow-with-unsupported-tag-key") != nullptr);
  CHECK(Find(allow, "allow-with-unsupported-tag-key")->severity == LintSeverity::kSuggestion);
  CHECK(Find(allow, "deny-with-unsupported-tag-key") == nullptr);
  // Every action carries the key: nothing to say.
  LintResult supported = LintText(OneStatement(
      R"("Effect": "Allow", "Action": "ec2:StartInstances", "Resource": "*", )" + condition));
  CHECK(Find(supported, "allow-with-unsupported-tag-key") == nullptr);
}

}  // namespace
}  // namespace iameval
