// File: engine/eval_context.cc
//
// Condition-key lookup for one decision. The caller's context always wins;
// otherwise the keys AWS sets on every request are derived from the request
// itself (spec/context.md). Derived values that are not substrings of the
// request (a role session's role ARN, the current time) are formatted into
// fixed buffers on first use, so a decision that never asks for them never
// pays for them, and none of it allocates.

#include "eval_context.h"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace iameval::internal {
namespace {

// Appends `text` to `buffer` (capacity `capacity`), returning false on overflow.
bool Append(char* buffer, size_t capacity, size_t* length, std::string_view text) {
  if (*length + text.size() > capacity) return false;
  std::memcpy(buffer + *length, text.data(), text.size());
  *length += text.size();
  return true;
}

ScalarView StringView(std::string_view text) {
  ScalarView view;
  view.type = ContextScalar::Type::kString;
  view.text = text;
  return view;
}

}  // namespace

KeyValues KeyValues::FromEntry(const Context::Entry& entry) {
  KeyValues values;
  values.present_ = true;
  values.is_list_ = entry.is_list;
  values.list_ = entry.values.data();
  values.count_ = entry.values.size();
  if (values.list_ == nullptr) {
    // An empty list still needs a non-null marker so size() reads 0, not 1.
    static const ContextScalar kNothing;
    values.list_ = &kNothing;
    values.count_ = 0;
  }
  return values;
}

KeyValues KeyValues::Single(ScalarView value) {
  KeyValues values;
  values.present_ = true;
  values.single_ = value;
  return values;
}

ScalarView KeyValues::at(size_t i) const {
  if (list_ == nullptr) return single_;
  const ContextScalar& scalar = list_[i];
  ScalarView view;
  view.type = scalar.type;
  view.text = scalar.text;
  view.number = scalar.number;
  view.boolean = scalar.boolean;
  return view;
}

bool KeyValues::is_null() const {
  if (!present_) return true;
  if (size() == 0) return true;
  return size() == 1 && !is_list_ && at(0).type == ContextScalar::Type::kString &&
         at(0).text.empty();
}

EvalContext::EvalContext(const Request& request, const Caller& caller,
                         std::string_view resource_account) noexcept
    : request_(request), caller_(caller), resource_account_(resource_account) {}

KeyValues EvalContext::Lookup(std::string_view key) const noexcept {
  if (const Context::Entry* entry = request_.context.Find(key)) {
    return KeyValues::FromEntry(*entry);
  }
  return Derived(key);
}

