// File: engine/testing/property_test.cc
//
// Properties of the decision procedure, checked over generated policy sets
// and requests (policy_generator.h) rather than over chosen examples:
//
//   * adding a Deny statement never turns a decision into allowed, and never
//     turns an explicit deny into anything else;
//   * adding an Allow statement to a document never turns allowed into a deny,
//     and never lifts an explicit deny;
//   * the order of statements, of policies and of organization levels, and
//     duplicated statements and policies, never change the decision; nor does
//     asking for an explanation;
//   * a Deny of everything in any document in force gives explicitDeny;
//   * with no policy at all, every request is implicitly denied, except the
//     account root user's in its own account (decisions.md §38).
//
// The seeds are fixed, so a failure reproduces everywhere; the failing case
// is printed in the conformance format. IAMEVAL_PROPERTY_CASES changes the
// number of cases per property, for longer runs by hand.

#include <catch2/catch.hpp>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "decide/rcp_services.h"
#include "iameval/json.h"
#include "testing/policy_generator.h"
#include "testing/reference_evaluator.h"

namespace iameval::testing {
namespace {

size_t Cases() {
  const char* value = std::getenv("IAMEVAL_PROPERTY_CASES");
  return value == nullptr ? 1500 : static_cast<size_t>(std::strtoull(value, nullptr, 10));
}

PolicyKind KindNamed(const std::string& name) {
  PolicyKind kind = PolicyKind::kResource;
  ParsePolicyKindName(name, &kind);
  return kind;
}

struct Outcome {
  std::string decision;  // "allowed", "explicitDeny", "implicitDeny"; "invalid: ..." if refused
  bool error = false;    // Answer::error was set
};

Outcome Decide(const GeneratedPolicySet& policies, const GeneratedCase& c, bool explain = false) {
  RequestResult request = RequestFromJson(c.request.Json());
  if (!request.ok()) return {"invalid request: " + request.error};
  PolicySetResult set =
      PolicySetFromJson(policies.Json(), KindNamed(c.resource_kind), GeneratorLimits());
  if (!set.ok()) {
    std::string why = "invalid policies: " + set.error;
    for (const DocumentFinding& f : set.findings) {
      if (f.finding.severity == Severity::kError)
        why += " " + f.document + ": " + f.finding.message;
    }
    return {why};
  }
  Explanation explanation;
  const Answer answer = set.set->Decide(*request.request, explain ? &explanation : nullptr);
  if (explain && explanation.decision != answer.decision) return {"explanation disagrees"};
  return {std::string(DecisionName(answer.decision)), answer.error != nullptr};
}

std::string Show(const GeneratedPolicySet& policies, const GeneratedCase& c) {
  return "{\"policies\": " + policies.Json() + ",\n \"request\": " + c.request.Json() + "}";
}

bool IsDecision(const std::string& outcome) {
  return outcome == "allowed" || outcome == "explicitDeny" || outcome == "implicitDeny";
}

// Whether SCPs and RCPs are read for `request` (spec/decision.md §4.1, §4.2).
bool CallerHasAccount(const GeneratedRequest& request) {
  const std::string& p = request.principal;
  if (p == "*" || p == "anonymous" || p.find(".amazonaws.com") != std::string::npos) return false;
  return p.find("saml-provider/") == std::string::npos;
}
bool HasFlag(const GeneratedRequest& request, const std::string& flag) {
  for (const std::string& member : request.flags) {
    if (member == "\"" + flag + "\": true") return true;
  }
  return false;
}
bool ScpsInForce(const GeneratedRequest& request) {
  return CallerHasAccount(request) && !HasFlag(request, "principalIsServiceLinkedRole") &&
         !HasFlag(request, "principalInManagementAccount");
}
bool RcpsInForce(const GeneratedRequest& request) {
  std::string action = request.action;
  for (char& ch : action) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return !HasFlag(request, "resourceInManagementAccount") &&
         !HasFlag(request, "principalIsServiceLinkedRole") &&
         !HasFlag(request, "resourceIsAwsManagedKey") && action != "kms:retiregrant" &&
         internal::RcpSupportsService(action.substr(0, action.find(':')));
}

template <typename T>
void Shuffle(Choices& choices, std::vector<T>* items) {
  for (size_t i = items->size(); i > 1; --i) std::swap((*items)[i - 1], (*items)[choices.Below(i)]);
}

// Adds a Deny somewhere: to a document already there, or as a new document
// in any slot (a new boundary, a new SCP level, ...).
void AddDeny(Choices& choices, GeneratedCase* c, GeneratedPolicySet* set) {
  std::vector<GeneratedPolicySet::Slot> documents = set->Documents(c->resource_kind);
  if (!documents.empty() && choices.Chance(60)) {
    GeneratedPolicySet::Slot slot = choices.Pick(documents);
    auto& statements = slot.policy->statements;
    statements.insert(
        statements.begin() + static_cast<std::ptrdiff_t>(choices.Below(statements.size() + 1)),
        GenerateStatement(choices, slot.kind, c->request, true));
    return;
  }
  auto deny_only = [&](const std::string& kind) {
    GeneratedPolicy policy;
    policy.statements.push_back(GenerateStatement(choices, kind, c->request, true));
    return policy;
  };
  switch (choices.Below(6)) {
    case 0:
      set->identity.push_back(deny_only("identity"));
      break;
    case 1:
      set->sessions.push_back(deny_only("session"));
      break;
    case 2:
      set->scps.push_back({deny_only("scp")});
      break;
    case 3:
      set->rcps.push_back({deny_only("rcp")});
      break;
    case 4:
      if (!set->boundary) set->boundary = deny_only("permissionsBoundary");
      break;
    default:
      if (!set->resource) set->resource = deny_only(c->resource_kind);
      break;
  }
}

TEST_CASE("adding a Deny statement never turns a decision into allowed", "[property]") {
  SeededChoices choices(0xdea1);
  const size_t cases = Cases();
  size_t changed = 0;
  for (size_t i = 0; i < cases; ++i) {
    GeneratedCase c = GenerateCase(choices);
    const Outcome before = Decide(c.policies, c);
    GeneratedPolicySet more = c.policies;
    const size_t denies = 1 + choices.Below(2);
    for (size_t d = 0; d < denies; ++d) AddDeny(choices, &c, &more);
    const Outcome after = Decide(more, c);
    INFO("case " << i << ": " << before.decision << " -> " << after.decision << "\nbefore "
                 << Show(c.policies, c) << "\nafter " << Show(more, c));
    REQUIRE(IsDecision(before.decision));
    REQUIRE(IsDecision(after.decision));
    if (after.decision == "allowed") REQUIRE(before.decision == "allowed");
    if (before.decision == "explicitDeny") REQUIRE(after.decision == "explicitDeny");
    changed += before.decision != after.decision;
  }
  // The property must have been tested, not just survived: some decisions change.
  CHECK(changed * 20 > cases);
}

TEST_CASE("adding an Allow statement never turns allowed into denied", "[property]") {
  SeededChoices choices(0xa110);
  const size_t cases = Cases();
  size_t changed = 0, had_documents = 0;
  for (size_t i = 0; i < cases; ++i) {
    GeneratedCase c = GenerateCase(choices);
    GeneratedPolicySet more = c.policies;
    std::vector<GeneratedPolicySet::Slot> documents = more.Documents(c.resource_kind);
    if (documents.empty()) continue;  // a new document could put a limit in force
    ++had_documents;
    const Outcome before = Decide(c.policies, c);
    const size_t allows = 1 + choices.Below(3);
    for (size_t a = 0; a < allows; ++a) {
      GeneratedPolicySet::Slot slot = choices.Pick(documents);
      auto& statements = slot.policy->statements;
      statements.insert(
          statements.begin() + static_cast<std::ptrdiff_t>(choices.Below(statements.size() + 1)),
          GenerateStatement(choices, slot.kind, c.request, false));
    }
    const Outcome after = Decide(more, c);
    INFO("case " << i << ": " << before.decision << " -> " << after.decision << "\nbefore "
                 << Show(c.policies, c) << "\nafter " << Show(more, c));
    REQUIRE(IsDecision(before.decision));
    REQUIRE(IsDecision(after.decision));
    if (before.decision == "allowed") REQUIRE(after.decision == "allowed");
    if (before.decision == "explicitDeny") REQUIRE(after.decision == "explicitDeny");
    changed += before.decision != after.decision;
  }
  CHECK(had_documents * 2 > cases);
  CHECK(changed * 100 > had_documents);  // implicit denies that an Allow turned into allowed
}

TEST_CASE("order and duplicates of statements and policies never change the decision",
          "[property]") {
  SeededChoices choices(0x0dde);
  const size_t cases = Cases();
  for (size_t i = 0; i < cases; ++i) {
    GeneratedCase c = GenerateCase(choices);
    const Outcome before = Decide(c.policies, c);
    GeneratedPolicySet changed = c.policies;
    for (GeneratedPolicySet::Slot slot : changed.Documents(c.resource_kind)) {
      auto& statements = slot.policy->statements;
      // Duplicate some statements (generated ones have no Sid, so this stays valid).
      const size_t copies = choices.Below(3);
      for (size_t k = 0; k < copies; ++k) statements.push_back(choices.Pick(statements));
      Shuffle(choices, &statements);
      for (GeneratedStatement& s : statements) Shuffle(choices, &s.members);
    }
    if (!changed.identity.empty() && choices.Chance(30)) {
      changed.identity.push_back(choices.Pick(changed.identity));
    }
    if (!changed.sessions.empty() && choices.Chance(30)) {
      changed.sessions.push_back(choices.Pick(changed.sessions));
    }
    Shuffle(choices, &changed.identity);
    Shuffle(choices, &changed.sessions);
    for (auto& level : changed.scps) Shuffle(choices, &level);
    for (auto& level : changed.rcps) Shuffle(choices, &level);
    Shuffle(choices, &changed.scps);
    Shuffle(choices, &changed.rcps);
    const Outcome after = Decide(changed, c, /*explain=*/true);
    INFO("case " << i << ": " << before.decision << " -> " << after.decision << "\nbefore "
                 << Show(c.policies, c) << "\nafter " << Show(changed, c));
    REQUIRE(IsDecision(before.decision));
    REQUIRE(after.decision == before.decision);
  }
}

TEST_CASE("a Deny of everything in any document in force gives explicitDeny", "[property]") {
  SeededChoices choices(0xde17);
  const size_t cases = Cases();
  for (size_t i = 0; i < cases; ++i) {
    GeneratedCase c = GenerateCase(choices);
    GeneratedPolicySet denied = c.policies;
    // Where the Deny goes: a document already there or a new one, in any
    // slot that is read for this request (every given document is read for
    // its Denies, decisions.md §38; SCPs and RCPs only where they apply).
    std::vector<std::string> slots = {"identity", "resource", "permissionsBoundary", "session"};
    if (ScpsInForce(c.request)) slots.push_back("scp");
    if (RcpsInForce(c.request)) slots.push_back("rcp");
    // The endpoint's policy, where the request came through one.
    if (c.policies.vpc_endpoint) slots.push_back("vpcEndpoint");
    const std::string slot = choices.Pick(slots);
    const std::string kind = slot == "resource" ? c.resource_kind : slot;
    GeneratedPolicy* target = nullptr;
    auto pick = [&](std::vector<GeneratedPolicy>& list) {
      if (list.empty() || choices.Chance(30)) list.emplace_back();
      target = &list[choices.Below(list.size())];
    };
    if (slot == "identity") pick(denied.identity);
    if (slot == "session") pick(denied.sessions);
    if (slot == "resource") {
      if (!denied.resource) denied.resource.emplace();
      target = &*denied.resource;
    }
    if (slot == "permissionsBoundary") {
      if (!denied.boundary) denied.boundary.emplace();
      target = &*denied.boundary;
    }
    if (slot == "vpcEndpoint") target = &*denied.vpc_endpoint;
    if (slot == "scp" || slot == "rcp") {
      auto& levels = slot == "scp" ? denied.scps : denied.rcps;
      if (levels.empty() || choices.Chance(30)) levels.emplace_back();
      pick(levels[choices.Below(levels.size())]);
    }
    auto& statements = target->statements;
    statements.insert(
        statements.begin() + static_cast<std::ptrdiff_t>(choices.Below(statements.size() + 1)),
        UniversalDeny(kind));
    const Outcome after = Decide(denied, c, /*explain=*/choices.Chance(50));
    INFO("case " << i << ": deny of everything in `" << slot << "` gives " << after.decision << "\n"
                 << Show(denied, c));
    REQUIRE(after.decision == "explicitDeny");
    REQUIRE_FALSE(after.error);
  }
}

TEST_CASE("with no policy every request is implicitly denied, the root user's own aside",
          "[property]") {
  SeededChoices choices(0x0e17);
  const size_t cases = Cases();
  const GeneratedPolicySet none;
  size_t root_allowed = 0;
  for (size_t i = 0; i < cases; ++i) {
    GeneratedCase c = GenerateCase(choices);
    const Outcome outcome = Decide(none, c, choices.Chance(50));
    INFO("case " << i << ": " << outcome.decision << "\n" << Show(none, c));
    REQUIRE(IsDecision(outcome.decision));
    const bool root = c.request.principal == "111111111111" ||
                      c.request.principal.find(":root") != std::string::npos;
    if (!root) {
      REQUIRE(outcome.decision == "implicitDeny");
      continue;
    }
    // The root user: allowed exactly where the reference says (decisions.md §38).
    REQUIRE(outcome.decision != "explicitDeny");
    const ReferenceResult expected = ReferenceDecide(none.Json(), c.request.Json());
    REQUIRE(expected.ok());
    REQUIRE(outcome.decision == expected.decision);
    root_allowed += outcome.decision == "allowed";
  }
  CHECK(root_allowed > 0);
}

}  // namespace
}  // namespace iameval::testing
