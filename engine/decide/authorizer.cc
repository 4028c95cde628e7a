// File: engine/decide/authorizer.cc
//
// The decision procedure of spec/decision.md, in one pass over every policy in
// force: each statement is matched at most once, and what it said is tallied
// per policy kind (and per organization level). The decision is then read off
// the tallies. Without an explanation nothing here allocates.

#include "decide/authorizer.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>
#include <tuple>

#include "match/arn.h"
#include "condition/eval_context.h"
#include "match/principal.h"
#include "decide/statement_match.h"
#include "condition/variables.h"

namespace iameval::internal {
namespace {

// Actions are at most a few dozen characters; anything near this bound is
// not an AWS action and is refused rather than truncated.
constexpr size_t kMaxActionLength = 256;

bool IsTrustAction(std::string_view action_lower) {
  return action_lower == "sts:assumerole" || action_lower == "sts:assumerolewithsaml" ||
         action_lower == "sts:assumerolewithwebidentity" || action_lower == "sts:tagsession" ||
         action_lower == "sts:setsourceidentity";
}

// What each byte of a request action reads as: itself lowercased, or 0 for a
// byte no action holds. A request names one action: `*`, `?`, NUL or any
// other character would let it slip past a Deny on the real name while `*`
// still allows. A table, because every decision reads every byte.
struct ActionBytes {
  char lower[256] = {};
  constexpr ActionBytes() {
    for (int c = 'a'; c <= 'z'; ++c) lower[c] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c) lower[c] = static_cast<char>(c + 32);
    for (int c = '0'; c <= '9'; ++c) lower[c] = static_cast<char>(c);
    for (char c : {'-', '.', '_', ':'}) lower[static_cast<unsigned char>(c)] = c;
  }
};
constexpr ActionBytes kActionBytes;

// Writes `action` lowercased to `out` (kMaxActionLength bytes), its length to
// `*length` and the position of its colon to `*colon`; false when it is not
// one action of the form `service:Name`.
bool LowercaseAction(std::string_view action, char* out, size_t* length, size_t* colon_at) {
  if (action.empty() || action.size() > kMaxActionLength) return false;
  bool every_byte_allowed = true;
  size_t colons = 0, colon = 0;
  for (size_t i = 0; i < action.size(); ++i) {
    const char c = kActionBytes.lower[static_cast<unsigned char>(action[i])];
    out[i] = c;
    every_byte_allowed &= c != 0;
    if (c == ':') {
      ++colons;
      colon = i;
    }
  }
  // Exactly one colon, with a service before it and a name after it.
  if (!every_byte_allowed || colons != 1 || colon == 0 || colon + 1 == action.size()) {
    return false;
  }
  *length = action.size();
  *colon_at = colon;
  return true;
}

bool IsRoleArn(const ArnView& arn) {
  return arn.service == "iam" && arn.resource.substr(0, 5) == "role/";
}

bool IsKmsKeyArn(const ArnView& arn) {
  return arn.service == "kms" && arn.resource.substr(0, 4) == "key/";
}

bool IsKmsKeyArn(std::string_view resource) {
  ArnView arn;
  return SplitArn(resource, &arn) && IsKmsKeyArn(arn);
}

// InferResourcePolicyKind for an action already lowercased and a resource
// already split (`resource_is_arn` says whether it split).
PolicyKind InferKind(std::string_view action_lower, bool resource_is_arn, const ArnView& arn) {
  if (!resource_is_arn) return PolicyKind::kResource;
  if (IsTrustAction(action_lower) && IsRoleArn(arn)) return PolicyKind::kRoleTrust;
  if (action_lower.substr(0, 4) == "kms:" && IsKmsKeyArn(arn)) return PolicyKind::kKmsKey;
  return PolicyKind::kResource;
}

// ResourcePolicyRequired with the request's facts already read.
bool ResourcePolicyRequiredFor(const Request& request, std::string_view action_lower,
                               bool resource_is_arn, const ArnView& arn) {
  switch (request.resource_policy_rule) {
    case ResourcePolicyRule::kRequired:
      return true;
    case ResourcePolicyRule::kNotRequired:
      return false;
    case ResourcePolicyRule::kInferred:
      break;
  }
  return InferKind(action_lower, resource_is_arn, arn) != PolicyKind::kResource;
}

// A statement that applied, kept only when explaining.
struct Hit {
  StatementRef ref;
  GrantClass grant = GrantClass::kNone;
};

// What the statements of one policy kind (or one organization level) said.
struct Tally {
  bool in_force = false;  // at least one policy of the kind applies to this request
  bool allowed = false;
  bool denied = false;
  GrantClass best_grant = GrantClass::kNone;  // strongest Allow (resource policies)
  std::vector<Hit>* hits = nullptr;           // non-null only when explaining

