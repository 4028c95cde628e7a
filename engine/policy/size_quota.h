// File: engine/policy/size_quota.h
//
// AWS's size quota for each kind of policy (policy_kind_rules.h), measured
// the way AWS measures it: IAM counts characters without the whitespace
// outside strings; Organizations, S3 and KMS count every byte. AWS refuses to
// store a customer policy over its quota, yet its own managed policies exceed
// it and are enforced as published: so the finding is a warning, and an error
// only under Limits::enforce_aws_size_quotas (gating customer policies in CI).
//
//   {"Statement": [ ... ]}   with 12,000 characters besides whitespace:
//   the policy is 12,000 characters without whitespace, over the 10,240 aws
//   allows for an identity policy

#ifndef IAMEVAL_ENGINE_SIZE_QUOTA_H_
#define IAMEVAL_ENGINE_SIZE_QUOTA_H_

#include <cstddef>
#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "json/json_tree.h"
#include "policy/policy_kind_rules.h"

namespace iameval::internal {

// Code points, with whitespace outside strings left out: how IAM measures a
// document against its quota. `text` is well-formed UTF-8 (ParseJson has
// checked it), so no escape is followed by a continuation byte.
size_t CountCharactersWithoutWhitespace(std::string_view text);

// Adds `policy-too-large` of `severity`, located at the root of `doc`, when
// `text` is over the quota of `rules`.
void CheckSizeQuota(std::string_view text, const KindRules& rules, const JsonDocument& doc,
                    Severity severity, std::vector<Finding>* findings);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_SIZE_QUOTA_H_
