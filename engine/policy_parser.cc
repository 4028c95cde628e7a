// File: engine/policy_parser.cc
//
// ParsePolicyDocument: the grammar of spec/grammar.md over the located JSON
// tree of json_tree.h, the per-kind element rules, the limits, and the
// compilation of every element into a CompiledStatement.
//
// The parser never stops at the first problem: each element is checked on its
// own, every finding is collected, and compilation simply continues with
// whatever can still be read. The result is thrown away if any finding is an
// error, so half-read statements never reach a decision.

#include "policy_parser.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <utility>

#include "condition.h"
#include "glob.h"
#include "json_tree.h"
#include "principal.h"
#include "variables.h"

namespace iameval::internal {
namespace {

constexpr std::string_view kVersion2012 = "2012-10-17";
constexpr std::string_view kVersion2008 = "2008-10-17";

// ---- what each kind of policy accepts ----------------------------------------------

enum class Presence : uint8_t { kForbidden, kOptional, kRequired };
enum class SidCharacters : uint8_t { kAlphanumeric, kAlphanumericSpace, kAny };
enum class VersionRule : uint8_t { kOptional, kRequired, kRequired2012 };

// The element profile of one policy kind (spec/grammar.md §3, decisions.md
// §1, §5, §9, §10, §11, §46). The defaults are an identity policy's.
struct KindRules {
  std::string_view noun;  // with its article, for messages: "an identity policy"
  Presence principal = Presence::kForbidden;
  bool not_principal_allowed = false;
  Presence resource = Presence::kRequired;
  bool resourceless_statement_is_dead = false;  // KMS: accepted, never applies
  SidCharacters sid = SidCharacters::kAlphanumeric;
  VersionRule version = VersionRule::kOptional;
  bool iam_character_range_is_error = true;  // else a warning
  size_t size_quota = 10240;
  bool quota_counts_everything = false;  // bytes, whitespace included; else characters without it
};

KindRules RulesFor(PolicyKind kind) {
  KindRules rules;
  switch (kind) {
    case PolicyKind::kIdentity:
      rules.noun = "an identity policy";
      break;
    case PolicyKind::kPermissionsBoundary:
      rules.noun = "a permissions boundary";
      rules.size_quota = 6144;
      break;
    case PolicyKind::kSession:
      rules.noun = "a session policy";
      rules.size_quota = 2048;
      break;
    case PolicyKind::kRoleTrust:
      rules.noun = "a role trust policy";
      rules.principal = Presence::kRequired;
      rules.resource = Presence::kForbidden;
      rules.size_quota = 4096;
      break;
    case PolicyKind::kResource:
      rules.noun = "a resource-based policy";
      rules.principal = Presence::kRequired;
      rules.not_principal_allowed = true;
      rules.resource = Presence::kOptional;
      rules.sid = SidCharacters::kAny;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 20480;
      rules.quota_counts_everything = true;
      break;
    case PolicyKind::kKmsKey:
      rules.noun = "a kms key policy";
      rules.principal = Presence::kRequired;
      rules.not_principal_allowed = true;
      rules.resource = Presence::kOptional;
      rules.resourceless_statement_is_dead = true;
      rules.sid = SidCharacters::kAlphanumericSpace;
      rules.version = VersionRule::kRequired;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 32768;
      rules.quota_counts_everything = true;
      break;
    case PolicyKind::kServiceControl:
      rules.noun = "a service control policy";
      rules.resource = Presence::kOptional;
      rules.version = VersionRule::kRequired2012;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 5120;
      rules.quota_counts_everything = true;
      break;
    case PolicyKind::kResourceControl:
      rules.noun = "a resource control policy";
      rules.principal = Presence::kRequired;
      rules.version = VersionRule::kRequired2012;
      rules.iam_character_range_is_error = false;
      rules.size_quota = 5120;
      rules.quota_counts_everything = true;
      break;
  }
  return rules;
}

constexpr std::string_view kTopLevelElements[] = {"Version", "Id", "Statement"};
constexpr std::string_view kStatementElements[] = {"Sid",          "Effect",      "Principal",
                                                   "NotPrincipal", "Action",      "NotAction",
                                                   "Resource",     "NotResource", "Condition"};
constexpr std::string_view kPrincipalTypes[] = {"AWS", "Service", "Federated", "CanonicalUser"};

// ---- small text helpers -----------------------------------------------------------

// User text for a message: in backticks, control characters escaped, long
// text shortened so a hostile document cannot make messages huge.
std::string Quote(std::string_view text) {
  constexpr size_t kMaxShown = 80;
  std::string out = "`";
  size_t shown = 0;
  for (char c : text) {
    auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80 && shown++ == kMaxShown) {
      out += "...";
      break;
    }
    if (b < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", b);
      out += buffer;
    } else {
      out += c;
    }
  }
  out += '`';
  return out;
}

std::string Element(std::string_view name) { return "`" + std::string(name) + "`"; }

std::string_view TypeWithArticle(JsonType type) {
  switch (type) {
    case JsonType::kNull:
      return "null";
    case JsonType::kFalse:
    case JsonType::kTrue:
      return "a boolean";
    case JsonType::kNumber:
      return "a number";
    case JsonType::kString:
      return "a string";
    case JsonType::kArray:
      return "an array";
    case JsonType::kObject:
      return "an object";
  }
  return "a value";
}

std::string WithThousands(size_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = LowerAscii(c);
  return out;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool HasControlCharacter(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20) return true;
  }
  return false;
}