KeyValues EvalContext::Derived(std::string_view key) const noexcept {
  // Only `aws:` keys are derived; everything else comes from the caller.
  if (key.size() < 5 || !EqualsIgnoreCase(key.substr(0, 4), "aws:")) return KeyValues::Absent();
  std::string_view name = key.substr(4);
  const Caller& caller = caller_;
  auto& self = const_cast<EvalContext&>(*this);  // lazily filled caches, one thread

  if (EqualsIgnoreCase(name, "PrincipalArn")) {
    switch (caller.kind) {
      case CallerKind::kUser:
      case CallerKind::kRole:
      case CallerKind::kFederatedUser:
        return KeyValues::Single(StringView(caller.text));
      case CallerKind::kRoleSession:
      case CallerKind::kRoot: {
        // A session reports its role's ARN; the root user its account's root
        // ARN, whether the request named it by ARN or by bare account id.
        if (self.principal_arn_length_ == 0) {
          size_t length = 0;
          std::string_view partition = caller.partition.empty() ? "aws" : caller.partition;
          bool ok = Append(self.principal_arn_, sizeof principal_arn_, &length, "arn:") &&
                    Append(self.principal_arn_, sizeof principal_arn_, &length, partition) &&
                    Append(self.principal_arn_, sizeof principal_arn_, &length, ":iam::") &&
                    Append(self.principal_arn_, sizeof principal_arn_, &length, caller.account);
          if (caller.kind == CallerKind::kRoot) {
            ok = ok && Append(self.principal_arn_, sizeof principal_arn_, &length, ":root");
          } else {
            ok = ok && Append(self.principal_arn_, sizeof principal_arn_, &length, ":role/") &&
                 Append(self.principal_arn_, sizeof principal_arn_, &length, caller.name);
          }
          if (!ok) return KeyValues::Absent();
          self.principal_arn_length_ = length;
        }
        return KeyValues::Single(StringView(std::string_view(principal_arn_, principal_arn_length_)));
      }
      default:
        return KeyValues::Absent();
    }
  }
  if (EqualsIgnoreCase(name, "PrincipalAccount")) {
    if (caller.kind == CallerKind::kAnonymous) return KeyValues::Single(StringView("anonymous"));
    if (caller.has_account() && caller.kind != CallerKind::kIdentityProvider) {
      return KeyValues::Single(StringView(caller.account));
    }
    return KeyValues::Absent();
  }
  if (EqualsIgnoreCase(name, "PrincipalType")) {
    std::string_view type = PrincipalTypeName(caller.kind);
    return type.empty() ? KeyValues::Absent() : KeyValues::Single(StringView(type));
  }
  if (EqualsIgnoreCase(name, "username")) {
    if (caller.kind == CallerKind::kUser) return KeyValues::Single(StringView(caller.name));
    return KeyValues::Absent();
  }
  if (EqualsIgnoreCase(name, "userid")) {
    // Known from the request alone only where AWS builds it from names rather
    // than unique ids (spec/context.md).
    if (caller.kind == CallerKind::kRoot) return KeyValues::Single(StringView(caller.account));
    if (caller.kind == CallerKind::kAnonymous) return KeyValues::Single(StringView("anonymous"));
    if (caller.kind == CallerKind::kFederatedUser) {
      if (self.userid_length_ == 0) {
        size_t length = 0;
        if (!(Append(self.userid_, sizeof userid_, &length, caller.account) &&
              Append(self.userid_, sizeof userid_, &length, ":") &&
              Append(self.userid_, sizeof userid_, &length, caller.name))) {
          return KeyValues::Absent();
        }
        self.userid_length_ = length;
      }
      return KeyValues::Single(StringView(std::string_view(userid_, userid_length_)));
    }
    return KeyValues::Absent();
  }
  if (EqualsIgnoreCase(name, "ResourceAccount")) {
    if (resource_account_.empty()) return KeyValues::Absent();
    return KeyValues::Single(StringView(resource_account_));
  }
  if (EqualsIgnoreCase(name, "PrincipalIsAWSService")) {
    if (caller.kind == CallerKind::kAnonymous) return KeyValues::Absent();
    ScalarView view;
    view.type = ContextScalar::Type::kBool;
    view.boolean = caller.kind == CallerKind::kService;
    view.text = view.boolean ? "true" : "false";
    return KeyValues::Single(view);
  }
  if (EqualsIgnoreCase(name, "PrincipalServiceName")) {
    if (caller.kind == CallerKind::kService) return KeyValues::Single(StringView(caller.text));
    return KeyValues::Absent();
  }
  bool wants_current = EqualsIgnoreCase(name, "CurrentTime");
  bool wants_epoch = !wants_current && EqualsIgnoreCase(name, "EpochTime");
  if (wants_current || wants_epoch) {
    if (self.current_time_length_ == 0) {
      auto now = request_.now ? *request_.now : std::chrono::system_clock::now();
      int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
      std::time_t as_time = static_cast<std::time_t>(seconds);
      std::tm utc{};
      if (gmtime_r(&as_time, &utc) == nullptr) return KeyValues::Absent();
      int written = std::snprintf(self.current_time_, sizeof current_time_,
                                  "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900,
                                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
      if (written <= 0 || static_cast<size_t>(written) >= sizeof current_time_) {
        return KeyValues::Absent();
      }
      self.current_time_length_ = static_cast<size_t>(written);
      auto result = std::to_chars(self.epoch_time_, self.epoch_time_ + sizeof epoch_time_, seconds);
      self.epoch_time_length_ = static_cast<size_t>(result.ptr - self.epoch_time_);
      self.epoch_seconds_ = static_cast<double>(seconds);
    }
    if (wants_current) {
      return KeyValues::Single(StringView(std::string_view(current_time_, current_time_length_)));
    }
    ScalarView view;
    view.type = ContextScalar::Type::kNumber;
    view.number = epoch_seconds_;
    view.text = std::string_view(epoch_time_, epoch_time_length_);
    return KeyValues::Single(view);
  }
  return KeyValues::Absent();
}

}  // namespace iameval::internal
