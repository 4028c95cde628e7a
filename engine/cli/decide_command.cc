// File: engine/cli/decide_command.cc
//
// `iameval decide`: policies from files, the request from flags or a JSON
// file, the decision (and, with --explain, why) on stdout. Several --action
// and --resource-arn values decide every combination, as
// `aws iam simulate-custom-policy` does.

#include <map>
#include <optional>
#include <ostream>
#include <set>

#include "base/message_text.h"
#include "cli/cli.h"
#include "iameval/context_reader.h"
#include "iameval/json.h"
#include "iameval/policy_set.h"
#include "match/arn.h"

namespace iameval::cli {
namespace {

// The files behind each slot of the set, to name statements in explanations.
struct Sources {
  std::vector<std::string> identity, session;
  std::string resource, boundary, vpc_endpoint;
  std::vector<std::vector<std::string>> scps, rcps;
  PolicyKind vpc_endpoint_kind = PolicyKind::kVpcEndpoint;  // --vpc-endpoint-type

  std::string FileOf(const StatementRef& ref) const {
    auto pick = [&](const std::vector<std::string>& files) -> std::string {
      return ref.policy_index < static_cast<int>(files.size()) ? files[ref.policy_index] : "?";
    };
    switch (ref.kind) {
      case PolicyKind::kIdentity:
        return pick(identity);
      case PolicyKind::kSession:
        return pick(session);
      case PolicyKind::kPermissionsBoundary:
        return boundary;
      case PolicyKind::kServiceControl:
        return ref.level >= 0 && ref.level < static_cast<int>(scps.size()) ? pick(scps[ref.level])
                                                                           : "?";
      case PolicyKind::kResourceControl:
        return ref.level >= 0 && ref.level < static_cast<int>(rcps.size()) ? pick(rcps[ref.level])
                                                                           : "?";
      case PolicyKind::kVpcEndpoint:
      case PolicyKind::kGatewayVpcEndpoint:
        return vpc_endpoint;
      default:
        return resource;
    }
  }
};

// The flags that describe the request, which --request FILE replaces.
constexpr std::string_view kRequestFlags[] = {"--principal",         "--action",  "--resource-arn",
                                              "--resource-account",  "--context", "--now",
                                              "--principal-role-arn"};
// Flags that name one thing: given twice, the first would be silently lost.
constexpr std::string_view kSingleFlags[] = {
    "--resource",          "--resource-kind",     "--boundary", "--request",
    "--principal",         "--resource-account",  "--now",      "--vpc-endpoint",
    "--vpc-endpoint-type", "--principal-role-arn"};

bool IsArnOrStar(std::string_view resource) {
  internal::ArnView arn;
  return resource == "*" || internal::SplitArn(resource, &arn);
}

std::string NotArnMessage(std::string_view resource) {
  return "a request's resource is an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) or *, "
         "not " +
         internal::Quote(resource);
}

// Adds one --context assignment through the engine's ContextReader, the rule
// every binding reads context keys by: keys that differ only in case are one
// key and a second is refused, and the InputLimits bound count and size.
// False (after printing why) when malformed or refused.
bool AddContext(const std::string& assignment, ContextReader* reader, std::ostream& err) {
  size_t typed = assignment.find(":=");
  size_t plain = assignment.find('=');
  bool is_typed = typed != std::string::npos && typed < plain;
  std::string key = assignment.substr(0, is_typed ? typed : plain);
  if (plain == std::string::npos || key.empty()) {
    err << "iameval decide: --context takes KEY=VALUE or KEY:=JSON, not "
        << internal::Quote(assignment) << "\n";
    return false;
  }
  std::string error;
  bool added;
  if (!is_typed) {
    added = reader->AddString(key, std::string_view(assignment).substr(plain + 1), &error);
  } else {
    // The JSON reader reads the value, so the tool accepts exactly what the JSON API does.
    RequestResult parsed = RequestFromJson(
        "{\"principal\":\"*\",\"action\":\"a:b\",\"resource\":\"*\",\"context\":{\"k\":" +
        assignment.substr(typed + 2) + "}}");
    if (!parsed.ok() || parsed.request->context.entries().empty()) {
      err << "iameval decide: --context takes KEY=VALUE or KEY:=JSON, not "
          << internal::Quote(assignment) << "\n";
      return false;
    }
    const Context::Entry& entry = parsed.request->context.entries().front();
    added = entry.is_list ? reader->AddList(key, entry.values, &error)
                          : reader->Add(key, entry.values.front(), &error);
  }
  if (!added) err << "iameval decide: --context: " << error << "\n";
  return added;
}

struct Options {
  Sources files;
  std::optional<PolicyKind> resource_kind;
  std::string request_file;
  Request request;  // principal, account, context, time: shared by every pair
  std::vector<std::string> actions, resources;
  bool explain = false, json = false;
};

// Reads the flags into `options`; prints the problem and returns an exit code
// other than kExitAllowed on a bad command line.
int ReadOptions(const ParsedArgs& args, Io& io, Options* options) {
  for (std::string_view flag : kSingleFlags) {
    if (args.All(flag).size() > 1) {
      io.err << "iameval decide: `" << flag << "` given twice; it names one thing\n";
      return kExitUsage;
    }
  }
  options->explain = args.Has("--explain");
  options->json = args.Has("--json");
  Sources& files = options->files;
  std::vector<std::string> identity, session;
  std::vector<std::vector<std::string>> scps(1), rcps(1);
  for (const FlagValue& flag : args.flags) {
    if (flag.name == "--identity") identity.push_back(flag.value);
    // --session: the name before sessionPolicies was the one name (kept for scripts).
    if (flag.name == "--session-policy" || flag.name == "--session") session.push_back(flag.value);
    if (flag.name == "--scp") scps.back().push_back(flag.value);
    if (flag.name == "--scp-level") scps.emplace_back();
    if (flag.name == "--rcp") rcps.back().push_back(flag.value);
    if (flag.name == "--rcp-level") rcps.emplace_back();
  }
  // AWS keeps at least one SCP on every level (FullAWSAccess by default), and
  // an empty level would deny every request: it is a mistake on the command line.
  for (auto* levels : {&scps, &rcps}) {
    const char* name = levels == &scps ? "SCP" : "RCP";
    const char* flag = levels == &scps ? "--scp" : "--rcp";
    if (levels->size() == 1 && levels->front().empty()) {
      levels->clear();
      continue;
    }
    for (size_t level = 0; level < levels->size(); ++level) {
      if ((*levels)[level].empty()) {
        io.err << "iameval decide: " << name << " level " << level << " is empty: give it at least "
               << "one " << flag << " FILE (an empty level would deny every request)\n";
        return kExitUsage;
      }
    }
  }
  if (!ExpandDirectories(identity, io, &files.identity) ||
      !ExpandDirectories(session, io, &files.session)) {
    return kExitIo;
  }
  for (auto& level : scps) {
    files.scps.emplace_back();
    if (!ExpandDirectories(level, io, &files.scps.back())) return kExitIo;
  }
  for (auto& level : rcps) {
    files.rcps.emplace_back();
    if (!ExpandDirectories(level, io, &files.rcps.back())) return kExitIo;
  }
  if (args.Has("--resource")) files.resource = args.All("--resource").front();
  if (args.Has("--boundary")) files.boundary = args.All("--boundary").front();
  if (args.Has("--resource-kind")) {
    PolicyKind kind;
    if (!ParsePolicyKindName(args.All("--resource-kind").front(), &kind) ||
        !IsResourcePolicyKind(kind)) {
      io.err << "iameval decide: --resource-kind takes resource, roleTrust or kmsKey\n";
      return kExitUsage;
    }
    options->resource_kind = kind;
  }
  if (args.Has("--vpc-endpoint")) files.vpc_endpoint = args.All("--vpc-endpoint").front();
  if (args.Has("--vpc-endpoint-type")) {
    const std::string& type = args.All("--vpc-endpoint-type").front();
    if (type != "interface" && type != "gateway") {
      io.err << "iameval decide: --vpc-endpoint-type takes interface or gateway, not "
             << internal::Quote(type) << "\n";
      return kExitUsage;
    }
    if (files.vpc_endpoint.empty()) {
      io.err << "iameval decide: --vpc-endpoint-type says the kind of --vpc-endpoint FILE, "
                "which is not given\n";
      return kExitUsage;
    }
    files.vpc_endpoint_kind =
        type == "gateway" ? PolicyKind::kGatewayVpcEndpoint : PolicyKind::kVpcEndpoint;
  }

  if (args.Has("--request")) {
    for (std::string_view flag : kRequestFlags) {
      if (args.Has(flag)) {
        io.err << "iameval decide: give the request as --request FILE or as flags, not both ("
               << "--request would replace `" << flag << "`)\n";
        return kExitUsage;
      }
    }
    options->request_file = args.All("--request").front();
    return kExitAllowed;
  }
  options->actions = args.All("--action");
  if (!args.Has("--principal") || options->actions.empty()) {
    io.err << "iameval decide: give --request FILE, or --principal and --action\n";
    return kExitUsage;
  }
  Request& request = options->request;
  request.principal = args.All("--principal").front();
  if (args.Has("--resource-account")) request.resource_account = args.All("--resource-account")[0];
  if (args.Has("--principal-role-arn")) {
    request.principal_role_arn = args.All("--principal-role-arn")[0];
  }
  options->resources = args.All("--resource-arn");
  if (options->resources.empty()) options->resources.push_back("*");
  for (const std::string& resource : options->resources) {
    if (!IsArnOrStar(resource)) {
      io.err << "iameval decide: --resource-arn: " << NotArnMessage(resource) << "\n";
      return kExitUsage;
    }
  }
  ContextReader reader(&request.context);
  for (const std::string& assignment : args.All("--context")) {
    if (!AddContext(assignment, &reader, io.err)) return kExitUsage;
  }
  if (args.Has("--now")) {
    RequestResult parsed = RequestFromJson(
        "{\"principal\":\"*\",\"action\":\"a:b\",\"resource\":\"*\",\"currentTime\":" +
        JsonString(args.All("--now").front()) + "}");
    if (!parsed.ok()) {
      io.err << "iameval decide: --now takes an ISO 8601 instant such as 2026-01-31T12:00:00Z\n";
      return kExitUsage;
    }
    request.now = parsed.request->now;
  }
  return kExitAllowed;
}

void PrintExplanation(const Explanation& why, const Sources& files, std::ostream& out) {
  out << "  reason: " << why.reason << " [" << why.reason_code << "]\n";
  for (const std::string& note : why.notes) out << "  note: " << note << "\n";
  if (!why.determining.empty()) {
    out << "  determining statements:\n";
    for (const StatementRef& ref : why.determining) {
      out << "    " << EffectName(ref.effect) << "  " << PolicyKindName(ref.kind);
      if (ref.level >= 0) out << " level " << ref.level;
      out << "  " << files.FileOf(ref) << ":" << ref.line << ":" << ref.column << "  Statement["
          << ref.statement_index << "]";
      if (!ref.sid.empty()) out << " \"" << ref.sid << "\"";
      out << "\n";
    }
  }
  if (!why.failed_conditions.empty()) {
    out << "  conditions that failed:\n";
    for (const FailedCondition& failed : why.failed_conditions) {
      const StatementRef& ref = failed.statement;
      out << "    " << EffectName(ref.effect) << "  " << PolicyKindName(ref.kind);
      if (ref.level >= 0) out << " level " << ref.level;
      out << "  " << files.FileOf(ref) << ":" << ref.line << ":" << ref.column << "  Statement["
          << ref.statement_index << "]";
      if (!ref.sid.empty()) out << " \"" << ref.sid << "\"";
      out << "  " << failed.condition_operator << " " << failed.key
          << (failed.key_missing ? " (not in the request)" : "") << "\n";
    }
  }
  if (!why.missing_keys.empty()) {
    out << "  keys consulted but not in the request:\n";
    for (const MissingKey& key : why.missing_keys) {
      out << "    " << key.key
          << (key.could_change_decision ? "  could change the decision" : "  would not change it")
          << (key.always_set ? "  (AWS always sets it for this caller)" : "") << "\n";
    }
  }
  out << "  verdicts:\n";
  for (const KindVerdict& verdict : why.verdicts) {
    std::string name(PolicyKindName(verdict.kind));
    if (verdict.level >= 0) name += " level " + std::to_string(verdict.level);
    name.resize(24, ' ');
    out << "    " << name << VerdictName(verdict.verdict) << "\n";
  }
}

// Builds policy sets from the files, each file read once (so `-` works and a
// file named twice costs one read), one set per resource-policy kind asked for.
class SetLoader {
 public:
  SetLoader(const Sources& files, Io& io) : files_(files), io_(io) {}

