// File: engine/policy/principal_elements.h
//
// A statement's `Principal` or `NotPrincipal` (spec/grammar.md §2,
// "Principals"): `*`, or an object of principal types (`AWS`, `Service`,
// `Federated`, `CanonicalUser`), each with a string or an array of strings,
// classified by principal.h. Whether a statement must, may or must not name
// principals is the kind's: policies attached to identities never do.
//
//   "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/r"]}

#ifndef IAMEVAL_ENGINE_PRINCIPAL_ELEMENTS_H_
#define IAMEVAL_ENGINE_PRINCIPAL_ELEMENTS_H_

#include <cstdint>

#include "policy/compiled_policy.h"
#include "policy/parse_context.h"

namespace iameval::internal {

// Reads the principals of `statement` into `out`.
void ReadPrincipals(ParseContext* context, uint32_t statement, CompiledStatement* out);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_PRINCIPAL_ELEMENTS_H_
