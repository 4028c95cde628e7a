// File: engine/cli/check_command.cc
//
// `iameval check FILE...`: validate documents, print every finding in the
// form compilers use so editors and CI logs can jump to it.

#include <iostream>

#include "cli.h"
#include "iameval/json.h"
#include "iameval/policy.h"

namespace iameval::cli {

int RunCheck(const std::vector<std::string>& args) {
  PolicyKind kind = PolicyKind::kIdentity;
  bool json = false;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--kind") {
      if (i + 1 >= args.size() || !ParsePolicyKindName(args[i + 1], &kind)) {
        std::cerr << "iameval check: --kind takes identity, resource, roleTrust, kmsKey, "
                     "permissionsBoundary, session, scp or rcp\n";
        return kExitUsage;
      }
      ++i;
    } else if (args[i] == "--json") {
      json = true;
    } else if (!args[i].empty() && args[i][0] == '-' && args[i] != "-") {
      std::cerr << "iameval check: unknown flag `" << args[i] << "`\n";
      return kExitUsage;
    } else {
      files.push_back(args[i]);
    }
  }
  if (files.empty()) {
    std::cerr << "iameval check: name at least one policy file\n";
    return kExitUsage;
  }
  bool any_error = false;
  for (const std::string& file : files) {
    std::string text;
    if (!ReadFile(file, &text)) return kExitIo;
    std::vector<Finding> findings = Check(text, kind);
    any_error = any_error || HasErrors(findings);
    if (json) {
      std::cout << FindingsToJson(findings) << "\n";
      continue;
    }
    for (const Finding& finding : findings) {
      std::cout << FormatFinding(finding, file) << "\n";
      if (!finding.path.empty()) std::cout << "  at " << finding.path << "\n";
      if (!finding.help.empty()) std::cout << "  help: " << finding.help << "\n";
    }
  }
  return any_error ? kExitDenied : kExitAllowed;
}

}  // namespace iameval::cli
