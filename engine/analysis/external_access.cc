// File: engine/analysis/external_access.cc
//
// PublicAccess and ExternalAccess (iameval/analysis.h): the candidate search
// asks only as principals outside the zone of trust, and narrows the keys an
// outsider cannot choose to the values it can present (spec/analysis.md,
// "Restricting conditions"); every request the resource policy then grants
// is a finding, grouped by principal and granting statement.

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "analysis/candidate_search.h"
#include "analysis/judge.h"
#include "analysis/search_answer.h"
#include "base/message_text.h"
#include "iameval/analysis.h"
#include "match/principal.h"

namespace iameval {
namespace internal {
namespace {

enum class KeyClass {
  kFree,          // the caller chooses it: every witness value stays
  kDerived,       // the engine derives it from the principal: left absent
  kOwnAccount,    // the caller's own account, or absent
  kOrganization,  // the caller's organization: any but a trusted one, or absent
  kOwnArn,        // an ARN in the caller's account, or absent
  kEndpoint,      // a network path of the owner's (VPC, endpoint): absent or unknown
};

KeyClass ClassOf(const std::string& key) {
  static const std::map<std::string, KeyClass> kClasses = {
      {"aws:principalarn", KeyClass::kDerived},
      {"aws:userid", KeyClass::kDerived},
      {"aws:username", KeyClass::kDerived},
      {"aws:principaltype", KeyClass::kDerived},
      {"aws:principalaccount", KeyClass::kOwnAccount},
      {"aws:sourceaccount", KeyClass::kOwnAccount},
      {"aws:sourceowner", KeyClass::kOwnAccount},
      {"kms:calleraccount", KeyClass::kOwnAccount},
      {"aws:principalorgid", KeyClass::kOrganization},
      {"aws:principalorgpaths", KeyClass::kOrganization},
      {"aws:sourceorgid", KeyClass::kOrganization},
      {"aws:sourceorgpaths", KeyClass::kOrganization},
      {"aws:sourcearn", KeyClass::kOwnArn},
      {"aws:sourcevpce", KeyClass::kEndpoint},
      {"aws:sourcevpc", KeyClass::kEndpoint},
      {"aws:sourcevpcarn", KeyClass::kEndpoint},
      {"aws:vpceaccount", KeyClass::kEndpoint},
      {"aws:vpceorgid", KeyClass::kEndpoint},
      {"aws:vpceorgpaths", KeyClass::kEndpoint},
  };
  auto it = kClasses.find(key);
  return it == kClasses.end() ? KeyClass::kFree : it->second;
}

KeyValue Absent() {
  KeyValue v;
  v.absent = true;
  return v;
}

KeyValue OneText(std::string text, bool list) {
  KeyValue v;
  v.is_list = list;
  ContextScalar s;
  s.text = std::move(text);
  v.values.push_back(std::move(s));
  return v;
}

std::string LowerText(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

ExternalAccessResult Analyse(const Policy& policy, const ResourceTarget& target,
                             const TrustZone* trusted, const Catalogue& catalogue,
                             const AnalysisOptions& options) {
  ExternalAccessResult result;
  result.catalogue_date = std::string(catalogue.date());
  if (!IsResourcePolicyKind(policy.kind())) {
    result.error = "a " + std::string(PolicyKindName(policy.kind())) +
                   " policy is not a resource policy: public and external access are questions "
                   "about resource, key and trust policies";
    return result;
  }
  PolicySet::Builder builder;
  builder.SetResourcePolicy(policy);
  BuildResult built = std::move(builder).Build();
  if (!built.ok()) {
    result.error = built.error;
    return result;
  }
  const Judge judge = Judge::ForPolicy(*built.set, policy.kind());

  std::string owner = target.owner_account;
  if (owner.empty() && !target.arn.empty()) {
    size_t start = 0;
    for (int i = 0; i < 4 && start != std::string::npos; ++i) {
      start = target.arn.find(':', start);
      if (start != std::string::npos) ++start;
    }
    if (start != std::string::npos) {
      const size_t end = target.arn.find(':', start);
      if (end != std::string::npos) owner = target.arn.substr(start, end - start);
    }
  }
  if (owner.empty()) owner = options.principal_account;
  std::set<std::string> trusted_accounts = {owner};
  std::set<std::string> trusted_orgs;
  if (trusted != nullptr) {
    trusted_accounts.insert(trusted->accounts.begin(), trusted->accounts.end());
    for (const std::string& o : trusted->organizations) trusted_orgs.insert(LowerText(o));
  }
  const bool public_only = trusted == nullptr;

  SearchSpec spec;
  spec.sets = {&built.set->compiled()};
  spec.gate = {true};
  spec.resource_side = true;
  spec.owner_account = owner;
  // A policy attached to a resource governs what lies under it too: a
  // bucket's objects (`bucket/key`), an access point's objects, a function's
  // versions and aliases (`function:name:1`). Asking about the attached ARN
  // alone would answer "not public" for a bucket whose every object is.
  if (!target.arn.empty()) {
    spec.resource_filter = {target.arn, target.arn + "/*", target.arn + ":*"};
  }

  // The outsiders: a fresh account's principals and anonymous callers stand
  // for anyone; principals the policy names outside the zone, for themselves.
  std::set<std::string> named_accounts;
  std::vector<std::string> named;
  for (const CompiledStatement& st : policy.compiled().statements) {
    for (const PrincipalPattern& p : st.principals) {
      if (!p.account.empty()) named_accounts.insert(p.account);
      using T = PrincipalPattern::Type;
      if (p.type == T::kUser || p.type == T::kRoleSession || p.type == T::kFederatedUser ||
          p.type == T::kOtherArn || p.type == T::kFederatedProvider) {
        named.push_back(p.text);
      } else if (p.type == T::kRole) {
        std::string name = p.name;
        const size_t slash = name.rfind('/');
        if (slash != std::string::npos) name = name.substr(slash + 1);
        named.push_back("arn:" + (p.partition.empty() ? std::string("aws") : p.partition) +
                        ":sts::" + p.account + ":assumed-role/" + name + "/analysis-session");
      }
    }
  }
  std::string fresh = "999999999999";
  while (named_accounts.count(fresh) != 0 || trusted_accounts.count(fresh) != 0) {
    fresh[0] = static_cast<char>(fresh[0] - 1);
  }
  // What a finding names for each principal asked: `*` for those standing
  // for anyone, the account for an account's generic principals, else the
  // principal itself.
  std::map<std::string, std::string> label_of;
  spec.principals = [&](std::vector<PrincipalWitness>* out) {
    auto add = [&](std::string principal, std::string account, bool unnamed, bool anonymous) {
      // An account's generic principals (its root, `analysis-` names) stand
      // for the account; a principal the policy names, for itself.
      const bool generic =
          principal.find("analysis-") != std::string::npos ||
          (principal.size() > 5 && principal.compare(principal.size() - 5, 5, ":root") == 0);
      label_of[principal] = unnamed ? "*" : generic ? account : principal;
      PrincipalWitness w;
      w.principal = std::move(principal);
      w.account = std::move(account);
      w.unnamed = unnamed;
      w.anonymous = anonymous;
      out->push_back(std::move(w));
    };
    add("anonymous", "", true, true);
    for (const char* form : {"arn:aws:iam::%s:root", "arn:aws:iam::%s:user/analysis-user",
                             "arn:aws:sts::%s:assumed-role/analysis-role/analysis-session"}) {
      std::string text = form;
      text.replace(text.find("%s"), 2, fresh);
      add(text, fresh, true, false);
    }
    if (public_only) return;
    // An account no policy names, in an organization that is not trusted:
    // any such organization's value stays (the public caller above presents
    // only one no policy names).
    std::string other = fresh;
    other[11] = other[11] == '8' ? '7' : '8';
    while (named_accounts.count(other) != 0 || trusted_accounts.count(other) != 0) {
      other[10] = static_cast<char>(other[10] - 1);
    }
    add("arn:aws:sts::" + other + ":assumed-role/analysis-role/analysis-session", other, false,
        false);
    label_of[out->back().principal] = "@org";
    for (const std::string& account : named_accounts) {
      if (trusted_accounts.count(account) != 0) continue;
      for (const char* form : {"arn:aws:iam::%s:root", "arn:aws:iam::%s:user/analysis-user",
                               "arn:aws:sts::%s:assumed-role/analysis-role/analysis-session"}) {
        std::string text = form;
        text.replace(text.find("%s"), 2, account);
        add(text, account, false, false);
      }
    }
    for (const std::string& text : named) {
      Caller caller;
      if (!ParseCaller(text, &caller)) continue;
      const std::string account(caller.account);
      if (account.empty() || trusted_accounts.count(account) != 0) continue;
      add(text, account, false, false);
    }
  };
  spec.adjust_key = [&](const PrincipalWitness& who, const std::string& key,
                        std::vector<KeyValue>* values) {
    const KeyClass c = ClassOf(key);
    if (c == KeyClass::kFree) return;
    const bool list = key.find("paths") != std::string::npos;
    std::vector<KeyValue> kept = {Absent()};
    switch (c) {
      case KeyClass::kFree:
      case KeyClass::kDerived:
        break;
      case KeyClass::kOwnAccount:
        if (!who.account.empty()) kept.push_back(OneText(who.account, false));
        break;
      case KeyClass::kOwnArn:
        if (!who.account.empty()) {
          kept.push_back(OneText("arn:aws:sqs:us-east-1:" + who.account + ":analysis", false));
        }
        break;
      case KeyClass::kEndpoint:
        kept.push_back(OneText("vpce-0analysis00000000", false));
        break;
      case KeyClass::kOrganization:
        if (public_only || who.unnamed || label_of[who.principal] != "@org") {
          kept.push_back(
              OneText(list ? "o-analysis0000/r-an00/ou-an00-analysis0/" : "o-analysis0000", list));
        } else {
          for (const KeyValue& v : *values) {
            bool trusted_value = false;
            for (const ContextScalar& s : v.values) {
              for (const std::string& o : trusted_orgs) {
                if (LowerText(s.text).rfind(o, 0) == 0) trusted_value = true;
              }
            }
            if (!v.absent && !trusted_value) kept.push_back(v);
          }
        }
        break;
    }
    *values = std::move(kept);
  };

  CandidateSearch search(catalogue.data(), spec, options);
  std::map<std::string, size_t> finding_of;
  const ActionGroup* last_group = nullptr;
  std::set<std::string> seen_in_group;
  search.Run([&](const Request& request, const ActionGroup& group) {
    if (&group != last_group) {
      last_group = &group;
      seen_in_group.clear();
    }
    if (seen_in_group.count(request.principal) != 0) return true;
    if (!judge.Granted(request)) return true;
    seen_in_group.insert(request.principal);
    std::vector<StatementRef> by = judge.GrantedBy(request);
    std::string principal = label_of[request.principal];
    const bool is_public = principal == "*";
    if (principal == "@org") {
      // Principals of another organization: named by the organization the
      // example needs.
      principal = "any principal of another organization";
      for (const char* key : {"aws:principalorgid", "aws:principalorgpaths", "aws:sourceorgid",
                              "aws:sourceorgpaths"}) {
        const Context::Entry* entry = request.context.Find(key);
        if (entry != nullptr && !entry->values.empty()) {
          principal = "principals of organization `" + entry->values[0].text + "`";
          break;
        }
      }
    }
    const std::string statement = by.empty() ? "-" : std::to_string(by[0].statement_index);
    const std::string key = principal + "|" + statement;
    auto it = finding_of.find(key);
    if (it == finding_of.end()) {
      if (options.max_counterexamples != 0 &&
          result.findings.size() >= options.max_counterexamples) {
        return false;
      }
      AccessFinding f;
      f.is_public = is_public;
      f.principal = principal;
      f.resource = request.resource;
      f.conditions = request.context;
      if (!by.empty()) f.statement = by[0];
      f.example.request = request;
      f.example.decision = Decision::kAllowed;
      f.example.granted_by = by;
      it = finding_of.emplace(key, result.findings.size()).first;
      result.findings.push_back(std::move(f));
    }
    AccessFinding& f = result.findings[it->second];
    for (const std::string& a : group.actions) f.actions.push_back(a);
    return true;
  });
  for (AccessFinding& f : result.findings) {
    std::sort(f.actions.begin(), f.actions.end());
    f.actions.erase(std::unique(f.actions.begin(), f.actions.end()), f.actions.end());
  }
  // A grant to a named outsider through a statement that is public anyway
  // says nothing the public finding does not.
  std::vector<bool> subsumed(result.findings.size(), false);
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const AccessFinding& f = result.findings[i];
    for (const AccessFinding& p : result.findings) {
      if (!f.is_public && p.is_public &&
          p.statement.statement_index == f.statement.statement_index &&
          std::includes(p.actions.begin(), p.actions.end(), f.actions.begin(), f.actions.end())) {
        subsumed[i] = true;
      }
    }
  }
  std::vector<AccessFinding> kept;
  for (size_t i = 0; i < result.findings.size(); ++i) {
    if (!subsumed[i]) kept.push_back(std::move(result.findings[i]));
  }
  result.findings = std::move(kept);
  Conclude(search, !result.findings.empty(), &result);
  return result;
}

}  // namespace
}  // namespace internal

ExternalAccessResult PublicAccess(const Policy& resource_policy, const ResourceTarget& target,
                                  const Catalogue& catalogue, const AnalysisOptions& options) {
  return internal::FailClosed<ExternalAccessResult>("checking", [&] {
    return internal::Analyse(resource_policy, target, nullptr, catalogue, options);
  });
}

ExternalAccessResult ExternalAccess(const Policy& resource_policy, const ResourceTarget& target,
                                    const TrustZone& trusted, const Catalogue& catalogue,
                                    const AnalysisOptions& options) {
  return internal::FailClosed<ExternalAccessResult>("checking", [&] {
    return internal::Analyse(resource_policy, target, &trusted, catalogue, options);
  });
}

}  // namespace iameval
