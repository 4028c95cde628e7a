// File: engine/base/finding_test.cc
//
// Findings as users read them: `file:line:column: severity: message [code]`,
// and whether a list of findings holds an error.

#include "iameval/finding.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace iameval {
namespace {

TEST_CASE("findings print as file:line:column: severity: message [code]", "[finding]") {
  Finding f;
  f.code = "invalid-effect";
  f.message = "`Effect` must be `Allow` or `Deny`, not `allow`";
  f.line = 7;
  f.column = 19;
  CHECK(
      FormatFinding(f, "policy.json") ==
      "policy.json:7:19: error: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]");
  CHECK(FormatFinding(f, "") ==
        "7:19: error: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]");
  f.severity = Severity::kWarning;
  f.line = 0;
  f.column = 0;
  CHECK(FormatFinding(f, "p.json") ==
        "p.json: warning: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]");
  CHECK(SeverityName(Severity::kError) == "error");
  CHECK(SeverityName(Severity::kWarning) == "warning");

  std::vector<Finding> findings;
  CHECK_FALSE(HasErrors(findings));
  findings.push_back(f);
  CHECK_FALSE(HasErrors(findings));
  f.severity = Severity::kError;
  findings.push_back(f);
  CHECK(HasErrors(findings));
}

}  // namespace
}  // namespace iameval
