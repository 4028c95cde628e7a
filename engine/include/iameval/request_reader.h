// File: iameval/request_reader.h
//
// Reading a request from outside: the one interface through which every
// binding turns what its caller gave into a Request, so that none of them
// re-reads a request in its own code and every surface refuses the same
// requests with the same words.
//
// A binding checks only the types it knows (a Python str, a JSON boolean, a
// tag byte); what a value means is read here:
//
//   - condition keys, under ContextReader's rule (iameval/context_reader.h):
//     one key per spelling ignoring case, InputLimits on keys, list values
//     and value bytes, each checked before anything is copied;
//   - a number given as the text of a JSON number
//     (ContextScalarFromJsonNumber, below), or as a binding's own
//     int or double (ContextScalar::Integer / ::Number);
//   - `currentTime`, as ISO 8601 text or as seconds since the epoch, within
//     the years 1678 to 2261 (what Request::now holds on every platform);
//   - `resourcePolicyKind`, which must name a resource policy kind.
//
// Three readers use it: the JSON face (RequestFromJson, DecideJson), Python's
// `Request(...)`, and PackedRequestReader below, the compact binary form the
// WebAssembly package sends requests in.
//
//   iameval::Request request;
//   iameval::RequestReader reader(&request, limits);
//   request.principal = "arn:aws:iam::111122223333:user/alice";  // plain fields:
//   request.action = "s3:GetObject";                             // no rule applies
//   std::string error;
//   if (!reader.context().AddString("aws:SourceIp", "203.0.113.7", &error) ||
//       !reader.SetCurrentTime("2026-01-31T12:00:00Z", &error)) {
//     // refuse the request: `error` names the field or key, as JSON's does
//   }
//
// A reader may be kept for a stream of requests read into the same Request:
// a field keeps its value until set again, the last `currentTime` text is
// remembered, and ContextReader::Rewrite reuses the context's memory, so a
// steady stream allocates nothing.

#ifndef IAMEVAL_REQUEST_READER_H_
#define IAMEVAL_REQUEST_READER_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iameval/context_reader.h"
#include "iameval/policy.h"
#include "iameval/request.h"

namespace iameval {

// A context value from the text of a JSON number, as RequestFromJson reads
// it (an integer that fits in 64 bits as that integer, else the nearest
// double), for bindings that carry numbers as text. False for text that is
// not a JSON number or a number out of range.
bool ContextScalarFromJsonNumber(std::string_view text, ContextScalar* out);

// Request::now from a `currentTime` text, as RequestFromJson reads it: an ISO
// 8601 date-time between 1678-01-01T00:00:00Z and 2261-12-31T23:59:59Z. False
// with `*error` set (naming the field) otherwise.
bool CurrentTimeFromText(std::string_view text, std::chrono::system_clock::time_point* out,
                         std::string* error);

class RequestReader {
 public:
  // `request` must outlive the reader; its context's keys count as given.
  explicit RequestReader(Request* request, const InputLimits& limits = InputLimits());
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  Request& request() { return *request_; }
  ContextReader& context() { return context_; }

  // Request::now from `currentTime` text, as RequestFromJson reads it: an
  // ISO 8601 date-time such as `2026-01-31T12:00:00Z`. False with `*error`
  // set (naming `currentTime`) otherwise; the request is then unchanged.
  bool SetCurrentTime(std::string_view text, std::string* error);
  // The same from seconds and nanoseconds since 1970-01-01T00:00:00Z.
  // `field` names the input in the error: "current_time must be between
  // 1678-01-01T00:00:00Z and 2261-12-31T23:59:59Z".
  bool SetCurrentTime(int64_t seconds, int64_t nanos, std::string_view field, std::string* error);

  // Whether `name` names a resource policy kind (`resource`, `roleTrust`,
  // `kmsKey`), as a request's `resourcePolicyKind` must; `*kind` is set
  // when it does. The request holds no such field: DecideJson reads it.
  static bool ResourcePolicyKind(std::string_view name, PolicyKind* kind, std::string* error);

