// File: iameval/context_reader.h
//
// The one rule by which every binding reads a request's condition keys from
// outside (JSON, Python, the WebAssembly packed form, the CLI's --context):
// keys that differ only in ASCII letter case are one key, and a request that
// gives one twice is refused, never resolved by taking the first or the last
// (one reader taking the first and another the last would disagree about
// what was asked: a `NotIpAddress` Deny stepped around with a second
// `AWS:SOURCEIP`). The same InputLimits bound every binding, and each key
// costs O(1) expected time however many there are.
//
//   iameval::Request request;
//   iameval::ContextReader reader(&request.context);
//   std::string error;
//   if (!reader.AddString("aws:SourceIp", "203.0.113.7", &error) ||
//       !reader.AddString("AWS:SOURCEIP", "10.0.0.1", &error)) {
//     // error: duplicate context key `AWS:SOURCEIP` (keys compare ignoring case)
//   }
//
// Context::Set, for C++ callers building a request themselves, keeps its
// meaning: it replaces a key's value.

#ifndef IAMEVAL_CONTEXT_READER_H_
#define IAMEVAL_CONTEXT_READER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "iameval/request.h"

namespace iameval {

// Bounds on what a binding reads from outside, the same in every binding
// (SECURITY.md). Each breach is an error naming the limit; none is a decision.
struct InputLimits {
  // JSON text given to one call of the JSON layer (DecideJson, CheckJson,
  // PolicySetFromJson, RequestFromJson; the wasm package's calls).
  size_t max_input_bytes = size_t{16} << 20;  // 16 MiB
  // Condition keys in one request's context.
  size_t max_context_keys = 10'000;
  // Values of one multivalued key (a list).
  size_t max_context_values = 1'000;
  // Bytes of one context value (each value of a list): its text as the
  // engine holds it (UTF-8).
  size_t max_context_value_bytes = size_t{64} << 10;  // 64 KiB

  // No limit on anything: for tests and for callers who bound input themselves.
  static InputLimits Unbounded();
};

// The errors, shared so that every binding words them alike. `what` names
// the input: "the input", "the request", "the policies".
std::string InputTooLongError(std::string_view what, const InputLimits& limits);

// Adds the keys of one request's context, under the rule above.
class ContextReader {
 public:
  // `context` must outlive the reader; keys it already holds count as given.
  explicit ContextReader(Context* context, const InputLimits& limits = InputLimits());

  // Whether `key` may be given now: not given before (ignoring case) and
  // not one key too many. Bindings call it before converting the key's
  // values, so that nothing is read for a key that is refused.
  bool CheckKey(std::string_view key, std::string* error) const;
  // Whether one value of `bytes` bytes, or a list of `count` values, fits.
  bool CheckValueBytes(std::string_view key, size_t bytes, std::string* error) const;
  bool CheckListSize(std::string_view key, size_t count, std::string* error) const;

  // Checks the key and its values as above and adds them; false with
  // `*error` set (and the context unchanged) when any check fails.
  bool Add(std::string_view key, ContextScalar value, std::string* error);
  bool AddList(std::string_view key, std::vector<ContextScalar> values, std::string* error);
  bool AddString(std::string_view key, std::string_view value, std::string* error);

  // For a stream of requests read into one Context (RequestReader): Rewrite
  // starts the context again from no keys but keeps the memory of its
  // entries, Put checks a key and its values as Add does and swaps them in
  // (`*values` gets the storage they replace), Finish drops the entries not
  // given again. A steady stream allocates nothing.
  // Replace swaps in new values for the key at `index` (in the order given),
  // checked as Put checks them; false also for an index not given.
  void Rewrite();
  bool Put(std::string_view key, std::vector<ContextScalar>* values, bool is_list,
           std::string* error);
  void Finish();
  bool Replace(size_t index, std::vector<ContextScalar>* values, bool is_list, std::string* error);

  // Room for `keys` more keys (at most the limit's), for a binding that
  // knows or expects how many are coming: one allocation where adding them
  // one by one would grow the context several times.
  void Reserve(size_t keys);

  const InputLimits& limits() const { return limits_; }

 private:
  bool CheckValues(std::string_view key, const std::vector<ContextScalar>& values, bool is_list,
                   std::string* error) const;
  Context::Entry& Next(std::string_view key);

  Context* context_;
  InputLimits limits_;
  size_t count_ = 0;  // keys given (a rewritten context's first entries)
  // The keys' lowercased forms, made once there are more than a few keys
  // (a few are compared in place): each key then costs O(1).
  mutable std::unordered_set<std::string> folded_keys_;
};

}  // namespace iameval

#endif  // IAMEVAL_CONTEXT_READER_H_
