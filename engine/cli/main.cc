// File: engine/cli/main.cc
//
// The `iameval` program: RunCommandLine (cli.h) on the process's streams.

#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  return iameval::cli::RunCommandLine(args, std::cin, std::cout, std::cerr);
}
