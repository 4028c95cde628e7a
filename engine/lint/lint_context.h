// File: engine/lint/lint_context.h
//
// What every lint check reads: the located JSON tree of the document, the
// catalogue, the policy kind, and each statement taken apart once
// (StatementView: its elements' nodes and the actions its Action entries
// name). Checks are free functions over these, one file per area:
//
//   action_checks.cc      unknown services and actions, patterns matching nothing
//   resource_checks.cc    ARNs against the actions' resource types
//   condition_checks.cc   keys, operator types, qualifiers, IfExists
//   security_checks.cc    PassRole, NotAction/NotResource, public and service principals
//   tag_checks.cc         Deny statements whose tag conditions their actions ignore
//   redundancy_checks.cc  redundant actions and statements
//   federated_principal_checks.cc  OIDC and GitHub principals no condition narrows
//   service_linked_role_checks.cc  iam:CreateServiceLinkedRole for any service
//   role_grant.cc                  the walk it shares with PassRole: one IAM action on
//                                  every role, no condition naming the service
//   empty_element_checks.cc        `"Condition": {}`, `"Sid": ""`
//   condition_value_checks.cc      wildcards under StringEquals, malformed VPC ids, private IPs
//   trust_policy_checks.cc         assume actions their principals cannot use
//   kind_syntax_checks.cc          what AWS refuses that the grammar accepts (Federated outside
//                                  trust policies, SCP wildcards, several Booleans, ARN case)
//   grammar_aws_codes.cc           Access Analyzer's codes for the grammar's findings
//   condition_key_risk_checks.cc   keys that limit less than they seem to (spoofable,
//                                  unpaired, s3:prefix in a Deny, ...)
//   arn_field_checks.cc            an ARN's Region and account against its resource types'
//                                  templates (a Region on an IAM ARN, no account on an SQS one)
//   region_checks.cc               Region codes no partition has, in ARNs and in
//                                  `aws:RequestedRegion` values (aws_regions.h)
//   rcp_condition_checks.cc        RCP Deny conditions that also hit the other kind of caller
//                                  (services for principal keys, principals for service keys)
//   wildcard_condition_checks.cc   `StringLike` `*`: a presence test, or nothing at all
//   service_principal_key_checks.cc  keys a service principal's requests never carry
//
//   LintContext context{doc, catalogue.data(), kind, &findings};
//   context.Add(node, "unknown-action", LintSeverity::kError, "INVALID_ACTION", message, help);

#ifndef IAMEVAL_ENGINE_LINT_LINT_CONTEXT_H_
#define IAMEVAL_ENGINE_LINT_LINT_CONTEXT_H_

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "base/message_text.h"
#include "catalogue/catalogue_data.h"
#include "condition/condition_operators.h"
#include "iameval/finding.h"
#include "iameval/lint.h"
#include "json/json_tree.h"

namespace iameval::internal {

// The catalogue actions an Action entry names, as ids into
// CatalogueData::actions(), read like a vector of `const ActionInfo*`. A
// wildcard's matches are usually a run of its service's sorted list (all of
// `ec2:Describe*`): the list then points into the catalogue instead of
// copying hundreds of pointers; one action is kept inline; other sets of
// matches (`glue:*DataQuality*`) are held in the list.
class ActionList {
 public:
  class Iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = const ActionInfo*;
    using difference_type = std::ptrdiff_t;
    using pointer = const value_type*;
    using reference = value_type;
    Iterator(const ActionInfo* base, const uint32_t* id) : base_(base), id_(id) {}
    const ActionInfo* operator*() const { return base_ + *id_; }
    Iterator& operator++() {
      ++id_;
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++id_;
      return before;
    }
    bool operator==(const Iterator& other) const { return id_ == other.id_; }
    bool operator!=(const Iterator& other) const { return id_ != other.id_; }

   private:
    const ActionInfo* base_;
    const uint32_t* id_;
  };

