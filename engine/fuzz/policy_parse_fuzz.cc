// File: engine/fuzz/policy_parse_fuzz.cc
//
// Policy::Parse (parse, validate, compile) on any bytes, as any policy kind,
// under the default limits, without the AWS size quotas, or under tight
// limits. Beyond not crashing, it checks what the API promises:
//
//   * ok() exactly when no finding is an error; no `internal-error` finding
//     (an exception escaped the parser);
//   * every finding has a code and a one-line message, all of it valid UTF-8;
//   * Check() reports the same findings as Parse();
//   * the fast JSON tree builder agrees with RapidJSON's on the text, node
//     for node and finding for finding (json_fast_tree.h);
//   * a valid policy decides a few requests with and without an explanation,
//     the same way, without error, and the explanation is consistent: an
//     explicit deny names only Deny statements, an allow only Allows.
//
// Input: one byte of options (kind, limits; the two high bits the JSON
// builders' envelope settings), then the document text.
// Seeds: every policy document of the conformance corpus (make_seeds.py).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_check.h"
#include "fuzz/fuzz_kinds.h"
#include "iameval/iameval.h"
#include "json/json_tree.h"
#include "testing/json_builders_compare.h"

namespace iameval {
namespace {

// RFC 3629 UTF-8, checked the long way: messages reach JSON and Python.
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? b : n == 2 ? (b & 0x1f) : n == 3 ? (b & 0x0f) : (b & 0x07);
    for (size_t k = 1; k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c >> 6) != 0x2) return false;
      cp = cp << 6 | (c & 0x3f);
    }
    static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += n;
  }
  return true;
}

std::vector<Request> Requests() {
  std::vector<Request> requests(4);
  requests[0].principal = "arn:aws:iam::111122223333:user/alice";
  requests[0].action = "s3:GetObject";
  requests[0].resource = "arn:aws:s3:::bucket/key.txt";
  requests[0].resource_account = "111122223333";
  requests[0]
      .context.Set("aws:SecureTransport", true)
      .Set("aws:SourceIp", "203.0.113.7")
      .Set("aws:PrincipalTag/team", "blue")
      .SetList("aws:TagKeys", {"team", "cost-center"});
  requests[1].principal = "arn:aws:sts::444455556666:assumed-role/app/session";
  requests[1].action = "sts:AssumeRole";
  requests[1].resource = "arn:aws:iam::111122223333:role/app";
  requests[1]
      .context.Set("aws:CurrentTime", "2026-01-31T12:00:00Z")
      .Set("aws:EpochTime", 1769860800);
  requests[2].principal = "cloudtrail.amazonaws.com";
  requests[2].action = "kms:Decrypt";
  requests[2].resource = "arn:aws:kms:us-east-1:111122223333:key/k1";
  requests[3].principal = "arn:aws:iam::111122223333:role/svc/app";
  requests[3].action = "ec2:RunInstances";
  requests[3].resource = "*";
  requests[3].context.Set("ec2:InstanceType", "t3.micro").Set("aws:MultiFactorAuthAge", 30.5);
  return requests;
}

void CheckExplanation(const Explanation& why, const Answer& answer, const Policy& policy) {
  FUZZ_CHECK(why.decision == answer.decision) << "the explanation's decision differs";
  for (const StatementRef& ref : why.determining) {
    FUZZ_CHECK(ref.statement_index >= 0 &&
               static_cast<size_t>(ref.statement_index) < policy.statement_count())
        << "a determining statement index out of range: " << ref.statement_index;
    if (answer.decision == Decision::kExplicitDeny) FUZZ_CHECK(ref.effect == Effect::kDeny);
    if (answer.decision == Decision::kAllowed) FUZZ_CHECK(ref.effect == Effect::kAllow);
  }
  if (answer.decision == Decision::kExplicitDeny) FUZZ_CHECK(!why.determining.empty());
  FUZZ_CHECK(!why.reason.empty());
}

void DecideWith(const Policy& policy) {
  PolicySet::Builder builder;
  builder.AddPolicy(policy);
  BuildResult built = std::move(builder).Build();
  FUZZ_CHECK(built.ok()) << "a policy in its own slot was refused: " << built.error;
  static const std::vector<Request> requests = Requests();
  for (const Request& request : requests) {
    const Answer plain = built.set->Decide(request);
    Explanation why;
    const Answer explained = built.set->Decide(request, &why);
    FUZZ_CHECK(plain.error == nullptr) << "deciding failed: " << plain.error;
    FUZZ_CHECK(explained.error == nullptr) << "deciding failed: " << explained.error;
    FUZZ_CHECK(plain.decision == explained.decision) << "an explanation changed the decision";
    CheckExplanation(why, explained, policy);
  }
}

}  // namespace
}  // namespace iameval

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace iameval;
  if (size == 0) return 0;
  const uint8_t options = data[0];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const PolicyKind kind = fuzz::KindFromByte(options);
  Limits limits;
  if (options & 8) limits.enforce_aws_size_quotas = false;
  if (options & 16) {  // tight limits: every limit's path is reachable by small inputs
    limits.max_document_bytes = 512;
    limits.max_nesting_depth = 5;
    limits.max_statements = 2;
    limits.max_pattern_length = 24;
    limits.max_wildcards_per_pattern = 2;
    limits.max_condition_values = 2;
  }

  {
    internal::JsonLimits json_limits;
    json_limits.max_bytes = limits.max_document_bytes;
    json_limits.max_depth = static_cast<uint32_t>(limits.max_nesting_depth);
    json_limits.locate_values = (options & 64) == 0;
    json_limits.require_utf8 = (options & 128) == 0;
    const std::string difference = testing::JsonBuildersDiffer(text, json_limits);
    FUZZ_CHECK(difference.empty()) << "the JSON tree builders differ: " << difference;
  }

  ParseResult result = Policy::Parse(text, kind, limits);
  FUZZ_CHECK(result.ok() == !HasErrors(result.findings))
      << "ok() is " << result.ok() << " but errors are " << HasErrors(result.findings);
  for (const Finding& f : result.findings) {
    FUZZ_CHECK(!f.code.empty()) << "a finding without a code: " << f.message;
    FUZZ_CHECK(f.code != "internal-error") << "an exception escaped the parser: " << f.message;
    FUZZ_CHECK(!f.message.empty()) << "a finding without a message: " << f.code;
    FUZZ_CHECK(f.message.find('\n') == std::string::npos)
        << "a message of more than one line [" << f.code << "]: " << f.message;
    FUZZ_CHECK(ValidUtf8(f.message) && ValidUtf8(f.path) && ValidUtf8(f.help))
        << "a finding that is not UTF-8 [" << f.code << "]: " << f.message;
  }
  if (options & 32) {
    const std::vector<Finding> checked = Check(text, kind, limits);
    FUZZ_CHECK(checked.size() == result.findings.size()) << "Check and Parse differ";
    for (size_t i = 0; i < checked.size(); ++i) {
      FUZZ_CHECK(checked[i].code == result.findings[i].code &&
                 checked[i].message == result.findings[i].message)
          << "Check and Parse differ at finding " << i;
    }
  }
  if (result.ok()) {
    FUZZ_CHECK(result.policy->kind() == kind);
    DecideWith(*result.policy);
  }
  return 0;
}
