// File: engine/cli/command_line.cc
//
// RunCommandLine: the tool's top level, dispatching to a subcommand.

#include <iostream>
#include <new>

#include "base/did_you_mean.h"
#include "base/message_text.h"
#include "cli/cli.h"
#include "cli/usage.h"

namespace iameval::cli {
namespace {

int Dispatch(const std::vector<std::string>& args, Io& io) {
  if (args.empty()) {
    io.out << ToolHelp();
    return kExitUsage;
  }
  const std::string& first = args[0];
  if (first == "--help" || first == "-h" || first == "help") {
    if (first == "help" && args.size() > 1) {
      if (const CommandSpec* command = FindCommand(args[1])) {
        io.out << CommandHelp(*command);
        return kExitAllowed;
      }
    }
    io.out << ToolHelp();
    return kExitAllowed;
  }
  if (first == "--version" || first == "--man" || first == "--bash-completion") {
    if (args.size() > 1) {
      io.err << "iameval: `" << first << "` takes no arguments\n";
      return kExitUsage;
    }
    io.out << (first == "--version" ? VersionLine() + "\n"
               : first == "--man"   ? ManPage()
                                    : BashCompletion());
    return kExitAllowed;
  }
  const CommandSpec* command = FindCommand(first);
  if (command == nullptr) {
    io.err << "iameval: unknown command " << internal::Quote(first);
    std::string suggestion;
    for (const CommandSpec& known : Commands()) {
      if (internal::EditDistance(first, known.name) <= 2) {
        suggestion = "; did you mean `" + std::string(known.name) + "`?";
        break;
      }
    }
    io.err << suggestion << " (see iameval --help)\n";
    return kExitUsage;
  }
  ParsedArgs parsed;
  if (!ParseArgs(*command, std::vector<std::string>(args.begin() + 1, args.end()), io.err,
                 &parsed)) {
    return kExitUsage;
  }
  if (parsed.help) {
    io.out << CommandHelp(*command);
    return kExitAllowed;
  }
  if (command->name == "decide") return RunDecide(parsed, io);
  if (command->name == "check") return RunCheck(parsed, io);
  if (command->name == "lint") return RunLint(parsed, io);
  if (command->name == "expand") return RunExpand(parsed, io);
  if (command->name == "compare") return RunCompare(parsed, io);
  if (command->name == "access") return RunAccess(parsed, io);
  return RunDecideJson(parsed, io);
}

}  // namespace

int RunCommandLine(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                   std::ostream& err) {
  Io io{in, out, err};
  try {
    int status = Dispatch(args, io);
    out.flush();
    return status;
  } catch (const std::bad_alloc&) {
    out.flush();
    err << "iameval: out of memory\n";
    return kExitNoMemory;
  } catch (...) {
    out.flush();
    err << "iameval: internal error\n";
    return kExitNoMemory;
  }
}

}  // namespace iameval::cli