  ActionList() = default;
  // Ids [first, last) that the catalogue keeps (a run of ServiceInfo::actions).
  static ActionList Run(const CatalogueData& catalogue, const uint32_t* first,
                        const uint32_t* last) {
    ActionList list(catalogue);
    list.run_ = first;
    list.size_ = static_cast<size_t>(last - first);
    return list;
  }
  static ActionList One(const CatalogueData& catalogue, const ActionInfo& action) {
    ActionList list(catalogue);
    list.one_ = static_cast<uint32_t>(&action - catalogue.actions().data());
    list.size_ = 1;
    return list;
  }
  static ActionList Own(const CatalogueData& catalogue, std::vector<uint32_t> ids) {
    ActionList list(catalogue);
    list.size_ = ids.size();
    list.owned_ = std::move(ids);
    return list;
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  Iterator begin() const { return Iterator(base_, ids()); }
  Iterator end() const { return Iterator(base_, ids() + size_); }
  const ActionInfo* operator[](size_t i) const { return base_ + ids()[i]; }
  const ActionInfo* front() const { return (*this)[0]; }

 private:
  explicit ActionList(const CatalogueData& catalogue) : base_(catalogue.actions().data()) {}
  // Where the ids are, found on each use: copies and moves need no fixing.
  const uint32_t* ids() const {
    if (run_ != nullptr) return run_;
    return owned_.empty() ? &one_ : owned_.data();
  }

  const ActionInfo* base_ = nullptr;
  const uint32_t* run_ = nullptr;
  size_t size_ = 0;
  uint32_t one_ = 0;
  std::vector<uint32_t> owned_;
};

// One string of an Action or NotAction element and what it names.
struct ActionEntry {
  uint32_t node = kNoNode;
  std::string_view text;
  bool wildcard = false;  // has `*` or `?`
  bool all = false;       // `*`, or a pattern whose service part is a wildcard
  bool known = true;      // false: unknown service or action, or a pattern matching nothing
  ActionList actions;     // what it names (empty when `all` or unknown)
};

struct StatementView {
  uint32_t node = kNoNode;
  size_t index = 0;
  bool allow = false;
  bool deny = false;
  uint32_t action = kNoNode;  // the Action or NotAction element
  bool not_action = false;
  uint32_t resource = kNoNode;  // Resource or NotResource
  bool not_resource = false;
  uint32_t principal = kNoNode;  // Principal or NotPrincipal
  bool not_principal = false;
  uint32_t condition = kNoNode;
  std::vector<ActionEntry> actions;
  std::vector<uint32_t> resources;  // string nodes of Resource/NotResource

  // True when every Action entry is known and none is `all`: `actions`
  // then lists exactly what the statement names.
  bool ActionsClosed() const;
  // The distinct actions the entries name, gathered on first use (after
  // CheckActions filled `actions`) and kept.
  const std::vector<const ActionInfo*>& NamedActions() const;
  // True when the statement's Condition names `key` (any operator, any case).
  bool HasConditionKey(const JsonDocument& doc, std::string_view key) const;

