// File: engine/json_api/request_json.h
//
// The request object of the JSON face (spec/request.md): read from a located
// tree, so that RequestFromJson and the request inside a DecideJson envelope
// are one reader with one set of errors.
//
//   Request request;
//   std::string error;
//   if (!ReadRequest(doc, node, &request, &error)) ...  // "request field `action` is required"

#ifndef IAMEVAL_ENGINE_REQUEST_JSON_H_
#define IAMEVAL_ENGINE_REQUEST_JSON_H_

#include <cstdint>
#include <string>

#include "iameval/context_reader.h"
#include "iameval/policy.h"
#include "iameval/request.h"
#include "json/json_tree.h"

namespace iameval::internal {

// Reads the request object at `node` of `doc` into `*request`. False with
// `*error` set (lowercase, naming the field) when it cannot be read.
// `limits` bound the context (iameval/context_reader.h).
bool ReadRequest(const JsonDocument& doc, uint32_t node, const InputLimits& limits,
                 Request* request, std::string* error);

// The resource policy kind the request at `node` (read by ReadRequest) asks
// for with `resourcePolicyKind`, else the one InferResourcePolicyKind gives.
PolicyKind ResourcePolicyKindOf(const JsonDocument& doc, uint32_t node, const Request& request);

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_REQUEST_JSON_H_
