// File: engine/cli/flags.cc

#include "cli/flags.h"

#include <ostream>

#include "base/did_you_mean.h"
#include "base/message_text.h"

namespace iameval::cli {

bool ParsedArgs::Has(std::string_view name) const {
  for (const FlagValue& flag : flags) {
    if (flag.name == name) return true;
  }
  return false;
}

std::vector<std::string> ParsedArgs::All(std::string_view name) const {
  std::vector<std::string> values;
  for (const FlagValue& flag : flags) {
    if (flag.name == name) values.push_back(flag.value);
  }
  return values;
}

std::string SuggestFlag(const CommandSpec& command, std::string_view unknown) {
  // Long misspellings only: two edits turn any short flag into another.
  if (unknown.size() > 40) return {};
  std::string_view best;
  size_t best_distance = 3;
  auto consider = [&](std::string_view name) {
    size_t distance = internal::EditDistance(unknown, name);
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
    }
  };
  for (const FlagSpec& flag : command.flags) consider(flag.name);
  consider("--help");
  if (best.empty()) return {};
  return "; did you mean `" + std::string(best) + "`?";
}

bool ParseArgs(const CommandSpec& command, const std::vector<std::string>& args, std::ostream& err,
               ParsedArgs* parsed) {
  const std::string prefix = "iameval " + std::string(command.name) + ": ";
  const bool takes_files = command.synopsis.find("FILE") != std::string_view::npos ||
                           command.synopsis.find("...") != std::string_view::npos;
  bool only_operands = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (only_operands || arg == "-" || arg.empty() || arg[0] != '-') {
      if (!takes_files) {
        err << prefix << "unexpected argument " << internal::Quote(arg) << " (see iameval "
            << command.name << " --help)\n";
        return false;
      }
      parsed->operands.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_operands = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      parsed->help = true;
      return true;
    }
    size_t equals = arg.rfind("--", 0) == 0 ? arg.find('=') : std::string::npos;
    std::string name = arg.substr(0, equals);
    const FlagSpec* spec = nullptr;
    for (const FlagSpec& flag : command.flags) {
      if (flag.name == name) spec = &flag;
    }
    if (spec == nullptr) {
      err << prefix << "unknown flag " << internal::Quote(name) << SuggestFlag(command, name)
          << " (see iameval " << command.name << " --help)\n";
      return false;
    }
    FlagValue value{spec->name, {}};
    if (spec->value_name.empty()) {
      if (equals != std::string::npos) {
        err << prefix << "`" << spec->name << "` takes no value, not "
            << internal::Quote(arg.substr(equals + 1)) << "\n";
        return false;
      }
    } else if (equals != std::string::npos) {
      value.value = arg.substr(equals + 1);
    } else if (i + 1 < args.size()) {
      value.value = args[++i];
    } else {
      err << prefix << "`" << spec->name << "` needs a value (" << spec->value_name << ")\n";
      return false;
    }
    parsed->flags.push_back(std::move(value));
  }
  return true;
}

}  // namespace iameval::cli
