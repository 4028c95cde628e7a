// File: iameval/iameval.h
//
// iameval decides whether an AWS IAM request is allowed, explicitly denied or
// implicitly denied, exactly as AWS would. This header is the manual; include
// it and you have the whole public API.
//
// ----------------------------------------------------------------------------
// A first decision
// ----------------------------------------------------------------------------
//
//   #include "iameval/iameval.h"
//
//   iameval::ParseResult role_policy = iameval::Policy::Parse(R"({
//     "Version": "2012-10-17",
//     "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
//                    "Resource": "arn:aws:s3:::reports/*"}]
//   })", iameval::PolicyKind::kIdentity);
//   if (!role_policy.ok()) { /* role_policy.findings says what and where */ }
//
//   iameval::PolicySet::Builder builder;
//   builder.AddIdentityPolicy(*role_policy.policy);
//   iameval::PolicySet set = *std::move(builder).Build().set;
//
//   iameval::Request request;
//   request.principal = "arn:aws:sts::111122223333:assumed-role/reader/job-42";
//   request.action = "s3:GetObject";
//   request.resource = "arn:aws:s3:::reports/2026/q1.csv";
//   request.resource_account = "111122223333";
//
//   iameval::Answer answer = set.Decide(request);   // answer.allowed() == true
//
// ----------------------------------------------------------------------------
// The pieces, in the order data flows
// ----------------------------------------------------------------------------
//
//   JSON text --Policy::Parse--> Policy --PolicySet::Builder--> PolicySet
//                                                                   |
//   Request (principal, action, resource, Context) --PolicySet::Decide--> Answer
//                                                       (+ Explanation on request)
//
//   iameval/finding.h     Finding: code, severity, message, JSON path, line:column
//   iameval/policy.h      Policy, PolicyKind, Limits, Check
//   iameval/request.h     Request, Context (condition keys), ResourcePolicyRule
//   iameval/decision.h    Decision, Answer, Explanation, StatementRef, KindVerdict
//   iameval/policy_set.h  PolicySet and its Builder
//   iameval/json.h        the JSON face every binding wraps: PolicySetFromJson,
//                         RequestFromJson, DecideJson, CheckJson
//   iameval/lint.h        Catalogue (AWS's actions, resources, keys) and Lint
//   iameval/analysis.h    Compare, AccessNotGranted, PublicAccess, ExternalAccess
//                         (these two are included apart: they need the catalogue)
//   iameval/version.h     IAMEVAL_VERSION, for code that builds across releases
//
// ----------------------------------------------------------------------------
// What "exactly as AWS" means here
// ----------------------------------------------------------------------------
//
// spec/ in the source tree states the semantics rule by rule, each pinned by
// conformance cases; spec/decisions.md lists every point where AWS's
// documentation left a choice and what iameval chose. In short:
//
//   * an applicable Deny in any policy in force is final (kExplicitDeny);
//   * every SCP level of the caller's organization must allow; RCPs only deny;
//   * the resource policy's grant counts according to how it names the
//     caller (directly, through its role, or through its account), same-account
//     and cross-account alike;
//   * identity policies, the permissions boundary and session policies must
//     each allow where they are in force;
//   * trust policies (sts:AssumeRole*) and KMS key policies must themselves
//     allow; nothing allows by default (kImplicitDeny).
//
// ----------------------------------------------------------------------------
// Guarantees
// ----------------------------------------------------------------------------
//
//   * Parsing never crashes and never throws; bad input yields findings with
//     a stable code and a location (Limits bounds size, depth and patterns).
//   * Policy and PolicySet are immutable; share them across threads freely.
//   * Decide never throws and never allocates unless an Explanation is asked
//     for (policy variables longer than 1 KiB after substitution aside).
//   * Anything that goes wrong while deciding denies (Answer::error says why).

#ifndef IAMEVAL_IAMEVAL_H_
#define IAMEVAL_IAMEVAL_H_

#include "iameval/context_reader.h"
#include "iameval/decision.h"
#include "iameval/finding.h"
#include "iameval/json.h"
#include "iameval/policy.h"
#include "iameval/policy_set.h"
#include "iameval/request.h"
#include "iameval/version.h"

#endif  // IAMEVAL_IAMEVAL_H_
