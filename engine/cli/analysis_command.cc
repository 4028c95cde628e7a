// File: engine/cli/analysis_command.cc
//
// `iameval compare OLD NEW`: does the change grant anything new? PASS, FAIL
// with the requests that prove it, or UNKNOWN with what could not be
// covered. `iameval access FILE`: is a resource policy open to the public or
// to accounts outside the zone of trust, or (with --action / --on) does a
// policy grant any of these actions? Both over iameval/analysis.h, as text or
// as the JSON face's objects (`--format json`).

#include <optional>
#include <ostream>

#include "cli/cli.h"
#include "iameval/analysis.h"
#include "iameval/json.h"

namespace iameval::cli {
namespace {

const char* const kKindNames =
    "identity, resource, roleTrust, kmsKey, permissionsBoundary, session, scp or rcp";

// A resource-policy kind by the name of the policy kind or of what it is
// attached to (bucket, queue, topic, secret, ... are resource policies).
bool ParseResourceKind(std::string_view name, PolicyKind* kind) {
  if (ParsePolicyKindName(name, kind)) return true;
  static const char* const kResourceWords[] = {
      "bucket", "queue",  "topic", "secret", "repository", "function", "domain",
      "vault",  "stream", "table", "api",    "filesystem", "layer",    "certificate-authority"};
  for (const char* word : kResourceWords) {
    if (name == word) {
      *kind = PolicyKind::kResource;
      return true;
    }
  }
  if (name == "key") {
    *kind = PolicyKind::kKmsKey;
    return true;
  }
  if (name == "trust" || name == "role") {
    *kind = PolicyKind::kRoleTrust;
    return true;
  }
  return false;
}

int ExitFor(CheckResult result) {
  switch (result) {
    case CheckResult::kPass:
      return kExitAllowed;
    case CheckResult::kFail:
      return kExitDenied;
    case CheckResult::kUnknown:
      return kExitUnknown;
  }
  return kExitUnknown;
}

std::string Where(const StatementRef& ref, const std::string& file) {
  std::string out = file + ":" + std::to_string(ref.line) + ":" + std::to_string(ref.column) +
                    ": " + std::string(PolicyKindName(ref.kind));
  if (ref.level >= 0) out += " level " + std::to_string(ref.level);
  out += " policy " + std::to_string(ref.policy_index) + ", statement " +
         std::to_string(ref.statement_index);
  if (!ref.sid.empty()) out += " (Sid `" + ref.sid + "`)";
  return out;
}

void PrintRequest(const Request& r, Io& io) {
  io.out << "    principal " << r.principal << "\n";
  if (!r.resource_account.empty()) io.out << "    resource account " << r.resource_account << "\n";
  if (!r.context.empty()) {
    std::string json = RequestToJson(r);
    const size_t at = json.find("\"context\":");
    const size_t end = json.find(",\"currentTime\"", at);
    io.out << "    context "
           << json.substr(at + 10, end == std::string::npos ? std::string::npos : end - at - 10)
           << "\n";
  }
}

void PrintNotes(const std::vector<AnalysisNote>& notes, Io& io) {
  for (const AnalysisNote& n : notes)
    io.out << "  not covered: " << n.message << " [" << n.code << "]\n";
}

bool ReadPolicyFile(const std::string& file, PolicyKind kind, Io& io, std::optional<Policy>* out) {
  Document document;
  if (!ReadDocument(file, io, &document)) return false;
  ParseResult parsed = Policy::Parse(document.text, kind);
  for (const Finding& f : document.limit) io.err << FormatFinding(f, file) << "\n";
  if (!parsed.ok()) {
    for (const Finding& f : parsed.findings) io.err << FormatFinding(f, file) << "\n";
    return false;
  }
  *out = std::move(parsed.policy);
  return true;
}

}  // namespace

std::vector<CommandSpec> AnalysisCommands() {
  std::vector<FlagSpec> compare_flags = {
      {"--kind", "KIND",
       "read OLD and NEW as identity, resource, roleTrust, kmsKey,\n"
       "                           permissionsBoundary, session, scp or rcp (default: inferred)",
       ValueKind::kPolicyKind, ""},
      {"--sets", "",
       "OLD and NEW are policies objects ({\"identity\": [...], \"resource\": ..., ...}):\n"
       "                           compare AWS's whole decision",
       ValueKind::kNone, ""},
      {"--resource-kind", "KIND", "with --sets: what the resource policy is (default resource)",
       ValueKind::kResourceKind, ""},
      {"--format", "FORMAT", "text (default) or json (CompareJson's object)", ValueKind::kText, ""},
      {"--max-counterexamples", "N", "print at most N counterexamples (default 25; 0: all)",
       ValueKind::kText, ""},
      {"--principal-account", "ACCOUNT",
       "the account of the caller of identity-side questions (default 111122223333)",
       ValueKind::kText, ""},
  };
  compare_flags.insert(compare_flags.end(), kCatalogueFlags.begin(), kCatalogueFlags.end());
  std::vector<FlagSpec> access_flags = {
      {"--kind", "KIND",
       "what FILE is: resource (bucket, queue, topic, secret, ...), kmsKey (key),\n"
       "                           roleTrust (trust); with --action any policy kind "
       "(default: inferred)",
       ValueKind::kResourceKind, ""},
      {"--trusted-account", "ACCOUNT", "an account inside the zone of trust (repeatable)",
       ValueKind::kText, ""},
      {"--trusted-org", "ORG", "an organization inside the zone of trust, o-... (repeatable)",
       ValueKind::kText, ""},
      {"--public", "", "report public access only (any principal at all)", ValueKind::kNone, ""},
      {"--resource", "ARN", "the resource the policy is attached to (default: what it names)",
       ValueKind::kText, ""},
      {"--owner-account", "ACCOUNT", "the account owning the resource (default: from its ARN)",
       ValueKind::kText, ""},
      {"--action", "ACTION",
       "instead: does FILE grant this action (or pattern)? (repeatable; no cap)", ValueKind::kText,
       ""},
      {"--on", "RESOURCE", "with --action: only on this ARN or ARN pattern (repeatable)",
       ValueKind::kText, ""},
      {"--format", "FORMAT", "text (default) or json (AccessJson's object)", ValueKind::kText, ""},
  };
  access_flags.insert(access_flags.end(), kCatalogueFlags.begin(), kCatalogueFlags.end());
  return {
      CommandSpec{
          "compare",
          "OLD_FILE NEW_FILE [--kind KIND] [--sets] [--format text|json]",
          "does NEW grant anything OLD does not? PASS, FAIL with requests, or UNKNOWN",
          "Compares two policies of one kind (or, with --sets, two whole policy sets) over\n"
          "every action of the catalogue their patterns can match, with a resource, a\n"
          "principal and condition values from every region the policies cut the request\n"
          "space into, each decided by the engine (spec/analysis.md). PASS: NEW allows no\n"
          "request OLD denies. FAIL: the requests that prove it, each with the statement\n"
          "of NEW that grants it. UNKNOWN: what the method could not cover (a policy\n"
          "variable, ...), never a guess. Exit 0 PASS, 1 FAIL, 6 UNKNOWN.",
          compare_flags,
          {
              {"a pull request's change to a role policy",
               "iameval compare old/role.json new/role.json"},
              {"two policy sets, as JSON",
               "iameval compare --sets old.json new.json --format json"},
          },
      },
      CommandSpec{
          "access",
          "FILE [--kind KIND] [--trusted-account A]... [--trusted-org O]... [--public]",
          "is a resource policy public or open to untrusted accounts?",
          "Reports every way a principal outside the zone of trust (the owner account,\n"
          "--trusted-account, --trusted-org) or, with --public, any principal at all\n"
          "reaches the resource, as IAM Access Analyzer does: each finding with the\n"
          "principal, the actions, the granting statement and a request that proves it.\n"
          "Conditions count only where they restrict the caller (aws:PrincipalOrgID,\n"
          "aws:SourceVpce, aws:SourceAccount, ...; spec/analysis.md). With --action (and\n"
          "--on), reports instead whether FILE grants any of those actions, without caps.\n"
          "Exit 0 PASS (no finding), 1 FAIL (findings), 6 UNKNOWN.",
          access_flags,
          {
              {"is this bucket policy open to anyone outside my organization?",
               "iameval access bucket.json --kind bucket --trusted-org o-a1b2c3d4e5"},
              {"does this role policy grant any IAM write?",
               "iameval access role.json --kind identity --action 'iam:Put*' --action "
               "'iam:Attach*'"},
          },
      },
  };
}

int RunCompare(const ParsedArgs& args, Io& io) {
  if (args.operands.size() != 2) {
    io.err << "iameval compare: name two files, OLD and NEW (`-` for standard input once)\n";
    return kExitUsage;
  }
  const std::string format = args.Has("--format") ? args.All("--format").back() : "text";
  if (format != "text" && format != "json") {
    io.err << "iameval compare: --format takes text or json\n";
    return kExitUsage;
  }
  AnalysisOptions options;
  if (args.Has("--max-counterexamples")) {
    const std::string n = args.All("--max-counterexamples").back();
    if (n.empty() || n.find_first_not_of("0123456789") != std::string::npos || n.size() > 9) {
      io.err << "iameval compare: --max-counterexamples takes a whole number\n";
      return kExitUsage;
    }
    options.max_counterexamples = static_cast<size_t>(std::stoul(n));
  }
  if (args.Has("--principal-account"))
    options.principal_account = args.All("--principal-account").back();
  const std::string& old_file = args.operands[0];
  const std::string& new_file = args.operands[1];
  std::optional<Catalogue> catalogue;
  if (!LoadCatalogue("compare", args, io, &catalogue)) return kExitIo;

  CompareResult result;
  if (args.Has("--sets")) {
    PolicyKind resource_kind = PolicyKind::kResource;
    if (args.Has("--resource-kind") &&
        !ParseResourceKind(args.All("--resource-kind").back(), &resource_kind)) {
      io.err << "iameval compare: --resource-kind takes resource, roleTrust or kmsKey\n";
      return kExitUsage;
    }
    std::optional<PolicySet> sets[2];
    for (int i = 0; i < 2; ++i) {
      const std::string& file = args.operands[static_cast<size_t>(i)];
      std::string text;
      if (ReadBounded(file, kMaxJsonInputBytes, io, &text) != ReadStatus::kOk) return kExitIo;
      PolicySetResult set = PolicySetFromJson(text, resource_kind);
      if (!set.ok()) {
        if (!set.error.empty()) io.err << file << ": " << set.error << "\n";
        for (const DocumentFinding& f : set.findings) {
          io.err << FormatFinding(f.finding, file) << " (in " << f.document << ")\n";
        }
        return kExitInvalid;
      }
      sets[i] = std::move(set.set);
    }
    result = Compare(*sets[0], *sets[1], *catalogue, options);
  } else {
    PolicyKind kind = PolicyKind::kIdentity;
    std::optional<Policy> before, after;
    if (args.Has("--kind")) {
      if (!ParsePolicyKindName(args.All("--kind").back(), &kind)) {
        io.err << "iameval compare: --kind takes " << kKindNames << "\n";
        return kExitUsage;
      }
    } else {
      Document document;
      if (!ReadDocument(old_file, io, &document)) return kExitIo;
      std::string reason;
      kind = InferDocumentKind(document.text, &reason);
    }
    if (!ReadPolicyFile(old_file, kind, io, &before)) return kExitInvalid;
    if (!ReadPolicyFile(new_file, kind, io, &after)) return kExitInvalid;
    result = Compare(*before, *after, *catalogue, options);
  }
  if (!result.error.empty()) {
    io.err << "iameval compare: " << result.error << "\n";
    return result.error.rfind("internal error", 0) == 0 ? kExitNoMemory : kExitInvalid;
  }
  if (format == "json") {
    io.out << CompareResultToJson(result, *catalogue) << "\n";
    return ExitFor(result.result);
  }
  switch (result.result) {
    case CheckResult::kPass:
      io.out << "PASS: " << new_file << " allows nothing " << old_file << " denies\n";
      break;
    case CheckResult::kFail:
      io.out << "FAIL: " << new_file << " allows requests " << old_file << " denies\n";
      for (const Counterexample& c : result.counterexamples) {
        io.out << "  " << c.request.action << " on " << c.request.resource << "\n";
        PrintRequest(c.request, io);
        io.out << "    before: " << DecisionName(c.before) << "\n";
        if (!c.alike.empty()) {
          io.out << "    alike:";
          for (size_t i = 0; i < c.alike.size() && i < 6; ++i) io.out << " " << c.alike[i];
          if (c.alike.size() > 6) io.out << " ... (" << c.alike.size() << " actions)";
          io.out << "\n";
        }
        for (const StatementRef& ref : c.granted_by) {
          io.out << "    granted by " << Where(ref, new_file) << "\n";
        }
      }
      break;
    case CheckResult::kUnknown:
      io.out << "UNKNOWN: no new access found, but the analysis could not cover everything\n";
      break;
  }
  PrintNotes(result.unknown, io);
  io.out << result.requests_decided << " requests over " << result.actions_considered
         << " actions; catalogue of " << catalogue->date() << " (" << catalogue->source() << ")\n";
  return ExitFor(result.result);
}

int RunAccess(const ParsedArgs& args, Io& io) {
  if (args.operands.size() != 1) {
    io.err << "iameval access: name one policy file (`-` for standard input)\n";
    return kExitUsage;
  }
  const std::string format = args.Has("--format") ? args.All("--format").back() : "text";
  if (format != "text" && format != "json") {
    io.err << "iameval access: --format takes text or json\n";
    return kExitUsage;
  }
  const std::string& file = args.operands[0];
  Document document;
  if (!ReadDocument(file, io, &document)) return kExitIo;
  PolicyKind kind;
  if (args.Has("--kind")) {
    if (!ParseResourceKind(args.All("--kind").back(), &kind)) {
      io.err << "iameval access: --kind takes resource (or bucket, queue, topic, secret, ...), "
                "kmsKey (key), roleTrust (trust), or with --action any of "
             << kKindNames << "\n";
      return kExitUsage;
    }
  } else {
    std::string reason;
    kind = InferDocumentKind(document.text, &reason);
  }
  ParseResult parsed = Policy::Parse(document.text, kind);
  if (!parsed.ok()) {
    for (const Finding& f : parsed.findings) io.err << FormatFinding(f, file) << "\n";
    return kExitInvalid;
  }
  std::optional<Catalogue> catalogue;
  if (!LoadCatalogue("access", args, io, &catalogue)) return kExitIo;
  AnalysisOptions options;

  if (args.Has("--action") || args.Has("--on")) {
    AccessResult result = AccessNotGranted(*parsed.policy, args.All("--action"), args.All("--on"),
                                           *catalogue, options);
    if (!result.error.empty()) {
      io.err << "iameval access: " << result.error << "\n";
      return kExitUsage;
    }
    if (format == "json") {
      io.out << AccessResultToJson(result, *catalogue) << "\n";
      return ExitFor(result.result);
    }
    io.out << CheckResultName(result.result) << ": " << file
           << (result.result == CheckResult::kPass   ? " grants none of the actions asked\n"
               : result.result == CheckResult::kFail ? " grants actions asked\n"
                                                     : " may grant actions asked\n");
    for (const Counterexample& c : result.counterexamples) {
      io.out << "  " << c.request.action << " on " << c.request.resource << "\n";
      PrintRequest(c.request, io);
      for (const StatementRef& ref : c.granted_by)
        io.out << "    granted by " << Where(ref, file) << "\n";
    }
    PrintNotes(result.unknown, io);
    io.out << result.requests_decided << " requests over " << result.actions_considered
           << " actions; catalogue of " << catalogue->date() << "\n";
    return ExitFor(result.result);
  }

  if (!IsResourcePolicyKind(kind)) {
    io.err << "iameval access: " << file << " is read as a " << PolicyKindName(kind)
           << " policy; public and external access are about resource policies (give --kind "
              "resource, kmsKey or roleTrust, or ask --action)\n";
    return kExitUsage;
  }
  ResourceTarget target;
  if (args.Has("--resource")) target.arn = args.All("--resource").back();
  if (args.Has("--owner-account")) target.owner_account = args.All("--owner-account").back();
  ExternalAccessResult result;
  if (args.Has("--public")) {
    result = PublicAccess(*parsed.policy, target, *catalogue, options);
  } else {
    TrustZone zone;
    zone.accounts = args.All("--trusted-account");
    zone.organizations = args.All("--trusted-org");
    result = ExternalAccess(*parsed.policy, target, zone, *catalogue, options);
  }
  if (!result.error.empty()) {
    io.err << "iameval access: " << result.error << "\n";
    return kExitUsage;
  }
  if (format == "json") {
    io.out << ExternalAccessResultToJson(result, *catalogue) << "\n";
    return ExitFor(result.result);
  }
  io.out << CheckResultName(result.result) << ": " << file
         << (result.result == CheckResult::kPass
                 ? (args.Has("--public") ? " is not public\n"
                                         : " grants nothing outside the zone of trust\n")
             : result.result == CheckResult::kFail
                 ? (args.Has("--public") ? " is public\n"
                                         : " grants access outside the zone of trust\n")
                 : ": no finding, but the analysis could not cover everything\n");
  for (const AccessFinding& f : result.findings) {
    io.out << "  " << (f.is_public ? "public" : "external") << ": " << f.principal << " on "
           << f.resource << "\n";
    io.out << "    actions";
    for (size_t i = 0; i < f.actions.size() && i < 8; ++i) io.out << " " << f.actions[i];
    if (f.actions.size() > 8) io.out << " ... (" << f.actions.size() << " in all)";
    io.out << "\n";
    PrintRequest(f.example.request, io);
    io.out << "    granted by " << Where(f.statement, file) << "\n";
  }
  PrintNotes(result.unknown, io);
  io.out << result.requests_decided << " requests; catalogue of " << catalogue->date() << "\n";
  return ExitFor(result.result);
}

}  // namespace iameval::cli
