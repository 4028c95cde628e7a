// File: engine/analysis/search_answer.h
//
// What every access analysis does with a finished candidate search, and
// around each of its public calls: the verdict (FAIL when something was
// found; else PASS only when the search covered everything, UNKNOWN when it
// could not), and the wrapper that turns a failure inside a call into an
// UNKNOWN answer with an error: never an exception, never a PASS.
//
//   return FailClosed<AccessResult>("checking", [&] { ... return result; });

#ifndef IAMEVAL_ENGINE_ANALYSIS_SEARCH_ANSWER_H_
#define IAMEVAL_ENGINE_ANALYSIS_SEARCH_ANSWER_H_

#include <new>
#include <string>

#include "analysis/candidate_search.h"
#include "iameval/analysis.h"

namespace iameval::internal {

// Sets `result`'s verdict, notes and count of requests decided from `search`
// once it has run; `found` says whether it found a counterexample or finding.
template <typename Result>
void Conclude(const CandidateSearch& search, bool found, Result* result) {
  result->unknown = search.notes();
  result->requests_decided = search.requests();
  if (found) {
    result->result = CheckResult::kFail;
  } else {
    result->result = search.complete() ? CheckResult::kPass : CheckResult::kUnknown;
  }
}

// Runs `body` (which returns a Result); should it throw (memory ran out), the
// answer is a Result left UNKNOWN whose error says what was being done, or,
// when not even that message can be made, one left UNKNOWN without it.
template <typename Result, typename Body>
Result FailClosed(const char* doing, Body&& body) noexcept {
  std::string_view failure = "internal error: out of memory while ";
  try {
    return body();
  } catch (const std::bad_alloc&) {
  } catch (...) {
    failure = "internal error while ";
  }
  Result result;
  try {
    result.error = std::string(failure) + doing;
  } catch (...) {
  }
  return result;
}

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANALYSIS_SEARCH_ANSWER_H_
