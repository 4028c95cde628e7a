// File: engine/analysis/effective_permissions.cc
//
// Three steps per principal: find the catalogue actions its identity
// policies' Allow statements name; for each, build witness resources and let
// the engine decide requests about them until one is allowed; when none is,
// read the explanation to tell "only conditions stand in the way" from "not
// granted". Every answer is PolicySet::Decide's; nothing here decides.

#include "analysis/effective_permissions.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <new>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

#include "analysis/common_text.h"
#include "base/ascii.h"
#include "catalogue/catalogue_data.h"
#include "condition/eval_context.h"
#include "condition/variables.h"
#include "decide/authorizer.h"
#include "decide/compiled_policy_set.h"
#include "json/rapidjson_types.h"
#include "match/principal.h"
#include "policy/compiled_policy.h"

namespace iameval::internal {

// ---------------------------------------------------------------------------
// The catalogue's actions

CatalogueActions::CatalogueActions(const Catalogue& catalogue) : catalogue_(catalogue) {
  const CatalogueData& data = catalogue.data();
  for (const ServiceInfo& service : data.services()) {
    std::string prefix = LowerAscii(service.prefix);
    std::vector<uint32_t>& ids = by_service_[prefix];
    for (uint32_t id : service.actions) {
      const ActionInfo& info = data.actions()[id];
      Action action;
      action.name = data.ActionName(info);
      action.lower = LowerAscii(action.name);
      action.service = service.prefix;
      action.access = info.access;
      for (const ActionResource& resource : info.resources) {
        if (resource.resource_type == UINT32_MAX) continue;
        std::string arn(data.resource_types()[resource.resource_type].arn);
        if (std::find(action.templates.begin(), action.templates.end(), arn) ==
            action.templates.end()) {
          action.templates.push_back(std::move(arn));
        }
      }
      ids.push_back(static_cast<uint32_t>(actions_.size()));
      actions_.push_back(std::move(action));
    }
  }
}

const std::vector<uint32_t>* CatalogueActions::CandidatesOf(std::string_view pattern) const {
  size_t colon = pattern.find(':');
  if (colon == std::string_view::npos) return nullptr;  // `*`: every action is a candidate
  std::string_view service = pattern.substr(0, colon);
  if (service.find_first_of("*?") != std::string_view::npos) return nullptr;
  auto found = by_service_.find(std::string(service));
  return found == by_service_.end() ? &none_ : &found->second;
}

namespace {

// ---------------------------------------------------------------------------
// Statements

struct Located {
  const PolicyGroup* group = nullptr;
  int level = -1;
  int policy_index = 0;
  const CompiledStatement* statement = nullptr;
};

bool NamesAction(const CompiledStatement& statement, std::string_view lower) {
  bool any = false;
  for (const Glob& glob : statement.actions) {
    if (glob.Matches(lower)) {
      any = true;
      break;
    }
  }
  return statement.not_action ? !any : any;
}

// The pattern of one Resource entry in glob form, variables rendered for the
// subject; false when a variable has no value.
bool ResourceGlob(const ResourceEntry& entry, const EvalContext& context, std::string* out) {
  if (!entry.pattern.has_variables()) {
    *out = entry.glob.pattern();
    return true;
  }
  RenderBuffer buffer;
  if (!entry.pattern.Render(context, /*for_glob=*/true, &buffer)) return false;
  out->assign(buffer.view());
  return true;
}

// As written, variables included (`${aws:username}`).
std::string ResourceText(const ResourceEntry& entry) { return entry.pattern.StaticText(false); }

StatementBound Bound(const Located& at) {
  const CompiledStatement& s = *at.statement;
  StatementBound bound;
  bound.statement.kind = at.group->kind;
  bound.statement.level = at.level;
  bound.statement.policy_index = at.policy_index;
  bound.statement.policy_id = at.group->policies[at.policy_index].compiled().id;
  bound.statement.statement_index = static_cast<int>(s.index);
  bound.statement.sid = s.sid;
  bound.statement.effect = s.effect;
  bound.statement.line = s.line;
  bound.statement.column = s.column;
  bound.not_resource = s.resource_mode == CompiledStatement::ResourceMode::kNotList;
  if (s.resource_mode != CompiledStatement::ResourceMode::kAbsent) {
    for (const ResourceEntry& entry : s.resources) bound.resources.push_back(ResourceText(entry));
  }
  bound.conditional = !s.condition.empty();
  return bound;
}

// Every group of the set that bounds what the subject's identity policies
// grant, with its organization level.
std::vector<std::pair<const PolicyGroup*, int>> LimitingGroups(const CompiledPolicySet& set) {
  std::vector<std::pair<const PolicyGroup*, int>> groups;
  groups.emplace_back(&set.identity, -1);
  groups.emplace_back(&set.boundary, -1);
  groups.emplace_back(&set.sessions, -1);
  for (size_t level = 0; level < set.scps.size(); ++level) {
    groups.emplace_back(&set.scps[level], static_cast<int>(level));
  }
  for (size_t level = 0; level < set.rcps.size(); ++level) {
    groups.emplace_back(&set.rcps[level], static_cast<int>(level));
  }
  groups.emplace_back(&set.resource, -1);
  return groups;
}

const PolicyGroup* GroupOf(const CompiledPolicySet& set, PolicyKind kind, int level) {
  switch (kind) {
    case PolicyKind::kIdentity:
      return &set.identity;
    case PolicyKind::kPermissionsBoundary:
      return &set.boundary;
    case PolicyKind::kSession:
      return &set.sessions;
    case PolicyKind::kServiceControl:
      return level >= 0 && static_cast<size_t>(level) < set.scps.size() ? &set.scps[level]
                                                                        : nullptr;
    case PolicyKind::kResourceControl:
      return level >= 0 && static_cast<size_t>(level) < set.rcps.size() ? &set.rcps[level]
                                                                        : nullptr;
    case PolicyKind::kVpcEndpoint:
    case PolicyKind::kGatewayVpcEndpoint:
      return &set.vpc_endpoint;
    default:
      return &set.resource;
  }
}

const CompiledStatement* StatementOf(const CompiledPolicySet& set, const StatementRef& ref) {
  const PolicyGroup* group = GroupOf(set, ref.kind, ref.level);
  if (group == nullptr || ref.policy_index < 0 ||
      static_cast<size_t>(ref.policy_index) >= group->policies.size()) {
    return nullptr;
  }
  for (const CompiledStatement& s : group->policies[ref.policy_index].compiled().statements) {
    if (static_cast<int>(s.index) == ref.statement_index) return &s;
  }
  return nullptr;
}

// True when `group` has an Allow statement with a Condition naming the action.
bool HasConditionalAllow(const PolicyGroup& group, std::string_view lower) {
  for (const Policy& policy : group.policies) {
    for (const CompiledStatement& s : policy.compiled().statements) {
      if (s.effect == Effect::kAllow && !s.condition.empty() && NamesAction(s, lower)) return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------
// Witness resources

// An ARN template (`arn:${Partition}:s3:::${BucketName}`) as a pattern: the
// placeholders the subject fixes filled in when `concrete`, the others a
// non-empty run of anything.
std::string TemplateGlob(std::string_view arn_template, bool concrete, std::string_view partition,
                         std::string_view account) {
  std::string out;
  size_t i = 0;
  while (i < arn_template.size()) {
    if (arn_template.compare(i, 2, "${") == 0) {
      size_t end = arn_template.find('}', i);
      if (end == std::string_view::npos) break;
      std::string_view name = arn_template.substr(i + 2, end - i - 2);
      if (concrete && name == "Partition" && !partition.empty()) {
        out += partition;
      } else if (concrete && name == "Region") {
        out += "us-east-1";
      } else if (concrete && name == "Account" && !account.empty()) {
        out += account;
      } else {
        out += "?*";
      }
      i = end + 1;
    } else {
      char c = arn_template[i++];
      out += (c == '*' || c == '?') ? 'x' : c;
    }
  }
  return out;
}

// The literal markers of glob form back to the characters they stand for.
void Unmark(std::string* text) {
  for (char& c : *text) {
    if (c == kLiteralStar) c = '*';
    if (c == kLiteralQuestion) c = '?';
  }
}

// The sixth field's account (the fifth colon-separated part) is empty.
bool ArnHasNoAccount(std::string_view resource) {
  size_t at = 0;
  for (int field = 0; field < 4; ++field) {
    at = resource.find(':', at);
    if (at == std::string_view::npos) return false;
    ++at;
  }
  return at < resource.size() && resource[at] == ':';
}

constexpr size_t kMaxWitnessesPerAction = 24;

class Analyzer {
 public:
  Analyzer(const PolicySet& set, const Subject& subject, const CatalogueActions& actions,
           const EffectiveOptions& options, EffectivePermissions* out)
      : set_(set),
        compiled_(set.compiled()),
        subject_(subject),
        actions_(actions),
        options_(options),
        out_(out) {}

  void Run() {
    out_->principal = subject_.principal;
    if (!ParseCaller(subject_.principal, &caller_)) {
      out_->error = "invalid-request: `" + subject_.principal + "` is not a principal";
      return;
    }
    partition_ = caller_.partition.empty() ? "aws" : std::string(caller_.partition);
    request_.principal = subject_.principal;
    request_.context = subject_.context;
    request_.principal_in_management_account = subject_.principal_in_management_account;
    request_.principal_is_service_linked_role = subject_.principal_is_service_linked_role;
    // A set the engine would refuse every request of (an endpoint policy and
    // no `aws:SourceVpce` in the subject's context) is an error, not a
    // principal that can do nothing.
    if (const FactsError refused = SetRefusal(compiled_, request_);
        refused.code != DecideError::kNone) {
      out_->error = std::string("invalid-request: ") + refused.message;
      return;
    }
    // Pinned, so every decision of a batch sees the same instant.
    request_.now = std::chrono::system_clock::now();
    // ParseCaller's views point into the string it read: read the request's.
    ParseCaller(request_.principal, &caller_);
    context_ = std::make_unique<EvalContext>(request_, caller_, caller_.account);
    if (!options_.action_pattern.empty()) {
      action_filter_ = Glob(LowerAscii(options_.action_pattern));
      has_action_filter_ = true;
    }
    CollectGrants();
    std::vector<uint32_t> ids;
    for (uint32_t id = 0; id < grants_.size(); ++id) {
      if (!grants_[id].empty()) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end(), [&](uint32_t a, uint32_t b) {
      return actions_.actions()[a].lower < actions_.actions()[b].lower;
    });
    for (uint32_t id : ids) Analyze(id);
  }

 private:
  void CollectGrants() {
    grants_.assign(actions_.actions().size(), {});
    const PolicyGroup& identity = compiled_.identity;
    for (size_t p = 0; p < identity.policies.size(); ++p) {
      for (const CompiledStatement& s : identity.policies[p].compiled().statements) {
        if (s.effect != Effect::kAllow) continue;
        Located at{&identity, -1, static_cast<int>(p), &s};
        auto add = [&](uint32_t id) {
          if (has_action_filter_ && !action_filter_.Matches(actions_.actions()[id].lower)) return;
          std::vector<Located>& list = grants_[id];
          if (list.empty() || list.back().statement != &s) list.push_back(at);
        };
        if (s.not_action) {
          for (uint32_t id = 0; id < actions_.actions().size(); ++id) {
            if (NamesAction(s, actions_.actions()[id].lower)) add(id);
          }
        } else {
          for (const Glob& glob : s.actions) actions_.ForEachMatch(glob, add);
        }
      }
    }
  }

  // Resource patterns (glob form) of a statement; `*` for NotResource and
  // for none.
  std::vector<std::string> Patterns(const CompiledStatement& s) {
    std::vector<std::string> out;
    if (s.resource_mode != CompiledStatement::ResourceMode::kList) {
      out.emplace_back("*");
      return out;
    }
    std::string text;
    for (const ResourceEntry& entry : s.resources) {
      if (ResourceGlob(entry, *context_, &text)) out.push_back(text);
    }
    return out;
  }

  // False when a limiting kind in force (the boundary, session policies,
  // an SCP level) has no Allow statement naming the action at all. Only when
  // the set holds no resource policy, which could grant on its own.
  bool LimitsCanAllow(std::string_view lower) const {
    if (!compiled_.resource.empty()) return true;
    auto allows = [&](const PolicyGroup& group) {
      if (group.empty()) return true;
      for (const Policy& policy : group.policies) {
        for (const CompiledStatement& s : policy.compiled().statements) {
          if (s.effect == Effect::kAllow && NamesAction(s, lower)) return true;
        }
      }
      return false;
    };
    if (!allows(compiled_.boundary) || !allows(compiled_.sessions)) return false;
    if (!subject_.principal_in_management_account && !subject_.principal_is_service_linked_role) {
      for (const PolicyGroup& level : compiled_.scps) {
        if (!allows(level)) return false;
      }
    }
    return true;
  }

  // A text all `parts` match, with the literal markers unmarked. One part
  // (the common case: a grant on `*`) needs no search.
  static bool Witness(const std::vector<std::string_view>& parts, std::string* out) {
    if (parts.size() == 1) {
      out->clear();
      for (char c : parts[0]) {
        if (c == '?')
          out->push_back('x');
        else if (c != '*')
          out->push_back(c);
      }
    } else if (!CommonText(parts, out, 20000)) {
      return false;
    }
    Unmark(out);
    return true;
  }

  // The index of a witness in out_->resources, added on first use.
  uint32_t ResourceId(const std::string& resource) {
    auto [it, added] =
        resource_ids_.emplace(resource, static_cast<uint32_t>(out_->resources.size()));
    if (added) out_->resources.push_back(resource);
    return it->second;
  }

  // The index of a statement in out_->statements, added on first use.
  uint32_t StatementId(const Located& at) {
    auto [it, added] =
        statement_ids_.emplace(at.statement, static_cast<uint32_t>(out_->statements.size()));
    if (added) out_->statements.push_back(Bound(at));
    return it->second;
  }

  Answer Decide(std::string_view resource, Explanation* why) {
    request_.resource.assign(resource);
    request_.resource_account.clear();
    if (ArnHasNoAccount(resource)) request_.resource_account.assign(caller_.account);
    ++out_->decisions;
    return set_.Decide(request_, why);
  }

  void Analyze(uint32_t id) {
    const CatalogueActions::Action& action = actions_.actions()[id];
    request_.action = action.name;
    // A limiting kind in force with no Allow naming the action denies it
    // whatever the resource, or conditions (spec/effective-permissions.md §3).
    if (!LimitsCanAllow(action.lower)) return;

    std::vector<Located>& grants = grants_[id];
    // Unconditional grants first: their witnesses prove the most.
    std::stable_sort(grants.begin(), grants.end(), [](const Located& a, const Located& b) {
      return a.statement->condition.empty() && !b.statement->condition.empty();
    });
    ActionPermission permission;
    permission.action = id;
    StatementRefs refs;
    for (const Located& g : grants) refs.grants.push_back(StatementId(g));
    std::vector<std::string> boundary_patterns;
    for (const Policy& policy : compiled_.boundary.policies) {
      for (const CompiledStatement& s : policy.compiled().statements) {
        if (s.effect != Effect::kAllow || !NamesAction(s, action.lower)) continue;
        for (std::string& pattern : Patterns(s)) {
          if (pattern != "*" && boundary_patterns.size() < 4) {
            boundary_patterns.push_back(std::move(pattern));
          }
        }
      }
    }

    std::vector<std::string> witnesses;
    bool allowed = false;
    auto try_witness = [&](const std::string& witness) {
      if (allowed || witnesses.size() >= kMaxWitnessesPerAction) return;
      if (std::find(witnesses.begin(), witnesses.end(), witness) != witnesses.end()) return;
      witnesses.push_back(witness);
      if (Decide(witness, nullptr).allowed()) {
        permission.status = ActionPermission::Status::kAllowed;
        permission.resource = ResourceId(witness);
        allowed = true;
      }
    };
    if (action.templates.empty()) {
      // The action takes only `"Resource": "*"`.
      if (options_.resource_pattern.empty() || GlobMatch(options_.resource_pattern, "*")) {
        try_witness("*");
      }
    } else {
      for (size_t g = 0; g < grants.size() && !allowed; ++g) {
        // Witnesses shaped like their template first (a policy `*` that ran
        // across an ARN's `:` makes a text no service would name).
        std::vector<std::string> shaped, other;
        std::string text;
        for (const std::string& pattern : Patterns(*grants[g].statement)) {
          for (bool concrete : {true, false}) {
            for (const std::string& arn_template : action.templates) {
              std::string shape = TemplateGlob(arn_template, concrete, partition_, caller_.account);
              for (size_t b = 0; b <= boundary_patterns.size(); ++b) {
                std::vector<std::string_view> parts;
                if (pattern != "*") parts.push_back(pattern);
                parts.push_back(shape);
                if (b > 0) parts.push_back(boundary_patterns[b - 1]);
                if (!options_.resource_pattern.empty()) parts.push_back(options_.resource_pattern);
                if (!Witness(parts, &text)) continue;
                bool fits = std::count(text.begin(), text.end(), ':') ==
                            std::count(arn_template.begin(), arn_template.end(), ':');
                (fits ? shaped : other).push_back(text);
              }
            }
          }
        }
        for (const std::string& w : shaped) try_witness(w);
        for (const std::string& w : other) try_witness(w);
      }
    }
    if (!allowed) {
      bool conditional = false;
      for (size_t w = 0; w < witnesses.size() && w < 4; ++w) {
        const std::string& witness = witnesses[w];
        Explanation why;
        Decide(witness, &why);
        ActionPermission::Status status;
        if (Classify(why, action.lower, &status)) {
          permission.status = status;
          permission.resource = ResourceId(witness);
          conditional = true;
          break;
        }
      }
      if (!conditional) return;
    }
    for (const auto& [group, level] : LimitingGroups(compiled_)) {
      for (size_t p = 0; p < group->policies.size(); ++p) {
        for (const CompiledStatement& s : group->policies[p].compiled().statements) {
          bool limits = s.effect == Effect::kDeny || group != &compiled_.identity;
          if (!limits || !NamesAction(s, action.lower)) continue;
          refs.bounds.push_back(StatementId(Located{group, level, static_cast<int>(p), &s}));
        }
      }
    }
    auto [at, added] = refs_ids_.emplace(std::make_pair(refs.grants, refs.bounds),
                                         static_cast<uint32_t>(out_->refs.size()));
    if (added) out_->refs.push_back(std::move(refs));
    permission.refs = at->second;
    out_->actions.push_back(permission);
  }

  // Whether a denied witness is held back only by conditions.
  bool Classify(const Explanation& why, std::string_view lower, ActionPermission::Status* status) {
    *status = ActionPermission::Status::kConditional;
    if (why.decision == Decision::kExplicitDeny) {
      for (const StatementRef& ref : why.determining) {
        const CompiledStatement* s = StatementOf(compiled_, ref);
        if (s == nullptr || s->condition.empty()) return false;
      }
      return !why.determining.empty();
    }
    if (why.decision != Decision::kImplicitDeny) return false;
    bool any_no_match = false;
    for (const KindVerdict& verdict : why.verdicts) {
      if (verdict.verdict != KindVerdict::Verdict::kNoMatch) continue;
      any_no_match = true;
      const PolicyGroup* group = GroupOf(compiled_, verdict.kind, verdict.level);
      if (group == nullptr || !HasConditionalAllow(*group, lower)) return false;
    }
    return any_no_match;
  }

  const PolicySet& set_;
  const CompiledPolicySet& compiled_;
  const Subject& subject_;
  const CatalogueActions& actions_;
  const EffectiveOptions& options_;
  EffectivePermissions* out_;
  Caller caller_;
  std::string partition_;
  Request request_;
  std::unique_ptr<EvalContext> context_;
  Glob action_filter_;
  bool has_action_filter_ = false;
  std::vector<std::vector<Located>> grants_;
  std::unordered_map<const CompiledStatement*, uint32_t> statement_ids_;
  std::unordered_map<std::string, uint32_t> resource_ids_;
  std::map<std::pair<std::vector<uint32_t>, std::vector<uint32_t>>, uint32_t> refs_ids_;
};

}  // namespace

EffectivePermissions ComputeEffectivePermissions(const PolicySet& set, const Subject& subject,
                                                 const CatalogueActions& actions,
                                                 const EffectiveOptions& options) {
  EffectivePermissions out;
  try {
    Analyzer(set, subject, actions, options, &out).Run();
  } catch (const std::bad_alloc&) {
    out.actions.clear();
    out.error = "internal-error: memory ran out";
  }
  return out;
}

std::vector<EffectivePermissions> ComputeEffectivePermissionsMany(
    const std::vector<EffectiveJob>& jobs, const CatalogueActions& actions, int threads,
    const EffectiveOptions& options) {
  std::vector<EffectivePermissions> out(jobs.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < jobs.size(); i = next++) {
      if (jobs[i].set == nullptr) {
        out[i].principal = jobs[i].subject.principal;
        out[i].error = "invalid-input: no policy set";
        continue;
      }
      out[i] = ComputeEffectivePermissions(*jobs[i].set, jobs[i].subject, actions, options);
    }
  };
  size_t count = std::min<size_t>(std::max(threads, 1), jobs.size());
  std::vector<std::thread> pool;
  try {
    for (size_t t = 1; t < count; ++t) pool.emplace_back(work);
  } catch (const std::exception&) {
    // No more threads: the ones running (and this one) do the rest.
  }
  work();
  for (std::thread& thread : pool) thread.join();
  return out;
}

// ---------------------------------------------------------------------------
// JSON

namespace {

using Writer = RapidWriter<RapidStringBuffer>;

void Text(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void WriteBound(Writer& w, const StatementBound& bound) {
  const StatementRef& s = bound.statement;
  w.StartObject();
  w.Key("kind");
  Text(w, PolicyKindName(s.kind));
  if (s.level >= 0) {
    w.Key("level");
    w.Int(s.level);
  }
  w.Key("policyIndex");
  w.Int(s.policy_index);
  if (!s.policy_id.empty()) {
    w.Key("policyId");
    Text(w, s.policy_id);
  }
  w.Key("statementIndex");
  w.Int(s.statement_index);
  if (!s.sid.empty()) {
    w.Key("sid");
    Text(w, s.sid);
  }
  w.Key("effect");
  Text(w, EffectName(s.effect));
  if (!bound.resources.empty()) {
    w.Key(bound.not_resource ? "notResources" : "resources");
    w.StartArray();
    for (const std::string& r : bound.resources) Text(w, r);
    w.EndArray();
  }
  w.Key("conditional");
  w.Bool(bound.conditional);
  w.Key("line");
  w.Uint(s.line);
  w.Key("column");
  w.Uint(s.column);
  w.EndObject();
}

}  // namespace

std::string EffectivePermissionsToJson(const EffectivePermissions& permissions,
                                       const CatalogueActions& actions) {
  RapidStringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("principal");
  Text(w, permissions.principal);
  w.Key("catalogue");
  w.StartObject();
  w.Key("date");
  Text(w, actions.catalogue().date());
  w.Key("source");
  Text(w, actions.catalogue().source());
  w.EndObject();
  w.Key("decisions");
  w.Uint64(permissions.decisions);
  if (!permissions.error.empty()) {
    w.Key("error");
    Text(w, permissions.error);
  }
  w.Key("statements");
  w.StartArray();
  for (const StatementBound& b : permissions.statements) WriteBound(w, b);
  w.EndArray();
  w.Key("services");
  w.StartArray();
  std::string_view service;
  bool open = false;
  for (const ActionPermission& p : permissions.actions) {
    const CatalogueActions::Action& action = actions.actions()[p.action];
    if (!open || action.service != service) {
      if (open) {
        w.EndArray();
        w.EndObject();
      }
      service = action.service;
      open = true;
      w.StartObject();
      w.Key("service");
      Text(w, service);
      w.Key("actions");
      w.StartArray();
    }
    w.StartObject();
    w.Key("action");
    Text(w, action.name);
    w.Key("accessLevel");
    Text(w, AccessLevelText(action.access));
    w.Key("status");
    Text(w, p.status == ActionPermission::Status::kAllowed ? "allowed" : "conditional");
    w.Key("request");
    w.StartObject();
    w.Key("resource");
    Text(w, permissions.ResourceOf(p));
    w.EndObject();
    w.Key("grants");
    w.StartArray();
    for (uint32_t i : permissions.RefsOf(p).grants) w.Uint(i);
    w.EndArray();
    w.Key("bounds");
    w.StartArray();
    for (uint32_t i : permissions.RefsOf(p).bounds) w.Uint(i);
    w.EndArray();
    w.EndObject();
  }
  if (open) {
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace iameval::internal
