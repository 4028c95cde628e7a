// File: engine/lint/condition_value_checks.cc
//
// Condition values that cannot mean what they say (Access Analyzer's checks
// of single values):
//
//   wildcard-without-like-operator  `*` or `?` under `StringEquals` (and its Not/IgnoreCase
//                                   forms), where they are literal characters
//                                   (WILDCARD_WITHOUT_LIKE_OPERATOR)
//   invalid-vpc-format              an `aws:SourceVpc` value that is no VPC id, `vpc-` and 8 or
//                                   17 letters or digits (INVALID_VPC_FORMAT); `aws:SourceVpce`
//                                   likewise with `vpce-` (INVALID_VPCE_FORMAT)
//   private-ip-address              `aws:SourceIp` given only private (RFC 1918, fc00::/7)
//                                   ranges: AWS sees public addresses there (a request through
//                                   a VPC endpoint carries none), so `IpAddress` never matches
//                                   and `NotIpAddress` always does (PRIVATE_IP_ADDRESS,
//                                   PRIVATE_NOT_IP_ADDRESS); some private among public ones:
//                                   a suggestion (..._SUBSET)
//   date-as-epoch                   a Date operator's value in epoch seconds, not ISO 8601
//                                   (INVALID_DATE_VALUE)
//   redundant-numeric-value         several bounds under one NumericLessThan/GreaterThan entry:
//                                   the widest alone decides (REDUNDANT_CONDITION_VALUE_NUM)

#include <string>
#include <string_view>

#include "base/ascii.h"
#include "condition/condition_operators.h"
#include "condition/values.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

// Whether `text` has a `*` or `?` outside the escapes `${*}` and `${?}`.
bool HasLiteralWildcard(std::string_view text) {
  const size_t first = FirstWildcard(text);  // memchr: most values have none
  if (first == std::string_view::npos) return false;
  for (size_t i = first; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '*' && c != '?') continue;
    if (i >= 2 && text[i - 1] == '{' && text[i - 2] == '$' && i + 1 < text.size() &&
        text[i + 1] == '}') {
      continue;
    }
    return true;
  }
  return false;
}

// `prefix` followed by 8 or 17 ASCII letters or digits.
bool IsAwsId(std::string_view text, std::string_view prefix) {
  if (text.size() <= prefix.size() || text.substr(0, prefix.size()) != prefix) return false;
  std::string_view id = text.substr(prefix.size());
  if (id.size() != 8 && id.size() != 17) return false;
  for (char c : id) {
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!alnum) return false;
  }
  return true;
}

// Whether the range lies wholly inside a private range: 10/8, 172.16/12,
// 192.168/16 (RFC 1918) or fc00::/7 (RFC 4193).
bool IsPrivate(const IpNetwork& network) {
  struct PrivateRanges {
    IpNetwork ranges[4];
    PrivateRanges() {
      static const char* const kText[] = {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                                          "fc00::/7"};
      for (int i = 0; i < 4; ++i) ReadIpNetwork(kText[i], &ranges[i], nullptr);
    }
  };
  static const PrivateRanges kPrivate;  // read once, thread-safe
  for (const IpNetwork& range : kPrivate.ranges) {
    if (range.base.is_v6 == network.base.is_v6 && range.prefix_length <= network.prefix_length &&
        range.Contains(network.base)) {
      return true;
    }
  }
  return false;
}

void CheckSourceIp(LintContext& context, const OperatorName& name, uint32_t key) {
  const JsonDocument& doc = context.doc;
  size_t readable = 0, private_ranges = 0;
  for (uint32_t v : StringNodes(doc, key)) {
    IpNetwork network;
    if (!ReadIpNetwork(doc.node(v).text, &network, nullptr)) continue;  // the grammar's
    ++readable;
    private_ranges += IsPrivate(network);
  }
  if (private_ranges == 0) return;
  const bool negated = name.info->negated;
  if (private_ranges == readable) {
    context.Add(key, "private-ip-address", LintSeverity::kError,
                negated ? "PRIVATE_NOT_IP_ADDRESS" : "PRIVATE_IP_ADDRESS",
                std::string("`aws:SourceIp` is given only private ranges, which AWS never sees "
                            "there: the condition is ") +
                    (negated ? "always true" : "never true"),
                "for requests from a VPC, test `aws:VpcSourceIp` with `aws:SourceVpc`, or "
                "`aws:SourceVpce`",
                true);
  } else {
    context.Add(key, "private-ip-address-subset", LintSeverity::kSuggestion,
                negated ? "PRIVATE_NOT_IP_ADDRESS_SUBSET" : "PRIVATE_IP_ADDRESS_SUBSET",
                "`aws:SourceIp` is given private ranges among public ones: the private ones "
                "never match",
                "remove the private ranges; for requests from a VPC, test `aws:VpcSourceIp` "
                "with `aws:SourceVpc`",
                true);
  }
}