bool HasWildcard(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

// Edit distance, for "did you mean" suggestions between short names.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t cost = LowerAscii(a[i - 1]) == LowerAscii(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// "did you mean `Statement`?" when `name` is a near miss of one of `known`.
template <size_t N>
std::string Suggest(std::string_view name, const std::string_view (&known)[N]) {
  if (name.size() > 32) return {};
  for (std::string_view candidate : known) {
    if (EqualsIgnoringCase(name, candidate)) {
      return "did you mean " + Element(candidate) + "? element names are case-sensitive";
    }
  }
  for (std::string_view candidate : known) {
    if (candidate.size() >= 4 && EditDistance(name, candidate) <= 2) {
      return "did you mean " + Element(candidate) + "?";
    }
  }
  return {};
}

template <size_t N>
bool IsOneOf(std::string_view name, const std::string_view (&known)[N]) {
  return std::find(std::begin(known), std::end(known), name) != std::end(known);
}

// Code points, with whitespace outside strings left out: how IAM measures a
// document against its quota.
size_t CountCharactersWithoutWhitespace(std::string_view text) {
  size_t count = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // continuation byte
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      continue;
    } else if (c == '"') {
      in_string = true;
    }
    ++count;
  }
  return count;
}

// Decodes the UTF-8 sequence at text[i] (already validated by ParseJson).
uint32_t DecodeAt(std::string_view text, size_t i, size_t* length) {
  auto b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) {
    *length = 1;
    return b;
  }
  size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
  uint32_t cp = b & (0x7F >> n);
  for (size_t k = 1; k < n && i + k < text.size(); ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  *length = n;
  return cp;
}

// ---- the compiler ---------------------------------------------------------------

class PolicyCompiler {
 public:
  PolicyCompiler(std::string_view text, PolicyKind kind, const Limits& limits)
      : text_(text), kind_(kind), rules_(RulesFor(kind)), limits_(limits) {}

  // Reads the whole document; findings() then holds every finding, in the
  // order they were found.
  std::shared_ptr<CompiledPolicy> Compile();

  std::vector<Finding>& findings() { return findings_; }

 private:
  // ---- findings
  void Error(uint32_t node, const char* code, std::string message, bool at_key = false,
             std::string help = {}) {
    AddFinding(doc_, node, code, Severity::kError, std::move(message), &findings_, at_key,
               std::move(help));
  }
  void Warn(uint32_t node, const char* code, std::string message, bool at_key = false,
            std::string help = {}) {
    AddFinding(doc_, node, code, Severity::kWarning, std::move(message), &findings_, at_key,
               std::move(help));
  }

  const JsonNode& Node(uint32_t node) const { return doc_.node(node); }

  // The one of two members that comes later in the text.
  uint32_t Later(uint32_t a, uint32_t b) const {
    const JsonNode& x = Node(a);
    const JsonNode& y = Node(b);
    bool a_later = x.key_line != y.key_line ? x.key_line > y.key_line : x.key_column > y.key_column;
    return a_later ? a : b;
  }

  // ---- the document
  void CheckSizeQuota();
  void CheckCharacterRange();
  template <size_t N>
  void CheckMembers(uint32_t object, const std::string_view (&known)[N], const char* where);
  void ReadVersion(uint32_t root);
  void ReadId(uint32_t root);
  void ReadStatements(uint32_t root);

  // ---- one statement
  void CompileStatement(uint32_t node, uint32_t index);
  void ReadSid(uint32_t statement, CompiledStatement* out);
  bool ReadEffect(uint32_t statement, CompiledStatement* out);
  void ReadPrincipals(uint32_t statement, CompiledStatement* out);
  void ReadActions(uint32_t statement, Effect effect, bool effect_known, CompiledStatement* out);
  void ReadResources(uint32_t statement, CompiledStatement* out);
  void ReadCondition(uint32_t statement, CompiledStatement* out);
  void CheckRcpAllowShape(uint32_t statement);

  // ---- element values
  template <typename Fn>
  void ForEachString(uint32_t node, std::string_view element, Fn&& visit);
  bool CheckPatternLimits(uint32_t node, std::string_view element, std::string_view text);
  bool CompileAction(uint32_t node, std::string_view element, Glob* out);
  bool CompileResource(uint32_t node, std::string_view element, ResourceEntry* out);
  void CompilePrincipalElement(uint32_t node, std::string_view element,
                               std::vector<PrincipalPattern>* out);
  void CompilePrincipalValue(uint32_t node, std::string_view type_key,
                             std::vector<PrincipalPattern>* out);

  std::string_view text_;
  PolicyKind kind_;
  const KindRules rules_;
  const Limits& limits_;
  JsonDocument doc_;
  std::vector<Finding> findings_;
  std::shared_ptr<CompiledPolicy> policy_;
  // First statement node of each Sid, for duplicate-sid.
  std::unordered_map<std::string, uint32_t> sids_;
};