 private:
  Request* request_;
  ContextReader context_;
  std::string time_text_;  // the last text SetCurrentTime read, and what it read
  std::chrono::system_clock::time_point time_{};
};

// Requests in a compact binary form, for a binding whose caller would
// otherwise write and parse JSON for every request (the WebAssembly
// package: wasm/lib/packed.js writes the form). Each request is read into
// one Request that the reader keeps, through a RequestReader; a field that
// did not change since the previous request is not sent again. A record
// means exactly what RequestFromJson would read from the request's JSON,
// and a request it cannot read is refused with RequestFromJson's words;
// the writer sends as JSON text any request it cannot write exactly.
//
// The form (little-endian): a str is a u32 byte length and that many bytes
// of UTF-8; a field is a str, or a string kept by id: u32 0x40000000 | id
// and a str, which the reader keeps under that id (ids are defined in order
// from 0, and from 0 again when the writer's table is full), or u32
// 0x80000000 | id alone, the string kept under that id. A record is:
//
//   u8 flags    0x80: then a str holding the request as JSON text, and
//               nothing else. Otherwise which parts follow, in this order;
//               a part not sent keeps the previous record's value:
//               0x01 principal, 0x02 action, 0x04 resource, 0x08
//               resourceAccount (each a field; resourceAccount absent is
//               ""), 0x10 currentTime (a str, or u32 0xFFFFFFFF: absent),
//               0x20 resourcePolicyKind (a str, sent whenever present),
//               0x40 context
//   u8 facts    0x01 principalIsServiceLinkedRole, 0x02
//               principalInManagementAccount, 0x04 resourceInManagementAccount,
//               0x08 resourceIsAwsManagedKey; bits 4-5 resourcePolicyRequired:
//               0 absent, 1 true, 2 false; 0x40: the principalRoleArn part
//               follows (a field, after resourceAccount's; absent is "",
//               and a record without it keeps the previous value); 0x80
//               unused (malformed)
//   context     u32 n, then n x (field key, value): the keys in order; or
//               u32 0x80000000 | n, then n x (u32 index, value): the keys
//               of the previous record, the values at these indexes changed
//   value       u8 tag: 0 string (a field), 1 false, 2 true, 3 number (a
//               str: its JSON text), 4 list (u32 n, then n values, no list)
class PackedRequestReader {
 public:
  explicit PackedRequestReader(const InputLimits& limits = InputLimits());

  enum class Record : uint8_t {
    kRequest,    // request() holds the record's request
    kInvalid,    // the request cannot be read: `*error` says why, as RequestFromJson would
    kMalformed,  // the bytes are not the form: a bug in the writer, never the caller's
  };
  // Reads the record at the front of `*input` and advances past it. After
  // anything but kRequest the reader has forgotten its request: the next
  // record must send every part.
  Record Next(std::string_view* input, std::string* error);
  const Request& request() const { return json_request_ ? *json_request_ : request_; }

  // Forgets the request and the strings kept by id.
  void Forget();

 private:
  struct Malformed {};
  class Input;
  Record ReadRecord(Input& in, std::string* error);
  bool ReadContext(Input& in, std::string* error);
  void ReadValue(Input& in, std::vector<ContextScalar>* values, bool* is_list);
  void ReadScalar(Input& in, uint8_t tag, ContextScalar* out);

  InputLimits limits_;
  Request request_;
  RequestReader reader_;
  std::optional<Request> json_request_;  // the last record's, when it was JSON text
  std::vector<std::string> strings_;     // kept by id
  std::string key_;                      // scratch: a key, copied out of strings_
  std::vector<ContextScalar> values_;    // scratch: the storage values swap through
};

}  // namespace iameval

#endif  // IAMEVAL_REQUEST_READER_H_
