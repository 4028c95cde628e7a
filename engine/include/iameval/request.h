// File: iameval/request.h
//
// A Request is what is asked: who (principal), does what (action), to what
// (resource), and in which circumstances (the condition-key Context).
//
//   iameval::Request request;
//   request.principal = "arn:aws:sts::111122223333:assumed-role/app/i-0abc";
//   request.action = "s3:GetObject";
//   request.resource = "arn:aws:s3:::reports/q1.csv";
//   request.resource_account = "111122223333";  // S3 ARNs carry no account
//   request.context.Set("aws:SourceIp", "203.0.113.7")
//                  .Set("aws:MultiFactorAuthPresent", true)
//                  .SetList("aws:TagKeys", {"team", "cost-center"});
//
// Context keys are matched case-insensitively, as AWS does. The engine also
// derives the keys AWS always sets from the request itself when the caller has
// not set them (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
// aws:username, aws:userid, aws:ResourceAccount, aws:CurrentTime,
// aws:EpochTime); spec/context.md lists how. A key the caller sets always wins.
//
// Building a request allocates (it owns its strings); deciding does not.

#ifndef IAMEVAL_REQUEST_H_
#define IAMEVAL_REQUEST_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/policy.h"

namespace iameval {

// One value of a condition key, as the caller gave it. Operators read it as
// their own type (a number for Numeric*, an instant for Date*, ...); a value
// that cannot be read as that type never matches (spec/conditions.md).
struct ContextScalar {
  // Values formatted as the engine holds them, for bindings that build
  // scalars from their own types (Context's setters make the same).
  static ContextScalar String(std::string_view value);
  static ContextScalar Bool(bool value);
  static ContextScalar Number(double value);
  static ContextScalar Integer(int64_t value);  // exact text, even beyond 2^53

  enum class Type : uint8_t { kString, kNumber, kBool };
  Type type = Type::kString;
  // The value as text: strings as given, numbers in shortest round-trip form,
  // booleans as "true" / "false".
  std::string text;
  double number = 0;     // valid when type == kNumber
  bool boolean = false;  // valid when type == kBool
};

// The condition keys of a request and their values.
class Context {
 public:
  struct Entry {
    std::string key;       // as given
    bool is_list = false;  // given as a list (a multivalued key)
    std::vector<ContextScalar> values;
  };

  // Each setter replaces any value the key had (keys compare ignoring case)
  // and returns *this so calls can be chained.
  Context& Set(std::string_view key, std::string_view value);
  Context& Set(std::string_view key, const char* value);
  Context& Set(std::string_view key, bool value);
  Context& Set(std::string_view key, int value);
  Context& Set(std::string_view key, int64_t value);
  Context& Set(std::string_view key, double value);
  Context& Set(std::string_view key, ContextScalar value);
  // A multivalued key (aws:TagKeys, aws:CalledVia, ...). An empty list is a
  // key that is present with no values.
  Context& SetList(std::string_view key, std::initializer_list<std::string_view> values);
  Context& SetList(std::string_view key, const std::vector<std::string>& values);
  Context& SetList(std::string_view key, std::vector<ContextScalar> values);
  Context& Remove(std::string_view key);

  // The entry for `key` (ignoring case), or nullptr. Does not allocate.
  const Entry* Find(std::string_view key) const;

  const std::vector<Entry>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

  // For the engine (condition/eval_context.h): a context of more than
  // kIndexedAbove keys also keeps them filed by their case-insensitive hash
  // (base/key_hash.h; open addressing, linear probing, at most half full),
  // so that finding a key while deciding is one probe however many keys the
  // request has, and costs nothing per decision. Every setter keeps it up to
  // date; it is empty for smaller contexts, which are scanned.
  struct IndexSlot {
    uint32_t hash = 0;
    uint32_t entry = 0;  // the entry's index + 1; 0 when the slot is empty
  };
  static constexpr size_t kIndexedAbove = 16;
  const std::vector<IndexSlot>& index() const { return index_; }

 private:
  // ContextReader (iameval/context_reader.h) has checked that the key is new
  // in O(1), so it appends without looking the key up.
  friend class ContextReader;
  Entry& Append(std::string_view key);
  Entry& Slot(std::string_view key);
  Entry* FindMutable(std::string_view key);
  void Reindex();
  std::vector<Entry> entries_;
  std::vector<IndexSlot> index_;
};

// Whether the target resource's policy must itself allow the request, as a
// role trust policy and a KMS key policy must. kInferred decides from the
// action and resource (spec/decision.md, "resource policy required").
enum class ResourcePolicyRule : uint8_t { kInferred, kRequired, kNotRequired };

struct Request {
  // ARN of the caller: an IAM user, a role, a role session
  // (arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION), a federated user, the
  // account root (arn:aws:iam::ACCOUNT:root or the bare account id), a web or
  // SAML identity provider, a service principal (cloudtrail.amazonaws.com),
  // or "*" / "anonymous" for an anonymous caller.
  std::string principal;
  // "service:Action". Compared ignoring case.
  std::string action;
  // ARN of the target, or "*" for actions without resource-level permissions.
  std::string resource;
  // The account that owns the resource, where the ARN has no account field
  // (S3). Empty: taken from the ARN; for resource "*" the principal's account;
  // otherwise unknown, decided by the cross-account rule (spec/decision.md §2.1).
  std::string resource_account;
  Context context;
  // For a role session: the ARN of its role with the role's path
  // (arn:aws:iam::ACCOUNT:role/PATH/NAME), which the session ARN does not
  // carry. aws:PrincipalArn reports it, and SCPs match on the path (IAM
  // Identity Center roles live under role/aws-reserved/sso.amazonaws.com/).
  // Empty: aws:PrincipalArn is derived from the session ARN without a path,
  // and an explanation says so when a condition read it. Must name the
  // session's own role (same partition, account and name), else the request
  // is invalid (spec/request.md).
  std::string principal_role_arn;

  // Facts the ARNs cannot carry. The defaults are what AWS does for an
  // ordinary principal and resource (spec/request.md).
  bool principal_is_service_linked_role = false;  // SCPs and RCPs do not apply
  bool principal_in_management_account = false;   // SCPs do not apply
  bool resource_in_management_account = false;    // RCPs do not apply
  bool resource_is_aws_managed_key = false;       // RCPs do not apply
  ResourcePolicyRule resource_policy_rule = ResourcePolicyRule::kInferred;

  // The instant aws:CurrentTime and aws:EpochTime report. Unset: the system
  // clock when the decision is made. Pin it for reproducible answers.
  std::optional<std::chrono::system_clock::time_point> now;
};

// What the resource policy of the request's target is when nobody says:
// kRoleTrust for sts:AssumeRole* (and TagSession, SetSourceIdentity) on a role
// ARN, kKmsKey for a kms: action on a key ARN, else kResource
// (spec/request.md). Never allocates.
PolicyKind InferResourcePolicyKind(const Request& request) noexcept;

}  // namespace iameval

#endif  // IAMEVAL_REQUEST_H_
