// File: engine/cli/usage.h
//
// The one usage text of the `iameval` tool, as data: every command with its
// synopsis, flags and examples. `--help` (the tool's and each command's), the
// man page and the bash completion are all rendered from it, and the flag
// reader (flags.h) accepts exactly the flags listed here, so none of them can
// drift from the others.

#ifndef IAMEVAL_CLI_USAGE_H_
#define IAMEVAL_CLI_USAGE_H_

#include <string>
#include <string_view>
#include <vector>

namespace iameval::cli {

// What a flag's value is, for the completion script.
enum class ValueKind {
  kNone,          // a switch: the flag takes no value
  kFile,          // a file, a directory or `-`
  kPolicyKind,    // identity, resource, ...
  kResourceKind,  // resource, roleTrust, kmsKey
  kText,          // anything else
};

struct FlagSpec {
  std::string_view name;        // "--identity"
  std::string_view value_name;  // "FILE"; empty for a switch
  std::string_view help;        // one line
  ValueKind value_kind = ValueKind::kNone;
  std::string_view group;  // heading of the help section the flag opens, or empty
};

struct Example {
  std::string_view comment;
  std::string_view command;  // one line, after `$ `
};

struct CommandSpec {
  std::string_view name;         // "decide"
  std::string_view synopsis;     // after `iameval decide `
  std::string_view summary;      // one line, for the tool's overview
  std::string_view description;  // a paragraph, lines of at most 80 columns
  std::vector<FlagSpec> flags;   // -h/--help is implied
  std::vector<Example> examples;
};

// decide, check, decide-json: in the order `iameval --help` lists them.
const std::vector<CommandSpec>& Commands();

// The entries of lint and expand (lint_command.cc), which Commands() lists last.
std::vector<CommandSpec> LintCommands();
// The entries of compare and access (analysis_command.cc), listed after them.
std::vector<CommandSpec> AnalysisCommands();

// The command named `name`, or null.
const CommandSpec* FindCommand(std::string_view name);

// `iameval --help`: every command, its flags, and the exit codes.
std::string ToolHelp();
// `iameval COMMAND --help`: synopsis, description, flags, examples, exit codes.
std::string CommandHelp(const CommandSpec& command);
// `iameval --man`: the same text as a man(7) page, section 1.
std::string ManPage();
// `iameval --bash-completion`: a script for bash-completion's folder.
std::string BashCompletion();

// The version, as `iameval --version` prints it: "iameval 0.1.0".
std::string VersionLine();

}  // namespace iameval::cli

#endif  // IAMEVAL_CLI_USAGE_H_
