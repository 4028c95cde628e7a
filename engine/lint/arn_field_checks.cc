// File: engine/lint/arn_field_checks.cc
//
// A Resource ARN's Region and account fields against the ARN templates of
// its service's resource types (the Service Authorization Reference's ARN
// formats, in the catalogue):
//
//   arn-region-not-allowed   a Region where the resource types have none
//                            (`arn:aws:iam:us-east-1:111122223333:role/x`): ARN_REGION_NOT_ALLOWED
//   missing-arn-region       no Region where they all have one
//                            (`arn:aws:ec2::111122223333:instance/i-1`): MISSING_ARN_REGION
//   arn-account-not-allowed  an account where they have none
//                            (`arn:aws:s3::111122223333:bucket`): ARN_ACCOUNT_NOT_ALLOWED
//   missing-arn-account      no account where they all have one
//                            (`arn:aws:sqs:us-east-1::queue`): MISSING_ARN_ACCOUNT
//
// "They" are the service's resource types whose resource part (after the
// fifth `:`) can match the ARN's: only when every one of them agrees is the
// field wrong, so the ARN matches no resource. A field with a wildcard or a
// variable is not judged, nor an ARN with a wildcard before its resource
// part (a `*` there may span a `:`).

#include <string>
#include <string_view>

#include "lint/glob_overlap.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

// What a template's field says: always empty, never empty (a placeholder
// such as `${Region}`, or a literal such as `aws`), or either (`*`).
enum class FieldRule { kEmpty, kPresent, kAny };

FieldRule RuleOf(std::string_view field) {
  if (field.empty()) return FieldRule::kEmpty;
  if (field.find_first_of("*?") != std::string_view::npos) return FieldRule::kAny;
  return FieldRule::kPresent;
}

// What the candidate types agree on for one field.
struct Agreement {
  bool all_empty = true;
  bool all_present = true;
  void Add(FieldRule rule) {
    all_empty = all_empty && rule == FieldRule::kEmpty;
    all_present = all_present && rule == FieldRule::kPresent;
  }
};

}  // namespace

bool SplitArnFields(std::string_view arn, std::string_view fields[6]) {
  // One pass over the bytes (find_first_of with a two-byte set would call
  // memchr once per byte: lint splits every resource type's template of an
  // ARN's service, for every ARN).
  const size_t size = arn.size();
  size_t start = 0, at = 0;
  for (int i = 0; i < 5; ++i) {
    // A policy variable may hold a `:` (`${aws:RequestedRegion}`): it is not a separator.
    for (;; ++at) {
      if (at >= size) return false;
      const char c = arn[at];
      if (c == ':') break;
      if (c == '$' && at + 1 < size && arn[at + 1] == '{') {
        const size_t close = arn.find('}', at);
        if (close == std::string_view::npos) return false;
        at = close;  // the loop steps past it
      }
    }
    fields[i] = arn.substr(start, at - start);
    start = ++at;
  }
  fields[5] = arn.substr(start);
  return true;
}

