// File: engine/json/json_syntax_error.h
//
// What to tell a user whose document is not JSON: RapidJSON's error codes and
// ParseJson's own UTF-8 check turned into messages that say what was expected
// and what was found, in the words of HACKING.md ("Errors"), with help for
// the common mistakes (trailing commas, single quotes, a missing `,`).
//
//   {"a": 1,}   expected a member name in double quotes, found `}`
//               help: json does not allow a trailing comma

#ifndef IAMEVAL_ENGINE_JSON_SYNTAX_ERROR_H_
#define IAMEVAL_ENGINE_JSON_SYNTAX_ERROR_H_

#include <rapidjson/error/error.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace iameval::internal {

struct SyntaxErrorReport {
  std::string code = "invalid-json";
  std::string message;
  std::string help;
  size_t offset = 0;  // where the finding is located
};

// Describes RapidJSON's error `code`, reported at byte `offset`, located where
// the parser stopped or, for bad literals and numbers, where the bad token
// starts (`token_start`, as TokenStartBefore finds it).
SyntaxErrorReport DescribeParseError(std::string_view text, rapidjson::ParseErrorCode code,
                                     size_t offset, size_t token_start);

// Describes the byte at `offset`, the first that is not well-formed UTF-8.
SyntaxErrorReport DescribeInvalidUtf8(std::string_view text, size_t offset);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_JSON_SYNTAX_ERROR_H_