std::shared_ptr<CompiledPolicy> PolicyCompiler::Compile() {
  JsonLimits json_limits;
  json_limits.max_bytes = limits_.max_document_bytes;
  json_limits.max_depth = limits_.max_nesting_depth;
  if (!ParseJson(text_, json_limits, &doc_, &findings_)) return nullptr;

  policy_ = std::make_shared<CompiledPolicy>();
  policy_->kind = kind_;

  uint32_t root = doc_.root();
  if (!Node(root).is_object()) {
    Error(root, "not-an-object",
          "the policy document must be a json object, not " +
              std::string(TypeWithArticle(Node(root).type)),
          false, "a policy looks like {\"Version\": \"2012-10-17\", \"Statement\": [...]}");
    return nullptr;
  }
  CheckSizeQuota();
  CheckCharacterRange();
  CheckMembers(root, kTopLevelElements, "the policy document");
  ReadVersion(root);
  ReadId(root);
  ReadStatements(root);
  return policy_;
}

void PolicyCompiler::CheckSizeQuota() {
  if (!limits_.enforce_aws_size_quotas) return;
  if (rules_.quota_counts_everything) {
    if (text_.size() <= rules_.size_quota) return;
    Error(doc_.root(), "policy-too-large",
          "the policy is " + WithThousands(text_.size()) + " bytes, over the " +
              WithThousands(rules_.size_quota) + " aws allows for " + std::string(rules_.noun),
          false, "every byte counts, whitespace included");
    return;
  }
  size_t characters = CountCharactersWithoutWhitespace(text_);
  if (characters <= rules_.size_quota) return;
  Error(doc_.root(), "policy-too-large",
        "the policy is " + WithThousands(characters) + " characters without whitespace, over the " +
            WithThousands(rules_.size_quota) + " aws allows for " + std::string(rules_.noun));
}

// Characters outside TAB, LF, CR and U+0020-U+00FF (decisions.md §11). JSON
// allows no raw control characters, so only code points from U+0100 up can
// occur, and only inside strings. Each string is reported once, at its first
// such character.
void PolicyCompiler::CheckCharacterRange() {
  // U+0100 and above start with a lead byte of 0xC4 or more; continuation
  // bytes stop at 0xBF. Most documents have none: skip the slow path.
  bool any = std::any_of(text_.begin(), text_.end(),
                         [](char c) { return static_cast<unsigned char>(c) >= 0xC4; });
  if (!any) return;

  // Every token start in document order: a member's name, then its value.
  struct TokenStart {
    uint32_t line, column, node;
    bool key;
  };
  std::vector<TokenStart> starts;
  starts.reserve(doc_.size() * 2);
  for (uint32_t n = 0; n < doc_.size(); ++n) {
    if (Node(n).key_line != 0) starts.push_back({Node(n).key_line, Node(n).key_column, n, true});
    starts.push_back({Node(n).line, Node(n).column, n, false});
  }
  auto before = [](const TokenStart& t, std::pair<uint32_t, uint32_t> at) {
    return t.line != at.first ? t.line < at.first : t.column <= at.second;
  };

  uint32_t line = 1, column = 1;
  bool after_cr = false;
  size_t reported = SIZE_MAX;  // index into `starts` of the last string reported
  for (size_t i = 0; i < text_.size();) {
    size_t length = 1;
    uint32_t cp = DecodeAt(text_, i, &length);
    if (cp >= 0x100) {
      auto it = std::partition_point(starts.begin(), starts.end(), [&](const TokenStart& t) {
        return before(t, {line, column});
      });
      if (it != starts.begin()) {
        size_t token = static_cast<size_t>(it - starts.begin()) - 1;
        if (token != reported) {
          reported = token;
          char code_point[16];
          std::snprintf(code_point, sizeof code_point, "U+%04X", cp);
          Finding finding;
          finding.code = "character-outside-iam-range";
          finding.severity =
              rules_.iam_character_range_is_error ? Severity::kError : Severity::kWarning;
          finding.message = "character `" + std::string(text_.substr(i, length)) + "` (" +
                            code_point +
                            ") is outside the range iam accepts: tab, line feed, carriage "
                            "return and U+0020 to U+00FF";
          finding.path = doc_.Path(starts[token].node);
          finding.line = line;
          finding.column = column;
          findings_.push_back(std::move(finding));
        }
      }
    }
    char c = text_[i];
    if (c == '\n') {
      if (!after_cr) ++line, column = 1;
    } else if (c == '\r') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    after_cr = (c == '\r');
    i += length;
  }
}

template <size_t N>
void PolicyCompiler::CheckMembers(uint32_t object, const std::string_view (&known)[N],
                                  const char* where) {
  for (uint32_t c = Node(object).first_child; c != kNoNode; c = Node(c).next_sibling) {
    const std::string& key = Node(c).key;
    if (IsOneOf(key, known)) continue;
    Error(c, "unknown-element", "unknown element " + Quote(key) + " in " + where,
          /*at_key=*/true, Suggest(key, known));
  }
}