ArnFieldFault FindArnFieldFault(const CatalogueData& catalogue, std::string_view arn) {
  std::string_view fields[6];
  if (!SplitArnFields(arn, fields) || fields[0] != "arn") return ArnFieldFault::kNone;
  // No wildcard before the resource part: the fields are what they seem.
  for (int i = 1; i < 5; ++i) {
    if (fields[i].find_first_of("*?") != std::string_view::npos) return ArnFieldFault::kNone;
  }
  const std::string_view service = fields[2], region = fields[3], account = fields[4];
  if (service.find("${") != std::string_view::npos) return ArnFieldFault::kNone;
  const bool judge_region = region.find("${") == std::string_view::npos;
  const bool judge_account = account.find("${") == std::string_view::npos;
  if (!judge_region && !judge_account) return ArnFieldFault::kNone;
  const std::vector<uint32_t>* types = catalogue.ResourceTypesOfArnService(service);
  if (types == nullptr) return ArnFieldFault::kNone;

  // First the service's types as a whole: most ARNs have the fields every
  // type has, and nothing more is read.
  Agreement all_region, all_account;
  for (uint32_t id : *types) {
    const ResourceTypeInfo& type = catalogue.resource_types()[id];
    if (!type.has_arn_fields) return ArnFieldFault::kNone;
    all_region.Add(RuleOf(type.arn_region));
    all_account.Add(RuleOf(type.arn_account));
  }
  const bool region_doubt =
      judge_region && (region.empty() ? !all_region.all_empty : !all_region.all_present);
  const bool account_doubt =
      judge_account && (account.empty() ? !all_account.all_empty : !all_account.all_present);
  if (!region_doubt && !account_doubt) return ArnFieldFault::kNone;

  // Then only the types whose resource part can match this ARN's.
  const std::string resource = ResourcePattern(fields[5]);
  Agreement region_rule, account_rule;
  bool any = false;
  for (uint32_t id : *types) {
    const ResourceTypeInfo& type = catalogue.resource_types()[id];
    if (!GlobsOverlap(resource, std::string_view(type.pattern).substr(type.pattern_resource_at))) {
      continue;
    }
    any = true;
    region_rule.Add(RuleOf(type.arn_region));
    account_rule.Add(RuleOf(type.arn_account));
  }
  if (!any) return ArnFieldFault::kNone;
  if (judge_region) {
    if (!region.empty() && region_rule.all_empty) return ArnFieldFault::kRegionNotAllowed;
    if (region.empty() && region_rule.all_present) return ArnFieldFault::kMissingRegion;
  }
  if (judge_account) {
    if (!account.empty() && account_rule.all_empty) return ArnFieldFault::kAccountNotAllowed;
    if (account.empty() && account_rule.all_present) return ArnFieldFault::kMissingAccount;
  }
  return ArnFieldFault::kNone;
}

void CheckArnTemplateFields(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  for (uint32_t node : statement.resources) {
    const std::string_view text = doc.node(node).text;
    const ArnFieldFault fault = FindArnFieldFault(context.catalogue, text);
    if (fault == ArnFieldFault::kNone) continue;
    std::string_view fields[6];
    SplitArnFields(text, fields);
    const std::string service(fields[2]);
    switch (fault) {
      case ArnFieldFault::kRegionNotAllowed:
        context.Add(node, "arn-region-not-allowed", LintSeverity::kWarning,
                    "ARN_REGION_NOT_ALLOWED",
                    Quote(text) + ": " + service + " resource ARNs of this form have no Region, " +
                        "so " + Quote(fields[3]) + " makes it match no resource",
                    "leave the Region field empty (`arn:aws:" + service + "::...`)");
        break;
      case ArnFieldFault::kMissingRegion:
        context.Add(node, "missing-arn-region", LintSeverity::kWarning, "MISSING_ARN_REGION",
                    Quote(text) + ": " + service + " resource ARNs of this form have a Region, " +
                        "so an empty one makes it match no resource",
                    "write the Region (`us-east-1`), or `*` for any");
        break;
      case ArnFieldFault::kAccountNotAllowed:
        context.Add(node, "arn-account-not-allowed", LintSeverity::kWarning,
                    "ARN_ACCOUNT_NOT_ALLOWED",
                    Quote(text) + ": " + service + " resource ARNs of this form have no " +
                        "account, so " + Quote(fields[4]) + " makes it match no resource",
                    "leave the account field empty (S3 bucket names are global: "
                    "`arn:aws:s3:::bucket`)");
        break;
      case ArnFieldFault::kMissingAccount:
        context.Add(node, "missing-arn-account", LintSeverity::kWarning, "MISSING_ARN_ACCOUNT",
                    Quote(text) + ": " + service + " resource ARNs of this form have an " +
                        "account, so an empty one makes it match no resource",
                    "write the 12-digit account id, or `*` for any");
        break;
      case ArnFieldFault::kNone:
        break;
    }
  }
}

}  // namespace iameval::internal
