// File: engine/base/did_you_mean.cc

#include "base/did_you_mean.h"

#include <algorithm>
#include <vector>

#include "base/ascii.h"
#include "base/message_text.h"

namespace iameval::internal {

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

std::string DidYouMean(std::string_view name, const std::string_view* known, size_t count) {
  // Long names are not near misses, and would make the distance costly.
  if (name.size() > 32) return {};
  for (size_t i = 0; i < count; ++i) {
    if (EqualsIgnoreCase(name, known[i])) {
      return "did you mean " + ElementName(known[i]) + "? element names are case-sensitive";
    }
  }
  for (size_t i = 0; i < count; ++i) {
    if (known[i].size() >= 4 && EditDistance(name, known[i]) <= 2) {
      return "did you mean " + ElementName(known[i]) + "?";
    }
  }
  return {};
}

}  // namespace iameval::internal