void PolicyCompiler::ReadVersion(uint32_t root) {
  uint32_t node = doc_.Member(root, "Version");
  if (node == kNoNode) {
    switch (rules_.version) {
      case VersionRule::kOptional:
        Warn(root, "missing-version",
             "the policy has no `Version`: policy variables such as `${aws:username}` are "
             "read as literal text",
             false, "add \"Version\": \"2012-10-17\"");
        break;
      case VersionRule::kRequired:
        Error(root, "version-required", std::string(rules_.noun) + " must have a `Version`", false,
              "add \"Version\": \"2012-10-17\"");
        break;
      case VersionRule::kRequired2012:
        Error(root, "version-required",
              std::string(rules_.noun) + " must have `Version` `2012-10-17`", false,
              "add \"Version\": \"2012-10-17\"");
        break;
    }
    return;
  }
  const JsonNode& version = Node(node);
  if (!version.is_string()) {
    Error(node, "wrong-type",
          "`Version` must be a string, not " + std::string(TypeWithArticle(version.type)), false,
          "write \"Version\": \"2012-10-17\"");
    return;
  }
  if (version.text != kVersion2012 && version.text != kVersion2008) {
    Error(node, "invalid-version",
          "`Version` must be `2012-10-17` or `2008-10-17`, not " + Quote(version.text), false,
          "the version is the policy language's, not a date of your own");
    return;
  }
  if (rules_.version == VersionRule::kRequired2012 && version.text != kVersion2012) {
    Error(
        node, "version-required",
        std::string(rules_.noun) + " must have `Version` `2012-10-17`, not " + Quote(version.text));
  }
  policy_->version = version.text;
  policy_->variables_enabled = version.text == kVersion2012;
}

void PolicyCompiler::ReadId(uint32_t root) {
  uint32_t node = doc_.Member(root, "Id");
  if (node == kNoNode) return;
  if (!Node(node).is_string()) {
    Error(node, "wrong-type",
          "`Id` must be a string, not " + std::string(TypeWithArticle(Node(node).type)));
    return;
  }
  policy_->id = Node(node).text;
}

void PolicyCompiler::ReadStatements(uint32_t root) {
  uint32_t node = doc_.Member(root, "Statement");
  if (node == kNoNode) {
    Error(root, "missing-statement", "the policy has no `Statement`");
    return;
  }
  const JsonNode& statement = Node(node);
  if (statement.is_object()) {
    CompileStatement(node, 0);
    return;
  }
  if (!statement.is_array()) {
    Error(node, "wrong-type",
          "`Statement` must be an object or an array of objects, not " +
              std::string(TypeWithArticle(statement.type)));
    return;
  }
  if (statement.child_count == 0) {
    Warn(node, "no-statements", "`Statement` is an empty array: the policy allows nothing");
    return;
  }
  if (statement.child_count > limits_.max_statements) {
    // Only the statements within the limit are read, so a hostile document
    // cannot produce findings without end.
    Error(node, "too-many-statements",
          "the policy has " + WithThousands(statement.child_count) + " statements, over the " +
              "limit of " + WithThousands(limits_.max_statements));
  }
  uint32_t index = 0;
  for (uint32_t c = statement.first_child; c != kNoNode && index < limits_.max_statements;
       c = Node(c).next_sibling, ++index) {
    if (!Node(c).is_object()) {
      Error(c, "not-an-object",
            "a statement must be a json object, not " + std::string(TypeWithArticle(Node(c).type)));
      continue;
    }
    CompileStatement(c, index);
  }
}

// ---- statements -------------------------------------------------------------------

void PolicyCompiler::CompileStatement(uint32_t node, uint32_t index) {
  CompiledStatement statement;
  statement.index = index;
  statement.line = Node(node).line;
  statement.column = Node(node).column;

  CheckMembers(node, kStatementElements, "a statement");
  ReadSid(node, &statement);
  bool effect_known = ReadEffect(node, &statement);
  ReadPrincipals(node, &statement);
  ReadActions(node, statement.effect, effect_known, &statement);
  ReadResources(node, &statement);
  ReadCondition(node, &statement);
  if (kind_ == PolicyKind::kResourceControl && effect_known && statement.effect == Effect::kAllow) {
    CheckRcpAllowShape(node);
  }
  policy_->statements.push_back(std::move(statement));
}

void PolicyCompiler::ReadSid(uint32_t statement, CompiledStatement* out) {
  uint32_t node = doc_.Member(statement, "Sid");
  if (node == kNoNode) return;
  const JsonNode& sid = Node(node);
  if (!sid.is_string()) {
    Error(node, "wrong-type",
          "`Sid` must be a string, not " + std::string(TypeWithArticle(sid.type)));
    return;
  }
  out->sid = sid.text;
  bool space_ok = rules_.sid == SidCharacters::kAlphanumericSpace;
  if (rules_.sid != SidCharacters::kAny) {
    bool valid = std::all_of(sid.text.begin(), sid.text.end(), [&](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             (space_ok && c == ' ');
    });
    if (!valid) {
      Error(node, "invalid-sid",
            "`Sid` " + Quote(sid.text) + " may only contain letters" +
                (space_ok ? ", digits and spaces" : " and digits") + " in " +
                std::string(rules_.noun));
    }
  }
  if (sid.text.empty()) return;  // several statements may leave their Sid empty
  auto [first, inserted] = sids_.emplace(sid.text, statement);
  if (!inserted) {
    Error(node, "duplicate-sid",
          "duplicate `Sid` " + Quote(sid.text) + ": statement `" + doc_.Path(first->second) +
              "` has it already",
          false, "statement ids must be unique within a policy");
  }
}

