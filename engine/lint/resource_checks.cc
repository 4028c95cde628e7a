// File: engine/lint/resource_checks.cc
//
// Resource entries against the ARN templates of the catalogue:
//
//   resource-matches-no-resource-type  the ARN fits no resource type of its service
//   resource-matches-no-action         it fits none of the statement's actions: grants nothing
//   action-requires-wildcard-resource  an action without resource-level permissions, given ARNs
//   resource-could-be-specific         `"*"` where every action takes specific ARNs (suggestion)

#include <algorithm>
#include <string>
#include <vector>

#include "lint/glob_overlap.h"
#include "lint/lint_context.h"
#include "match/glob.h"

namespace iameval::internal {
namespace {

// The service segment of an ARN (`s3` in `arn:aws:s3:::b`), or empty.
std::string_view ArnService(std::string_view arn) {
  if (arn.substr(0, 4) != "arn:") return {};
  size_t first = arn.find(':', 4);
  if (first == std::string_view::npos) return {};
  size_t second = arn.find(':', first + 1);
  if (second == std::string_view::npos) return {};
  return arn.substr(first + 1, second - first - 1);
}

// Whether a `*` stands in the first five fields of `arn` (or it has fewer).
bool StarBeforeResourceField(std::string_view arn) {
  int colons = 0;
  for (char c : arn) {
    if (c == '*') return true;
    if (c == ':' && ++colons == 5) return false;
  }
  return true;
}

bool OverlapsAny(const CatalogueData& catalogue, const std::string& pattern,
                 const std::vector<uint32_t>& types) {
  for (uint32_t id : types) {
    if (ArnOverlap(pattern, catalogue.resource_types()[id].pattern)) return true;
  }
  return false;
}

// The resource types the statement's actions take, each once; worked out on
// first use (a statement on `"*"` alone never needs them).
class ActionResourceTypes {
 public:
  ActionResourceTypes(const CatalogueData& catalogue, const StatementView& statement)
      : catalogue_(catalogue), statement_(statement) {}

  const std::vector<uint32_t>& get() {
    if (done_) return types_;
    done_ = true;
    seen_.resize(catalogue_.resource_types().size());
    for (const ActionEntry& entry : statement_.actions) {
      for (const ActionInfo* action : entry.actions) {
        for (const ActionResource& resource : action->resources) {
          uint32_t id = resource.resource_type;
          if (id == UINT32_MAX || seen_[id]) continue;
          seen_[id] = true;
          types_.push_back(id);
          // A template whose service is a placeholder (`arn:${Partition}:${Vendor}:...`)
          // fits ARNs of any service.
          if (FirstWildcard(ArnService(catalogue_.resource_types()[id].pattern)) !=
              std::string_view::npos) {
            any_service_.push_back(id);
          }
        }
      }
    }
    return types_;
  }

  // Whether ARN glob `pattern` (of `resource`) fits one of the types. When no
  // `*` stands before the resource field, ArnOverlap compares field by field
  // (glob_overlap.h), so only types of the ARN's own service, or with a
  // placeholder for a service, can fit: those are tried, not every type of
  // every action. A `*` there may span `:`s, and then every type is tried.
  bool Overlap(const std::string& pattern, std::string_view resource,
               std::string_view arn_service) {
    get();
    if (!StarBeforeResourceField(resource) &&
        arn_service.find_first_of("?$") == std::string_view::npos) {
      const std::vector<uint32_t>* candidates = catalogue_.ResourceTypesOfArnService(arn_service);
      if (candidates != nullptr) {
        for (uint32_t id : *candidates) {
          if (seen_[id] && ArnOverlap(pattern, catalogue_.resource_types()[id].pattern)) {
            return true;
          }
        }
      }
      return OverlapsAny(catalogue_, pattern, any_service_);
    }
    return OverlapsAny(catalogue_, pattern, types_);
  }