  // Returns kExitAllowed and the set, or the exit code after printing why.
  int Build(PolicyKind resource_kind, std::optional<PolicySet>* set) {
    auto found = sets_.find(resource_kind);
    if (found != sets_.end()) {
      *set = found->second;
      return kExitAllowed;
    }
    io_error_ = invalid_ = false;
    PolicySet::Builder builder;
    for (const std::string& file : files_.identity) {
      if (auto p = Load(file, PolicyKind::kIdentity)) builder.AddIdentityPolicy(std::move(*p));
    }
    if (!files_.resource.empty()) {
      if (auto p = Load(files_.resource, resource_kind)) builder.SetResourcePolicy(std::move(*p));
    }
    if (!files_.boundary.empty()) {
      if (auto p = Load(files_.boundary, PolicyKind::kPermissionsBoundary)) {
        builder.SetPermissionsBoundary(std::move(*p));
      }
    }
    for (const std::string& file : files_.session) {
      if (auto p = Load(file, PolicyKind::kSession)) builder.AddSessionPolicy(std::move(*p));
    }
    for (const auto& level : files_.scps)
      builder.AddScpLevel(LoadAll(level, PolicyKind::kServiceControl));
    for (const auto& level : files_.rcps)
      builder.AddRcpLevel(LoadAll(level, PolicyKind::kResourceControl));
    if (!files_.vpc_endpoint.empty()) {
      if (auto p = Load(files_.vpc_endpoint, files_.vpc_endpoint_kind)) {
        builder.SetVpcEndpointPolicy(std::move(*p));
      }
    }
    if (io_error_) return kExitIo;
    if (invalid_) return kExitInvalid;
    BuildResult built = std::move(builder).Build();
    if (!built.ok()) {
      io_.err << "iameval decide: " << built.error << "\n";
      return kExitInvalid;
    }
    sets_.emplace(resource_kind, *built.set);
    *set = std::move(built.set);
    return kExitAllowed;
  }