bool PolicyCompiler::ReadEffect(uint32_t statement, CompiledStatement* out) {
  uint32_t node = doc_.Member(statement, "Effect");
  if (node == kNoNode) {
    Error(statement, "missing-effect", "the statement has no `Effect`", false,
          "add \"Effect\": \"Allow\" or \"Effect\": \"Deny\"");
    return false;
  }
  const JsonNode& effect = Node(node);
  if (!effect.is_string()) {
    Error(node, "wrong-type",
          "`Effect` must be a string, not " + std::string(TypeWithArticle(effect.type)));
    return false;
  }
  if (effect.text == "Allow") {
    out->effect = Effect::kAllow;
    return true;
  }
  if (effect.text == "Deny") {
    out->effect = Effect::kDeny;
    return true;
  }
  bool case_only =
      EqualsIgnoringCase(effect.text, "Allow") || EqualsIgnoringCase(effect.text, "Deny");
  Error(node, "invalid-effect", "`Effect` must be `Allow` or `Deny`, not " + Quote(effect.text),
        false, case_only ? "`Effect` is case-sensitive" : "");
  return false;
}

void PolicyCompiler::ReadPrincipals(uint32_t statement, CompiledStatement* out) {
  uint32_t principal = doc_.Member(statement, "Principal");
  uint32_t not_principal = doc_.Member(statement, "NotPrincipal");

  if (rules_.principal == Presence::kForbidden) {
    for (uint32_t node : {principal, not_principal}) {
      if (node == kNoNode) continue;
      Error(node, "principal-not-allowed",
            Element(Node(node).key) + " is not allowed in " + std::string(rules_.noun), true,
            "only resource-based policies name principals; this policy applies to whoever it "
            "is attached to");
    }
    return;
  }

  if (not_principal != kNoNode && !rules_.not_principal_allowed) {
    Error(not_principal, "notprincipal-not-allowed",
          "`NotPrincipal` is not allowed in " + std::string(rules_.noun), true);
  }
  if (principal != kNoNode && not_principal != kNoNode) {
    Error(Later(principal, not_principal), "conflicting-elements",
          "a statement cannot have both `Principal` and `NotPrincipal`", true);
  }
  if (principal == kNoNode && not_principal == kNoNode) {
    Error(statement, "missing-principal",
          "the statement has no `Principal`: " + std::string(rules_.noun) +
              " must say whom it applies to",
          false,
          kind_ == PolicyKind::kResourceControl ? "add \"Principal\": \"*\""
                                                : "add e.g. \"Principal\": {\"AWS\": "
                                                  "\"arn:aws:iam::111122223333:root\"}");
    return;
  }

  if (principal != kNoNode) {
    out->principal_mode = CompiledStatement::PrincipalMode::kList;
    CompilePrincipalElement(principal, "Principal", &out->principals);
  }
  if (not_principal != kNoNode && rules_.not_principal_allowed) {
    std::vector<PrincipalPattern> patterns;
    CompilePrincipalElement(not_principal, "NotPrincipal", &patterns);
    if (principal == kNoNode) {
      out->principal_mode = CompiledStatement::PrincipalMode::kNotList;
      out->principals = std::move(patterns);
    }
  }
}

void PolicyCompiler::CompilePrincipalElement(uint32_t node, std::string_view element,
                                             std::vector<PrincipalPattern>* out) {
  const JsonNode& value = Node(node);
  if (kind_ == PolicyKind::kResourceControl) {
    // RCPs apply to every caller; conditions narrow them (decisions.md §46).
    if (!value.is_string() || value.text != "*") {
      Error(node, "rcp-principal-must-be-wildcard",
            "the `Principal` of a resource control policy must be `*`", false,
            "narrow the callers with a `Condition` instead, e.g. on `aws:PrincipalAccount`");
      return;
    }
  }
  if (value.is_string()) {
    CompilePrincipalValue(node, "*", out);
    return;
  }
  if (!value.is_object()) {
    Error(node, "wrong-type",
          Element(element) + " must be `*` or an object such as {\"AWS\": [...]}, not " +
              std::string(TypeWithArticle(value.type)));
    return;
  }
  if (value.child_count == 0) {
    Error(node, "empty-list", Element(element) + " is an empty object: it names no principal");
    return;
  }
  for (uint32_t c = value.first_child; c != kNoNode; c = Node(c).next_sibling) {
    const std::string& type_key = Node(c).key;
    if (!IsOneOf(type_key, kPrincipalTypes)) {
      std::string help = Suggest(type_key, kPrincipalTypes);
      Error(c, "unknown-principal-type",
            "unknown principal type " + Quote(type_key) +
                ": expected `AWS`, `Service`, `Federated` or `CanonicalUser`",
            true, help);
      continue;
    }
    ForEachString(c, type_key, [&](uint32_t v) { CompilePrincipalValue(v, type_key, out); });
  }
}

