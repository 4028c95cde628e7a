// File: engine/cli/usage.cc

#include "cli/usage.h"

#include <sstream>

#include "iameval/version.h"

namespace iameval::cli {
namespace {

constexpr std::string_view kToolSummary = "decide AWS IAM requests exactly as AWS does";

// Shared by every command's help, the tool's help and the man page.
constexpr std::string_view kExitCodes[][2] = {
    {"0",
     "decide: allowed (every request asked)    check: no errors (warnings allowed)\n"
     "     compare, access: PASS"},
    {"1",
     "decide: explicitDeny or implicitDeny     check: errors found\n"
     "     lint: a finding at --fail-on or graver   expand: a pattern matched nothing\n"
     "     compare, access: FAIL (counterexamples or findings printed)"},
    {"2", "usage error (the message names the flag)"},
    {"3", "decide: a policy or the request is invalid (findings printed)"},
    {"4",
     "an input could not be read: missing, a directory where one file is needed,\n"
     "     or a decide-json line over its size limit"},
    {"5", "out of memory (or an internal failure): nothing more is read or answered"},
    {"6", "compare, access: UNKNOWN (what could not be covered is printed)"},
};

constexpr std::string_view kInputs =
    "Inputs: FILE is a path, `-` for standard input, or (where a flag can be given\n"
    "again) a directory, which stands for the .json files under it in name order.\n"
    "Flags are written --flag VALUE or --flag=VALUE. A document is read up to its\n"
    "1 MiB limit and no further.";

std::vector<CommandSpec> MakeCommands() {
  std::vector<CommandSpec> commands;
  commands.push_back(CommandSpec{
      "decide",
      "[policies] [request] [--explain] [--json]",
      "decide requests against policy files",
      "Decides a request against policy files and prints allowed, explicitDeny or\n"
      "implicitDeny. Several --action or --resource-arn values decide every\n"
      "combination, as `aws iam simulate-custom-policy` does; the tool exits 0 only\n"
      "when all of them are allowed. A policy file may be the output of\n"
      "`aws s3api get-bucket-policy` ({\"Policy\": \"...\"}): the document inside is read.",
      {
          {"--identity", "FILE", "identity-based policy of the principal (repeatable)",
           ValueKind::kFile, "policies (each FILE is a JSON policy document)"},
          {"--resource", "FILE", "the target resource's policy (bucket, key, trust, ...)",
           ValueKind::kFile, ""},
          {"--resource-kind", "KIND",
           "resource, roleTrust or kmsKey (default: inferred from the request)",
           ValueKind::kResourceKind, ""},
          {"--boundary", "FILE", "permissions boundary", ValueKind::kFile, ""},
          {"--session-policy", "FILE", "session policy (repeatable; JSON: sessionPolicies)",
           ValueKind::kFile, ""},
          {"--session", "FILE", "deprecated: the old name of --session-policy", ValueKind::kFile,
           ""},
          {"--scp", "FILE", "service control policy, added to the current level (repeatable)",
           ValueKind::kFile, ""},
          {"--scp-level", "", "start the next organization level of SCPs (none may be empty)",
           ValueKind::kNone, ""},
          {"--rcp", "FILE", "resource control policy, added to the current level (repeatable)",
           ValueKind::kFile, ""},
          {"--rcp-level", "", "start the next level of RCPs", ValueKind::kNone, ""},
          {"--vpc-endpoint", "FILE",
           "policy of the VPC endpoint the request came through (give aws:SourceVpce too)",
           ValueKind::kFile, ""},
          {"--vpc-endpoint-type", "TYPE",
           "interface (default) or gateway: a gateway's policy takes only Principal \"*\"",
           ValueKind::kText, ""},
          {"--request", "FILE", "the request as JSON (conformance format), or the flags below",
           ValueKind::kFile, "the request"},
          {"--principal", "ARN", "caller: user, role, role session, federated user, root, *",
           ValueKind::kText, ""},
          {"--action", "SERVICE:ACTION", "the action (repeatable: each is decided)",
           ValueKind::kText, ""},
          {"--resource-arn", "ARN", "target resource ARN, or * (default *; repeatable)",
           ValueKind::kText, ""},
          {"--resource-account", "ID", "owner of the resource, where the ARN has no account (S3)",
           ValueKind::kText, ""},
          {"--principal-role-arn", "ARN",
           "a role session's role ARN with its path (what aws:PrincipalArn reports)",
           ValueKind::kText, ""},
          {"--context", "KEY=VALUE",
           "a string condition key (repeatable; KEY:=JSON for a number, bool or list)",
           ValueKind::kText, ""},
          {"--now", "ISO8601", "pin aws:CurrentTime and aws:EpochTime", ValueKind::kText, ""},
          {"--explain", "", "the determining statements and each policy kind's verdict",
           ValueKind::kNone, "output"},
          {"--json", "", "one JSON object per request (the JSON API's answer shape)",
           ValueKind::kNone, ""},
      },
      {
          {"may this role read the report? (exit 0 when allowed)",
           "iameval decide --identity role.json --principal "
           "arn:aws:iam::111122223333:role/app --action s3:GetObject --resource-arn "
           "arn:aws:s3:::reports/q1.csv"},
          {"with the bucket's policy as the AWS CLI prints it, and why",
           "aws s3api get-bucket-policy --bucket reports | iameval decide --resource - "
           "--identity policies/ --principal arn:aws:iam::111122223333:role/app "
           "--action=s3:GetObject --resource-arn arn:aws:s3:::reports/q1.csv --explain"},
          {"two actions on two objects: four decisions",
           "iameval decide --identity role.json --principal arn:aws:iam::111122223333:role/app "
           "--action s3:GetObject --action s3:PutObject --resource-arn arn:aws:s3:::reports/a "
           "--resource-arn arn:aws:s3:::reports/b"},
          {"the request as JSON",
           "iameval decide --identity role.json --request request.json --json"},
      },
  });
  commands.push_back(CommandSpec{
      "check",
      "FILE... [--kind KIND] [--enforce-size-quotas] [--json]",
      "validate policy documents and print every finding",
      "Validates each document and prints every finding as a compiler does,\n"
      "FILE:LINE:COLUMN: SEVERITY: MESSAGE [CODE], then its JSON path and any help.\n"
      "Without --kind, each file's kind is inferred from the document and stated on\n"
      "standard error: statements naming a Principal make a resource policy\n"
      "(roleTrust when every action is sts:AssumeRole*, kmsKey when every action is\n"
      "kms:*), others an identity policy. The {\"Policy\": \"...\"} wrapper that\n"
      "`aws s3api get-bucket-policy` prints is unwrapped; findings inside it count\n"
      "lines and columns within the policy string.",
      {
          {"--kind", "KIND",
           "read every FILE as identity, resource, roleTrust, kmsKey, permissionsBoundary,\n"
           "                           session, scp, rcp, vpc-endpoint or gateway-vpc-endpoint\n"
           "                           (default: inferred per file)",
           ValueKind::kPolicyKind, ""},
          {"--enforce-size-quotas", "",
           "a document over AWS's size quota for its kind is an error, not a warning\n"
           "                           (for customer policies in CI; AWS managed policies exceed "
           "it)",
           ValueKind::kNone, ""},
          {"--json", "", "one JSON object per file: {\"file\", \"kind\", \"findings\", ...}",
           ValueKind::kNone, ""},
      },
      {
          {"every policy in a folder", "iameval check policies/"},
          {"a bucket's policy straight from the AWS CLI",
           "aws s3api get-bucket-policy --bucket reports | iameval check -"},
          {"SCPs, as JSON for a script", "iameval check --kind=scp scps/*.json --json"},
      },
  });
  commands.push_back(CommandSpec{
      "decide-json",
      "",
      "one JSON request per line on stdin, one answer per line",
      "Reads one JSON API input per line on standard input ({\"policies\", \"request\",\n"
      "\"explain\"}, see spec/json-api.md) and prints one answer per line. A line over\n"
      "16 MiB stops the tool with exit code 4; running out of memory, with 5.",
      {},
      {
          {"decide a batch", "iameval decide-json < requests.jsonl > answers.jsonl"},
      },
  });
  for (CommandSpec& command : LintCommands()) commands.push_back(std::move(command));
  for (CommandSpec& command : AnalysisCommands()) commands.push_back(std::move(command));
  return commands;
}

void AppendFlags(const CommandSpec& command, std::ostream& out) {
  for (const FlagSpec& flag : command.flags) {
    if (!flag.group.empty()) out << command.name << ": " << flag.group << "\n";
    std::string left = std::string(flag.name);
    if (!flag.value_name.empty()) left += " " + std::string(flag.value_name);
    out << "  " << left;
    out << (left.size() < 25 ? std::string(25 - left.size(), ' ') : "\n" + std::string(27, ' '));
    out << flag.help << "\n";
  }
}

void AppendExitCodes(std::ostream& out) {
  out << "exit codes:\n";
  for (const auto& code : kExitCodes) out << "  " << code[0] << "  " << code[1] << "\n";
}

// man(7) text: a leading `.` or `'` and every `\` and `-` escaped.
std::string Roff(std::string_view text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
    line_start = c == '\n';
  }
  return out;
}

std::string Words(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view word : words) {
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

}  // namespace

const std::vector<CommandSpec>& Commands() {
  static const std::vector<CommandSpec>* commands = new std::vector<CommandSpec>(MakeCommands());
  return *commands;
}

const CommandSpec* FindCommand(std::string_view name) {
  for (const CommandSpec& command : Commands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

std::string VersionLine() { return std::string("iameval ") + IAMEVAL_VERSION_STRING; }

std::string ToolHelp() {
  std::ostringstream out;
  out << "iameval: " << kToolSummary << "\n\nusage:\n";
  for (const CommandSpec& command : Commands()) {
    std::string line = "iameval " + std::string(command.name);
    if (!command.synopsis.empty()) line += " " + std::string(command.synopsis);
    out << "  " << line;
    if (command.synopsis.empty())
      out << std::string(line.size() < 31 ? 31 - line.size() : 1, ' ') << command.summary;
    out << "\n";
  }
  out << "  iameval COMMAND --help         a command's flags and examples\n"
      << "  iameval --help | --version | --man | --bash-completion\n\n";
  for (const CommandSpec& command : Commands()) {
    if (command.flags.empty()) continue;
    AppendFlags(command, out);
  }
  out << "\n" << kInputs << "\n\n";
  AppendExitCodes(out);
  return out.str();
}

std::string CommandHelp(const CommandSpec& command) {
  std::ostringstream out;
  out << "usage: iameval " << command.name;
  if (!command.synopsis.empty()) out << " " << command.synopsis;
  out << "\n\n" << command.description << "\n\n";
  AppendFlags(command, out);
  out << "  -h, --help               this text\n\n" << kInputs << "\n\nexamples:\n";
  for (const Example& example : command.examples) {
    out << "  # " << example.comment << "\n  $ " << example.command << "\n";
  }
  out << "\n";
  AppendExitCodes(out);
  return out.str();
}

std::string ManPage() {
  std::ostringstream out;
  out << ".TH IAMEVAL 1 \"\" \"iameval " << IAMEVAL_VERSION_STRING << "\" \"User Commands\"\n"
      << ".SH NAME\niameval \\- " << Roff(kToolSummary) << "\n.SH SYNOPSIS\n";
  for (const CommandSpec& command : Commands()) {
    out << ".B iameval " << Roff(command.name) << "\n";
    if (!command.synopsis.empty()) out << Roff(command.synopsis) << "\n";
    out << ".br\n";
  }
  out << ".B iameval\n\\-\\-help | \\-\\-version | \\-\\-man | \\-\\-bash\\-completion\n"
      << ".SH DESCRIPTION\n"
      << Roff(kInputs) << "\n";
  for (const CommandSpec& command : Commands()) {
    out << ".SH " << Roff(command.name) << "\n" << Roff(command.description) << "\n";
    for (const FlagSpec& flag : command.flags) {
      if (!flag.group.empty()) out << ".SS " << Roff(flag.group) << "\n";
      if (flag.value_name.empty()) {
        out << ".TP\n.B " << Roff(flag.name) << "\n";
      } else {
        out << ".TP\n.BI \"" << Roff(flag.name) << " \" \"" << Roff(flag.value_name) << "\"\n";
      }
      // Continuation lines of a help text are aligned for the terminal; man wraps itself.
      std::string help(flag.help);
      for (size_t at; (at = help.find("\n ")) != std::string::npos;) {
        size_t end = help.find_first_not_of(' ', at + 1);
        help.replace(at, end - at, " ");
      }
      out << Roff(help) << "\n";
    }
    if (!command.examples.empty()) {
      out << ".SS examples\n";
      for (const Example& example : command.examples) {
        out << Roff(example.comment) << ":\n.PP\n.nf\n.RS\n"
            << Roff(example.command) << "\n.RE\n.fi\n.PP\n";
      }
    }
  }
  out << ".SH EXIT STATUS\n";
  for (const auto& code : kExitCodes) out << ".TP\n.B " << code[0] << "\n" << Roff(code[1]) << "\n";
  return out.str();
}

std::string BashCompletion() {
  std::vector<std::string_view> names;
  for (const CommandSpec& command : Commands()) names.push_back(command.name);
  std::ostringstream out;
  out << "# bash completion for iameval " << IAMEVAL_VERSION_STRING
      << " (generated by `iameval --bash-completion`)\n"
      << "_iameval() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      << "  local kinds=\"identity resource roleTrust kmsKey permissionsBoundary session scp "
         "rcp vpc-endpoint gateway-vpc-endpoint\"\n"
      << "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
      << "    COMPREPLY=($(compgen -W \"" << Words(names)
      << " --help --version --man --bash-completion\" -- \"$cur\"))\n"
      << "    return\n  fi\n"
      << "  case \"${COMP_WORDS[1]}\" in\n";
  for (const CommandSpec& command : Commands()) {
    std::vector<std::string_view> flags{"--help"};
    std::vector<std::string_view> files, kinds, resource_kinds, text;
    for (const FlagSpec& flag : command.flags) {
      flags.push_back(flag.name);
      switch (flag.value_kind) {
        case ValueKind::kFile:
          files.push_back(flag.name);
          break;
        case ValueKind::kPolicyKind:
          kinds.push_back(flag.name);
          break;
        case ValueKind::kResourceKind:
          resource_kinds.push_back(flag.name);
          break;
        case ValueKind::kText:
          text.push_back(flag.name);
          break;
        case ValueKind::kNone:
          break;
      }
    }
    auto alternatives = [](const std::vector<std::string_view>& list) {
      std::string out;
      for (std::string_view item : list) out += (out.empty() ? "" : "|") + std::string(item);
      return out;
    };
    out << "    " << command.name << ")\n      case \"$prev\" in\n";
    if (!kinds.empty()) {
      out << "        " << alternatives(kinds)
          << ") COMPREPLY=($(compgen -W \"$kinds\" -- \"$cur\")); return ;;\n";
    }
    if (!resource_kinds.empty()) {
      out << "        " << alternatives(resource_kinds)
          << ") COMPREPLY=($(compgen -W \"resource roleTrust kmsKey\" -- \"$cur\")); return ;;\n";
    }
    if (!files.empty()) {
      out << "        " << alternatives(files)
          << ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n";
    }
    if (!text.empty()) out << "        " << alternatives(text) << ") return ;;\n";
    out << "      esac\n"
        << "      if [[ \"$cur\" == -* ]]; then\n"
        << "        COMPREPLY=($(compgen -W \"" << Words(flags) << "\" -- \"$cur\"))\n";
    bool takes_files = command.synopsis.find("FILE") != std::string_view::npos && files.empty();
    out << "      " << (takes_files ? "else\n        COMPREPLY=($(compgen -f -- \"$cur\"))\n" : "")
        << "      fi\n      ;;\n";
  }
  out << "  esac\n}\ncomplete -o filenames -F _iameval iameval\n";
  return out.str();
}

}  // namespace iameval::cli
