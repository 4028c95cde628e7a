// File: engine/lint/region_checks.cc
//
// Region codes that no AWS partition has (aws_regions.h):
//
//   invalid-arn-region  a Resource ARN's Region field (`arn:aws:ec2:us-east-1a:...`, an
//                       Availability Zone; `cn-north-1` in the `aws` partition): the ARN
//                       matches no resource (INVALID_ARN_REGION)
//   invalid-region      an `aws:RequestedRegion` or `ec2:Region` value under a String
//                       operator (`us-east`, `eu-west-7b`): no request carries it (INVALID_REGION)
//
// Fields and values with a wildcard or a policy variable are not judged, nor
// an ARN with a wildcard before its resource part (a `*` there may span `:`).

#include <string>
#include <string_view>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "lint/aws_regions.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

void CheckArnRegions(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  for (uint32_t node : statement.resources) {
    const std::string_view text = doc.node(node).text;
    std::string_view fields[6];
    if (!SplitArnFields(text, fields) || fields[0] != "arn") continue;
    const std::string_view partition = fields[1], region = fields[3];
    if (region.empty() || HasWildcardOrVariable(region) || HasWildcardOrVariable(fields[2]) ||
        HasWildcardOrVariable(fields[4])) {
      continue;
    }
    bool known;
    if (partition.find_first_of("*?") != std::string_view::npos) {
      continue;  // a `*` there may span a `:`
    } else if (partition.find("${") != std::string_view::npos) {
      known = IsRegionOfAnyPartition(region);
    } else if (IsKnownPartitionName(partition)) {
      known = IsRegionOfPartition(partition, region);
    } else {
      continue;  // invalid-arn-partition says so
    }
    if (known) continue;
    const bool elsewhere = IsRegionOfAnyPartition(region);
    context.Add(node, "invalid-arn-region", LintSeverity::kWarning, "INVALID_ARN_REGION",
                Quote(text) + ": " + Quote(region) +
                    (elsewhere ? " is a Region of another partition than " + Quote(partition)
                               : std::string(" is no AWS Region")) +
                    ", so the ARN matches no resource",
                "write a Region code such as `us-east-1` (not an Availability Zone such as "
                "`us-east-1a`), or `*`");
  }
}

void CheckRegionValues(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  ForEachConditionOperator(doc, statement, [&](uint32_t op, const OperatorName& name) {
    const OperatorFamily family = name.info->family;
    if (family != OperatorFamily::kString && family != OperatorFamily::kStringIgnoreCase &&
        family != OperatorFamily::kStringLike) {
      return;
    }
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      const std::string_view key = doc.node(k).key;
      if (!EqualsIgnoreCase(key, "aws:RequestedRegion") && !EqualsIgnoreCase(key, "ec2:Region")) {
        continue;
      }
      for (uint32_t v : StringNodes(doc, k)) {
        const std::string_view text = doc.node(v).text;
        if (text.empty() || HasWildcardOrVariable(text)) continue;
        std::string region(text);
        if (family == OperatorFamily::kStringIgnoreCase) {
          for (char& c : region) c = LowerAscii(c);
        }
        if (IsRegionOfAnyPartition(region)) continue;
        context.Add(v, "invalid-region", LintSeverity::kWarning, "INVALID_REGION",
                    Quote(text) + " is no AWS Region, so no request's " + Quote(key) + " equals it",
                    "write a Region code such as `us-east-1` (not an Availability Zone such as "
                    "`us-east-1a`)");
      }
    }
  });
}

}  // namespace

void CheckRegions(LintContext& context, const StatementView& statement) {
  CheckArnRegions(context, statement);
  CheckRegionValues(context, statement);
}

}  // namespace iameval::internal
