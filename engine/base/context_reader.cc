// File: engine/base/context_reader.cc
//
// ContextReader (iameval/context_reader.h): the bindings' one rule for
// context keys, with a hash set of the keys' lowercased forms so that a
// duplicate is found in O(1) whatever the number of keys.

#include "iameval/context_reader.h"

#include <limits>
#include <utility>

#include "base/ascii.h"
#include "base/message_text.h"

namespace iameval {

using internal::Quote;
// 10000 as "10,000", as the limits are written in SECURITY.md.
using internal::WithThousands;

InputLimits InputLimits::Unbounded() {
  constexpr size_t kAny = std::numeric_limits<size_t>::max();
  InputLimits limits;
  limits.max_input_bytes = kAny;
  limits.max_context_keys = kAny;
  limits.max_context_values = kAny;
  limits.max_context_value_bytes = kAny;
  return limits;
}

std::string InputTooLongError(std::string_view what, const InputLimits& limits) {
  return std::string(what) + " is longer than " + WithThousands(limits.max_input_bytes) +
         " bytes, the limit";
}

ContextReader::ContextReader(Context* context, const InputLimits& limits)
    : context_(context), limits_(limits) {
  for (const Context::Entry& entry : context_->entries()) {
    folded_keys_.insert(internal::LowerAscii(entry.key));
  }
}

bool ContextReader::CheckKey(std::string_view key, std::string* error) const {
  if (folded_keys_.size() >= limits_.max_context_keys) {
    *error = "request field `context` has more than " + WithThousands(limits_.max_context_keys) +
             " keys, the limit";
    return false;
  }
  if (folded_keys_.count(internal::LowerAscii(key)) != 0) {
    *error = "duplicate context key " + Quote(key) + " (keys compare ignoring case)";
    return false;
  }
  return true;
}

bool ContextReader::CheckValueBytes(std::string_view key, size_t bytes, std::string* error) const {
  if (bytes <= limits_.max_context_value_bytes) return true;
  *error = "context key " + Quote(key) + " holds a value longer than " +
           WithThousands(limits_.max_context_value_bytes) + " bytes, the limit";
  return false;
}

bool ContextReader::CheckListSize(std::string_view key, size_t count, std::string* error) const {
  if (count <= limits_.max_context_values) return true;
  *error = "context key " + Quote(key) + " holds more than " +
           WithThousands(limits_.max_context_values) + " values, the limit";
  return false;
}

bool ContextReader::Add(std::string_view key, ContextScalar value, std::string* error) {
  if (!CheckKey(key, error) || !CheckValueBytes(key, value.text.size(), error)) return false;
  folded_keys_.insert(internal::LowerAscii(key));
  context_->Append(key).values.push_back(std::move(value));
  return true;
}

bool ContextReader::AddList(std::string_view key, std::vector<ContextScalar> values,
                            std::string* error) {
  if (!CheckKey(key, error) || !CheckListSize(key, values.size(), error)) return false;
  for (const ContextScalar& value : values) {
    if (!CheckValueBytes(key, value.text.size(), error)) return false;
  }
  folded_keys_.insert(internal::LowerAscii(key));
  Context::Entry& entry = context_->Append(key);
  entry.is_list = true;
  entry.values = std::move(values);
  return true;
}

bool ContextReader::AddString(std::string_view key, std::string_view value, std::string* error) {
  if (!CheckValueBytes(key, value.size(), error)) return false;  // before copying it
  ContextScalar scalar;
  scalar.type = ContextScalar::Type::kString;
  scalar.text.assign(value.data(), value.size());
  return Add(key, std::move(scalar), error);
}

}  // namespace iameval
