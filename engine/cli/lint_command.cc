// File: engine/cli/lint_command.cc
//
// `iameval lint FILE...`: the grammar check and the catalogue checks
// (iameval/lint.h) in one list, as text, JSON or SARIF 2.1.0, with an exit
// code by severity threshold for CI. `iameval expand PATTERN...`: the actions
// a pattern matches. Their usage entries are here too (LintCommands), and
// usage.cc lists them after the others.

#include <optional>
#include <ostream>
#include <string>

#include "cli/cli.h"
#include "iameval/lint.h"

namespace iameval::cli {
namespace {

constexpr int kExitFindings = 1;  // lint: a finding at or above --fail-on; expand: no match

// "1 error", "2 errors": the summary line is read by people.
std::string Counted(size_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace

const std::vector<FlagSpec> kCatalogueFlags = {
    {"--catalogue", "FILE",
     "the catalogue to read (default: $IAMEVAL_CATALOGUE, else the shipped one)", ValueKind::kFile,
     "the catalogue"},
    {"--extra-actions", "FILE",
     "add actions AWS released after the catalogue's date (spec/lint.md; repeatable)",
     ValueKind::kFile, ""},
};

// Loads the catalogue named by --catalogue (or the default one) and the
// --extra-actions files; prints why and returns false on failure.
bool LoadCatalogue(std::string_view command, const ParsedArgs& args, Io& io,
                   std::optional<Catalogue>* out) {
  std::vector<std::string> named = args.All("--catalogue");
  std::string file = named.empty() ? DefaultCataloguePath() : named.back();
  CatalogueLoad load = Catalogue::LoadFile(file);
  if (!load.ok()) {
    io.err << "iameval " << command << ": " << load.error
           << " (set IAMEVAL_CATALOGUE or pass --catalogue FILE)\n";
    return false;
  }
  for (const std::string& extra : args.All("--extra-actions")) {
    std::string text;
    if (ReadBounded(extra, size_t{64} << 20, io, &text) != ReadStatus::kOk) return false;
    std::string error = load.catalogue->Extend(std::move(text));
    if (!error.empty()) {
      io.err << "iameval " << command << ": " << extra << ": " << error << "\n";
      return false;
    }
  }
  *out = std::move(load.catalogue);
  return true;
}

std::vector<CommandSpec> LintCommands() {
  std::vector<FlagSpec> lint_flags = {
      {"--kind", "KIND",
       "read every FILE as identity, resource, roleTrust, kmsKey, permissionsBoundary,\n"
       "                           session, scp, rcp, vpc-endpoint or gateway-vpc-endpoint\n"
       "                           (default: inferred per file)",
       ValueKind::kPolicyKind, ""},
      {"--format", "FORMAT", "text (default), json (one object per file) or sarif (SARIF 2.1.0)",
       ValueKind::kText, ""},
      {"--fail-on", "SEVERITY",
       "exit 1 when a finding is this grave or graver: error (default),\n"
       "                           security-warning, warning or suggestion",
       ValueKind::kText, ""},
      {"--no-size-quotas", "", "no `policy-too-large`: for AWS's managed policies, which have none",
       ValueKind::kNone, ""},
  };
  lint_flags.insert(lint_flags.end(), kCatalogueFlags.begin(), kCatalogueFlags.end());
  return {
      CommandSpec{
          "lint",
          "FILE... [--kind KIND] [--format text|json|sarif] [--fail-on SEVERITY]",
          "check policies against AWS's catalogue of actions, resources and keys",
          "Reports every finding of `check` and of the catalogue checks in one list,\n"
          "graded as IAM Access Analyzer grades them (error, security-warning, warning,\n"
          "suggestion) with Access Analyzer's issue code where it has one: unknown\n"
          "actions with the nearest real one, condition keys no action sets, ARNs that\n"
          "fit no resource type, iam:PassRole on *, public grants, ... (spec/lint.md).\n"
          "Every result states the catalogue's date. Exit 1 when a finding is at\n"
          "--fail-on or graver.",
          lint_flags,
          {
              {"a policy, in the compiler's format", "iameval lint role-policy.json"},
              {"CI: SARIF for code scanning, failing on warnings",
               "iameval lint --format sarif --fail-on warning policies/ > lint.sarif"},
          },
      },
      CommandSpec{
          "expand",
          "PATTERN... [--catalogue FILE]",
          "list the actions an action pattern matches",
          "Prints every action of the catalogue that each PATTERN matches, one per line,\n"
          "as IAM matches them (ignoring case). Exit 1 when a pattern matches nothing.",
          kCatalogueFlags,
          {
              {"what s3:Get* grants", "iameval expand 's3:Get*'"},
          },
      },
  };
}

int RunLint(const ParsedArgs& args, Io& io) {
  std::optional<PolicyKind> kind;
  if (args.Has("--kind")) {
    PolicyKind chosen;
    if (!ParsePolicyKindName(args.All("--kind").back(), &chosen)) {
      io.err << "iameval lint: --kind takes identity, resource, roleTrust, kmsKey, "
                "permissionsBoundary, session, scp, rcp, vpcEndpoint (vpc-endpoint) or "
                "gatewayVpcEndpoint\n";
      return kExitUsage;
    }
    kind = chosen;
  }
  std::string format = args.Has("--format") ? args.All("--format").back() : "text";
  if (format != "text" && format != "json" && format != "sarif") {
    io.err << "iameval lint: --format takes text, json or sarif\n";
    return kExitUsage;
  }
  LintSeverity fail_on = LintSeverity::kError;
  if (args.Has("--fail-on") && !ParseLintSeverityName(args.All("--fail-on").back(), &fail_on)) {
    io.err << "iameval lint: --fail-on takes error, security-warning, warning or suggestion\n";
    return kExitUsage;
  }
  Limits limits;
  limits.enforce_aws_size_quotas = !args.Has("--no-size-quotas");
  if (args.operands.empty()) {
    io.err << "iameval lint: name at least one policy file (`-` for standard input)\n";
    return kExitUsage;
  }
  std::vector<std::string> files;
  if (!ExpandDirectories(args.operands, io, &files)) return kExitIo;
  std::optional<Catalogue> catalogue;
  if (!LoadCatalogue("lint", args, io, &catalogue)) return kExitIo;

  std::vector<LintedFile> linted;
  for (const std::string& file : files) {
    Document document;
    if (!ReadDocument(file, io, &document)) return kExitIo;
    std::string reason;
    PolicyKind file_kind = kind ? *kind : InferDocumentKind(document.text, &reason);
    LintResult result = Lint(document.text, file_kind, *catalogue, limits);
    if (!document.limit.empty()) {  // cut short: say so, as `check` does
      result.findings.clear();
      for (const Finding& finding : document.limit) {
        LintFinding lint;
        lint.code = finding.code;
        lint.message = finding.message;
        lint.line = finding.line;
        lint.column = finding.column;
        result.findings.push_back(std::move(lint));
      }
    }
    linted.push_back({file, std::move(result)});
  }
  bool failed = false;
  size_t counts[4] = {0, 0, 0, 0};
  for (const LintedFile& file : linted) {
    failed = failed || file.result.HasAtLeast(fail_on);
    for (const LintFinding& finding : file.result.findings) {
      ++counts[static_cast<int>(finding.severity)];
    }
  }
  if (format == "sarif") {
    io.out << LintResultsToSarif(linted) << "\n";
  } else if (format == "json") {
    for (const LintedFile& file : linted) {
      std::string body = LintResultToJson(file.result);  // {"catalogue": ..., "findings": ...}
      io.out << "{\"file\":" << JsonString(file.uri) << "," << body.substr(1) << "\n";
    }
  } else {
    for (const LintedFile& file : linted) {
      for (const LintFinding& finding : file.result.findings) {
        io.out << FormatLintFinding(finding, file.uri) << "\n";
        if (!finding.path.empty()) io.out << "  at " << finding.path << "\n";
        if (!finding.help.empty()) io.out << "  help: " << finding.help << "\n";
      }
    }
    io.out << Counted(counts[0], "error") << ", " << Counted(counts[1], "security warning") << ", "
           << Counted(counts[2], "warning") << ", " << Counted(counts[3], "suggestion")
           << "; catalogue of " << catalogue->date() << " (" << catalogue->source() << ")\n";
  }
  return failed ? kExitFindings : kExitAllowed;
}

int RunExpand(const ParsedArgs& args, Io& io) {
  if (args.operands.empty()) {
    io.err << "iameval expand: name at least one action pattern, e.g. 's3:Get*'\n";
    return kExitUsage;
  }
  std::optional<Catalogue> catalogue;
  if (!LoadCatalogue("expand", args, io, &catalogue)) return kExitIo;
  bool any = false;
  for (const std::string& pattern : args.operands) {
    std::vector<std::string> names = catalogue->ExpandActions(pattern);
    if (names.empty()) {
      io.err << "iameval expand: `" << pattern << "` matches no action (catalogue of "
             << catalogue->date() << ")\n";
    }
    for (const std::string& name : names) io.out << name << "\n";
    any = any || !names.empty();
  }
  return any ? kExitAllowed : kExitFindings;
}

}  // namespace iameval::cli
