// File: engine/policy/iam_character_range.h
//
// IAM accepts only tab, line feed, carriage return and U+0020 to U+00FF in a
// policy (decisions.md §11). JSON allows no raw control characters, so only
// code points from U+0100 up can break the rule, and only inside strings:
// member names and values. Each string is reported once, at its first such
// character, an error or a warning as the policy's kind says.
//
//   "Resource": "arn:aws:s3:::b/€"
//   character `€` (U+20AC) is outside the range iam accepts: ...

#ifndef IAMEVAL_ENGINE_IAM_CHARACTER_RANGE_H_
#define IAMEVAL_ENGINE_IAM_CHARACTER_RANGE_H_

#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "json/json_tree.h"

namespace iameval::internal {

// Adds `character-outside-iam-range` findings of `severity` for `text`, whose
// parse is `doc`, located at each character and named by the string's path.
void CheckIamCharacterRange(std::string_view text, const JsonDocument& doc, Severity severity,
                            std::vector<Finding>* findings);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_IAM_CHARACTER_RANGE_H_
