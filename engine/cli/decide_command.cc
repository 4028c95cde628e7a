// File: engine/cli/decide_command.cc
//
// `iameval decide`: policies from files, the request from flags or a JSON
// file, the decision (and, with --explain, why) on stdout.

#include <iostream>
#include <optional>
#include <sstream>

#include "cli.h"
#include "iameval/json.h"
#include "iameval/policy_set.h"

namespace iameval::cli {
namespace {

// The files behind each slot of the set, to name statements in explanations.
struct Sources {
  std::vector<std::string> identity, session;
  std::string resource, boundary;
  std::vector<std::vector<std::string>> scps{{}}, rcps{{}};

  std::string FileOf(const StatementRef& ref) const {
    auto pick = [&](const std::vector<std::string>& files) -> std::string {
      return ref.policy_index < static_cast<int>(files.size()) ? files[ref.policy_index] : "?";
    };
    switch (ref.kind) {
      case PolicyKind::kIdentity: return pick(identity);
      case PolicyKind::kSession: return pick(session);
      case PolicyKind::kPermissionsBoundary: return boundary;
      case PolicyKind::kServiceControl:
        return ref.level < static_cast<int>(scps.size()) ? pick(scps[ref.level]) : "?";
      case PolicyKind::kResourceControl:
        return ref.level < static_cast<int>(rcps.size()) ? pick(rcps[ref.level]) : "?";
      default: return resource;
    }
  }
};

struct Options {
  Sources files;
  std::optional<PolicyKind> resource_kind;
  std::string request_file;
  Request request;
  bool has_principal = false, has_action = false;
  bool explain = false, json = false;
};

bool SetContext(const std::string& assignment, Context* context) {
  size_t typed = assignment.find(":=");
  size_t plain = assignment.find('=');
  if (typed != std::string::npos && typed < plain) {
    std::string key = assignment.substr(0, typed);
    std::string request = "{\"principal\":\"*\",\"action\":\"a:b\",\"resource\":\"*\",\"context\":{\"\":" +
                          assignment.substr(typed + 2) + "}}";
    RequestResult parsed = RequestFromJson(request);
    if (!parsed.ok() || key.empty()) return false;
    const Context::Entry& entry = parsed.request->context.entries().front();
    if (entry.is_list) {
      context->SetList(key, entry.values);
    } else {
      context->Set(key, entry.values.front());
    }
    return true;
  }
  if (plain == std::string::npos || plain == 0) return false;
  context->Set(assignment.substr(0, plain), std::string_view(assignment).substr(plain + 1));
  return true;
}

// Parses flags into `options`; prints the problem and returns false on a bad command line.
bool ParseFlags(const std::vector<std::string>& args, Options* options) {
  Sources& files = options->files;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) {
        std::cerr << "iameval decide: " << flag << " needs a value\n";
        return false;
      }
      *out = args[++i];
      return true;
    };
    std::string v;
    if (flag == "--explain") { options->explain = true; continue; }
    if (flag == "--json") { options->json = true; continue; }
    if (flag == "--scp-level") { files.scps.emplace_back(); continue; }
    if (flag == "--rcp-level") { files.rcps.emplace_back(); continue; }
    if (!value(&v)) return false;
    if (flag == "--identity") files.identity.push_back(v);
    else if (flag == "--resource") files.resource = v;
    else if (flag == "--boundary") files.boundary = v;
    else if (flag == "--session") files.session.push_back(v);
    else if (flag == "--scp") files.scps.back().push_back(v);
    else if (flag == "--rcp") files.rcps.back().push_back(v);
    else if (flag == "--request") options->request_file = v;
    else if (flag == "--principal") { options->request.principal = v; options->has_principal = true; }
    else if (flag == "--action") { options->request.action = v; options->has_action = true; }
    else if (flag == "--resource-arn") options->request.resource = v;
    else if (flag == "--resource-account") options->request.resource_account = v;
    else if (flag == "--resource-kind") {
      PolicyKind kind;
      if (!ParsePolicyKindName(v, &kind) || !IsResourcePolicyKind(kind)) {
        std::cerr << "iameval decide: --resource-kind takes resource, roleTrust or kmsKey\n";
        return false;
      }
      options->resource_kind = kind;
    } else if (flag == "--context") {
      if (!SetContext(v, &options->request.context)) {
        std::cerr << "iameval decide: --context takes KEY=VALUE or KEY:=JSON, not `" << v << "`\n";
        return false;
      }
    } else if (flag == "--now") {
      // Reuse the JSON reader so the CLI accepts exactly what the JSON API does.
      RequestResult parsed = RequestFromJson(
          "{\"principal\":\"*\",\"action\":\"a:b\",\"resource\":\"*\",\"currentTime\":\"" + v + "\"}");
      if (!parsed.ok()) {
        std::cerr << "iameval decide: --now takes an ISO 8601 instant such as 2026-01-31T12:00:00Z\n";
        return false;
      }
      options->request.now = parsed.request->now;
    } else {
      std::cerr << "iameval decide: unknown flag `" << flag << "` (see iameval --help)\n";
      return false;
    }
  }
  if (files.scps.size() == 1 && files.scps[0].empty()) files.scps.clear();
  if (files.rcps.size() == 1 && files.rcps[0].empty()) files.rcps.clear();
  if (options->request_file.empty() && (!options->has_principal || !options->has_action)) {
    std::cerr << "iameval decide: give --request FILE, or --principal and --action\n";
    return false;
  }
  if (options->request.resource.empty()) options->request.resource = "*";
  return true;
}

