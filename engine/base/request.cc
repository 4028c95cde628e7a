// File: engine/base/request.cc
//
// The request's condition-key Context: a vector of entries, searched
// linearly ignoring case while there are few (a scan beats hashing a
// handful of keys), and through an index filed by KeyHash once there are
// more than kIndexedAbove, so that no lookup grows with the keys. Lookups
// never allocate.

#include "iameval/request.h"

#include <charconv>
#include <cmath>

#include "base/ascii.h"
#include "base/key_hash.h"

namespace iameval {
ContextScalar ContextScalar::String(std::string_view value) {
  ContextScalar scalar;
  scalar.type = Type::kString;
  scalar.text.assign(value.data(), value.size());
  return scalar;
}

ContextScalar ContextScalar::Number(double value) {
  ContextScalar scalar;
  scalar.type = Type::kNumber;
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

ContextScalar ContextScalar::Integer(int64_t value) {
  ContextScalar scalar = Number(static_cast<double>(value));
  char buffer[32];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  scalar.text.assign(buffer, result.ptr);
  return scalar;
}

ContextScalar ContextScalar::Bool(bool value) {
  ContextScalar scalar;
  scalar.type = Type::kBool;
  scalar.boolean = value;
  scalar.text = value ? "true" : "false";
  return scalar;
}

Context::Entry& Context::Append(std::string_view key) {
  entries_.emplace_back();
  entries_.back().key.assign(key.data(), key.size());
  const size_t count = entries_.size();
  if (count > kIndexedAbove) {
    if (2 * count > index_.size()) {
      Reindex();  // at most half full, so probes stay short
    } else {
      const uint32_t hash = internal::KeyHash(key);
      const size_t mask = index_.size() - 1;
      size_t slot = hash & mask;
      while (index_[slot].entry != 0) slot = (slot + 1) & mask;
      index_[slot] = {hash, static_cast<uint32_t>(count)};
    }
  }
  return entries_.back();
}

void Context::Reindex() {
  index_.clear();
  const size_t count = entries_.size();
  if (count <= kIndexedAbove) {
    index_.shrink_to_fit();
    return;
  }
  size_t slots = 64;
  while (slots < 4 * count) slots *= 2;  // a quarter full: room to grow
  index_.resize(slots);
  const size_t mask = slots - 1;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t hash = internal::KeyHash(entries_[i].key);
    size_t slot = hash & mask;
    while (index_[slot].entry != 0) slot = (slot + 1) & mask;
    index_[slot] = {hash, static_cast<uint32_t>(i + 1)};
  }
}

Context::Entry* Context::FindMutable(std::string_view key) {
  if (index_.empty()) {
    for (Entry& entry : entries_) {
      if (internal::EqualsIgnoreCase(entry.key, key)) return &entry;
    }
    return nullptr;
  }
  const uint32_t hash = internal::KeyHash(key);
  const size_t mask = index_.size() - 1;
  for (size_t slot = hash & mask; index_[slot].entry != 0; slot = (slot + 1) & mask) {
    if (index_[slot].hash != hash) continue;
    Entry& entry = entries_[index_[slot].entry - 1];
    if (internal::EqualsIgnoreCase(entry.key, key)) return &entry;
  }
  return nullptr;
}

Context::Entry& Context::Slot(std::string_view key) {
  if (Entry* entry = FindMutable(key)) {
    // The same key ignoring case, so the same hash: the index stays right.
    entry->key.assign(key.data(), key.size());
    entry->values.clear();
    entry->is_list = false;
    return *entry;
  }
  return Append(key);
}

Context& Context::Set(std::string_view key, std::string_view value) {
  Slot(key).values.push_back(ContextScalar::String(value));
  return *this;
}

Context& Context::Set(std::string_view key, const char* value) {
  return Set(key, std::string_view(value ? value : ""));
}

Context& Context::Set(std::string_view key, bool value) {
  Slot(key).values.push_back(ContextScalar::Bool(value));
  return *this;
}

Context& Context::Set(std::string_view key, int value) {
  return Set(key, static_cast<double>(value));
}

Context& Context::Set(std::string_view key, int64_t value) {
  Slot(key).values.push_back(ContextScalar::Integer(value));
  return *this;
}

Context& Context::Set(std::string_view key, double value) {
  Slot(key).values.push_back(ContextScalar::Number(value));
  return *this;
}

Context& Context::Set(std::string_view key, ContextScalar value) {
  Slot(key).values.push_back(std::move(value));
  return *this;
}

Context& Context::SetList(std::string_view key, std::initializer_list<std::string_view> values) {
  Entry& entry = Slot(key);
  entry.is_list = true;
  for (std::string_view value : values) entry.values.push_back(ContextScalar::String(value));
  return *this;
}

Context& Context::SetList(std::string_view key, const std::vector<std::string>& values) {
  Entry& entry = Slot(key);
  entry.is_list = true;
  for (const std::string& value : values) entry.values.push_back(ContextScalar::String(value));
  return *this;
}

Context& Context::SetList(std::string_view key, std::vector<ContextScalar> values) {
  Entry& entry = Slot(key);
  entry.is_list = true;
  entry.values = std::move(values);
  return *this;
}

Context& Context::Remove(std::string_view key) {
  if (const Entry* entry = FindMutable(key)) {
    entries_.erase(entries_.begin() + (entry - entries_.data()));
    Reindex();  // the entries after it moved
  }
  return *this;
}

const Context::Entry* Context::Find(std::string_view key) const {
  return const_cast<Context*>(this)->FindMutable(key);
}

}  // namespace iameval