// Whether a Date value is epoch seconds (digits only, or a JSON number)
// rather than an ISO 8601 date.
bool IsEpoch(const JsonNode& value) {
  if (value.type == JsonType::kNumber) return true;
  if (!value.is_string() || value.text.empty()) return false;
  for (char c : value.text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckDateValues(LintContext& context, uint32_t key) {
  const JsonDocument& doc = context.doc;
  auto check = [&](uint32_t v) {
    if (!IsEpoch(doc.node(v))) return;
    context.Add(v, "date-as-epoch", LintSeverity::kWarning, "INVALID_DATE_VALUE",
                "the date " + Quote(doc.node(v).text) +
                    " is given in epoch seconds: easy to misread, and AWS documents ISO 8601",
                "write the date in ISO 8601, e.g. `2026-12-31T23:59:59Z`");
  };
  const JsonNode& node = doc.node(key);
  if (node.is_array()) {
    for (uint32_t v = node.first_child; v != kNoNode; v = doc.node(v).next_sibling) check(v);
  } else {
    check(key);
  }
}

// NumericLessThan[Equals] and NumericGreaterThan[Equals] hold when the value
// is on the right side of any bound: the widest bound alone decides.
void CheckNumericBounds(LintContext& context, const OperatorName& name, uint32_t key) {
  const Comparison comparison = name.info->comparison;
  if (comparison == Comparison::kEquals || name.info->negated) {
    return;
  }
  const JsonDocument& doc = context.doc;
  const JsonNode& node = doc.node(key);
  if (!node.is_array() || node.child_count < 2) return;
  size_t readable = 0;
  for (uint32_t v = node.first_child; v != kNoNode; v = doc.node(v).next_sibling) {
    double number = 0;
    readable += ReadNumber(doc.node(v).text, &number);
  }
  if (readable < 2) return;
  context.Add(key, "redundant-numeric-value", LintSeverity::kSuggestion,
              "REDUNDANT_CONDITION_VALUE_NUM",
              Quote(doc.node(key).key) + " is given " + std::to_string(readable) +
                  " bounds: the entry holds when any does, so the widest alone decides",
              "keep the one bound that is meant", true);
}

}  // namespace

void CheckConditionValues(LintContext& context, const StatementView& statement) {
  const JsonDocument& doc = context.doc;
  ForEachConditionOperator(doc, statement, [&](uint32_t op, const OperatorName& name) {
    const OperatorFamily family = name.info->family;
    const bool equals =
        family == OperatorFamily::kString || family == OperatorFamily::kStringIgnoreCase;
    const bool string = equals || family == OperatorFamily::kStringLike;
    for (uint32_t k = doc.node(op).first_child; k != kNoNode; k = doc.node(k).next_sibling) {
      const std::string_view key = doc.node(k).key;
      if (family == OperatorFamily::kIp) {
        if (EqualsIgnoreCase(key, "aws:SourceIp")) CheckSourceIp(context, name, k);
        continue;
      }
      if (family == OperatorFamily::kDate) {
        CheckDateValues(context, k);
        continue;
      }
      if (family == OperatorFamily::kNumeric) {
        CheckNumericBounds(context, name, k);
        continue;
      }
      if (!string) continue;
      const bool vpc = EqualsIgnoreCase(key, "aws:SourceVpc");
      const bool vpce = !vpc && EqualsIgnoreCase(key, "aws:SourceVpce");
      for (uint32_t v : StringNodes(doc, k)) {
        const std::string_view text = doc.node(v).text;
        const bool wildcard = HasLiteralWildcard(text);
        if (equals && wildcard) {
          context.Add(v, "wildcard-without-like-operator", LintSeverity::kWarning,
                      "WILDCARD_WITHOUT_LIKE_OPERATOR",
                      Quote(doc.node(op).key) + " compares " + Quote(text) +
                          " character for character: its `*` or `?` matches only itself",
                      "use `StringLike` (or `StringNotLike`) for a pattern");
        }
        if ((!vpc && !vpce) || wildcard || text.find("${") != std::string_view::npos) continue;
        if (vpc && !IsAwsId(text, "vpc-")) {
          context.Add(v, "invalid-vpc-format", LintSeverity::kError, "INVALID_VPC_FORMAT",
                      Quote(text) +
                          " is not a VPC id: `aws:SourceVpc` holds `vpc-` and 8 or 17 "
                          "letters or digits, so the condition never matches it",
                      "write the VPC's id, e.g. `vpc-1a2b3c4d`");
        } else if (vpce && !IsAwsId(text, "vpce-")) {
          context.Add(v, "invalid-vpc-format", LintSeverity::kError, "INVALID_VPCE_FORMAT",
                      Quote(text) +
                          " is not a VPC endpoint id: `aws:SourceVpce` holds `vpce-` and 8 or 17 "
                          "letters or digits, so the condition never matches it",
                      "write the endpoint's id, e.g. `vpce-1a2b3c4d`");
        }
      }
    }
  });
}

}  // namespace iameval::internal
