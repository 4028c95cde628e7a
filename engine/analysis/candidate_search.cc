// File: engine/analysis/candidate_search.cc
//
// Builds the candidate space dimension by dimension (actions, then per
// action group the resources and the condition keys in play, the principals
// once) and walks its product, handing each request to the visitor.

#include "analysis/candidate_search.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "analysis/glob_regions.h"
#include "analysis/judge.h"
#include "base/ascii.h"
#include "base/message_text.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

constexpr size_t kMaxRegionStates = 100000;
constexpr size_t kMaxContexts = 20000;  // per action group, resource and principal

// The partitions a caller can be in (match/principal.cc's list): a resource
// in any other partition is no real resource, and the engine would refuse a
// caller there.
constexpr std::string_view kPartitions[] = {"aws",       "aws-cn",    "aws-us-gov", "aws-iso",
                                            "aws-iso-b", "aws-iso-e", "aws-iso-f",  "aws-eusc"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StatementNamesAction(const CompiledStatement& s, std::string_view action_lower) {
  bool any = false;
  for (const Glob& g : s.actions) {
    if (g.Matches(action_lower)) {
      any = true;
      break;
    }
  }
  return s.not_action ? !any : any;
}

// The service prefixes a statement's Action names, or "" in `services` when
// it may name an action of any service (NotAction, `*`, `s3*:x`).
void StatementServices(const CompiledStatement& s, std::set<std::string>* services) {
  if (s.not_action) {
    services->insert("");
    return;
  }
  for (const Glob& g : s.actions) {
    const std::string& p = g.pattern();
    const size_t colon = p.find(':');
    const std::string_view prefix = std::string_view(p).substr(0, colon);
    if (colon == std::string::npos || HasWildcard(prefix)) {
      services->insert("");
    } else {
      services->insert(std::string(prefix));
    }
  }
}

const char* KindWord(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
      return "identity policy";
    case PolicyKind::kResource:
      return "resource policy";
    case PolicyKind::kRoleTrust:
      return "trust policy";
    case PolicyKind::kKmsKey:
      return "key policy";
    case PolicyKind::kPermissionsBoundary:
      return "permissions boundary";
    case PolicyKind::kSession:
      return "session policy";
    case PolicyKind::kServiceControl:
      return "SCP";
    case PolicyKind::kResourceControl:
      return "RCP";
    case PolicyKind::kVpcEndpoint:
    case PolicyKind::kGatewayVpcEndpoint:
      return "VPC endpoint policy";
  }
  return "policy";
}

// The key AWS sets on every request through a VPC endpoint: where a set
// holds an endpoint policy, every candidate carries it (spec/analysis.md
// §2.3), as the engine refuses a request without it (spec/decision.md §4.3).
constexpr std::string_view kEndpointKey = "aws:sourcevpce";

// An endpoint id no policy names.
constexpr std::string_view kUnnamedEndpoint = "vpce-0analysis00000000";

bool IsUnnamedEndpoint(const KeyValue& v) {
  return !v.absent && !v.is_list && v.values.size() == 1 && v.values[0].text == kUnnamedEndpoint;
}

// Makes `values` (witnesses of aws:SourceVpce) the endpoints a request can
// name: never absent, an empty set or an empty id (AWS sets a real one), and
// first an endpoint no policy names, so counterexamples read as requests AWS
// could send. The regions of the values compared with the key (glob regions
// of nonempty texts) still stand for every endpoint id.
void RequireEndpoint(std::vector<KeyValue>* values) {
  values->erase(std::remove_if(values->begin(), values->end(),
                               [](const KeyValue& v) {
                                 if (v.absent || (v.is_list && v.values.empty())) return true;
                                 for (const ContextScalar& s : v.values) {
                                   if (s.text.empty()) return true;
                                 }
                                 return IsUnnamedEndpoint(v);
                               }),
                values->end());
  KeyValue unnamed;
  unnamed.values.push_back(ContextScalar::String(kUnnamedEndpoint));
  values->insert(values->begin(), std::move(unnamed));
}

