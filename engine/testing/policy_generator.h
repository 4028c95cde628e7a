// File: engine/testing/policy_generator.h
//
// Generated policy sets and requests, as data that tests can change before
// writing them out as the conformance format's `policies` and `request`
// objects. Its users:
//
//   * the property tests (property_test.cc) take a case, change it the way a
//     property says (add a Deny, reorder, duplicate) and compare decisions;
//   * the differential test (differential_test.cc) and fuzzer
//     (engine/fuzz/decide_fuzz.cc), from a seed or from the fuzzer's bytes,
//     compare the engine with the reference evaluator (reference_evaluator.h).
//
// Everything generated stays inside the reference evaluator's subset (a
// fixed `currentTime`, so the clock keys are pinned; conditions of every
// operator family, derived keys included,
// with IfExists, set qualifiers, Null and policy variables, over context keys
// the request gives, now and then null or unreadable) and obeys each kind's
// grammar (spec/grammar.md), so the engine accepts every document once the
// AWS size quotas are off (GeneratorLimits()). The differential test
// (differential_test.cc) and decide_fuzz both draw from it: one generator.
//
//   SeededChoices choices(42);
//   GeneratedCase c = GenerateCase(choices);
//   c.policies.identity[0].statements.push_back(UniversalDeny("identity"));
//   std::string policies = c.policies.Json(), request = c.request.Json();

#ifndef IAMEVAL_ENGINE_TESTING_POLICY_GENERATOR_H_
#define IAMEVAL_ENGINE_TESTING_POLICY_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "testing/choices.h"

namespace iameval::testing {

// One statement: its effect and its other members as JSON text, e.g.
// `"Action": ["s3:Get*"]`.
struct GeneratedStatement {
  bool deny = false;
  std::vector<std::string> members;
  std::string Json() const;
};

struct GeneratedPolicy {
  std::vector<GeneratedStatement> statements;
  std::string Json() const;
};

// The conformance format's `policies` object. Empty lists and absent
// documents are left out of the JSON.
struct GeneratedPolicySet {
  std::vector<GeneratedPolicy> identity;
  std::optional<GeneratedPolicy> resource;
  std::optional<GeneratedPolicy> boundary;
  std::vector<GeneratedPolicy> sessions;
  std::vector<std::vector<GeneratedPolicy>> scps;
  std::vector<std::vector<GeneratedPolicy>> rcps;
  std::optional<GeneratedPolicy> vpc_endpoint;  // an interface endpoint's

  // Every document with its kind name ("identity", "resource" — or the
  // request's resource kind —, "permissionsBoundary", "session", "scp",
  // "rcp", "vpcEndpoint"), for changes that go through all of them.
  struct Slot {
    std::string kind;
    GeneratedPolicy* policy;
  };
  std::vector<Slot> Documents(const std::string& resource_kind);
  std::string Json() const;
};

// The conformance format's `request` object.
struct GeneratedRequest {
  std::string principal, action, resource, resource_account;
  std::vector<std::string> context;  // members, e.g. `"aws:SecureTransport": true`
  std::vector<std::string> flags;    // members, e.g. `"principalInManagementAccount": true`
  std::string Json() const;
};

struct GeneratedCase {
  GeneratedPolicySet policies;
  GeneratedRequest request;
  // The kind the resource policy is written as: "resource", "roleTrust" or
  // "kmsKey", inferred from the request as spec/decision.md §1 says.
  std::string resource_kind;
};

// A random case: a request over a small vocabulary (two accounts, two
// partitions, every kind of caller; S3, EC2, KMS, STS and IAM actions) and a
// policy set whose statements lean towards naming it, so that every outcome
// is common.
GeneratedCase GenerateCase(Choices& choices);

// A random valid statement for a document of `kind` (a kind name as in
// GeneratedPolicySet::Slot), leaning towards `request`.
GeneratedStatement GenerateStatement(Choices& choices, const std::string& kind,
                                     const GeneratedRequest& request, bool deny);

// A random valid document of `kind`.
GeneratedPolicy GeneratePolicy(Choices& choices, const std::string& kind,
                               const GeneratedRequest& request);

// A Deny that applies to every request a document of `kind` is read for:
// every action (every service of the vocabulary in an RCP), every resource,
// every principal where the kind names principals.
GeneratedStatement UniversalDeny(const std::string& kind);

// The limits generated documents are read with: the defaults, with AWS's
// per-kind size quotas off, so that adding statements never makes a document
// invalid.
Limits GeneratorLimits();

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_POLICY_GENERATOR_H_
