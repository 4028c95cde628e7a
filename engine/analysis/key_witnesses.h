// File: engine/analysis/key_witnesses.h
//
// Witness values for one condition key: a value in every region the
// operands of the entries naming the key cut its value space into, and the
// key absent (spec/analysis.md, "Condition witnesses").
//
//   numbers, dates   each operand, a value between each two, one below, one above
//   CIDR ranges      each range's first and last address, the addresses just outside
//   strings, ARNs    the glob regions of every Equals / Like / Arn operand (glob_regions.h)
//   booleans         true, false
//   Null             present, absent
//   every family     absent, and a value no operator can read (where one exists)
//
// A key that some entry reads with ForAllValues / ForAnyValue is multivalued:
// its witnesses are sets, every subset of the single-value regions (up to a
// bound; past it the key is noted `multivalued-key` and the answer cannot be
// PASS).
//
//   std::vector<const ConditionEntry*> entries = ...;   // all naming `aws:SourceIp`
//   KeyWitnesses w;
//   BuildKeyWitnesses("aws:sourceip", entries, &w, &notes, "statement 2 of after");

#ifndef IAMEVAL_ENGINE_ANALYSIS_KEY_WITNESSES_H_
#define IAMEVAL_ENGINE_ANALYSIS_KEY_WITNESSES_H_

#include <string>
#include <string_view>
#include <vector>

#include "condition/condition_entry.h"
#include "iameval/analysis.h"
#include "iameval/request.h"

namespace iameval::internal {

// One value a key takes in a candidate request.
struct KeyValue {
  bool absent = false;
  bool is_list = false;
  std::vector<ContextScalar> values;
};

struct KeyWitnesses {
  std::string key;  // lowercased
  std::vector<KeyValue> values;
};

// Fills `out` for `key` from `entries` (every entry naming it, any
// statement). Appends a note for each construct whose regions it cannot
// cover (`where` names the policy for the message). Returns false when the
// witnesses do not cover every region (the answer cannot then be PASS).
bool BuildKeyWitnesses(std::string_view key, const std::vector<const ConditionEntry*>& entries,
                       KeyWitnesses* out, std::vector<AnalysisNote>* notes);

// ISO 8601 text of an instant (`2026-01-01T00:00:00Z`, nanoseconds when any).
std::string InstantText(int64_t seconds, int32_t nanos);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ANALYSIS_KEY_WITNESSES_H_
