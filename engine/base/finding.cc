// File: engine/base/finding.cc
//
// Findings printed the way compilers print diagnostics, so editors, CI logs
// and `grep` treat them alike.

#include "iameval/finding.h"

#include <string>

namespace iameval {

std::string_view SeverityName(Severity severity) {
  return severity == Severity::kWarning ? "warning" : "error";
}

// `file:line:column: severity: message [code]`. Parts that are unknown are
// left out rather than printed as 0: a finding without a line reads
// `file: error: ...`, one without a file `3:7: error: ...`.
std::string FormatFinding(const Finding& finding, std::string_view file) {
  std::string out(file);
  if (finding.line != 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(finding.line);
    if (finding.column != 0) {
      out += ':';
      out += std::to_string(finding.column);
    }
  }
  if (!out.empty()) out += ": ";
  out += SeverityName(finding.severity);
  out += ": ";
  out += finding.message;
  out += " [";
  out += finding.code;
  out += ']';
  return out;
}

bool HasErrors(const std::vector<Finding>& findings) {
  for (const Finding& finding : findings) {
    if (finding.severity == Severity::kError) return true;
  }
  return false;
}

}  // namespace iameval
