// File: engine/lint/action_checks.cc
//
// Action and NotAction entries against the catalogue. Fills
// StatementView::actions for the checks after it.
//
//   unknown-service                 a prefix near a known one: a typo (error)
//   service-not-in-catalogue        a prefix near none: retired, or newer than the catalogue
//   unknown-action                  an action near a known one, "did you mean" (error)
//   action-not-in-catalogue         an action near none: retired, or newer than the catalogue
//   action-pattern-matches-nothing  a wildcard that matches no action of its service

#include <algorithm>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "base/did_you_mean.h"
#include "lint/lint_context.h"
#include "lint/text_match.h"

namespace iameval::internal {
namespace {

// "did you mean `s3:GetObject`?" for an unknown action, from the service's
// actions within two edits (or differing only in case).
std::string SuggestAction(const CatalogueData& catalogue, const ServiceInfo& service,
                          std::string_view name) {
  std::string_view best;
  size_t best_distance = 3;
  const uint64_t name_set = ByteSet(name);
  for (uint32_t id : service.actions) {
    std::string_view candidate = catalogue.actions()[id].name;
    // Two edits change the length by two at most, and the byte set by four
    // bits: skip the rest unmeasured.
    if (candidate.size() < 4 || candidate.size() + 2 < name.size() ||
        name.size() + 2 < candidate.size() ||
        __builtin_popcountll(name_set ^ catalogue.actions()[id].byte_set) > 4) {
      continue;
    }
    size_t distance = EditDistanceUpToTwo(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  if (best.empty()) return {};
  return "did you mean " + Quote(std::string(service.prefix) + ":" + std::string(best)) + "?";
}

std::string SuggestService(const CatalogueData& catalogue, std::string_view prefix) {
  std::string_view best;
  size_t best_distance = prefix.size() < 4 ? 2 : 3;
  for (const ServiceInfo& service : catalogue.services()) {
    if (service.prefix.size() + 2 < prefix.size() || prefix.size() + 2 < service.prefix.size()) {
      continue;
    }
    size_t distance = EditDistanceUpToTwo(prefix, service.prefix);
    if (distance < best_distance) {
      best_distance = distance;
      best = service.prefix;
    }
  }
  if (best.empty()) return {};
  return "did you mean " + Quote(best) + "?";
}

}  // namespace

std::string NewerHelp(const CatalogueData& catalogue) {
  return "the catalogue is of " + std::string(catalogue.date()) +
         ": add what AWS released since with `--extra-actions FILE` (spec/lint.md)";
}

void CheckActions(LintContext& context, StatementView& statement) {
  const CatalogueData& catalogue = context.catalogue;
  const std::vector<uint32_t> nodes = StringNodes(context.doc, statement.action);
  statement.actions.reserve(nodes.size());
  for (uint32_t node : nodes) {
    ActionEntry entry;
    entry.node = node;
    entry.text = context.doc.node(node).text;
    const size_t first_wildcard = FirstWildcard(entry.text);
    entry.wildcard = first_wildcard != std::string_view::npos;
    size_t colon = entry.text.find(':');
    if (entry.text == "*") {
      entry.all = true;
      statement.actions.push_back(std::move(entry));
      continue;
    }
    if (colon == std::string_view::npos || colon == 0 ||
        entry.text.find(':', colon + 1) != std::string_view::npos) {
      entry.known = false;  // `invalid-action` from the grammar check
      statement.actions.push_back(std::move(entry));
      continue;
    }
    std::string_view prefix = entry.text.substr(0, colon);
    std::string_view name = entry.text.substr(colon + 1);
    if (first_wildcard < colon) {
      entry.all = true;  // `wildcard-in-service` from the grammar check
      statement.actions.push_back(std::move(entry));
      continue;
    }
    // Entries of one service usually stand together: look a prefix up once.
    if (!EqualsIgnoreCase(prefix, context.last_prefix)) {
      context.last_prefix = prefix;
      context.last_service = catalogue.FindService(prefix);
    }
    const ServiceInfo* service = context.last_service;
    if (service == nullptr) {
      entry.known = false;
      // Near a known prefix: a typo, an error. Otherwise the service may be
      // newer than the catalogue, or retired: a warning naming the date.
      std::string help = SuggestService(catalogue, prefix);
      if (help.empty()) {
        context.Add(node, "service-not-in-catalogue", LintSeverity::kWarning,
                    "INVALID_SERVICE_IN_ACTION",
                    Quote(prefix) + " in " + Quote(entry.text) +
                        " is no service prefix the catalogue knows: a retired service, or one "
                        "newer than the catalogue, grants nothing",
                    NewerHelp(catalogue));
      } else {
        context.Add(node, "unknown-service", LintSeverity::kError, "INVALID_SERVICE_IN_ACTION",
                    Quote(prefix) + " in " + Quote(entry.text) + " is not an AWS service prefix",
                    help);
      }
      statement.actions.push_back(std::move(entry));
      continue;
    }
    if (!entry.wildcard) {
      const ActionInfo* action = catalogue.FindAction(*service, name);
      if (action == nullptr) {
        entry.known = false;
        std::string help = SuggestAction(catalogue, *service, name);
        if (help.empty()) {
          context.Add(node, "action-not-in-catalogue", LintSeverity::kWarning, "INVALID_ACTION",
                      Quote(entry.text) + " is no action of " + std::string(service->prefix) +
                          " (" + std::string(service->title) +
                          ") the catalogue knows: a retired action grants nothing",
                      NewerHelp(catalogue));
        } else {
          context.Add(node, "unknown-action", LintSeverity::kError, "INVALID_ACTION",
                      Quote(entry.text) + " is not an action of " + std::string(service->prefix) +
                          " (" + std::string(service->title) + ")",
                      help);
        }
      } else {
        entry.actions = ActionList::One(catalogue, *action);
      }
      statement.actions.push_back(std::move(entry));
      continue;
    }
    // The service's actions are sorted by lowercase name: only those that
    // start with the pattern's literal head (`describe` of `Describe*`) can
    // match, and when the pattern is that head and one final `*`, all of them do.
    const size_t wildcard = first_wildcard - (colon + 1);
    char buffer[128];
    if (wildcard <= sizeof buffer) {
      const bool prefix_only = wildcard + 1 == name.size() && name[wildcard] == '*';
      // The whole pattern in lowercase when it fits, to match the names'
      // lowercase forms as they are; else only its head.
      const bool lowered = name.size() <= sizeof buffer;
      LowerAsciiInto(name.substr(0, lowered ? name.size() : wildcard), buffer);
      auto [first, last] =
          catalogue.ActionsStartingWith(*service, std::string_view(buffer, wildcard));
      if (prefix_only) {
        entry.actions = ActionList::Run(catalogue, first, last);
      } else {
        const std::string_view lower(buffer, lowered ? name.size() : wildcard);
        std::vector<uint32_t> matches;
        for (const uint32_t* it = first; it != last; ++it) {
          const ActionInfo& action = catalogue.actions()[*it];
          if (lowered ? GlobMatchBySegments(lower, action.lower)
                      : GlobMatchIgnoreCase(name, action.name)) {
            matches.push_back(*it);
          }
        }
        entry.actions = ActionList::Own(catalogue, std::move(matches));
      }
    }
    if (entry.actions.empty()) {
      entry.known = false;
      context.Add(
          node, "action-pattern-matches-nothing", LintSeverity::kError, "INVALID_ACTION",
          Quote(entry.text) + " matches no action of " + std::string(service->prefix) + " (" +
              std::string(service->title) + ")",
          "`iameval expand '" + std::string(service->prefix) + ":*'` lists the service's actions");
    }
    statement.actions.push_back(std::move(entry));
  }
}

}  // namespace iameval::internal
