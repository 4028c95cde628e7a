// File: engine/lint/lint.cc
//
// iameval::Lint: the grammar check's findings, then the catalogue checks over
// each statement, in one list sorted by position. The catalogue checks read
// the located tree the grammar check parsed (CheckKeepingTree).

#include "iameval/lint.h"

#include <algorithm>
#include <new>
#include <unordered_set>

#include "base/ascii.h"
#include "json/json_tree.h"
#include "lint/lint_context.h"
#include "policy/policy_parser.h"

namespace iameval {
namespace {

using internal::JsonDocument;
using internal::kNoNode;

// The grammar's own checks of set qualifiers read a short table of keys;
// lint's read the catalogue and replace them where it knows the key.
bool IsQualifierCode(std::string_view code) {
  return code == "qualifier-on-single-valued-key" || code == "missing-qualifier-on-multivalued-key";
}

// Takes statement `node` apart (nothing is reported here: the grammar check
// already said what is malformed).
internal::StatementView ViewStatement(const JsonDocument& doc, uint32_t node, size_t index) {
  internal::StatementView view;
  view.node = node;
  view.index = index;
  for (uint32_t c = doc.node(node).first_child; c != kNoNode; c = doc.node(c).next_sibling) {
    const internal::JsonNode& member = doc.node(c);
    const std::string_view key = member.key;
    if (key == "Effect" && member.is_string()) {
      view.allow = member.text == "Allow";
      view.deny = member.text == "Deny";
    } else if ((key == "Action" || key == "NotAction") && view.action == kNoNode) {
      view.action = c;
      view.not_action = key == "NotAction";
    } else if ((key == "Resource" || key == "NotResource") && view.resource == kNoNode) {
      view.resource = c;
      view.not_resource = key == "NotResource";
      view.resources = internal::StringNodes(doc, c);
    } else if ((key == "Principal" || key == "NotPrincipal") && view.principal == kNoNode) {
      view.principal = c;
      view.not_principal = key == "NotPrincipal";
    } else if (key == "Condition" && member.is_object()) {
      view.condition = c;
    }
  }
  return view;
}

LintResult LintOrThrow(std::string_view json_text, PolicyKind kind, const Catalogue& catalogue,
                       const Limits& limits) {
  LintResult result;
  result.catalogue_date = std::string(catalogue.date());
  result.catalogue_source = catalogue.source();
  // The grammar check's findings, and the located tree it read them in: the
  // document is parsed once for both.
  JsonDocument doc;
  std::vector<Finding> grammar = internal::CheckKeepingTree(json_text, kind, limits, &doc);

  std::vector<LintFinding> ours;
  if (doc.root() != kNoNode && doc.node(doc.root()).is_object()) {
    internal::LintContext context(doc, catalogue.data(), kind, &ours);
    uint32_t statements = doc.Member(doc.root(), "Statement");
    std::vector<internal::StatementView> views;
    if (statements != kNoNode) {
      const internal::JsonNode& element = doc.node(statements);
      if (element.is_object()) {
        views.push_back(ViewStatement(doc, statements, 0));
      } else if (element.is_array()) {
        size_t index = 0;
        for (uint32_t c = element.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
          if (doc.node(c).is_object()) views.push_back(ViewStatement(doc, c, index));
          ++index;
          if (views.size() >= limits.max_statements) break;
        }
      }
    }
    for (internal::StatementView& view : views) {
      internal::CheckActions(context, view);
      internal::CheckResources(context, view);
      internal::CheckConditions(context, view);
      internal::CheckSecurity(context, view);
      internal::CheckDenyTagConditions(context, view);
      internal::CheckFederatedPrincipals(context, view);
      internal::CheckConditionKeyRisks(context, view);
      internal::CheckCreateServiceLinkedRole(context, view);
      internal::CheckEmptyElements(context, view);
      internal::CheckConditionValues(context, view);
      internal::CheckTrustPolicy(context, view);
      internal::CheckKindSyntax(context, view);
      internal::CheckArnTemplateFields(context, view);
      internal::CheckRegions(context, view);
      internal::CheckRcpConditions(context, view);
      internal::CheckWildcardConditions(context, view);
      internal::CheckServicePrincipalKeys(context, view);
    }
    internal::CheckRedundancy(context, views);
  }

  std::unordered_set<std::string> qualifier_paths;
  for (const LintFinding& finding : ours) {
    if (finding.code == "forallvalues-on-single-valued-key" ||
        finding.code == "foranyvalue-on-single-valued-key" ||
        finding.code == "missing-qualifier-on-multivalued-key") {
      qualifier_paths.insert(finding.path);
    }
  }
  result.findings.reserve(grammar.size() + ours.size());
  for (Finding& finding : grammar) {
    if (IsQualifierCode(finding.code) && qualifier_paths.count(finding.path) != 0) continue;
    LintFinding lint;
    lint.aws_code = std::string(internal::GrammarAwsCode(finding, kind));
    lint.code = std::move(finding.code);
    lint.severity =
        finding.severity == Severity::kError ? LintSeverity::kError : LintSeverity::kWarning;
    // Access Analyzer grades Allow with NotPrincipal a security warning
    // (ALLOW_WITH_NOT_PRINCIPAL): it can grant anonymous principals.
    if (lint.code == "allow-with-notprincipal") lint.severity = LintSeverity::kSecurityWarning;
    lint.message = std::move(finding.message);
    lint.path = std::move(finding.path);
    lint.line = finding.line;
    lint.column = finding.column;
    lint.help = std::move(finding.help);
    result.findings.push_back(std::move(lint));
  }
  for (LintFinding& finding : ours) result.findings.push_back(std::move(finding));
  std::stable_sort(result.findings.begin(), result.findings.end(),
                   [](const LintFinding& a, const LintFinding& b) {
                     // Findings without a place (line 0) come first, as the grammar orders them.
                     if (a.line != b.line) return a.line < b.line;
                     return a.column < b.column;
                   });
  if (result.findings.size() > limits.max_findings) {
    result.findings.resize(limits.max_findings);
  }
  return result;
}

}  // namespace

std::string_view LintSeverityName(LintSeverity severity) {
  switch (severity) {
    case LintSeverity::kError:
      return "error";
    case LintSeverity::kSecurityWarning:
      return "security-warning";
    case LintSeverity::kWarning:
      return "warning";
    case LintSeverity::kSuggestion:
      return "suggestion";
  }
  return "error";
}

bool ParseLintSeverityName(std::string_view name, LintSeverity* severity) {
  for (LintSeverity s : {LintSeverity::kError, LintSeverity::kSecurityWarning,
                         LintSeverity::kWarning, LintSeverity::kSuggestion}) {
    if (name == LintSeverityName(s)) {
      *severity = s;
      return true;
    }
  }
  return false;
}

bool LintResult::HasAtLeast(LintSeverity severity) const {
  for (const LintFinding& finding : findings) {
    if (static_cast<int>(finding.severity) <= static_cast<int>(severity)) return true;
  }
  return false;
}

LintResult Lint(std::string_view json_text, PolicyKind kind, const Catalogue& catalogue,
                const Limits& limits) {
  try {
    return LintOrThrow(json_text, kind, catalogue, limits);
  } catch (...) {
    LintResult result;
    LintFinding finding;
    finding.code = "internal-error";
    finding.message = "the linter failed while reading the document (out of memory or a bug)";
    try {
      result.catalogue_date = std::string(catalogue.date());
      result.findings.push_back(std::move(finding));
    } catch (...) {
    }
    return result;
  }
}

namespace internal {

std::vector<uint32_t> StringNodes(const JsonDocument& doc, uint32_t element) {
  std::vector<uint32_t> nodes;
  if (element == kNoNode) return nodes;
  const JsonNode& node = doc.node(element);
  if (node.is_string()) {
    nodes.push_back(element);
  } else if (node.is_array()) {
    for (uint32_t c = node.first_child; c != kNoNode; c = doc.node(c).next_sibling) {
      if (doc.node(c).is_string()) nodes.push_back(c);
    }
  }
  return nodes;
}

void LintContext::Add(uint32_t node, std::string_view code, LintSeverity severity,
                      std::string_view aws_code, std::string message, std::string help,
                      bool at_key) {
  LintFinding finding;
  finding.code = std::string(code);
  finding.severity = severity;
  finding.aws_code = std::string(aws_code);
  finding.message = std::move(message);
  finding.help = std::move(help);
  if (node != kNoNode) {
    const JsonNode& n = doc.node(node);
    finding.path = doc.Path(node);
    finding.line = at_key && n.key_line != 0 ? n.key_line : n.line;
    finding.column = at_key && n.key_line != 0 ? n.key_column : n.column;
  }
  findings_->push_back(std::move(finding));
}

bool ActionSupportsKey(const CatalogueData& catalogue, const ActionInfo& action, uint32_t id) {
  for (uint32_t key : action.keys) {
    if (key == id) return true;
  }
  for (const ActionResource& resource : action.resources) {
    for (uint32_t key : resource.keys) {
      if (key == id) return true;
    }
    if (resource.resource_type == UINT32_MAX) continue;
    for (uint32_t key : catalogue.resource_types()[resource.resource_type].keys) {
      if (key == id) return true;
    }
  }
  return false;
}

bool StatementView::ActionsClosed() const {
  if (action == kNoNode || not_action || actions.empty()) return false;
  for (const ActionEntry& entry : actions) {
    if (entry.all || !entry.known) return false;
  }
  return true;
}

const std::vector<const ActionInfo*>& StatementView::NamedActions() const {
  if (named_done_) return named_;
  named_done_ = true;
  for (const ActionEntry& entry : actions) {
    named_.insert(named_.end(), entry.actions.begin(), entry.actions.end());
  }
  std::sort(named_.begin(), named_.end());
  named_.erase(std::unique(named_.begin(), named_.end()), named_.end());
  return named_;
}

bool StatementView::HasConditionKey(const JsonDocument& doc, std::string_view key) const {
  if (condition == kNoNode) return false;
  for (uint32_t op = doc.node(condition).first_child; op != kNoNode;
       op = doc.node(op).next_sibling) {
    if (!doc.node(op).is_object()) continue;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      if (EqualsIgnoreCase(doc.node(k).key, key)) return true;
    }
  }
  return false;
}

}  // namespace internal
}  // namespace iameval
