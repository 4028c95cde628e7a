// File: engine/base/request.cc
//
// The request's condition-key Context: a small vector of entries, searched
// linearly ignoring case. Requests carry a handful of keys, so a scan beats
// any hashing, and lookups never allocate.

#include "iameval/request.h"

#include <charconv>
#include <cmath>

#include "base/ascii.h"

namespace iameval {
namespace {

ContextScalar StringScalar(std::string_view value) {
  ContextScalar scalar;
  scalar.type = ContextScalar::Type::kString;
  scalar.text.assign(value.data(), value.size());
  return scalar;
}

ContextScalar NumberScalar(double value) {
  ContextScalar scalar;
  scalar.type = ContextScalar::Type::kNumber;
  scalar.number = value;
  char buffer[64];
  std::to_chars_result result;
  // Integral values print without an exponent or fraction, as a person
  // would write them; others in the shortest form that reads back exactly.
  if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 1e18) {
    result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<int64_t>(value));
  } else {
    result = std::to_chars(buffer, buffer + sizeof buffer, value);
  }
  scalar.text.assign(buffer, result.ptr);
  return scalar;
}

ContextScalar BoolScalar(bool value) {
  ContextScalar scalar;
  scalar.type = ContextScalar::Type::kBool;
  scalar.boolean = value;
  scalar.text = value ? "true" : "false";
  return scalar;
}

}  // namespace

Context::Entry& Context::Append(std::string_view key) {
  entries_.emplace_back();
  entries_.back().key.assign(key.data(), key.size());
  return entries_.back();
}

Context::Entry& Context::Slot(std::string_view key) {
  for (Entry& entry : entries_) {
    if (internal::EqualsIgnoreCase(entry.key, key)) {
      entry.key.assign(key.data(), key.size());
      entry.values.clear();
      entry.is_list = false;
      return entry;
    }
  }
  entries_.emplace_back();
  entries_.back().key.assign(key.data(), key.size());
  return entries_.back();
}

Context& Context::Set(std::string_view key, std::string_view value) {
  Slot(key).values.push_back(StringScalar(value));
  return *this;
}

Context& Context::Set(std::string_view key, const char* value) {
  return Set(key, std::string_view(value ? value : ""));
}

Context& Context::Set(std::string_view key, bool value) {
  Slot(key).values.push_back(BoolScalar(value));
  return *this;
}

Context& Context::Set(std::string_view key, int value) {
  return Set(key, static_cast<double>(value));
}

Context& Context::Set(std::string_view key, int64_t value) {
  ContextScalar scalar = NumberScalar(static_cast<double>(value));
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  scalar.text.assign(buffer, result.ptr);  // exact, even beyond 2^53
  Slot(key).values.push_back(std::move(scalar));
  return *this;
}

Context& Context::Set(std::string_view key, double value) {
  Slot(key).values.push_back(NumberScalar(value));
  return *this;
}

Context& Context::Set(std::string_view key, ContextScalar value) {
  Slot(key).values.push_back(std::move(value));
  return *this;
}

Context& Context::SetList(std::string_view key, std::initializer_list<std::string_view> values) {
  Entry& entry = Slot(key);
  entry.is_list = true;
  for (std::string_view value : values) entry.values.push_back(StringScalar(value));
  return *this;
}

Context& Context::SetList(std::string_view key, const std::vector<std::string>& values) {
  Entry& entry = Slot(key);
  entry.is_list = true;
  for (const std::string& value : values) entry.values.push_back(StringScalar(value));
  return *this;
}

Context& Context::SetList(std::string_view key, std::vector<ContextScalar> values) {
  Entry& entry = Slot(key);
  entry.is_list = true;
  entry.values = std::move(values);
  return *this;
}

Context& Context::Remove(std::string_view key) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (internal::EqualsIgnoreCase(it->key, key)) {
      entries_.erase(it);
      break;
    }
  }
  return *this;
}

const Context::Entry* Context::Find(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (internal::EqualsIgnoreCase(entry.key, key)) return &entry;
  }
  return nullptr;
}

}  // namespace iameval