  KindVerdict::Verdict verdict() const {
    if (!in_force) return KindVerdict::Verdict::kNotApplicable;
    if (denied) return KindVerdict::Verdict::kDenied;
    if (allowed) return KindVerdict::Verdict::kAllowed;
    return KindVerdict::Verdict::kNoMatch;
  }
};

// Matches the candidate statements of `group` (those its action index cannot
// rule out) and tallies what they say. Without an explanation, statements
// that cannot change the answer are not matched: an Allow once the group
// already allows as strongly as it can, and everything once a Deny applies
// (an explicit deny is final, decisions.md). Returns false when a Deny
// stopped the walk, so the caller can skip the remaining groups too.
bool WalkGroup(const PolicyGroup& group, int level, const ActionIndex::Key& key,
               const RequestFacts& facts, Tally* tally) {
  if (group.empty()) return true;
  tally->in_force = true;
  const bool explaining = tally->hits != nullptr;
  return group.index.ForEachCandidate(key, [&](const ActionIndex::Ref& ref, bool action_known) {
    const CompiledStatement& statement = *ref.target;
    // kDirect is the strongest grant, and every Allow outside resource-based
    // policies grants it: once reached, no Allow of the group adds anything.
    if (!explaining && statement.effect == Effect::kAllow &&
        tally->best_grant == GrantClass::kDirect) {
      return true;
    }
    GrantClass grant = StatementApplies(statement, group.kind, facts, action_known);
    if (grant == GrantClass::kNone) return true;
    if (statement.effect == Effect::kDeny) {
      tally->denied = true;
    } else {
      tally->allowed = true;
      if (grant > tally->best_grant) tally->best_grant = grant;
    }
    if (!explaining) return !tally->denied;
    const CompiledPolicy& compiled = group.policies[ref.policy].compiled();
    Hit hit;
    hit.grant = grant;
    hit.ref.kind = compiled.kind;
    hit.ref.policy_index = static_cast<int>(ref.policy);
    hit.ref.level = level;
    hit.ref.policy_id = compiled.id;
    hit.ref.statement_index = static_cast<int>(statement.index);
    hit.ref.sid = statement.sid;
    hit.ref.effect = statement.effect;
    hit.ref.line = statement.line;
    hit.ref.column = statement.column;
    tally->hits->push_back(std::move(hit));
    return true;
  });
}

// Everything the decision reads, gathered in one pass.
struct Tallies {
  Tally identity, resource, boundary, session;
  Tally scp_any;  // over all levels, for explicit denies
  bool scp_in_force = false;
  bool scp_every_level_allows = true;
  int scp_first_silent_level = -1;
  Tally rcp_any;
};

class Explainer {
 public:
  explicit Explainer(Explanation* explanation) : explanation_(explanation) {}
  bool on() const { return explanation_ != nullptr; }

  std::vector<Hit>* Bucket(size_t index) { return on() ? &buckets_[index] : nullptr; }

  void Verdict(PolicyKind kind, int level, KindVerdict::Verdict verdict) {
    if (!on()) return;
    KindVerdict entry;
    entry.kind = kind;
    entry.level = level;
    entry.verdict = verdict;
    explanation_->verdicts.push_back(entry);
  }