// Reads and compiles one policy file; prints its findings. Returns nullopt on
// errors or unreadable files (`io_error` tells which).
std::optional<Policy> LoadPolicy(const std::string& file, PolicyKind kind, bool* io_error) {
  std::string text;
  if (!ReadFile(file, &text)) {
    *io_error = true;
    return std::nullopt;
  }
  ParseResult parsed = Policy::Parse(text, kind);
  for (const Finding& finding : parsed.findings) {
    std::cerr << FormatFinding(finding, file) << "\n";
  }
  return std::move(parsed.policy);
}

void PrintExplanation(const Explanation& why, const Sources& files) {
  std::cout << "  reason: " << why.reason << "\n";
  if (!why.determining.empty()) {
    std::cout << "  determining statements:\n";
    for (const StatementRef& ref : why.determining) {
      std::cout << "    " << EffectName(ref.effect) << "  " << PolicyKindName(ref.kind);
      if (ref.level >= 0) std::cout << " level " << ref.level;
      std::cout << "  " << files.FileOf(ref) << ":" << ref.line << ":" << ref.column
                << "  Statement[" << ref.statement_index << "]";
      if (!ref.sid.empty()) std::cout << " \"" << ref.sid << "\"";
      std::cout << "\n";
    }
  }
  std::cout << "  verdicts:\n";
  for (const KindVerdict& verdict : why.verdicts) {
    std::string name(PolicyKindName(verdict.kind));
    if (verdict.level >= 0) name += " level " + std::to_string(verdict.level);
    name.resize(24, ' ');
    std::cout << "    " << name << VerdictName(verdict.verdict) << "\n";
  }
}

}  // namespace

int RunDecide(const std::vector<std::string>& args) {
  Options options;
  if (!ParseFlags(args, &options)) return kExitUsage;
  Request request = options.request;
  if (!options.request_file.empty()) {
    std::string text;
    if (!ReadFile(options.request_file, &text)) return kExitIo;
    RequestResult parsed = RequestFromJson(text);
    if (!parsed.ok()) {
      std::cerr << options.request_file << ": " << parsed.error << "\n";
      return kExitInvalid;
    }
    request = std::move(*parsed.request);
  }
  PolicyKind resource_kind = options.resource_kind.value_or(InferResourcePolicyKind(request));

  bool io_error = false, invalid = false;
  PolicySet::Builder builder;
  auto load = [&](const std::string& file, PolicyKind kind) {
    std::optional<Policy> policy = LoadPolicy(file, kind, &io_error);
    if (!policy) invalid = true;
    return policy;
  };
  const Sources& files = options.files;
  for (const std::string& file : files.identity) {
    if (auto p = load(file, PolicyKind::kIdentity)) builder.AddIdentityPolicy(std::move(*p));
  }
  if (!files.resource.empty()) {
    if (auto p = load(files.resource, resource_kind)) builder.SetResourcePolicy(std::move(*p));
  }
  if (!files.boundary.empty()) {
    if (auto p = load(files.boundary, PolicyKind::kPermissionsBoundary)) {
      builder.SetPermissionsBoundary(std::move(*p));
    }
  }
  for (const std::string& file : files.session) {
    if (auto p = load(file, PolicyKind::kSession)) builder.AddSessionPolicy(std::move(*p));
  }
  for (const auto& level : files.scps) {
    std::vector<Policy> policies;
    for (const std::string& file : level) {
      if (auto p = load(file, PolicyKind::kServiceControl)) policies.push_back(std::move(*p));
    }
    builder.AddScpLevel(std::move(policies));
  }
  for (const auto& level : files.rcps) {
    std::vector<Policy> policies;
    for (const std::string& file : level) {
      if (auto p = load(file, PolicyKind::kResourceControl)) policies.push_back(std::move(*p));
    }
    builder.AddRcpLevel(std::move(policies));
  }
  if (io_error) return kExitIo;
  if (invalid) return kExitInvalid;
  BuildResult built = std::move(builder).Build();
  if (!built.ok()) {
    std::cerr << "iameval decide: " << built.error << "\n";
    return kExitInvalid;
  }

  Explanation why;
  Answer answer = built.set->Decide(request, options.explain ? &why : nullptr);
  if (options.json) {
    std::cout << AnswerToJson(answer, options.explain ? &why : nullptr) << "\n";
  } else {
    std::cout << DecisionName(answer.decision) << "  " << request.action << " on " << request.resource
              << "\n  by " << request.principal << "\n";
    if (answer.error) std::cout << "  error: " << answer.error << "\n";
    if (options.explain) PrintExplanation(why, files);
  }
  if (answer.error) return kExitInvalid;
  return answer.allowed() ? kExitAllowed : kExitDenied;
}

}  // namespace iameval::cli
