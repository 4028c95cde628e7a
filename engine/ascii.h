// File: engine/ascii.h
//
// ASCII letter case, for the parts of the policy language that ignore it
// (action names) and for noticing near misses that differ only in it
// (`allow` for `Allow`). Bytes outside A-Z are left alone, so UTF-8 text
// passes through unchanged.
//
//   LowerAscii("S3:GetObject") == "s3:getobject"
//   EqualsIgnoringCase("allow", "Allow")

#ifndef IAMEVAL_ENGINE_ASCII_H_
#define IAMEVAL_ENGINE_ASCII_H_

#include <string>
#include <string_view>

namespace iameval::internal {

inline char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view text);

bool EqualsIgnoringCase(std::string_view a, std::string_view b);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ASCII_H_
