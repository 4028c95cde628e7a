// File: engine/policy/parse_context.cc

#include "policy/parse_context.h"

#include <utility>

namespace iameval::internal {

void ParseContext::Error(uint32_t node, std::string code, std::string message, bool at_key,
                         std::string help) {
  AddFinding(doc, node, std::move(code), Severity::kError, std::move(message), &findings, at_key,
             std::move(help));
}

void ParseContext::Warn(uint32_t node, std::string code, std::string message, bool at_key,
                        std::string help) {
  AddFinding(doc, node, std::move(code), Severity::kWarning, std::move(message), &findings, at_key,
             std::move(help));
}

}  // namespace iameval::internal