 private:
  mutable bool named_done_ = false;
  mutable std::vector<const ActionInfo*> named_;
};

// Calls `visit(op, name)` for each operator of the statement's Condition
// whose value is an object and whose name reads (the grammar reports those
// that do not): the walk the condition checks start from.
template <typename Visit>
void ForEachConditionOperator(const JsonDocument& doc, const StatementView& statement,
                              Visit visit) {
  if (statement.condition == kNoNode) return;
  for (uint32_t op = doc.node(statement.condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    OperatorName name;
    std::string code, message, help;
    if (ParseOperatorName(doc.node(op).key, &name, &code, &message, &help)) visit(op, name);
  }
}

class LintContext {
 public:
  LintContext(const JsonDocument& doc, const CatalogueData& catalogue, PolicyKind kind,
              std::vector<LintFinding>* findings)
      : doc(doc), catalogue(catalogue), kind(kind), findings_(findings) {}

  // Adds a finding located at `node` (its member name when `at_key`).
  void Add(uint32_t node, std::string_view code, LintSeverity severity, std::string_view aws_code,
           std::string message, std::string help = {}, bool at_key = false);

  const JsonDocument& doc;
  const CatalogueData& catalogue;
  const PolicyKind kind;
  // CheckActions' last service lookup (entries of one service stand together).
  std::string_view last_prefix;
  const ServiceInfo* last_service = nullptr;

 private:
  std::vector<LintFinding>* findings_;
};

// The position of the first `*` or `?` in `text`, or npos. Two memchr
// scans: find_first_of("*?") calls memchr on the set once per byte of text,
// and a byte loop is slower than memchr's wide one on names of 20-60 bytes.
inline size_t FirstWildcard(std::string_view text) {
  const size_t star = text.find('*');
  const size_t question = text.substr(0, star).find('?');
  return question != std::string_view::npos ? question : star;
}

// Whether `text` has a wildcard or a policy variable: a field or value that
// may stand for other text, which checks of its form do not judge.
inline bool HasWildcardOrVariable(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos ||
         text.find("${") != std::string_view::npos;
}

// The string nodes of an element that is a string or an array of strings.
std::vector<uint32_t> StringNodes(const JsonDocument& doc, uint32_t element);

// True when `action` lists key `id` for itself or one of its resource types:
// AWS sends the key with requests for that action (when it has a value).
bool ActionSupportsKey(const CatalogueData& catalogue, const ActionInfo& action, uint32_t id);

// Help for a name the catalogue lacks: its date, and how to add newer names.
std::string NewerHelp(const CatalogueData& catalogue);

// Access Analyzer's issue code for a grammar finding in a policy of `kind`,
// or empty (grammar_aws_codes.cc).
std::string_view GrammarAwsCode(const Finding& finding, PolicyKind kind);

// Whether `key` is a tag key without the tag's name: `aws:ResourceTag`,
// `ec2:RequestTag/`, `aws:PrincipalTag` (condition_key_risk_checks.cc).
bool IsTagKeyWithoutName(std::string_view key);

// Whether `key` is an identity provider's audience (`accounts.google.com:aud`,
// `oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud`): a prefix with `.` or `/`.
bool IsAudienceKey(std::string_view key);

// An ARN's six fields, `arn:partition:service:region:account:resource`, split
// at the first five colons outside policy variables (`${aws:RequestedRegion}`
// holds one). False when there are fewer (arn_field_checks.cc).
bool SplitArnFields(std::string_view arn, std::string_view fields[6]);

// What is wrong with an ARN's Region or account field, judged against the
// ARN templates of its service's resource types (arn_field_checks.cc).
enum class ArnFieldFault {
  kNone,
  kRegionNotAllowed,
  kMissingRegion,
  kAccountNotAllowed,
  kMissingAccount
};
ArnFieldFault FindArnFieldFault(const CatalogueData& catalogue, std::string_view arn);

// Per-area checks, each over one statement (or all of them).
void CheckActions(LintContext& context, StatementView& statement);
void CheckResources(LintContext& context, const StatementView& statement);
void CheckConditions(LintContext& context, const StatementView& statement);
void CheckSecurity(LintContext& context, const StatementView& statement);
void CheckDenyTagConditions(LintContext& context, const StatementView& statement);
void CheckRedundancy(LintContext& context, const std::vector<StatementView>& statements);
void CheckFederatedPrincipals(LintContext& context, const StatementView& statement);
void CheckCreateServiceLinkedRole(LintContext& context, const StatementView& statement);
void CheckEmptyElements(LintContext& context, const StatementView& statement);
void CheckConditionValues(LintContext& context, const StatementView& statement);
void CheckTrustPolicy(LintContext& context, const StatementView& statement);
void CheckKindSyntax(LintContext& context, const StatementView& statement);
void CheckConditionKeyRisks(LintContext& context, const StatementView& statement);
void CheckArnTemplateFields(LintContext& context, const StatementView& statement);
void CheckRegions(LintContext& context, const StatementView& statement);
void CheckRcpConditions(LintContext& context, const StatementView& statement);
void CheckWildcardConditions(LintContext& context, const StatementView& statement);
void CheckServicePrincipalKeys(LintContext& context, const StatementView& statement);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_LINT_LINT_CONTEXT_H_
