// File: engine/cli/main.cc
//
// Entry point of the `iameval` tool: dispatches to a subcommand.

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli.h"

namespace iameval::cli {

bool ReadFile(const std::string& path, std::string* contents) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "iameval: cannot read " << path << ": " << std::strerror(errno) << "\n";
    return false;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *contents = buffer.str();
  return true;
}

}  // namespace iameval::cli

namespace {

constexpr const char kUsage[] = R"(iameval: decide AWS IAM requests exactly as AWS does

usage:
  iameval decide [policies] [request] [--explain] [--json]
  iameval check FILE... [--kind KIND] [--json]
  iameval decide-json            one JSON request per line on stdin, one answer per line
  iameval --help | --version

decide: policies (each FILE is a JSON policy document)
  --identity FILE          identity-based policy of the principal (repeatable)
  --resource FILE          the target resource's policy (bucket, key, trust, ...)
  --resource-kind KIND     resource, roleTrust or kmsKey (default: inferred from the request)
  --boundary FILE          permissions boundary
  --session FILE           session policy (repeatable)
  --scp FILE               service control policy, added to the current level (repeatable)
  --scp-level              start the next organization level of SCPs
  --rcp FILE, --rcp-level  resource control policies, likewise
decide: the request
  --request FILE           the request as JSON (conformance format), or:
  --principal ARN          caller: user, role, role session, federated user, root, service, *
  --action SERVICE:ACTION
  --resource-arn ARN       target resource, or * (default *)
  --resource-account ID    owner of the resource, where the ARN has no account (S3)
  --context KEY=VALUE      a string condition key (repeatable)
  --context KEY:=JSON      a typed one: number, true/false, or a JSON list
  --now ISO8601            pin aws:CurrentTime and aws:EpochTime
decide: output
  --explain                the determining statements and each policy kind's verdict
  --json                   one JSON object (the JSON API's answer shape)

check: validates each FILE and prints every finding as
  FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE]
  --kind KIND              identity (default), resource, roleTrust, kmsKey,
                           permissionsBoundary, session, scp, rcp

exit codes:
  0  decide: allowed                check: no errors (warnings allowed)
  1  decide: explicitDeny or implicitDeny   check: errors found
  2  usage error
  3  decide: a policy or the request is invalid (findings printed)
  4  a file could not be read
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? iameval::cli::kExitUsage : 0;
  }
  if (args[0] == "--version") {
    std::cout << "iameval 0.1.0\n";
    return 0;
  }
  std::string command = args[0];
  args.erase(args.begin());
  if (command == "decide") return iameval::cli::RunDecide(args);
  if (command == "check") return iameval::cli::RunCheck(args);
  if (command == "decide-json") return iameval::cli::RunDecideJson(args);
  std::cerr << "iameval: unknown command `" << command << "` (see iameval --help)\n";
  return iameval::cli::kExitUsage;
}
