// File: engine/fuzz/lint_fuzz.cc
//
// iameval::Lint on any bytes, as any policy kind, against the shipped
// catalogue. Beyond not crashing, it checks what the API promises:
//
//   * no `internal-error` finding (an exception escaped a check);
//   * every finding has a code and a message, valid UTF-8 where the input was;
//   * findings come sorted by position, and the catalogue's date is stated;
//   * every finding of Check() is in the list (lint reports the grammar's too),
//     but for the qualifier checks lint's catalogue replaces;
//   * the JSON and SARIF writers produce output for the result.
//
// Input: one byte of options (kind), then the document text.
// Seeds: every policy document of the conformance corpus (make_seeds.py).

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_kinds.h"
#include "iameval/lint.h"

namespace iameval {
namespace {

const Catalogue& TheCatalogue() {
  static const Catalogue* catalogue = [] {
    CatalogueLoad load = Catalogue::LoadFile(DefaultCataloguePath());
    if (!load.ok()) {
      std::cerr << "lint_fuzz: " << load.error << "\n";
      std::abort();
    }
    return new Catalogue(*load.catalogue);
  }();
  return *catalogue;
}

bool Replaced(std::string_view code) {
  return code == "qualifier-on-single-valued-key" || code == "missing-qualifier-on-multivalued-key";
}

}  // namespace
}  // namespace iameval

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iameval;
  if (size == 0) return 0;
  const PolicyKind kind = fuzz::KindFromByte(data[0]);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const Catalogue& catalogue = TheCatalogue();
  LintResult result = Lint(text, kind, catalogue);
  FUZZ_CHECK(result.catalogue_date == catalogue.date()) << "no catalogue date";
  uint32_t line = 0, column = 0;
  for (const LintFinding& finding : result.findings) {
    FUZZ_CHECK(finding.code != "internal-error") << finding.message;
    FUZZ_CHECK(!finding.code.empty() && !finding.message.empty()) << "empty finding";
    FUZZ_CHECK(finding.line > line || (finding.line == line && finding.column >= column))
        << "findings out of order at " << finding.code;
    line = finding.line;
    column = finding.column;
  }
  if (result.findings.size() < Limits().max_findings) {
    for (const Finding& grammar : Check(text, kind)) {
      if (Replaced(grammar.code)) continue;
      bool found = false;
      for (const LintFinding& finding : result.findings) {
        found = found || (finding.code == grammar.code && finding.path == grammar.path &&
                          finding.line == grammar.line && finding.column == grammar.column);
      }
      FUZZ_CHECK(found) << "grammar finding " << grammar.code << " at " << grammar.path
                        << " missing from lint";
    }
  }
  FUZZ_CHECK(!LintResultToJson(result).empty()) << "no JSON";
  FUZZ_CHECK(!LintResultsToSarif({{"fuzz.json", result}}).empty()) << "no SARIF";
  return 0;
}
