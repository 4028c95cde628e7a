// File: engine/cli/cli.h
//
// The `iameval` command-line tool: one function per subcommand, sharing the
// small helpers declared here. Exit codes are part of the interface
// (see kUsage in main.cc and `iameval --help`).

#ifndef IAMEVAL_CLI_CLI_H_
#define IAMEVAL_CLI_CLI_H_

#include <string>
#include <vector>

namespace iameval::cli {

// Exit codes.
inline constexpr int kExitAllowed = 0;     // decide: allowed; check: no errors
inline constexpr int kExitDenied = 1;      // decide: explicit or implicit deny; check: errors
inline constexpr int kExitUsage = 2;       // bad command line
inline constexpr int kExitInvalid = 3;     // decide: a policy or the request is invalid
inline constexpr int kExitIo = 4;          // a file could not be read

int RunDecide(const std::vector<std::string>& args);
int RunCheck(const std::vector<std::string>& args);
int RunDecideJson(const std::vector<std::string>& args);

// Reads a whole file; on failure prints `iameval: cannot read FILE: why` and
// returns false.
bool ReadFile(const std::string& path, std::string* contents);

}  // namespace iameval::cli

#endif  // IAMEVAL_CLI_CLI_H_