void PolicyCompiler::CompilePrincipalValue(uint32_t node, std::string_view type_key,
                                           std::vector<PrincipalPattern>* out) {
  const std::string& text = Node(node).text;
  if (policy_->variables_enabled && text.find("${") != std::string::npos) {
    Error(node, "variable-not-allowed",
          "policy variables are not substituted in principals: " + Quote(text), false,
          "match the caller with a `Condition` on `aws:PrincipalArn` instead");
    return;
  }
  PrincipalPattern pattern;
  std::string code, message;
  if (!ClassifyPrincipal(type_key, text, &pattern, &code, &message)) {
    if (code.empty()) code = "invalid-principal";
    AddFinding(doc_, node, std::move(code), Severity::kError, std::move(message), &findings_);
    return;
  }
  if (kind_ == PolicyKind::kRoleTrust && pattern.type == PrincipalPattern::Type::kAnyone) {
    Warn(node, "trust-policy-wildcard-principal",
         "`*` as the principal of a role trust policy lets anyone assume the role", false,
         "name the accounts, roles or services that may assume it, or narrow `*` with a "
         "`Condition`");
  }
  out->push_back(std::move(pattern));
}

void PolicyCompiler::ReadActions(uint32_t statement, Effect effect, bool effect_known,
                                 CompiledStatement* out) {
  uint32_t action = doc_.Member(statement, "Action");
  uint32_t not_action = doc_.Member(statement, "NotAction");
  if (action == kNoNode && not_action == kNoNode) {
    Error(statement, "missing-action", "the statement has no `Action` or `NotAction`");
    return;
  }
  if (action != kNoNode && not_action != kNoNode) {
    Error(Later(action, not_action), "conflicting-elements",
          "a statement cannot have both `Action` and `NotAction`", true);
  }
  if (not_action != kNoNode && kind_ == PolicyKind::kResourceControl) {
    Error(not_action, "rcp-notaction-not-supported",
          "`NotAction` is not supported in resource control policies", true);
  }
  bool rcp_deny = kind_ == PolicyKind::kResourceControl && effect_known && effect == Effect::kDeny;
  out->not_action = action == kNoNode;
  for (uint32_t node : {action, not_action}) {
    if (node == kNoNode) continue;
    bool used = node == (action != kNoNode ? action : not_action);
    const std::string& element = Node(node).key;
    ForEachString(node, element, [&](uint32_t v) {
      Glob glob;
      if (!CompileAction(v, element, &glob)) return;
      if (rcp_deny && Node(v).text == "*") {
        Error(v, "rcp-action-wildcard-alone",
              "`*` alone is not allowed as an action in a resource control policy", false,
              "name the service, e.g. `s3:*`");
        return;
      }
      if (used) out->actions.push_back(std::move(glob));
    });
  }
}

void PolicyCompiler::ReadResources(uint32_t statement, CompiledStatement* out) {
  uint32_t resource = doc_.Member(statement, "Resource");
  uint32_t not_resource = doc_.Member(statement, "NotResource");

  if (rules_.resource == Presence::kForbidden) {
    for (uint32_t node : {resource, not_resource}) {
      if (node == kNoNode) continue;
      Error(node, "resource-not-allowed",
            Element(Node(node).key) + " is not allowed in " + std::string(rules_.noun), true,
            "its statements apply to the role itself");
    }
    out->resource_mode = CompiledStatement::ResourceMode::kAbsent;
    return;
  }
  if (resource == kNoNode && not_resource == kNoNode) {
    out->resource_mode = CompiledStatement::ResourceMode::kAbsent;
    if (rules_.resource == Presence::kRequired) {
      Error(statement, "missing-resource", "the statement has no `Resource` or `NotResource`",
            false, "add \"Resource\": \"*\" or the ARNs the statement is about");
    } else if (rules_.resourceless_statement_is_dead) {
      Warn(statement, "statement-without-resource",
           "the statement has no `Resource`: kms accepts it but it never applies", false,
           "add \"Resource\": \"*\", which in a key policy means this key");
    }
    return;
  }
  if (resource != kNoNode && not_resource != kNoNode) {
    Error(Later(resource, not_resource), "conflicting-elements",
          "a statement cannot have both `Resource` and `NotResource`", true);
  }
  uint32_t used = resource != kNoNode ? resource : not_resource;
  out->resource_mode = resource != kNoNode ? CompiledStatement::ResourceMode::kList
                                           : CompiledStatement::ResourceMode::kNotList;
  for (uint32_t node : {resource, not_resource}) {
    if (node == kNoNode) continue;
    const std::string& element = Node(node).key;
    ForEachString(node, element, [&](uint32_t v) {
      ResourceEntry entry;
      if (!CompileResource(v, element, &entry)) return;
      if (node == used) out->resources.push_back(std::move(entry));
    });
  }
}

