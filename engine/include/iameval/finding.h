// File: iameval/finding.h
//
// A Finding is one problem found in a policy document: a syntax error, an
// element AWS rejects, or a warning about something AWS accepts but that
// probably does not do what its author meant.
//
// Every finding says what is wrong and where:
//
//   policy.json:7:19: error: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]
//
//   code      stable kebab-case identifier; scripts may rely on it
//   severity  kError (AWS would reject the document) or kWarning
//   message   lowercase, no trailing period, user input quoted in backticks
//   path      JSON path of the offending element, e.g. `Statement[2].Condition`
//   line      1-based line of the offending element (0 when unknown)
//   column    1-based column, counted in Unicode code points (0 when unknown)
//   help      optional advice, kept apart from the message
//
// The full list of codes is in spec/findings.md.

#ifndef IAMEVAL_FINDING_H_
#define IAMEVAL_FINDING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace iameval {

enum class Severity : uint8_t { kError, kWarning };

// "error" or "warning".
std::string_view SeverityName(Severity severity);

struct Finding {
  std::string code;
  Severity severity = Severity::kError;
  std::string message;
  std::string path;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string help;
};

// Formats `finding` as `file:line:column: severity: message [code]`, the form
// compilers use, so editors and CI logs can jump to it.
std::string FormatFinding(const Finding& finding, std::string_view file);

// True if any finding in `findings` is an error.
bool HasErrors(const std::vector<Finding>& findings);

}  // namespace iameval

#endif  // IAMEVAL_FINDING_H_
