// File: engine/cli/decide_json_command.cc
//
// `iameval decide-json`: the JSON API over a pipe, one object per line in and
// out. The conformance runner drives the C++ engine through it, in one
// process for the whole corpus.

#include <iostream>
#include <string>

#include "cli.h"
#include "iameval/json.h"

namespace iameval::cli {

int RunDecideJson(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::cerr << "iameval decide-json: takes no arguments; reads JSON lines on stdin\n";
    return kExitUsage;
  }
  std::ios::sync_with_stdio(false);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::cout << DecideJson(line) << "\n";
    std::cout.flush();
  }
  return kExitAllowed;
}

}  // namespace iameval::cli
