// File: engine/policy/policy.cc
//
// The public face of policy parsing (iameval/policy.h): Policy::Parse, Check,
// the accessors, and the names of policy kinds. The work is done by
// ParsePolicyDocument (policy_parser.h); this layer is the API boundary, so
// it is where allocation failures and any other exception are caught and
// turned into a finding: nothing escapes to the caller.

#include "iameval/policy.h"

#include <exception>
#include <new>

#include "base/ascii.h"
#include "policy/compiled_policy.h"
#include "policy/embedded_policy.h"
#include "policy/policy_parser.h"

namespace iameval {
namespace {

Finding InternalError(const char* what) {
  Finding finding;
  finding.code = "internal-error";
  finding.severity = Severity::kError;
  finding.message = std::string("internal error: ") + what;
  return finding;
}

// Runs ParsePolicyDocument, catching everything. On an exception the partial
// findings are kept and an internal-error finding closes them.
std::shared_ptr<internal::CompiledPolicy> ParseGuarded(std::string_view json_text, PolicyKind kind,
                                                       const Limits& limits,
                                                       std::vector<Finding>* findings,
                                                       internal::JsonDocument* tree = nullptr) {
  try {
    return internal::ParsePolicyDocument(json_text, kind, limits, findings, tree);
  } catch (const std::bad_alloc&) {
    findings->push_back(InternalError("out of memory while reading the policy"));
  } catch (const std::exception& e) {
    findings->push_back(InternalError(e.what()));
  } catch (...) {
    findings->push_back(InternalError("unexpected failure while reading the policy"));
  }
  return nullptr;
}

// Moves a position found in a document that starts at `origin` into the
// larger text: lines below the first keep their columns.
void Place(internal::TextOrigin origin, uint32_t* line, uint32_t* column) {
  if (*line == 0) return;  // no position
  if (*line == 1) *column += origin.column - 1;
  *line += origin.line - 1;
}

void PlaceFindings(internal::TextOrigin origin, std::vector<Finding>* findings) {
  for (Finding& finding : *findings) Place(origin, &finding.line, &finding.column);
}

ParseResult ParseAt(std::string_view json_text, internal::TextOrigin origin, PolicyKind kind,
                    const Limits& limits) {
  ParseResult result;
  try {
    std::shared_ptr<internal::CompiledPolicy> compiled =
        ParseGuarded(json_text, kind, limits, &result.findings);
    PlaceFindings(origin, &result.findings);
    if (compiled != nullptr) {
      for (internal::CompiledStatement& statement : compiled->statements) {
        Place(origin, &statement.line, &statement.column);
      }
      result.policy = internal::CompiledPolicy::Wrap(std::move(compiled));
    }
  } catch (...) {
    // Only growing `findings` above can throw here; the result stays empty.
    result.policy.reset();
  }
  return result;
}

}  // namespace

namespace internal {

ParseResult ParseEmbeddedPolicy(std::string_view text, TextOrigin origin, PolicyKind kind,
                                const Limits& limits) {
  return ParseAt(text, origin, kind, limits);
}

std::vector<Finding> CheckKeepingTree(std::string_view text, PolicyKind kind, const Limits& limits,
                                      JsonDocument* tree) {
  std::vector<Finding> findings;
  try {
    ParseGuarded(text, kind, limits, &findings, tree);
  } catch (...) {
  }
  return findings;
}

std::vector<Finding> CheckEmbeddedPolicy(std::string_view text, TextOrigin origin, PolicyKind kind,
                                         const Limits& limits) {
  std::vector<Finding> findings;
  try {
    ParseGuarded(text, kind, limits, &findings);
    PlaceFindings(origin, &findings);
  } catch (...) {
  }
  return findings;
}

}  // namespace internal

std::string_view PolicyKindName(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
      return "identity";
    case PolicyKind::kResource:
      return "resource";
    case PolicyKind::kRoleTrust:
      return "roleTrust";
    case PolicyKind::kKmsKey:
      return "kmsKey";
    case PolicyKind::kPermissionsBoundary:
      return "permissionsBoundary";
    case PolicyKind::kSession:
      return "session";
    case PolicyKind::kServiceControl:
      return "scp";
    case PolicyKind::kResourceControl:
      return "rcp";
    case PolicyKind::kVpcEndpoint:
      return "vpcEndpoint";
    case PolicyKind::kGatewayVpcEndpoint:
      return "gatewayVpcEndpoint";
  }
  return "identity";
}

bool ParsePolicyKindName(std::string_view name, PolicyKind* kind) {
  static constexpr PolicyKind kAll[] = {
      PolicyKind::kIdentity,
      PolicyKind::kResource,
      PolicyKind::kRoleTrust,
      PolicyKind::kKmsKey,
      PolicyKind::kPermissionsBoundary,
      PolicyKind::kSession,
      PolicyKind::kServiceControl,
      PolicyKind::kResourceControl,
      PolicyKind::kVpcEndpoint,
      PolicyKind::kGatewayVpcEndpoint,
  };
  // `vpc-endpoint` as the command line spells it: hyphens are dropped.
  char unhyphenated[32];
  if (name.find('-') != std::string_view::npos && name.size() <= sizeof unhyphenated) {
    size_t length = 0;
    for (char c : name) {
      if (c != '-') unhyphenated[length++] = c;
    }
    name = std::string_view(unhyphenated, length);
  }
  for (PolicyKind candidate : kAll) {
    if (internal::EqualsIgnoreCase(PolicyKindName(candidate), name)) {  // `SCP` too
      *kind = candidate;
      return true;
    }
  }
  return false;
}

bool IsVpcEndpointPolicyKind(PolicyKind kind) {
  return kind == PolicyKind::kVpcEndpoint || kind == PolicyKind::kGatewayVpcEndpoint;
}

bool IsResourcePolicyKind(PolicyKind kind) {
  return kind == PolicyKind::kResource || kind == PolicyKind::kRoleTrust ||
         kind == PolicyKind::kKmsKey;
}

ParseResult Policy::Parse(std::string_view json_text, PolicyKind kind, const Limits& limits) {
  return ParseAt(json_text, internal::TextOrigin(), kind, limits);
}

std::vector<Finding> Check(std::string_view json_text, PolicyKind kind, const Limits& limits) {
  return internal::CheckEmbeddedPolicy(json_text, internal::TextOrigin(), kind, limits);
}

PolicyKind Policy::kind() const { return impl_->kind; }

const std::string& Policy::id() const { return impl_->id; }

std::string_view Policy::version() const { return impl_->version; }

size_t Policy::statement_count() const { return impl_->statements.size(); }

}  // namespace iameval