  // Adds the hits of `effect` from every bucket (optionally only those whose
  // grant class is `only_grant`) to the determining statements.
  void Determining(Effect effect, size_t bucket, GrantClass only_grant = GrantClass::kNone) {
    if (on()) AddDetermining(effect, bucket, only_grant);
  }

  template <typename Reason>
  Answer Finish(Decision decision, Reason&& reason) {
    if (on()) Explain(decision, reason());
    Answer answer;
    answer.decision = decision;
    return answer;
  }

  static constexpr size_t kIdentity = 0, kResource = 1, kBoundary = 2, kSession = 3, kScp = 4,
                          kRcp = 5, kBuckets = 6;

 private:
  // The explaining halves of Determining and Finish, out of line: a decision
  // without an explanation only pays for the test of on().
  void AddDetermining(Effect effect, size_t bucket, GrantClass only_grant) {
    for (const Hit& hit : buckets_[bucket]) {
      if (hit.ref.effect != effect) continue;
      if (only_grant != GrantClass::kNone && hit.grant != only_grant) continue;
      explanation_->determining.push_back(hit.ref);
    }
  }

  // `reason` is the sentence, made by Finish's callable only when an
  // explanation was asked for (making it allocates).
  void Explain(Decision decision, std::string reason) {
    // The index visits candidates in no document order; people read them
    // in the order of the policies and statements. The key is unique, so
    // std::sort suffices (stable_sort would take a temporary buffer whose
    // allocation may fail silently).
    std::sort(explanation_->determining.begin(), explanation_->determining.end(),
              [](const StatementRef& a, const StatementRef& b) {
                return std::tie(a.kind, a.level, a.policy_index, a.statement_index) <
                       std::tie(b.kind, b.level, b.policy_index, b.statement_index);
              });
    explanation_->decision = decision;
    explanation_->reason = std::move(reason);
  }

