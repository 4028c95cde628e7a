// File: engine/json_api/request_json_direct.h
//
// RequestFromJson's fast path: a request's JSON text read in one pass
// straight into the Request, without the located tree (json/json_tree.h)
// that costs most of a request's reading. It serves the requests that read
// without an error, which is nearly all of them, and it takes nothing on
// trust: anything it would not read exactly as the tree path reads it (any
// error at all, an escape it does not decode, a number RapidJSON might
// refuse, a context of more keys than it reads directly) it declines, and
// RequestFromJson reads the text again through the tree, which refuses it
// with the error and location it always gave. So the two paths can differ
// only in speed; request_json_direct_test.cc checks that on every request
// of the conformance corpus and on hostile and mutated ones.
//
//   Request request;
//   if (!ReadRequestDirect(text, limits, &request)) {
//     // read `text` with ReadJsonInput + ReadRequest (a fresh Request)
//   }

#ifndef IAMEVAL_ENGINE_REQUEST_JSON_DIRECT_H_
#define IAMEVAL_ENGINE_REQUEST_JSON_DIRECT_H_

#include <string_view>

#include "iameval/context_reader.h"
#include "iameval/request.h"

namespace iameval::internal {

// The members a request object may have, in one list for both readers: the
// tree path refuses any other name, the direct path numbers them in this
// order (its Field enum) and declines any other.
inline constexpr std::string_view kRequestFieldNames[] = {"principal",
                                                          "action",
                                                          "resource",
                                                          "resourceAccount",
                                                          "principalRoleArn",
                                                          "context",
                                                          "principalIsServiceLinkedRole",
                                                          "principalInManagementAccount",
                                                          "resourceInManagementAccount",
                                                          "resourceIsAwsManagedKey",
                                                          "resourcePolicyRequired",
                                                          "resourcePolicyKind",
                                                          "currentTime"};

// Reads the request in `text` into `*request`, which must be a fresh
// Request, exactly as ReadJsonInput + ReadRequest would. False when it
// declines: `*request` is then partly written and must be thrown away.
// May throw std::bad_alloc, as the tree path may.
bool ReadRequestDirect(std::string_view text, const InputLimits& limits, Request* request);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_REQUEST_JSON_DIRECT_H_