 private:
  std::optional<Policy> Load(const std::string& file, PolicyKind kind) {
    auto cached = documents_.find(file);
    if (cached == documents_.end()) {
      Document document;
      if (!ReadDocument(file, io_, &document)) {
        io_error_ = true;
        return std::nullopt;
      }
      cached = documents_.emplace(file, std::move(document)).first;
    }
    const Document& document = cached->second;
    ParseResult parsed;
    if (document.limit.empty()) {
      parsed = Policy::Parse(document.text, kind);
    } else {
      parsed.findings = document.limit;
    }
    if (!parsed.findings.empty() && document.unwrapped) {
      Say("iameval decide: " + file +
          ": read the document inside `{\"Policy\": ...}`; lines and columns count within it");
    }
    for (const Finding& finding : parsed.findings) Say(FormatFinding(finding, file));
    if (!parsed.ok()) invalid_ = true;
    return std::move(parsed.policy);
  }

  std::vector<Policy> LoadAll(const std::vector<std::string>& files, PolicyKind kind) {
    std::vector<Policy> policies;
    for (const std::string& file : files) {
      if (auto p = Load(file, kind)) policies.push_back(std::move(*p));
    }
    return policies;
  }

  // A line on stderr, once: a matrix of kinds parses the same files again.
  void Say(const std::string& line) {
    if (said_.insert(line).second) io_.err << line << "\n";
  }