  Explanation* explanation_;
  std::vector<Hit> buckets_[kBuckets];
};

std::string Quote(std::string_view text) {
  std::string quoted = "`";
  quoted.append(text.data(), text.size());
  quoted += "`";
  return quoted;
}

// The answer when deciding could not finish. Must not throw: it runs inside
// Authorize's catch, where an exception would terminate the process. Whatever
// a half-built explanation held is dropped so it cannot be mistaken for the
// reasons of this deny.
Answer Fail(Explanation* explanation, const char* error) noexcept {
  if (explanation != nullptr) {
    explanation->decision = Decision::kImplicitDeny;
    explanation->determining.clear();
    explanation->verdicts.clear();
    explanation->reason.clear();
    try {
      explanation->reason = error;
    } catch (...) {
      // Out of memory again: the Answer below still carries the error.
    }
  }
  Answer answer;
  answer.decision = Decision::kImplicitDeny;
  answer.error = error;
  return answer;
}

Answer AuthorizeOrThrow(const CompiledPolicySet& set, const Request& request,
                        Explanation* explanation) {
  if (explanation != nullptr) explanation->Clear();

  Caller caller;
  if (!ParseCaller(request.principal, &caller)) {
    return Fail(explanation,
                "invalid request: the principal is not an ARN, account id, service or `*`");
  }
  char action_buffer[kMaxActionLength];
  size_t action_length = 0;
  size_t action_colon = 0;
  if (!LowercaseAction(request.action, action_buffer, &action_length, &action_colon)) {
    return Fail(explanation, "invalid request: the action is not of the form `service:Action`");
  }
  std::string_view action_lower(action_buffer, action_length);
  if (request.resource.empty()) {
    return Fail(explanation, "invalid request: the resource is empty (use `*` for none)");
  }

  ArnView resource_arn;
  bool resource_is_arn = SplitArn(request.resource, &resource_arn);
  std::string_view resource_account = request.resource_account;
  if (resource_account.empty() && resource_is_arn) resource_account = resource_arn.account;
  if (resource_account.empty()) resource_account = caller.account;

  Explainer explainer(explanation);
  std::string_view action_text = request.action;
  // Principals never reach across partitions (decisions.md §47); an explicit
  // Deny still reports as such, so the check waits until after the Deny pass.
  const bool partition_mismatch =
      resource_is_arn && !caller.partition.empty() && resource_arn.partition != caller.partition;

  EvalContext context(request, caller, resource_account);
  RenderBuffer scratch;
  RequestFacts facts;
  facts.action_lower = action_lower;
  facts.resource = request.resource;
  facts.context = &context;
  facts.scratch = &scratch;
  const ActionIndex::Key key(action_lower, action_colon);

  // Which policy kinds are in force for this caller (decisions.md §34–§45).
  const bool has_identity = caller.kind == CallerKind::kUser || caller.kind == CallerKind::kRole ||
                            caller.kind == CallerKind::kRoleSession ||
                            caller.kind == CallerKind::kFederatedUser;
  const bool is_root = caller.kind == CallerKind::kRoot;
  const bool scp_applies = (has_identity || is_root) && !request.principal_in_management_account &&
                           !request.principal_is_service_linked_role;
  const bool rcp_applies =
      !request.resource_in_management_account && !request.principal_is_service_linked_role &&
      !request.resource_is_aws_managed_key && action_lower != "kms:retiregrant";

  Tallies t;
  t.identity.hits = explainer.Bucket(Explainer::kIdentity);
  t.resource.hits = explainer.Bucket(Explainer::kResource);
  t.boundary.hits = explainer.Bucket(Explainer::kBoundary);
  t.session.hits = explainer.Bucket(Explainer::kSession);
  t.scp_any.hits = explainer.Bucket(Explainer::kScp);
  t.rcp_any.hits = explainer.Bucket(Explainer::kRcp);

  // Every policy given is walked, even where AWS could not attach it (identity
  // policies for the root user or a service): its Denies still count, so a
  // mistake in the inputs can only ever deny (decisions.md §38).
  // Without an explanation a walk stops at the first Deny that applies, and
  // the groups after it are not walked: the answer is an explicit deny.
  bool go_on = WalkGroup(set.identity, -1, key, facts, &t.identity);
  go_on = go_on && WalkGroup(set.resource, -1, key, facts, &t.resource);
  go_on = go_on && WalkGroup(set.boundary, -1, key, facts, &t.boundary);
  go_on = go_on && WalkGroup(set.sessions, -1, key, facts, &t.session);
  explainer.Verdict(PolicyKind::kIdentity, -1, t.identity.verdict());
  explainer.Verdict(
      set.resource.empty() ? PolicyKind::kResource : set.resource.policies.front().kind(), -1,
      t.resource.verdict());
  explainer.Verdict(PolicyKind::kPermissionsBoundary, -1, t.boundary.verdict());
  explainer.Verdict(PolicyKind::kSession, -1, t.session.verdict());

  if (scp_applies) {
    for (size_t level = 0; go_on && level < set.scps.size(); ++level) {
      Tally level_tally;
      level_tally.hits = t.scp_any.hits;
      level_tally.in_force = true;
      go_on = WalkGroup(set.scps[level], static_cast<int>(level), key, facts, &level_tally);
      t.scp_in_force = true;
      t.scp_any.in_force = true;
      t.scp_any.denied |= level_tally.denied;
      if (!level_tally.allowed && t.scp_every_level_allows) {
        t.scp_every_level_allows = false;
        t.scp_first_silent_level = static_cast<int>(level);
      }
      explainer.Verdict(PolicyKind::kServiceControl, static_cast<int>(level),
                        level_tally.verdict());
    }
  }
  if (rcp_applies) {
    for (size_t level = 0; go_on && level < set.rcps.size(); ++level) {
      Tally level_tally;
      level_tally.hits = t.rcp_any.hits;
      level_tally.in_force = true;
      go_on = WalkGroup(set.rcps[level], static_cast<int>(level), key, facts, &level_tally);
      t.rcp_any.in_force = true;
      t.rcp_any.denied |= level_tally.denied;
      explainer.Verdict(PolicyKind::kResourceControl, static_cast<int>(level),
                        level_tally.verdict());
    }
  }

  // 1. An applicable Deny anywhere is final.
  if (t.identity.denied || t.resource.denied || t.boundary.denied || t.session.denied ||
      t.scp_any.denied || t.rcp_any.denied) {
    for (size_t bucket = 0; bucket < Explainer::kBuckets; ++bucket) {
      explainer.Determining(Effect::kDeny, bucket);
    }
    const char* where = t.scp_any.denied    ? "a service control policy"
                        : t.rcp_any.denied  ? "a resource control policy"
                        : t.boundary.denied ? "the permissions boundary"
                        : t.session.denied  ? "a session policy"
                        : t.resource.denied ? "the resource-based policy"
                                            : "an identity-based policy";
    return explainer.Finish(Decision::kExplicitDeny, [&] {
      return std::string(std::string("an explicit deny in ") + where + " applies to " +
                         Quote(action_text));
    });
  }

  if (partition_mismatch) {
    return explainer.Finish(Decision::kImplicitDeny, [&] {
      return std::string("the principal's partition " + Quote(caller.partition) +
                         " differs from the resource's " + Quote(resource_arn.partition));
    });
  }

  // 2. RCPs only ever deny (decisions.md §46). 3. Every SCP level must allow.
  if (t.scp_in_force && !t.scp_every_level_allows) {
    return explainer.Finish(Decision::kImplicitDeny, [&] {
      return std::string("no service control policy at organization level " +
                         std::to_string(t.scp_first_silent_level) + " allows " +
                         Quote(action_text));
    });
  }
  auto determining_scps = [&] { explainer.Determining(Effect::kAllow, Explainer::kScp); };

  const GrantClass grant = t.resource.best_grant;
  const bool identity_allows = is_root || (has_identity && t.identity.allowed);
  // A boundary limits the users and roles it can be set on.
  const bool boundary_allows = !has_identity || !t.boundary.in_force || t.boundary.allowed;
  // Session policies limit the callers that have sessions: role sessions (a
  // role caller is one) and federated users. For anyone else only their
  // Denies count (decisions.md §34, §38).
  const bool has_session = caller.kind == CallerKind::kRoleSession ||
                           caller.kind == CallerKind::kRole ||
                           caller.kind == CallerKind::kFederatedUser;
  const bool session_in_force = has_session && t.session.in_force;
  const bool session_allows = session_in_force ? t.session.allowed
                                               : caller.kind != CallerKind::kFederatedUser;
  auto limits_reason = [&]() -> std::string {
    if (!boundary_allows) return "the permissions boundary does not allow " + Quote(action_text);
    if (!session_in_force) {
      return "a federated user's session without a session policy has no permissions";
    }
    return "no session policy allows " + Quote(action_text);
  };
  auto determine_limits = [&] {
    explainer.Determining(Effect::kAllow, Explainer::kBoundary);
    explainer.Determining(Effect::kAllow, Explainer::kSession);
  };

  // Callers without an account of their own: only a direct grant counts.
  if (!has_identity && !is_root) {
    if (grant == GrantClass::kDirect) {
      explainer.Determining(Effect::kAllow, Explainer::kResource, GrantClass::kDirect);
      return explainer.Finish(Decision::kAllowed, [&] {
        return std::string("the resource-based policy allows the caller");
      });
    }
    return explainer.Finish(Decision::kImplicitDeny, [&] {
      return std::string("no resource-based policy statement allows this caller " +
                         Quote(request.principal));
    });
  }

  const bool same_account = caller.account == resource_account;
  if (!same_account) {
    // Both accounts must allow: the resource's policy grants, the caller's
    // own policies allow (decisions.md; catalogue §5.9).
    if (grant == GrantClass::kNone) {
      return explainer.Finish(Decision::kImplicitDeny, [&] {
        return std::string("cross-account request: the resource-based policy does not allow " +
                           Quote(request.principal));
      });
    }
    if (!identity_allows) {
      return explainer.Finish(Decision::kImplicitDeny, [&] {
        return std::string("cross-account request: no identity-based policy allows " +
                           Quote(action_text));
      });
    }
    if (!boundary_allows || !session_allows) {
      return explainer.Finish(Decision::kImplicitDeny,
                              [&] { return std::string(limits_reason()); });
    }
    explainer.Determining(Effect::kAllow, Explainer::kResource);
    explainer.Determining(Effect::kAllow, Explainer::kIdentity);
    determine_limits();
    determining_scps();
    return explainer.Finish(Decision::kAllowed, [&] {
      return std::string(
          "allowed in both accounts: the resource-based policy and the "
          "caller's identity-based policies allow it");
    });
  }

  if (ResourcePolicyRequiredFor(request, action_lower, resource_is_arn, resource_arn) &&
      grant == GrantClass::kNone) {
    return explainer.Finish(Decision::kImplicitDeny, [&] {
      return std::string(std::string("the ") +
                         (IsKmsKeyArn(request.resource) ? "key policy" : "resource-based policy") +
                         " must allow this request and no statement of it does");
    });
  }
  if (grant == GrantClass::kDirect) {
    explainer.Determining(Effect::kAllow, Explainer::kResource, GrantClass::kDirect);
    determining_scps();
    return explainer.Finish(Decision::kAllowed, [&] {
      return std::string("the resource-based policy allows the caller directly");
    });
  }
  if (grant == GrantClass::kRole) {
    if (boundary_allows && session_allows) {
      explainer.Determining(Effect::kAllow, Explainer::kResource, GrantClass::kRole);
      determine_limits();
      determining_scps();
      return explainer.Finish(Decision::kAllowed, [&] {
        return std::string("the resource-based policy allows the caller's role");
      });
    }
    // A role grant is limited like the identity path; fall through to report
    // the identity path's verdict, which cannot be better.
  }
  if (!identity_allows) {
    return explainer.Finish(Decision::kImplicitDeny, [&] {
      return std::string("no identity-based policy allows " + Quote(action_text) + " on " +
                         Quote(request.resource));
    });
  }
  if (!boundary_allows || !session_allows) {
    return explainer.Finish(Decision::kImplicitDeny, [&] { return std::string(limits_reason()); });
  }
  explainer.Determining(Effect::kAllow, Explainer::kIdentity);
  if (grant == GrantClass::kAccount) {
    explainer.Determining(Effect::kAllow, Explainer::kResource, GrantClass::kAccount);
  }
  determine_limits();
  determining_scps();
  return explainer.Finish(Decision::kAllowed, [&] {
    return std::string(is_root ? "the account root user has full access in its own account"
                               : "an identity-based policy allows it");
  });
}

}  // namespace