void PolicyCompiler::ReadCondition(uint32_t statement, CompiledStatement* out) {
  uint32_t node = doc_.Member(statement, "Condition");
  if (node == kNoNode) return;
  if (!Node(node).is_object()) {
    Error(node, "not-an-object",
          "`Condition` must be a json object, not " + std::string(TypeWithArticle(Node(node).type)),
          false, "write {\"StringEquals\": {\"aws:PrincipalTag/team\": \"blue\"}}");
    return;
  }
  ConditionCompileOptions options;
  options.variables_enabled = policy_->variables_enabled;
  options.kind = kind_;
  options.limits = &limits_;
  ConditionBlock::Compile(doc_, node, options, &out->condition, &findings_);
}

// The one Allow an RCP may hold is RCPFullAWSAccess: Principal, Action and
// Resource all "*", nothing else that narrows or negates.
void PolicyCompiler::CheckRcpAllowShape(uint32_t statement) {
  auto is_star = [&](const char* name, bool bare_only) {
    uint32_t node = doc_.Member(statement, name);
    if (node == kNoNode) return false;
    const JsonNode& value = Node(node);
    if (value.is_string()) return value.text == "*";
    if (bare_only || !value.is_array() || value.child_count != 1) return false;
    const JsonNode& only = Node(value.first_child);
    return only.is_string() && only.text == "*";
  };
  bool full_access =
      is_star("Principal", true) && is_star("Action", false) && is_star("Resource", false);
  for (const char* narrowing : {"NotPrincipal", "NotAction", "NotResource", "Condition"}) {
    if (doc_.Member(statement, narrowing) != kNoNode) full_access = false;
  }
  if (full_access) return;
  Error(doc_.Member(statement, "Effect"), "rcp-allow-not-supported",
        "a resource control policy may only deny: its one `Allow` statement is "
        "`RCPFullAWSAccess` (`Principal`, `Action` and `Resource` all `*`, no `Condition`)",
        false, "write the statement as a `Deny`");
}

// ---- element values ------------------------------------------------------------------

// Visits the strings of an element that takes a string or an array of
// strings, reporting an empty array and values of other types.
template <typename Fn>
void PolicyCompiler::ForEachString(uint32_t node, std::string_view element, Fn&& visit) {
  const JsonNode& value = Node(node);
  if (value.is_string()) {
    visit(node);
    return;
  }
  if (!value.is_array()) {
    Error(node, "wrong-type",
          Element(element) + " must be a string or an array of strings, not " +
              std::string(TypeWithArticle(value.type)));
    return;
  }
  if (value.child_count == 0) {
    Error(node, "empty-list", Element(element) + " is an empty list");
    return;
  }
  for (uint32_t c = value.first_child; c != kNoNode; c = Node(c).next_sibling) {
    if (Node(c).is_string()) {
      visit(c);
    } else {
      Error(c, "wrong-type",
            "each " + Element(element) + " value must be a string, not " +
                std::string(TypeWithArticle(Node(c).type)));
    }
  }
}

bool PolicyCompiler::CheckPatternLimits(uint32_t node, std::string_view element,
                                        std::string_view text) {
  if (text.size() > limits_.max_pattern_length) {
    Error(node, "pattern-too-long",
          Element(element) + " value " + Quote(text) + " is " + WithThousands(text.size()) +
              " bytes long, over the limit of " + WithThousands(limits_.max_pattern_length));
    return false;
  }
  uint32_t stars = CountStars(text);
  if (stars > limits_.max_wildcards_per_pattern) {
    Error(node, "too-many-wildcards",
          Element(element) + " value " + Quote(text) + " has " + std::to_string(stars) +
              " `*` wildcards, over the limit of " +
              std::to_string(limits_.max_wildcards_per_pattern));
    return false;
  }
  return true;
}

// `*` or `prefix:name`; the prefix of letters, digits, `.` and `-` (moto's
// rendering of IAM's check), wildcards allowed with a warning.
bool PolicyCompiler::CompileAction(uint32_t node, std::string_view element, Glob* out) {
  const std::string& text = Node(node).text;
  if (text.empty()) {
    Error(node, "empty-value", "empty string in " + Element(element), false,
          "write `service:Action`, e.g. `s3:GetObject`, or `*`");
    return false;
  }
  if (HasControlCharacter(text)) {
    Error(node, "invalid-action",
          Quote(text) +
              " is not a valid action: it contains a "
              "control character");
    return false;
  }
  if (!CheckPatternLimits(node, element, text)) return false;
  if (text != "*") {
    if (policy_->variables_enabled && text.find("${") != std::string::npos) {
      Error(node, "variable-not-allowed",
            "policy variables are not substituted in " + Element(element) + ": " + Quote(text));
      return false;
    }
    size_t colon = text.find(':');
    std::string problem;
    std::string help;
    if (colon == std::string::npos) {
      problem = "expected `*` or `service:action`";
      help = "prefix the action with its service, e.g. `s3:GetObject`";
    } else if (text.find(':', colon + 1) != std::string::npos) {
      problem = "it has more than one `:`";
    } else if (colon == 0) {
      problem = "the service prefix before `:` is empty";
    } else if (colon + 1 == text.size()) {
      problem = "the action name after `:` is empty";
      help = "use " + Quote(text + "*") + " for every action of the service";
    } else {
      std::string_view prefix(text.data(), colon);
      bool prefix_ok = std::all_of(prefix.begin(), prefix.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == '*' || c == '?';
      });
      if (!prefix_ok) {
        problem = "the service prefix " + Quote(prefix) +
                  " may only contain letters, digits, `.` and `-`";
      } else if (HasWildcard(prefix)) {
        Warn(node, "wildcard-in-service",
             "wildcard in the service prefix of " + Quote(text) +
                 ": it matches actions of every service whose prefix fits",
             false, "name the service, e.g. `s3:GetObject`");
      }
    }
    if (!problem.empty()) {
      Error(node, "invalid-action", Quote(text) + " is not a valid action: " + problem, false,
            help);
      return false;
    }
  }
  *out = Glob(LowerAscii(text));
  return true;
}

