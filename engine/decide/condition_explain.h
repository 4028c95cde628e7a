// File: engine/decide/condition_explain.h
//
// The conditions' part of an explanation, built only when one is asked for
// and after the decision is made (the decision itself never runs it): which
// condition keys the statements in force consulted and the request lacked,
// whether supplying them could change the decision, and for a denial which
// statements matched action, resource and principal but failed a condition,
// with the operator and key that failed (spec/decision.md §11).
//
//   ExplainConditions(set, facts, traced, hits, conclusion, explanation);

#ifndef IAMEVAL_ENGINE_CONDITION_EXPLAIN_H_
#define IAMEVAL_ENGINE_CONDITION_EXPLAIN_H_

#include <string>
#include <vector>

#include "decide/compiled_policy_set.h"
#include "decide/decision_rules.h"
#include "decide/policy_walk.h"
#include "decide/request_facts.h"
#include "decide/statement_match.h"
#include "iameval/decision.h"

namespace iameval::internal {

// Fills explanation->missing_keys and ->failed_conditions, adds a note for
// each absent key AWS always sets for this caller, and, for an implicit
// deny whose deciding policy kind had an Allow that failed only its
// condition, says so in ->reason. `traced` and `hits` are what the
// explaining walk found (it misses none): the statements with a Condition
// that match besides it, and the statements that applied. Allocates; may
// throw bad_alloc.
void ExplainConditions(const CompiledPolicySet& set, const DecisionFacts& facts,
                       const std::vector<Traced>& traced, const std::vector<Hit>& hits,
                       const Conclusion& conclusion, Explanation* explanation);

// "statement 2 (`Sid`) of resource policy 0": how explanations name a
// statement.
std::string StatementName(const StatementRef& ref);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_CONDITION_EXPLAIN_H_
