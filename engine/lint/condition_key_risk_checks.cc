// File: engine/lint/condition_key_risk_checks.cc
//
// Condition keys that do not limit access as they seem to (Access Analyzer's
// security warnings on single keys):
//
//   untrustworthy-condition-key       `aws:UserAgent`, `aws:Referer`: the caller writes them
//                                     (UNTRUSTWORTHY_CONDITION_KEY)
//   missing-paired-condition-key      `aws:VpcSourceIp` without `aws:SourceVpc`: the same
//                                     private addresses exist in every VPC
//                                     (MISSING_PAIRED_CONDITION_KEYS)
//   s3-prefix-in-negative-context     `s3:prefix` under a Deny with a positive operator, or an
//                                     Allow with a negated one: a shorter or no prefix lists
//                                     what it means to keep out (S3_PREFIX_IN_NEGATIVE_CONTEXT)
//   dynamodb-attributes-without-select  an Allow limiting `dynamodb:Attributes` without
//                                     `dynamodb:Select` = `SPECIFIC_ATTRIBUTES`: reads that
//                                     name no attributes return them all
//                                     (DYNAMODB_ATTRIBUTES_WITHOUT_SELECT)
//   foranyvalue-on-audience-key       `ForAnyValue:` on an identity provider's `...:aud` key
//                                     (FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE); `ForAllValues:`
//                                     a suggestion (CONFIRM_AUDIENCE_CLAIM_TYPE)
//   missing-tag-key-in-condition      `aws:ResourceTag` (RequestTag, PrincipalTag, or a service's)
//                                     without `/tag-key`: no request carries it, an error
//                                     (MISSING_TAG_KEY_IN_CONDITION)
//
// One walk over the statement's Condition; an operator name is read only
// when one of its keys is among these (most conditions name none).

#include <string>
#include <string_view>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

enum class KeyRisk {
  kNone,
  kUntrustworthy,
  kVpcSourceIp,
  kS3Prefix,
  kDynamoDbAttributes,
  kAudience,
  kTagWithoutName
};

// What a key is, by its name (keys are not case-sensitive).
KeyRisk Classify(std::string_view key) {
  switch (key.size()) {
    case 9:
      return EqualsIgnoreCase(key, "s3:prefix") ? KeyRisk::kS3Prefix : KeyRisk::kNone;
    case 11:
      if (EqualsIgnoreCase(key, "aws:referer")) return KeyRisk::kUntrustworthy;
      break;
    case 13:
      if (EqualsIgnoreCase(key, "aws:UserAgent")) return KeyRisk::kUntrustworthy;
      break;
    case 15:
      if (EqualsIgnoreCase(key, "aws:VpcSourceIp")) return KeyRisk::kVpcSourceIp;
      break;
    case 19:
      if (EqualsIgnoreCase(key, "dynamodb:Attributes")) return KeyRisk::kDynamoDbAttributes;
      break;
    default:
      break;
  }
  if (IsTagKeyWithoutName(key)) return KeyRisk::kTagWithoutName;
  return IsAudienceKey(key) ? KeyRisk::kAudience : KeyRisk::kNone;
}

// Whether the Condition says `dynamodb:Select` may only be
// `SPECIFIC_ATTRIBUTES`: a positive String operator (`StringEquals`,
// `StringEqualsIfExists`, ...) whose values are all that.
bool LimitsSelect(const JsonDocument& doc, const StatementView& statement) {
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      if (!EqualsIgnoreCase(doc.node(k).key, "dynamodb:Select")) continue;
      OperatorName name;
      std::string code, message, help;
      if (!ParseOperatorName(doc.node(op).key, &name, &code, &message, &help) ||
          name.info->negated ||
          (name.info->family != OperatorFamily::kString &&
           name.info->family != OperatorFamily::kStringIgnoreCase)) {
        continue;
      }
      std::vector<uint32_t> values = StringNodes(doc, k);
      bool specific = !values.empty();
      for (uint32_t v : values) {
        specific = specific && EqualsIgnoreCase(doc.node(v).text, "SPECIFIC_ATTRIBUTES");
      }
      if (specific) return true;
    }
  }
  return false;
}

// Whether the statement may allow an action that returns items, for which
// `dynamodb:Select` says which attributes come back: one the catalogue gives
// the key, or any when the statement's actions are not all known.
bool MayRead(const LintContext& context, const StatementView& statement) {
  if (statement.not_action || !statement.ActionsClosed()) return true;
  const KeyInfo* select = context.catalogue.FindKey("dynamodb:Select");
  if (select == nullptr) return true;
  const uint32_t id = context.catalogue.KeyId(*select);
  for (const ActionInfo* action : statement.NamedActions()) {
    if (ActionSupportsKey(context.catalogue, *action, id)) return true;
  }
  return false;
}

