// File: engine/base/finding.cc
//
// Findings printed the way compilers print diagnostics, so editors, CI logs
// and `grep` treat them alike.

#include "iameval/finding.h"

#include <string>

#include "base/message_text.h"

namespace iameval {

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kWarning ? "warning" : "error";
}

// `file:line:column: severity: message [code]` (base/message_text.h).
std::string FormatFinding(const Finding& finding, std::string_view file) {
  return internal::FormatDiagnostic(file, finding.line, finding.column,
                                    SeverityName(finding.severity), finding.message, finding.code);
}

bool HasErrors(const std::vector<Finding>& findings) {
  for (const Finding& finding : findings) {
    if (finding.severity == Severity::kError) return true;
  }
  return false;
}

}  // namespace iameval
