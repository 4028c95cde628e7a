// File: engine/cli/cli.h
//
// The `iameval` command-line tool as a library function, so that the program
// (main.cc) and `python -m iameval` (through the Python module) run the same
// code: one usage text (usage.h), one set of exit codes.
//
//   std::vector<std::string> args = {"check", "policy.json"};
//   int status = iameval::cli::RunCommandLine(args, std::cin, std::cout, std::cerr);

#ifndef IAMEVAL_CLI_CLI_H_
#define IAMEVAL_CLI_CLI_H_

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/flags.h"
#include "cli/input.h"
#include "iameval/lint.h"

namespace iameval::cli {

// Exit codes: part of the interface, listed by `iameval --help` (usage.cc).
inline constexpr int kExitAllowed = 0;   // decide: allowed; check: no errors
inline constexpr int kExitDenied = 1;    // decide: explicit or implicit deny; check: errors
inline constexpr int kExitUsage = 2;     // bad command line
inline constexpr int kExitInvalid = 3;   // decide: a policy or the request is invalid
inline constexpr int kExitIo = 4;        // an input could not be read, or is over its limit
inline constexpr int kExitNoMemory = 5;  // memory ran out: nothing more is answered

// Runs the tool on `args` (argv without the program name). Never throws:
// running out of memory prints `iameval: out of memory` and returns
// kExitNoMemory.
int RunCommandLine(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                   std::ostream& err);

// The subcommands, on arguments already read against their usage entry.
int RunDecide(const ParsedArgs& args, Io& io);
int RunCheck(const ParsedArgs& args, Io& io);
int RunDecideJson(const ParsedArgs& args, Io& io);
int RunLint(const ParsedArgs& args, Io& io);     // lint_command.cc
int RunExpand(const ParsedArgs& args, Io& io);   // lint_command.cc
int RunCompare(const ParsedArgs& args, Io& io);  // analysis_command.cc
int RunAccess(const ParsedArgs& args, Io& io);   // analysis_command.cc

// Exit codes of compare and access (listed by usage.cc): PASS is kExitAllowed,
// FAIL is 1 (kExitDenied), UNKNOWN is its own.
inline constexpr int kExitUnknown = 6;

// --catalogue and --extra-actions, shared by lint, expand, compare and access.
extern const std::vector<FlagSpec> kCatalogueFlags;
// Loads the catalogue they name (or the default one); prints why and returns
// false on failure.
bool LoadCatalogue(std::string_view command, const ParsedArgs& args, Io& io,
                   std::optional<Catalogue>* out);

}  // namespace iameval::cli

#endif  // IAMEVAL_CLI_CLI_H_
