// File: engine/base/did_you_mean.h
//
// "did you mean" help for a name that is not one the policy language knows:
// the known name it equals but for letter case, or one within two edits of
// it. Help only: the finding stands either way.
//
//   DidYouMean("Statment", kTopLevelElements)  // did you mean `Statement`?
//   DidYouMean("effect", kStatementElements)
//       // did you mean `Effect`? element names are case-sensitive

#ifndef IAMEVAL_ENGINE_DID_YOU_MEAN_H_
#define IAMEVAL_ENGINE_DID_YOU_MEAN_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace iameval::internal {

// The help text for `name` among the `count` names at `known`, or empty when
// none is close. Known names shorter than four characters are only suggested
// for a difference in case: any short name is two edits from another.
std::string DidYouMean(std::string_view name, const std::string_view* known, size_t count);

template <size_t N>
std::string DidYouMean(std::string_view name, const std::string_view (&known)[N]) {
  return DidYouMean(name, known, N);
}

// Levenshtein distance between `a` and `b`, ignoring ASCII case.
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_DID_YOU_MEAN_H_
