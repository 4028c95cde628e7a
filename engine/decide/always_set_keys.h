// File: engine/decide/always_set_keys.h
//
// The global condition keys AWS puts in every request of a kind of caller
// (IAM User Guide, "AWS global condition context keys", each key's
// Availability), so that an explanation can warn when a request lacks one a
// policy consulted: such a request is not one AWS would see, and a Deny that
// needs the key silently did not fire. The catalogue's global key table
// (scripts/catalogue/global_keys.tsv) holds the same facts; catalogue_test
// checks that the two agree.
//
//   if (AwsAlwaysSets("aws:multifactorauthpresent", caller)) ...

#ifndef IAMEVAL_ENGINE_ALWAYS_SET_KEYS_H_
#define IAMEVAL_ENGINE_ALWAYS_SET_KEYS_H_

#include <string_view>

#include "match/principal.h"

namespace iameval::internal {

// Who AWS sets a key for.
enum class AlwaysSetFor : uint8_t {
  kEveryCaller,           // global_keys.tsv presence `always`
  kSignedCallers,         // `signed`: every caller but anonymous ones
  kTemporaryCredentials,  // role sessions and federated users
};

struct AlwaysSetKey {
  std::string_view name;  // as AWS spells it
  AlwaysSetFor callers;
};

// The table, for tests that compare it with the catalogue.
const AlwaysSetKey* AlwaysSetKeys(size_t* count) noexcept;

// Whether AWS sets `key` (any letter case) on every request `caller` makes.
bool AwsAlwaysSets(std::string_view key, const Caller& caller) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_ALWAYS_SET_KEYS_H_
