// File: engine/json/finding_reporter.h
//
// The one way a reader of a located JSON document reports what it finds:
// a finding at a node (or at its member name), counted when it is an error,
// and reading carries on. The policy's element readers report through
// ParseContext (policy/parse_context.h), which is one of these; the
// condition compiler, a phase below policy, takes this narrow face of it.
//
//   FindingReporter report(doc, &findings);
//   report.Error(node, "wrong-type", "`Sid` must be a string, not a number");
//   if (report.errors() > 0) ...

#ifndef IAMEVAL_ENGINE_FINDING_REPORTER_H_
#define IAMEVAL_ENGINE_FINDING_REPORTER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "iameval/finding.h"
#include "json/json_tree.h"

namespace iameval::internal {

class FindingReporter {
 public:
  // `doc` and `findings` must outlive the reporter (a ParseContext passes
  // its own members before they are built: they are only used later).
  FindingReporter(const JsonDocument& doc, std::vector<Finding>* findings)
      : doc_(doc), findings_(findings) {}

  // A finding located at `node`, or at its member name with `at_key` (for an
  // element that should not be there, rather than a wrong value).
  void Error(uint32_t node, std::string code, std::string message, bool at_key = false,
             std::string help = {}) {
    ++errors_;
    AddFinding(doc_, node, std::move(code), Severity::kError, std::move(message), findings_, at_key,
               std::move(help));
  }
  void Warn(uint32_t node, std::string code, std::string message, bool at_key = false,
            std::string help = {}) {
    AddFinding(doc_, node, std::move(code), Severity::kWarning, std::move(message), findings_,
               at_key, std::move(help));
  }

  const JsonDocument& document() const { return doc_; }
  // The errors reported through this reporter so far.
  size_t errors() const { return errors_; }

 private:
  const JsonDocument& doc_;
  std::vector<Finding>* findings_;
  size_t errors_ = 0;
};

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_FINDING_REPORTER_H_