// `*`, or an ARN of at least six parts whose policy variables, if any, sit in
// the resource part (after the fifth colon).
bool PolicyCompiler::CompileResource(uint32_t node, std::string_view element, ResourceEntry* out) {
  const std::string& text = Node(node).text;
  if (text.empty()) {
    Error(node, "empty-value", "empty string in " + Element(element), false, "write `*` or an ARN");
    return false;
  }
  if (HasControlCharacter(text)) {
    Error(node, "invalid-resource",
          Quote(text) + " is not a valid resource: it contains a control character");
    return false;
  }
  if (!CheckPatternLimits(node, element, text)) return false;

  if (text != "*") {
    if (text.compare(0, 4, "arn:") != 0) {
      Error(node, "invalid-resource",
            Quote(text) + " is not a valid resource: expected `*` or an arn", false,
            "an arn reads `arn:partition:service:region:account:resource`, e.g. "
            "`arn:aws:s3:::my-bucket/*`");
      return false;
    }
    // Positions of the first five colons.
    size_t colons[5];
    size_t found = 0;
    for (size_t i = 0; i < text.size() && found < 5; ++i) {
      if (text[i] == ':') colons[found++] = i;
    }
    if (found < 5) {
      Error(node, "invalid-resource",
            Quote(text) +
                " is not a valid resource: an arn has six `:`-separated parts, "
                "`arn:partition:service:region:account:resource`");
      return false;
    }
    size_t variable = text.find("${");
    if (variable != std::string::npos) {
      if (!policy_->variables_enabled) {
        Warn(node, "variable-in-old-version",
             Quote(text) +
                 " holds `${`, which is literal text here: policy variables need "
                 "\"Version\": \"2012-10-17\"");
      } else if (variable < colons[4]) {
        Error(node, "variable-not-allowed",
              "policy variable in " + Quote(text) +
                  " outside the resource part of the arn: aws substitutes variables only "
                  "after the fifth `:`");
        return false;
      }
    }
    std::string_view service(text.data() + colons[1] + 1, colons[2] - colons[1] - 1);
    if (HasWildcard(service)) {
      Warn(node, "wildcard-in-service",
           "wildcard in the service segment of " + Quote(text) +
               ": it matches resources of every service that fits",
           false, "name the service, e.g. `arn:aws:s3:::my-bucket/*`");
    }
  }

  std::string code, message;
  if (!Template::Parse(text, policy_->variables_enabled, &out->pattern, &code, &message)) {
    if (code.empty()) code = "invalid-variable";
    AddFinding(doc_, node, std::move(code), Severity::kError, std::move(message), &findings_);
    return false;
  }
  if (!out->pattern.has_variables()) out->glob = Glob(out->pattern.StaticText(true));
  return true;
}

// Document order: by line, then column; findings without a position first.
void SortByPosition(std::vector<Finding>* findings) {
  std::stable_sort(findings->begin(), findings->end(), [](const Finding& a, const Finding& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
}

}  // namespace

std::shared_ptr<CompiledPolicy> ParsePolicyDocument(std::string_view text, PolicyKind kind,
                                                    const Limits& limits,
                                                    std::vector<Finding>* findings) {
  PolicyCompiler compiler(text, kind, limits);
  std::shared_ptr<CompiledPolicy> policy = compiler.Compile();
  std::vector<Finding>& own = compiler.findings();
  SortByPosition(&own);
  bool failed = policy == nullptr || HasErrors(own);
  if (own.size() > limits.max_findings) {
    // A hostile document can hold hundreds of thousands of small mistakes;
    // nobody reads past the first screenful, and callers should not have to
    // carry them all. The cut is reported where it happened.
    Finding cut;
    cut.code = "too-many-findings";
    cut.severity = Severity::kError;
    cut.message = "more than " + std::to_string(limits.max_findings) +
                  " findings; the rest are not reported";
    cut.line = own[limits.max_findings].line;
    cut.column = own[limits.max_findings].column;
    cut.path = own[limits.max_findings].path;
    own.resize(limits.max_findings);
    own.push_back(std::move(cut));
    failed = true;
  }
  findings->insert(findings->end(), std::make_move_iterator(own.begin()),
                   std::make_move_iterator(own.end()));
  if (failed) return nullptr;
  return policy;
}

}  // namespace iameval::internal