  const Sources& files_;
  Io& io_;
  std::map<std::string, Document> documents_;
  std::map<PolicyKind, PolicySet> sets_;
  std::set<std::string> said_;
  bool io_error_ = false, invalid_ = false;
};

}  // namespace

int RunDecide(const ParsedArgs& args, Io& io) {
  Options options;
  if (int status = ReadOptions(args, io, &options); status != kExitAllowed) return status;
  std::vector<Request> requests;
  if (!options.request_file.empty()) {
    std::string text;
    ReadStatus read = ReadBounded(options.request_file, kMaxRequestBytes, io, &text);
    if (read == ReadStatus::kFailed) return kExitIo;
    if (read == ReadStatus::kTooLarge) {
      io.err << "iameval: cannot read " << options.request_file << ": over the request limit of "
             << internal::WithThousands(kMaxRequestBytes) << " bytes\n";
      return kExitIo;
    }
    RequestResult parsed = RequestFromJson(text);
    if (!parsed.ok()) {
      io.err << options.request_file << ": " << parsed.error << "\n";
      return kExitInvalid;
    }
    if (!IsArnOrStar(parsed.request->resource)) {
      io.err << options.request_file << ": " << NotArnMessage(parsed.request->resource) << "\n";
      return kExitInvalid;
    }
    requests.push_back(std::move(*parsed.request));
  } else {
    for (const std::string& action : options.actions) {
      for (const std::string& resource : options.resources) {
        Request request = options.request;
        request.action = action;
        request.resource = resource;
        requests.push_back(std::move(request));
      }
    }
  }

  SetLoader loader(options.files, io);
  std::vector<std::pair<const Request*, std::optional<PolicySet>>> decided;
  for (const Request& request : requests) {
    std::optional<PolicySet> set;
    PolicyKind kind = options.resource_kind.value_or(InferResourcePolicyKind(request));
    if (int status = loader.Build(kind, &set); status != kExitAllowed) return status;
    decided.emplace_back(&request, std::move(set));
  }

  const bool matrix = requests.size() > 1;
  bool any_error = false, any_denied = false;
  for (auto& [request, set] : decided) {
    Explanation why;
    Answer answer = set->Decide(*request, options.explain ? &why : nullptr);
    any_error = any_error || answer.error;
    any_denied = any_denied || !answer.allowed();
    if (options.json) {
      std::string body = AnswerToJson(answer, options.explain ? &why : nullptr);
      if (matrix) {
        // Each line names its request: {"action": ..., "resource": ..., "decision": ...}.
        body = "{\"action\":" + JsonString(request->action) +
               ",\"resource\":" + JsonString(request->resource) + "," + body.substr(1);
      }
      io.out << body << "\n";
    } else {
      io.out << DecisionName(answer.decision) << "  " << request->action << " on "
             << request->resource << "\n  by " << request->principal << "\n";
      if (answer.error) io.out << "  error: " << answer.error << "\n";
      if (options.explain) PrintExplanation(why, options.files, io.out);
    }
  }
  if (any_error) return kExitInvalid;
  return any_denied ? kExitDenied : kExitAllowed;
}

}  // namespace iameval::cli
