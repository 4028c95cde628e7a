// File: engine/cli/flags.h
//
// Reads a command's arguments against its entry in the usage table
// (usage.h): `--flag value` and `--flag=value`, `-h`/`--help`, `-` and `--`
// as file names, and an unknown flag named with the closest known one.

#ifndef IAMEVAL_CLI_FLAGS_H_
#define IAMEVAL_CLI_FLAGS_H_

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "cli/usage.h"

namespace iameval::cli {

struct FlagValue {
  std::string_view name;  // the FlagSpec's name
  std::string value;      // empty for a switch
};

struct ParsedArgs {
  std::vector<FlagValue> flags;  // in command-line order
  std::vector<std::string> operands;
  bool help = false;  // -h or --help: nothing else was read

  bool Has(std::string_view name) const;
  // Every value given for `name`, in order.
  std::vector<std::string> All(std::string_view name) const;
};

// Reads `args` for `command`. On a bad command line prints
// `iameval COMMAND: problem` to `err` and returns false. Operands are refused
// unless the command's synopsis names FILE.
bool ParseArgs(const CommandSpec& command, const std::vector<std::string>& args, std::ostream& err,
               ParsedArgs* parsed);

// "; did you mean `--identity`?" for the flag of `command` nearest to
// `unknown`, or empty.
std::string SuggestFlag(const CommandSpec& command, std::string_view unknown);

}  // namespace iameval::cli

#endif  // IAMEVAL_CLI_FLAGS_H_
