// File: engine/policy/policy_document.h
//
// The document level of a policy (spec/grammar.md §2, "The document"):
// `Version`, `Id` and `Statement`, and nothing else. `Version` decides whether
// policy variables exist; each statement is handed to CompileStatement
// (statement_elements.h).
//
//   {"Version": "2012-10-17", "Id": "p1", "Statement": [{...}, {...}]}

#ifndef IAMEVAL_ENGINE_POLICY_DOCUMENT_H_
#define IAMEVAL_ENGINE_POLICY_DOCUMENT_H_

#include "policy/parse_context.h"

namespace iameval::internal {

// Reads the members of the root object, which must be an object, into
// context->policy, reporting each problem.
void ReadDocument(ParseContext* context);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_POLICY_DOCUMENT_H_
