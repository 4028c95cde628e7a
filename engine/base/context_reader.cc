// File: engine/base/context_reader.cc
//
// ContextReader (iameval/context_reader.h): the bindings' one rule for
// context keys, with a hash set of the keys' lowercased forms so that a
// duplicate is found in O(1) whatever the number of keys.

#include "iameval/context_reader.h"

#include <algorithm>
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

namespace {
// Contexts up to this many keys are searched in place, without a hash set.
constexpr size_t kScannedKeys = 16;
}  // namespace

ContextReader::ContextReader(Context* context, const InputLimits& limits)
    : context_(context), limits_(limits), count_(context->entries().size()) {}

bool ContextReader::CheckKey(std::string_view key, std::string* error) const {
  if (count_ >= limits_.max_context_keys) {
    *error = "request field `context` has more than " + WithThousands(limits_.max_context_keys) +
             " keys, the limit";
    return false;
  }
  const std::vector<Context::Entry>& entries = context_->entries();
  bool given = false;
  if (count_ <= kScannedKeys) {
    for (size_t i = 0; i < count_ && !given; ++i) {
      given = internal::EqualsIgnoreCase(entries[i].key, key);
    }
  } else {
    if (folded_keys_.empty()) {
      for (size_t i = 0; i < count_; ++i) folded_keys_.insert(internal::LowerAscii(entries[i].key));
    }
    given = folded_keys_.count(internal::LowerAscii(key)) != 0;
  }
  if (given) {
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

bool ContextReader::CheckValues(std::string_view key, const std::vector<ContextScalar>& values,
                                bool is_list, std::string* error) const {
  if (is_list && !CheckListSize(key, values.size(), error)) return false;
  for (const ContextScalar& value : values) {
    if (!CheckValueBytes(key, value.text.size(), error)) return false;
  }
  return true;
}

Context::Entry& ContextReader::Next(std::string_view key) {
  if (!folded_keys_.empty()) folded_keys_.insert(internal::LowerAscii(key));
  std::vector<Context::Entry>& entries = context_->entries_;
  if (count_ == entries.size()) {
    ++count_;
    return context_->Append(key);
  }
  Context::Entry& entry = entries[count_++];  // a rewritten context's old entry
  entry.key.assign(key.data(), key.size());
  return entry;
}

bool ContextReader::Add(std::string_view key, ContextScalar value, std::string* error) {
  if (!CheckKey(key, error) || !CheckValueBytes(key, value.text.size(), error)) return false;
  Context::Entry& entry = Next(key);
  entry.is_list = false;
  entry.values.clear();
  entry.values.push_back(std::move(value));
  return true;
}

bool ContextReader::AddList(std::string_view key, std::vector<ContextScalar> values,
                            std::string* error) {
  return Put(key, &values, /*is_list=*/true, error);
}

bool ContextReader::AddString(std::string_view key, std::string_view value, std::string* error) {
  if (!CheckValueBytes(key, value.size(), error)) return false;  // before copying it
  return Add(key, ContextScalar::String(value), error);
}

void ContextReader::Reserve(size_t keys) {
  const size_t room = limits_.max_context_keys > count_ ? limits_.max_context_keys - count_ : 0;
  context_->entries_.reserve(count_ + std::min(keys, room));
}

void ContextReader::Rewrite() {
  count_ = 0;
  folded_keys_.clear();
}

bool ContextReader::Put(std::string_view key, std::vector<ContextScalar>* values, bool is_list,
                        std::string* error) {
  if (!CheckKey(key, error) || !CheckValues(key, *values, is_list, error)) return false;
  Context::Entry& entry = Next(key);
  entry.is_list = is_list;
  entry.values.swap(*values);
  return true;
}

void ContextReader::Finish() {
  context_->entries_.resize(count_);
  context_->Reindex();  // keys were rewritten in place, past the index's knowledge
}

bool ContextReader::Replace(size_t index, std::vector<ContextScalar>* values, bool is_list,
                            std::string* error) {
  if (index >= count_) return false;
  Context::Entry& entry = context_->entries_[index];
  if (!CheckValues(entry.key, *values, is_list, error)) return false;
  entry.is_list = is_list;
  entry.values.swap(*values);
  return true;
}

}  // namespace iameval