 private:
  const CatalogueData& catalogue_;
  const StatementView& statement_;
  bool done_ = false;
  std::vector<bool> seen_;  // by resource type id
  std::vector<uint32_t> types_;
  std::vector<uint32_t> any_service_;  // of types_, those with a placeholder service
};

}  // namespace

void CheckResources(LintContext& context, const StatementView& statement) {
  if (statement.resource == kNoNode || statement.not_resource) return;
  const CatalogueData& catalogue = context.catalogue;
  const JsonDocument& doc = context.doc;
  const bool closed = statement.ActionsClosed();
  ActionResourceTypes types(catalogue, statement);

  bool any_star = false;
  for (uint32_t node : statement.resources) {
    std::string_view text = doc.node(node).text;
    if (GlobMatch(text, "*")) {
      any_star = true;
      continue;
    }
    std::string_view arn_service = ArnService(text);
    if (arn_service.empty()) continue;  // `invalid-resource` from the grammar check
    std::string pattern = ResourcePattern(text);
    if (arn_service.find_first_of("*?$") == std::string_view::npos) {
      const std::vector<uint32_t>* service_types = catalogue.ResourceTypesOfArnService(arn_service);
      if (service_types == nullptr) {
        context.Add(
            node, "resource-matches-no-resource-type", LintSeverity::kWarning,
            "INVALID_ARN_RESOURCE",
            Quote(text) + ": no AWS resource type has ARNs in service " + Quote(arn_service),
            "the ARN's third field is the service namespace, e.g. `s3` in "
            "`arn:aws:s3:::bucket`");
        continue;
      }
      if (!OverlapsAny(catalogue, pattern, *service_types)) {
        // A Region or account where the types have none: arn_field_checks.cc says so.
        if (FindArnFieldFault(catalogue, text) != ArnFieldFault::kNone) continue;
        context.Add(
            node, "resource-matches-no-resource-type", LintSeverity::kWarning,
            "INVALID_ARN_RESOURCE",
            Quote(text) + " fits no ARN format of a " + std::string(arn_service) + " resource type",
            "the Service Authorization Reference lists each resource type's ARN format");
        continue;
      }
    }
    if (closed && !types.get().empty() && !types.Overlap(pattern, text, arn_service)) {
      context.Add(node, "resource-matches-no-action", LintSeverity::kWarning, "",
                  Quote(text) + " fits no resource type of the statement's actions: it " +
                      (statement.deny ? "denies" : "grants") + " nothing for them",
                  "e.g. `s3:GetObject` takes objects (`arn:aws:s3:::bucket/key`), not buckets");
    }
  }

  if (statement.action == kNoNode || statement.not_action) return;
  // Actions without resource-level permissions match only `"Resource": "*"`.
  if (!any_star && !statement.resources.empty()) {
    for (const ActionEntry& entry : statement.actions) {
      if (entry.wildcard || entry.actions.size() != 1) continue;
      const ActionInfo* action = entry.actions[0];
      if (!action->resources.empty()) continue;
      context.Add(entry.node, "action-requires-wildcard-resource", LintSeverity::kWarning, "",
                  Quote(entry.text) + " supports no resource-level permissions: only " +
                      "`\"Resource\": \"*\"` matches it, so this statement " +
                      (statement.deny ? "denies" : "grants") + " nothing for it",
                  "move it to a statement with `\"Resource\": \"*\"`");
    }
  }
  // `"*"` where each action could name its resources.
  if (statement.allow && closed && statement.resources.size() == 1 && any_star &&
      doc.node(statement.resources[0]).text == "*") {
    // Any resource type will do: the catalogue marks none required where an
    // action takes one of several (s3:GetObject: object or access point object).
    bool any = false, all_specific = true;
    for (const ActionEntry& entry : statement.actions) {
      for (const ActionInfo* action : entry.actions) {
        any = true;
        all_specific = all_specific && !action->resources.empty();
      }
    }
    if (any && all_specific) {
      context.Add(statement.resources[0], "resource-could-be-specific", LintSeverity::kSuggestion,
                  "",
                  "every action of this statement supports resource-level permissions: "
                  "`\"*\"` grants them on every resource",
                  "name the resources' ARNs (least privilege)");
    }
  }
}

}  // namespace iameval::internal