bool IsTwelveDigits(std::string_view text) {
  if (text.size() != 12) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Field `n` (0-based) of an ARN-like text split at its first five colons.
std::string_view ArnField(std::string_view arn, int n) {
  size_t start = 0;
  for (int i = 0; i < n; ++i) {
    const size_t colon = arn.find(':', start);
    if (colon == std::string_view::npos) return {};
    start = colon + 1;
  }
  if (n == 5) return arn.substr(start);
  const size_t end = arn.find(':', start);
  return arn.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

}  // namespace

CandidateSearch::CandidateSearch(const CatalogueData& catalogue, SearchSpec spec,
                                 const AnalysisOptions& options)
    : catalogue_(catalogue), spec_(std::move(spec)), options_(options) {
  spec_.gate.resize(spec_.sets.size(), false);
  for (const CompiledPolicySet* set : spec_.sets) endpoint_ = endpoint_ || set->has_vpc_endpoint;
  CollectStatements();
}

void CandidateSearch::Note(std::string code, std::string message) {
  for (const AnalysisNote& n : notes_) {
    if (n.message == message) return;
  }
  notes_.push_back({std::move(code), std::move(message)});
}

void CandidateSearch::Refused(const Request& request, const char* why) {
  complete_ = false;
  Note("invalid-candidate", "the engine refused the candidate `" + request.action + "` on `" +
                                request.resource + "` by `" + request.principal + "` (" + why +
                                "): what it stands for is not covered");
}

bool CandidateSearch::Valid(const Request& request) {
  std::string key = request.principal + '\n' + request.action + '\n' + request.resource;
  // The request's own facts depend on these three only; where a set holds an
  // endpoint policy, what it refuses depends on the context too, so every
  // candidate is asked.
  if (key == last_checked_ && !endpoint_) return true;
  for (const CompiledPolicySet* set : spec_.sets) {
    if (const char* why = Judge::Refusal(*set, request)) {
      Refused(request, why);
      return false;
    }
  }
  last_checked_ = std::move(key);
  return true;
}

void CandidateSearch::CollectStatements() {
  for (size_t set = 0; set < spec_.sets.size(); ++set) {
    const CompiledPolicySet& s = *spec_.sets[set];
    auto add_group = [&](const PolicyGroup& group) {
      for (size_t p = 0; p < group.policies.size(); ++p) {
        const CompiledPolicy& policy = group.policies[p].compiled();
        for (const CompiledStatement& st : policy.statements) {
          StatementInfo info;
          info.statement = &st;
          info.kind = policy.kind;
          info.set = set;
          info.where =
              "statement " + std::to_string(st.index) + " (line " + std::to_string(st.line) +
              ") of " +
              (spec_.sets.size() == 2 ? (set == 0 ? "`before`'s " : "`after`'s ") : std::string()) +
              KindWord(policy.kind) + (group.policies.size() > 1 ? " " + std::to_string(p) : "");
          statements_.push_back(std::move(info));
        }
      }
    };
    add_group(s.identity);
    add_group(s.resource);
    add_group(s.boundary);
    add_group(s.sessions);
    for (const PolicyGroup& g : s.scps) add_group(g);
    for (const PolicyGroup& g : s.rcps) add_group(g);
    add_group(s.vpc_endpoint);
  }
}

void CandidateSearch::BuildGroups(std::vector<ActionGroup>* groups) {
  // Statements by the services they can name.
  std::map<std::string, std::vector<uint32_t>> by_service;  // "" = any service
  for (uint32_t id = 0; id < statements_.size(); ++id) {
    std::set<std::string> services;
    StatementServices(*statements_[id].statement, &services);
    for (const std::string& s : services) by_service[s].push_back(id);
  }
  const std::vector<uint32_t>& any_service = by_service[""];
  std::vector<Glob> filter;
  for (const std::string& f : spec_.action_filter) filter.emplace_back(Lower(f));

  std::unordered_map<std::string, size_t> group_of;
  auto consider = [&](std::string name, const ActionInfo* info, std::string_view service,
                      const std::vector<uint32_t>& candidates) {
    const std::string lower = Lower(name);
    if (!filter.empty()) {
      bool wanted = false;
      for (const Glob& g : filter) wanted = wanted || g.Matches(lower);
      if (!wanted) return;
    }
    std::vector<uint32_t> named;
    bool gated_allow = false;
    bool any_gate = false;
    for (size_t s = 0; s < spec_.gate.size(); ++s) any_gate = any_gate || spec_.gate[s];
    for (uint32_t id : candidates) {
      const StatementInfo& st = statements_[id];
      if (!StatementNamesAction(*st.statement, lower)) continue;
      named.push_back(id);
      if (st.statement->effect == Effect::kAllow && spec_.gate[st.set]) gated_allow = true;
    }
    if (any_gate && !gated_allow) return;
    if (!any_gate && named.empty()) return;
    std::sort(named.begin(), named.end());
    ++actions_considered_;
    // The key: what tells actions apart to the engine.
    std::string key(service);
    key += '|';
    if (service == "sts" || service == "kms" || info == nullptr) key += lower;
    key += '|';
    for (uint32_t id : named) key += std::to_string(id) + ",";
    key += '|';
    if (info != nullptr) {
      std::vector<uint32_t> types;
      for (const ActionResource& r : info->resources) types.push_back(r.resource_type);
      std::sort(types.begin(), types.end());
      for (uint32_t t : types) key += std::to_string(t) + ",";
    }
    auto [it, inserted] = group_of.emplace(key, groups->size());
    if (inserted) {
      ActionGroup group;
      group.info = info;
      group.statements = std::move(named);
      groups->push_back(std::move(group));
    }
    (*groups)[it->second].actions.push_back(std::move(name));
  };

  for (const ServiceInfo& service : catalogue_.services()) {
    const std::string prefix = Lower(service.prefix);
    std::vector<uint32_t> candidates = any_service;
    auto named = by_service.find(prefix);
    if (named != by_service.end()) {
      candidates.insert(candidates.end(), named->second.begin(), named->second.end());
      std::sort(candidates.begin(), candidates.end());
    }
    if (candidates.empty()) continue;
    for (uint32_t action_id : service.actions) {
      const ActionInfo& info = catalogue_.actions()[action_id];
      consider(catalogue_.ActionName(info), &info, prefix, candidates);
    }
  }
  // Exact action names the catalogue lacks (newer than it, or misspelt).
  std::set<std::string> unknown;
  for (const StatementInfo& st : statements_) {
    if (st.statement->not_action) continue;
    for (const Glob& g : st.statement->actions) {
      const std::string& p = g.pattern();
      if (g.has_wildcards()) continue;
      const size_t colon = p.find(':');
      if (colon == std::string::npos) continue;
      const ServiceInfo* service = catalogue_.FindService(std::string_view(p).substr(0, colon));
      if (service != nullptr &&
          catalogue_.FindAction(*service, std::string_view(p).substr(colon + 1)) != nullptr) {
        continue;
      }
      unknown.insert(p);
    }
  }
  for (const std::string& name : unknown) {
    std::vector<uint32_t> all(statements_.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    consider(name, nullptr, std::string_view(name).substr(0, name.find(':')), all);
  }
  // Action filter names the catalogue lacks are candidates too.
  for (const std::string& f : spec_.action_filter) {
    if (HasWildcard(f) || f.find(':') == std::string::npos) continue;
    const std::string lower = Lower(f);
    if (unknown.count(lower) != 0) continue;
    const ServiceInfo* service =
        catalogue_.FindService(std::string_view(lower).substr(0, lower.find(':')));
    if (service != nullptr &&
        catalogue_.FindAction(*service, std::string_view(lower).substr(lower.find(':') + 1)) !=
            nullptr) {
      continue;
    }
    std::vector<uint32_t> all(statements_.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    consider(f, nullptr, std::string_view(lower).substr(0, lower.find(':')), all);
  }
}

std::vector<std::string> CandidateSearch::ResourceWitnesses(const ActionGroup& group) {
  const bool no_types = group.info != nullptr && group.info->resources.empty();
  std::vector<Glob> filter;
  for (const std::string& f : spec_.resource_filter) filter.emplace_back(f);
  if (no_types) {
    // The action takes only `"Resource": "*"`.
    if (!filter.empty()) {
      bool wanted = false;
      for (const Glob& g : filter) wanted = wanted || g.Matches("*");
      if (!wanted) return {};
    }
    return {"*"};
  }
  std::map<std::string, int> index;
  for (uint32_t id : group.statements) {
    const CompiledStatement& s = *statements_[id].statement;
    if (s.resource_mode == CompiledStatement::ResourceMode::kAbsent) continue;
    for (const ResourceEntry& entry : s.resources) {
      std::string pattern;
      if (entry.pattern.has_variables()) {
        complete_ = false;
        Note("policy-variable", "the resource of " + statements_[id].where +
                                    " has a policy variable: the resources it names depend on "
                                    "the request, so not every one is covered");
        pattern = "*";
      } else {
        pattern = entry.glob.pattern();
      }
      if (index.count(pattern) == 0) index.emplace(pattern, static_cast<int>(index.size()));
    }
  }
  // Every pattern in play matches every text: one region, any instance of
  // a template stands for it (the common `"Resource": "*"` and NotAction
  // shapes, over thousands of groups, need no walk).
  bool only_anything = true;
  for (const auto& [pattern, i] : index) only_anything = only_anything && pattern == "*";
  if (only_anything && filter.empty() && group.info != nullptr &&
      group.info->resources[0].resource_type < catalogue_.resource_types().size()) {
    const ResourceTypeInfo& type =
        catalogue_.resource_types()[group.info->resources[0].resource_type];
    std::string text;
    std::string_view arn = type.arn;
    for (size_t i = 0; i < arn.size(); ++i) {
      if (arn[i] == '$' && i + 1 < arn.size() && arn[i + 1] == '{') {
        const size_t close = arn.find('}', i);
        if (close != std::string_view::npos) {
          text += arn.substr(i, close + 1 - i) == "${Partition}" ? "aws" : "x";
          i = close;
          continue;
        }
      }
      text += arn[i];
    }
    return {text};
  }
  // Each template is walked on its own with the patterns (a region some
  // text of some template takes is found in that template's walk), and the
  // regions are joined by their combination of matches: many small walks
  // cost far less than one walk of every template at once.
  std::vector<std::string> pattern_texts(index.size());
  for (const auto& [pattern, i] : index) pattern_texts[static_cast<size_t>(i)] = pattern;
  // Partitions other than `aws` are alike to every pattern that is `*` or
  // starts `arn:aws:` or `arn:*:`: then `aws-cn` stands for them all.
  bool two_partitions = true;
  for (const std::string& p : pattern_texts) {
    two_partitions =
        two_partitions && (p == "*" || p.rfind("arn:aws:", 0) == 0 || p.rfind("arn:*:", 0) == 0);
  }
  for (const std::string& f : spec_.resource_filter) {
    two_partitions =
        two_partitions && (f == "*" || f.rfind("arn:aws:", 0) == 0 || f.rfind("arn:*:", 0) == 0);
  }
  std::vector<std::string_view> templates;
  if (group.info != nullptr) {
    std::set<uint32_t> types;
    for (const ActionResource& r : group.info->resources) types.insert(r.resource_type);
    for (uint32_t t : types) {
      templates.push_back(t < catalogue_.resource_types().size()
                              ? catalogue_.resource_types()[t].arn
                              : std::string_view("arn:${Partition}:${S}:${R}:${A}:${Id}"));
    }
  } else {
    templates.push_back("arn:${Partition}:${S}:${R}:${A}:${Id}");
  }
  std::string patterns_key;
  for (const std::string& p : pattern_texts) patterns_key += p + '\n';
  patterns_key += '\f';
  for (const std::string& f : spec_.resource_filter) patterns_key += f + '\n';
  patterns_key += two_partitions ? "2\f" : "8\f";
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (std::string_view arn_template : templates) {
    const std::string key = patterns_key + std::string(arn_template);
    auto cached = region_cache_.find(key);
    if (cached == region_cache_.end()) {
      RegionSearch search;
      for (const std::string& p : pattern_texts) search.Add(GlobToTokens(p));
      std::vector<GlobTokens> alternatives;
      if (arn_template.find("${Partition}") == std::string_view::npos) {
        alternatives.push_back(TemplateTokens(arn_template));
      } else {
        for (std::string_view partition : kPartitions) {
          alternatives.push_back(TemplateTokens(arn_template, partition));
          if (two_partitions && partition == "aws-cn") break;
        }
      }
      std::vector<std::vector<int>> required = {{search.AddUnion(alternatives)}};
      if (!filter.empty()) {
        std::vector<GlobTokens> filters;
        for (const std::string& f : spec_.resource_filter) filters.push_back(GlobToTokens(f));
        required.push_back({search.AddUnion(filters)});
      }
      std::vector<Region> regions;
      if (!search.Explore(required, kMaxRegionStates, &regions)) {
        complete_ = false;
        Note("work-bound", "the resource patterns for `" + group.actions[0] +
                               "` cut the ARN space into too many regions to walk");
      }
      std::vector<std::pair<std::string, std::string>> found;
      for (Region& r : regions) {
        std::string bits;
        for (size_t i = 0; i < pattern_texts.size(); ++i) bits += r.matches[i] ? '1' : '0';
        found.emplace_back(std::move(bits), std::move(r.witness));
      }
      cached = region_cache_.emplace(key, std::move(found)).first;
    }
    for (const auto& [bits, witness] : cached->second) {
      if (seen.insert(bits).second) out.push_back(witness);
    }
  }
  if (group.info == nullptr) {
    bool wanted = filter.empty();
    for (const Glob& g : filter) wanted = wanted || g.Matches("*");
    if (wanted) out.push_back("*");
  }
  return out;
}

void CandidateSearch::ContextWitnesses(const ActionGroup& group, std::vector<KeyWitnesses>* keys) {
  std::string cache_key;
  for (uint32_t id : group.statements) cache_key += std::to_string(id) + ",";
  auto cached = context_cache_.find(cache_key);
  if (cached != context_cache_.end()) {
    *keys = cached->second;
    return;
  }
  std::map<std::string, std::vector<const ConditionEntry*>> by_key;
  for (uint32_t id : group.statements) {
    for (const ConditionEntry& e : statements_[id].statement->condition.entries()) {
      by_key[e.key.name].push_back(&e);
    }
  }
  for (auto& [key, entries] : by_key) {
    KeyWitnesses w;
    std::vector<AnalysisNote> notes;
    if (!BuildKeyWitnesses(key, entries, &w, &notes)) complete_ = false;
    for (AnalysisNote& n : notes) Note(std::move(n.code), std::move(n.message));
    keys->push_back(std::move(w));
  }
  if (endpoint_) {
    // Every request through the endpoint names it: the key's regions without
    // "absent", or, where no condition of the group reads it, one endpoint.
    auto endpoint = std::find_if(keys->begin(), keys->end(),
                                 [](const KeyWitnesses& k) { return k.key == kEndpointKey; });
    if (endpoint == keys->end()) {
      KeyWitnesses w;
      w.key = std::string(kEndpointKey);
      endpoint = keys->insert(keys->end(), std::move(w));
    }
    RequireEndpoint(&endpoint->values);
  }
  context_cache_.emplace(std::move(cache_key), *keys);
}

std::vector<PrincipalWitness> CandidateSearch::Principals() {
  std::vector<PrincipalWitness> out;
  if (spec_.principals) {
    spec_.principals(&out);
    return out;
  }
  const std::string owner =
      spec_.owner_account.empty() ? options_.principal_account : spec_.owner_account;
  std::set<std::string> accounts = {owner};
  std::set<std::string> named;
  std::string fresh = "999999999999";
  for (const StatementInfo& st : statements_) {
    for (const PrincipalPattern& p : st.statement->principals) {
      if (!p.account.empty()) accounts.insert(p.account);
      const std::string partition = p.partition.empty() ? "aws" : p.partition;
      switch (p.type) {
        case PrincipalPattern::Type::kUser:
        case PrincipalPattern::Type::kRoleSession:
        case PrincipalPattern::Type::kFederatedUser:
        case PrincipalPattern::Type::kService:
        case PrincipalPattern::Type::kFederatedProvider:
        case PrincipalPattern::Type::kOtherArn:
          named.insert(p.text);
          break;
        case PrincipalPattern::Type::kRole: {
          std::string name = p.name;
          const size_t slash = name.rfind('/');
          if (slash != std::string::npos) name = name.substr(slash + 1);
          named.insert("arn:" + partition + ":sts::" + p.account + ":assumed-role/" + name +
                       "/analysis-session");
          break;
        }
        default:
          break;
      }
    }
  }
  while (accounts.count(fresh) != 0) fresh[0] = static_cast<char>(fresh[0] - 1);
  for (const std::string& account : accounts) {
    for (const char* form : {"arn:aws:iam::%s:root", "arn:aws:iam::%s:user/analysis-user",
                             "arn:aws:sts::%s:assumed-role/analysis-role/analysis-session",
                             "arn:aws:sts::%s:federated-user/analysis-user"}) {
      std::string text = form;
      text.replace(text.find("%s"), 2, account);
      PrincipalWitness w;
      w.principal = text;
      w.account = account;
      out.push_back(std::move(w));
    }
  }
  for (const char* form : {"arn:aws:iam::%s:root", "arn:aws:iam::%s:user/analysis-user",
                           "arn:aws:sts::%s:assumed-role/analysis-role/analysis-session"}) {
    std::string text = form;
    text.replace(text.find("%s"), 2, fresh);
    PrincipalWitness w;
    w.principal = text;
    w.account = fresh;
    w.unnamed = true;
    out.push_back(std::move(w));
  }
  for (const std::string& text : named) {
    PrincipalWitness w;
    w.principal = text;
    w.account = std::string(ArnField(text, 4));
    w.service = text.rfind("arn:", 0) != 0;
    if (w.service) w.account.clear();
    out.push_back(std::move(w));
  }
  PrincipalWitness anonymous;
  anonymous.principal = "anonymous";
  anonymous.anonymous = true;
  anonymous.unnamed = true;
  out.push_back(anonymous);
  PrincipalWitness service;
  service.principal = "analysis.amazonaws.com";
  service.service = true;
  service.unnamed = true;
  out.push_back(service);
  return out;
}

void CandidateSearch::Run(const std::function<bool(const Request&, const ActionGroup&)>& visit) {
  std::vector<ActionGroup> groups;
  BuildGroups(&groups);
  std::vector<PrincipalWitness> principals;
  if (spec_.resource_side) principals = Principals();
  const std::string owner =
      spec_.owner_account.empty() ? options_.principal_account : spec_.owner_account;

  Request request;
  request.now = options_.now
                    ? *options_.now
                    : std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
  for (const ActionGroup& group : groups) {
    const std::vector<std::string> resources = ResourceWitnesses(group);
    std::vector<KeyWitnesses> keys;
    ContextWitnesses(group, &keys);
    request.action = group.actions[0];
    for (const std::string& resource : resources) {
      request.resource = resource;
      const std::string_view arn_account = ArnField(resource, 4);
      std::string_view partition = resource.rfind("arn:", 0) == 0 ? ArnField(resource, 1) : "aws";
      if (partition.empty() || HasWildcard(partition)) partition = "aws";
      const std::string resource_owner =
          IsTwelveDigits(arn_account) ? std::string(arn_account) : owner;
      request.resource_account = resource_owner;
      std::vector<PrincipalWitness> asking = principals;
      if (!spec_.resource_side) {
        PrincipalWitness self;
        self.principal = "arn:" + std::string(partition) + ":sts::" + options_.principal_account +
                         ":assumed-role/analysis-role/analysis-session";
        self.account = options_.principal_account;
        asking = {self};
      }
      for (const PrincipalWitness& who : asking) {
        request.principal = who.principal;
        // The key values this principal can present.
        std::vector<std::vector<KeyValue>> values;
        values.reserve(keys.size());
        size_t combinations = 1;
        for (const KeyWitnesses& k : keys) {
          values.push_back(k.values);
          if (spec_.adjust_key) spec_.adjust_key(who, k.key, &values.back());
          if (endpoint_ && k.key == kEndpointKey) RequireEndpoint(&values.back());
          if (values.back().empty()) {
            KeyValue absent;
            absent.absent = true;
            values.back().push_back(absent);
          }
          combinations =
              combinations > kMaxContexts ? combinations : combinations * values.back().size();
        }
        if (combinations > kMaxContexts) {
          complete_ = false;
          Note("work-bound", "the condition keys in play for `" + group.actions[0] +
                                 "` have more than " + std::to_string(kMaxContexts) +
                                 " combinations of regions: only the first are tried");
          combinations = kMaxContexts;
        }
        std::vector<size_t> digit(keys.size(), 0);
        for (size_t n = 0; n < combinations; ++n) {
          request.context = Context();
          for (size_t k = 0; k < keys.size(); ++k) {
            const KeyValue& v = values[k][digit[k]];
            if (v.absent) continue;
            if (v.is_list) {
              request.context.SetList(keys[k].key, v.values);
            } else {
              request.context.Set(keys[k].key, v.values[0]);
            }
          }
          for (size_t k = 0; k < keys.size(); ++k) {
            if (++digit[k] < values[k].size()) break;
            digit[k] = 0;
          }
          if (options_.max_requests != 0 && requests_ >= options_.max_requests) {
            complete_ = false;
            Note("work-bound", "the analysis stopped after " + std::to_string(requests_) +
                                   " requests (AnalysisOptions::max_requests)");
            return;
          }
          ++requests_;
          if (!Valid(request)) break;  // every context of it is refused alike
          if (!visit(request, group)) return;
        }
      }
    }
  }
}

}  // namespace iameval::internal
