// File: engine/size_quota.cc

#include "size_quota.h"

#include <string>

#include "json_text.h"
#include "message_text.h"

namespace iameval::internal {

size_t CountCharactersWithoutWhitespace(std::string_view text) {
  size_t count = 0;
  JsonStringScanner strings;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;  // continuation byte
    if (strings.Take(c) && IsJsonWhitespace(c)) continue;
    ++count;
  }
  return count;
}

void CheckSizeQuota(std::string_view text, const KindRules& rules, const JsonDocument& doc,
                    std::vector<Finding>* findings) {
  if (rules.quota_counts_everything) {
    if (text.size() <= rules.size_quota) return;
    AddFinding(doc, doc.root(), "policy-too-large", Severity::kError,
               "the policy is " + WithThousands(text.size()) + " bytes, over the " +
                   WithThousands(rules.size_quota) + " aws allows for " + std::string(rules.noun),
               findings, /*at_key=*/false, "every byte counts, whitespace included");
    return;
  }
  size_t characters = CountCharactersWithoutWhitespace(text);
  if (characters <= rules.size_quota) return;
  AddFinding(doc, doc.root(), "policy-too-large", Severity::kError,
             "the policy is " + WithThousands(characters) +
                 " characters without whitespace, over the " + WithThousands(rules.size_quota) +
                 " aws allows for " + std::string(rules.noun),
             findings);
}

}  // namespace iameval::internal
