// File: engine/testing/request_fingerprint.h
//
// A Request as text holding every field and every context value bit for
// bit, so that two readings of one request (RequestFromJson's direct reader
// and its tree path, a binding and the JSON face) can be compared whole and
// a difference shown.
//
//   CHECK(RequestFingerprint(direct) == RequestFingerprint(tree));

#ifndef IAMEVAL_ENGINE_TESTING_REQUEST_FINGERPRINT_H_
#define IAMEVAL_ENGINE_TESTING_REQUEST_FINGERPRINT_H_

#include <string>

#include "iameval/request.h"

namespace iameval::testing {

std::string RequestFingerprint(const Request& request);

}  // namespace iameval::testing

#endif  // IAMEVAL_ENGINE_TESTING_REQUEST_FINGERPRINT_H_