bool ResourcePolicyRequired(const Request& request) noexcept {
  char buffer[kMaxActionLength];
  size_t length = 0;
  ArnView arn;
  const bool is_arn = SplitArn(request.resource, &arn);
  size_t colon = 0;
  if (!LowercaseAction(request.action, buffer, &length, &colon)) {
    return request.resource_policy_rule == ResourcePolicyRule::kRequired;
  }
  return ResourcePolicyRequiredFor(request, std::string_view(buffer, length), is_arn, arn);
}

PolicyKind InferResourcePolicyKind(const Request& request) noexcept {
  char buffer[kMaxActionLength];
  size_t length = 0;
  size_t colon = 0;
  if (!LowercaseAction(request.action, buffer, &length, &colon)) return PolicyKind::kResource;
  ArnView arn;
  const bool is_arn = SplitArn(request.resource, &arn);
  return InferKind(std::string_view(buffer, length), is_arn, arn);
}

Answer Authorize(const CompiledPolicySet& set, const Request& request,
                 Explanation* explanation) noexcept {
  try {
    return AuthorizeOrThrow(set, request, explanation);
  } catch (const std::bad_alloc&) {
    return Fail(explanation, "internal error: out of memory while deciding");
  } catch (...) {
    return Fail(explanation, "internal error while deciding");
  }
}

}  // namespace iameval::internal
