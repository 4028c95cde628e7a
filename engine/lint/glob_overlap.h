// File: engine/lint/glob_overlap.h
//
// Whether two wildcard patterns can match a common text: a policy's Resource
// (`arn:aws:s3:::logs-*/2024/*`) against an ARN template of the catalogue
// (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`, its `${...}` parts
// read as `*`). Lint reports a Resource that overlaps no template of the
// statement's actions: it grants nothing for them.
//
//   GlobsOverlap("arn:aws:s3:::b/*", "arn:*:s3:::*/*")   // true
//   GlobsOverlap("arn:aws:s3:::b", "arn:*:s3:::*/*")     // false: no object in a bucket ARN
//
// ASCII case is ignored: a false "grants nothing" costs more than a missed one.

#ifndef IAMEVAL_ENGINE_LINT_GLOB_OVERLAP_H_
#define IAMEVAL_ENGINE_LINT_GLOB_OVERLAP_H_

#include <string>
#include <string_view>

namespace iameval::internal {

// `*` any run of characters, `?` one character. Cost O(|a| x |b|) time and
// bits; callers bound the lengths (Limits::max_pattern_length).
bool GlobsOverlap(std::string_view a, std::string_view b);

// A policy Resource as a pattern: each policy variable `${...}` becomes `*`
// (it may stand for anything).
std::string ResourcePattern(std::string_view resource);

// An ARN template as a pattern: each `${...}` becomes `*`.
std::string TemplatePattern(std::string_view arn_template);

// Whether policy resource `resource` (a ResourcePattern) and a resource
// type's pattern (TemplatePattern) overlap as ARNs: the first five fields
// each on their own (a template's placeholders there hold no `:`), then the
// resource part. Where the policy's own wildcards sit in the first five
// fields and the fields disagree, the whole texts decide (a policy `*` may
// run across a `:`).
bool ArnOverlap(std::string_view resource, std::string_view template_pattern);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_LINT_GLOB_OVERLAP_H_
