// File: engine/policy/size_quota.cc

#include "policy/size_quota.h"

#include <cstring>
#include <string>

#include "base/message_text.h"
#include "json/json_text.h"
#include "json/utf8.h"

namespace iameval::internal {

namespace {

// Just past the quote that closes the string whose contents start at
// `from`: the first `"` not escaped by an odd run of backslashes, found with
// memchr. The end of the text if there is none.
size_t ClosingQuoteEnd(std::string_view text, size_t from) {
  while (from < text.size()) {
    const void* found = std::memchr(text.data() + from, '"', text.size() - from);
    if (found == nullptr) break;
    size_t quote = static_cast<size_t>(static_cast<const char*>(found) - text.data());
    size_t backslashes = 0;
    while (quote - backslashes > from && text[quote - backslashes - 1] == '\\') ++backslashes;
    from = quote + 1;
    if (backslashes % 2 == 0) return from;
  }
  return text.size();
}

}  // namespace

size_t CountCharactersWithoutWhitespace(std::string_view text) {
  // All code points, less the whitespace outside strings, found by jumping
  // from each string's opening quote to its closing one.
  size_t whitespace = 0;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i++];
    if (IsJsonWhitespace(c)) {
      ++whitespace;
    } else if (c == '"') {
      i = ClosingQuoteEnd(text, i);
    }
  }
  return CountCodePoints(text) - whitespace;
}

void CheckSizeQuota(std::string_view text, const KindRules& rules, const JsonDocument& doc,
                    Severity severity, std::vector<Finding>* findings) {
  const char* help = severity == Severity::kError
                         ? ""
                         : "aws would refuse to store it as a customer policy, but decides it as "
                           "written (aws managed policies exceed the quota)";
  if (rules.quota_counts_everything) {
    if (text.size() <= rules.size_quota) return;
    std::string bytes_help = "every byte counts, whitespace included";
    if (*help != '\0') bytes_help += std::string("; ") + help;
    AddFinding(doc, doc.root(), "policy-too-large", severity,
               "the policy is " + WithThousands(text.size()) + " bytes, over the " +
                   WithThousands(rules.size_quota) + " aws allows for " + std::string(rules.noun),
               findings, /*at_key=*/false, bytes_help);
    return;
  }
  size_t characters = CountCharactersWithoutWhitespace(text);
  if (characters <= rules.size_quota) return;
  AddFinding(doc, doc.root(), "policy-too-large", severity,
             "the policy is " + WithThousands(characters) +
                 " characters without whitespace, over the " + WithThousands(rules.size_quota) +
                 " aws allows for " + std::string(rules.noun),
             findings, /*at_key=*/false, help);
}

}  // namespace iameval::internal
