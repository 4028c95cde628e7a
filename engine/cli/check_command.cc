// File: engine/cli/check_command.cc
//
// `iameval check FILE...`: validate documents, print every finding in the
// form compilers use so editors and CI logs can jump to it. Each file is read
// as the kind --kind names, or as the kind its document looks like (stated on
// stderr), so that a bucket policy is not reported as a broken identity policy.

#include <ostream>

#include "cli/cli.h"
#include "iameval/json.h"
#include "iameval/policy.h"

namespace iameval::cli {

int RunCheck(const ParsedArgs& args, Io& io) {
  std::optional<PolicyKind> kind;
  if (args.Has("--kind")) {
    PolicyKind chosen;
    std::string name = args.All("--kind").back();
    if (!ParsePolicyKindName(name, &chosen)) {
      io.err << "iameval check: --kind takes identity, resource, roleTrust, kmsKey, "
                "permissionsBoundary, session, scp, rcp, vpcEndpoint (vpc-endpoint) or "
                "gatewayVpcEndpoint\n";
      return kExitUsage;
    }
    kind = chosen;
  }
  const bool json = args.Has("--json");
  // Customer policies over AWS's size quota: an error, not a warning (CI gating).
  Limits limits;
  limits.enforce_aws_size_quotas = args.Has("--enforce-size-quotas");
  if (args.operands.empty()) {
    io.err << "iameval check: name at least one policy file (`-` for standard input)\n";
    return kExitUsage;
  }
  std::vector<std::string> files;
  if (!ExpandDirectories(args.operands, io, &files)) return kExitIo;
  bool any_error = false;
  for (const std::string& file : files) {
    Document document;
    if (!ReadDocument(file, io, &document)) return kExitIo;
    std::string reason;
    PolicyKind file_kind = kind ? *kind : InferDocumentKind(document.text, &reason);
    if (!kind && !json && document.limit.empty()) {
      std::string_view name = PolicyKindName(file_kind);
      io.err << "iameval check: " << file << ": read as " << (name[0] == 'i' ? "an " : "a ") << name
             << " policy (" << reason << "; --kind chooses)\n";
    }
    if (document.unwrapped && !json) {
      io.err << "iameval check: " << file << ": read the document inside `{\"Policy\": ...}`;"
             << " lines and columns count within it\n";
    }
    std::vector<Finding> findings =
        document.limit.empty() ? Check(document.text, file_kind, limits) : document.limit;
    any_error = any_error || HasErrors(findings);
    if (json) {
      std::string body = FindingsToJson(findings);  // {"findings": [...]}
      io.out << "{\"file\":" << JsonString(file) << ",\"kind\":\"" << PolicyKindName(file_kind)
             << "\",\"kindInferred\":" << (kind ? "false" : "true")
             << (kind ? "" : ",\"kindReason\":" + JsonString(reason))
             << ",\"unwrapped\":" << (document.unwrapped ? "true" : "false")
             << ",\"valid\":" << (HasErrors(findings) ? "false" : "true") << "," << body.substr(1)
             << "\n";
      continue;
    }
    for (const Finding& finding : findings) {
      io.out << FormatFinding(finding, file) << "\n";
      if (!finding.path.empty()) io.out << "  at " << finding.path << "\n";
      if (!finding.help.empty()) io.out << "  help: " << finding.help << "\n";
    }
  }
  return any_error ? kExitDenied : kExitAllowed;
}

}  // namespace iameval::cli