void CheckKey(LintContext& context, const StatementView& statement, KeyRisk risk,
              const OperatorName& name, uint32_t key) {
  const JsonDocument& doc = context.doc;
  const std::string_view text = doc.node(key).key;
  switch (risk) {
    case KeyRisk::kUntrustworthy:
      context.Add(key, "untrustworthy-condition-key", LintSeverity::kSecurityWarning,
                  "UNTRUSTWORTHY_CONDITION_KEY",
                  Quote(text) +
                      " comes from a header the caller writes: any client can send the value "
                      "the condition expects",
                  "do not control access with it; use keys AWS sets, such as "
                  "`aws:SourceVpce`, `aws:SourceIp` or `aws:PrincipalOrgID`",
                  true);
      return;
    case KeyRisk::kVpcSourceIp:
      if (statement.HasConditionKey(doc, "aws:SourceVpc")) return;
      context.Add(key, "missing-paired-condition-key", LintSeverity::kSecurityWarning,
                  "MISSING_PAIRED_CONDITION_KEYS",
                  Quote(text) +
                      " without `aws:SourceVpc`: the same private addresses can be used in "
                      "any VPC, including other accounts'",
                  "add `aws:SourceVpc` to the same condition block", true);
      return;
    case KeyRisk::kS3Prefix: {
      const bool negated = name.info->negated;
      if (statement.deny == negated || (!statement.deny && !statement.allow)) return;
      context.Add(key, "s3-prefix-in-negative-context", LintSeverity::kSecurityWarning,
                  "S3_PREFIX_IN_NEGATIVE_CONTEXT",
                  statement.deny
                      ? "a `Deny` matching `s3:prefix` is bypassed by listing with a shorter "
                        "prefix, or none: the listing still returns the keys it means to hide"
                      : "an `Allow` on `s3:prefix` under a negated operator also allows listing "
                        "with no prefix, or a shorter one, which returns every key",
                  "allow the prefixes that may be listed with a positive operator "
                  "(`StringLike`) instead",
                  true);
      return;
    }
    case KeyRisk::kDynamoDbAttributes:
      if (!statement.allow || name.info->negated || LimitsSelect(doc, statement) ||
          !MayRead(context, statement)) {
        return;
      }
      context.Add(key, "dynamodb-attributes-without-select", LintSeverity::kSecurityWarning,
                  "DYNAMODB_ATTRIBUTES_WITHOUT_SELECT",
                  "`dynamodb:Attributes` is limited without `dynamodb:Select`: a read that names "
                  "no attributes (or asks for all projected ones) returns every attribute",
                  "add `\"StringEqualsIfExists\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}`",
                  true);
      return;
    case KeyRisk::kAudience:
      if (name.qualifier == SetQualifier::kForAnyValue) {
        context.Add(key, "foranyvalue-on-audience-key", LintSeverity::kSecurityWarning,
                    "FORANYVALUE_WITH_AUDIENCE_CLAIM_TYPE",
                    "`ForAnyValue:` on " + Quote(text) +
                        ": a token issued for several audiences matches when any one of them is "
                        "listed",
                    "test the audience without a set qualifier (`StringEquals`)", true);
      } else if (name.qualifier == SetQualifier::kForAllValues) {
        context.Add(key, "forallvalues-on-audience-key", LintSeverity::kSuggestion,
                    "CONFIRM_AUDIENCE_CLAIM_TYPE",
                    "`ForAllValues:` on " + Quote(text) +
                        ": confirm that the provider sends the audience as a list (it is also "
                        "true when the token has none)",
                    "for a single audience, test it without a set qualifier (`StringEquals`)",
                    true);
      }
      return;
    case KeyRisk::kNone:
    case KeyRisk::kTagWithoutName:
      return;
  }
}

}  // namespace

bool IsTagKeyWithoutName(std::string_view key) {
  const size_t colon = key.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view name = key.substr(colon + 1);
  if (!name.empty() && name.back() == '/') name.remove_suffix(1);
  return EqualsIgnoreCase(name, "ResourceTag") || EqualsIgnoreCase(name, "RequestTag") ||
         EqualsIgnoreCase(name, "PrincipalTag");
}

bool IsAudienceKey(std::string_view key) {
  // Service prefixes have no `.` or `/`; identity providers' do.
  constexpr std::string_view kAud = ":aud";
  return key.size() > kAud.size() && EqualsIgnoreCase(key.substr(key.size() - kAud.size()), kAud) &&
         key.substr(0, key.size() - kAud.size()).find_first_of("./") != std::string_view::npos;
}

void CheckConditionKeyRisks(LintContext& context, const StatementView& statement) {
  if (statement.condition == kNoNode) return;
  const JsonDocument& doc = context.doc;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    OperatorName name;
    bool read = false;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      const KeyRisk risk = Classify(doc.node(k).key);
      if (risk == KeyRisk::kNone) continue;
      if (!read) {
        std::string code, message, help;
        if (!ParseOperatorName(doc.node(op).key, &name, &code, &message, &help)) break;
        read = true;
      }
      if (risk == KeyRisk::kTagWithoutName) {
        // The catalogue spells a few service keys this way (`glacier:ResourceTag/`).
        if (context.catalogue.FindKey(doc.node(k).key) == nullptr) {
          context.Add(k, "missing-tag-key-in-condition", LintSeverity::kError,
                      "MISSING_TAG_KEY_IN_CONDITION",
                      Quote(doc.node(k).key) +
                          " names no tag: requests carry one key per tag "
                          "(`aws:ResourceTag/team`), never this one",
                      "add the tag's key: `" + std::string(doc.node(k).key) +
                          (doc.node(k).key.back() == '/' ? "" : "/") + "TAG-KEY`",
                      true);
        }
        continue;
      }
      // A `Null` test asks whether the key is there, not what it says.
      if (name.info->family == OperatorFamily::kNull) break;
      CheckKey(context, statement, risk, name, k);
    }
  }
}

}  // namespace iameval::internal
