// File: engine/condition/eval_context.cc
//
// Condition-key lookup for one decision. The caller's context always wins;
// otherwise the keys AWS sets on every request are derived from the request
// itself (spec/context.md). Derived values that are not substrings of the
// request (a role session's role ARN, the current time) are formatted into
// fixed buffers on first use, so a decision that never asks for them never
// pays for them, and none of it allocates. The caller's entries are found
// through the index the request's Context keeps (eval_context.h).

#include "condition/eval_context.h"

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

const ContextScalar KeyValues::kNothing;

DerivedKey DerivedKeyOf(std::string_view key) noexcept {
  // Only `aws:` keys are derived; everything else comes from the caller.
  if (key.size() < 5 || !EqualsIgnoreCase(key.substr(0, 4), "aws:")) return DerivedKey::kNone;
  static constexpr struct {
    std::string_view name;
    DerivedKey id;
  } kDerived[] = {
      {"PrincipalArn", DerivedKey::kPrincipalArn},
      {"PrincipalAccount", DerivedKey::kPrincipalAccount},
      {"PrincipalType", DerivedKey::kPrincipalType},
      {"username", DerivedKey::kUsername},
      {"userid", DerivedKey::kUserid},
      {"ResourceAccount", DerivedKey::kResourceAccount},
      {"PrincipalIsAWSService", DerivedKey::kPrincipalIsAWSService},
      {"PrincipalServiceName", DerivedKey::kPrincipalServiceName},
      {"CurrentTime", DerivedKey::kCurrentTime},
      {"EpochTime", DerivedKey::kEpochTime},
  };
  const std::string_view name = key.substr(4);
  for (const auto& derived : kDerived) {
    if (EqualsIgnoreCase(name, derived.name)) return derived.id;
  }
  return DerivedKey::kNone;
}

ConditionKey ConditionKey::Make(std::string_view key) {
  ConditionKey made;
  made.name.assign(key.data(), key.size());
  for (char& c : made.name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  made.hash = KeyHash(made.name);
  made.derived = DerivedKeyOf(made.name);
  const size_t n = made.name.size();
  if (n >= 8 && n <= 8 * ConditionKey::kMaxWords) {
    // Words at 0, 8, ... and the last eight bytes (overlapping when n is no
    // multiple of 8), as KeyMatches reads the context key.
    const size_t count = (n + 7) / 8;
    made.word_count = static_cast<uint8_t>(count);
    for (size_t i = 0; i < count; ++i) {
      const size_t offset = i + 1 < count ? 8 * i : n - 8;
      made.words[i] = LoadWord(made.name.data() + offset);
      // The mask is built in memory order, like the words, so the byte
      // order of the machine does not matter.
      char letters[8];
      for (size_t b = 0; b < 8; ++b) {
        const char c = made.name[offset + b];
        letters[b] = (c >= 'a' && c <= 'z') ? 0x20 : 0;
      }
      made.masks[i] = LoadWord(letters);
    }
  }
  return made;
}

EvalContext::EvalContext(const Request& request, const Caller& caller,
                         std::string_view resource_account) noexcept
    : request_(request), caller_(caller), resource_account_(resource_account) {}

KeyValues EvalContext::Derived(DerivedKey key) const noexcept {
  const Caller& caller = caller_;
  switch (key) {
    case DerivedKey::kNone:
      return KeyValues::Absent();
    case DerivedKey::kPrincipalArn:
      switch (caller.kind) {
        case CallerKind::kUser:
        case CallerKind::kRole:
        case CallerKind::kFederatedUser:
          return KeyValues::Single(StringView(caller.text));
        case CallerKind::kRoleSession:
        case CallerKind::kRoot: {
          // A session reports its role's ARN, path included when the request
          // states it (checked against the session by ReadDecisionFacts); the
          // root user its account's root ARN, whether the request named it by
          // ARN or by bare account id.
          if (caller.kind == CallerKind::kRoleSession) {
            if (!request_.principal_role_arn.empty()) {
              return KeyValues::Single(StringView(request_.principal_role_arn));
            }
            derived_pathless_role_arn_ = true;
          }
          if (principal_arn_length_ == 0) {
            size_t length = 0;
            std::string_view partition = caller.partition.empty() ? "aws" : caller.partition;
            bool ok = Append(principal_arn_, sizeof principal_arn_, &length, "arn:") &&
                      Append(principal_arn_, sizeof principal_arn_, &length, partition) &&
                      Append(principal_arn_, sizeof principal_arn_, &length, ":iam::") &&
                      Append(principal_arn_, sizeof principal_arn_, &length, caller.account);
            if (caller.kind == CallerKind::kRoot) {
              ok = ok && Append(principal_arn_, sizeof principal_arn_, &length, ":root");
            } else {
              ok = ok && Append(principal_arn_, sizeof principal_arn_, &length, ":role/") &&
                   Append(principal_arn_, sizeof principal_arn_, &length, caller.name);
            }
            if (!ok) return KeyValues::Absent();
            principal_arn_length_ = length;
          }
          return KeyValues::Single(
              StringView(std::string_view(principal_arn_, principal_arn_length_)));
        }
        default:
          return KeyValues::Absent();
      }
    case DerivedKey::kPrincipalAccount:
      if (caller.kind == CallerKind::kAnonymous) return KeyValues::Single(StringView("anonymous"));
      if (caller.has_account() && caller.kind != CallerKind::kIdentityProvider) {
        return KeyValues::Single(StringView(caller.account));
      }
      return KeyValues::Absent();
    case DerivedKey::kPrincipalType: {
      std::string_view type = PrincipalTypeName(caller.kind);
      return type.empty() ? KeyValues::Absent() : KeyValues::Single(StringView(type));
    }
    case DerivedKey::kUsername:
      if (caller.kind == CallerKind::kUser) return KeyValues::Single(StringView(caller.name));
      return KeyValues::Absent();
    case DerivedKey::kUserid:
      // Known from the request alone only where AWS builds it from names rather
      // than unique ids (spec/context.md).
      if (caller.kind == CallerKind::kRoot) return KeyValues::Single(StringView(caller.account));
      if (caller.kind == CallerKind::kAnonymous) return KeyValues::Single(StringView("anonymous"));
      if (caller.kind == CallerKind::kFederatedUser) {
        if (userid_length_ == 0) {
          size_t length = 0;
          if (!(Append(userid_, sizeof userid_, &length, caller.account) &&
                Append(userid_, sizeof userid_, &length, ":") &&
                Append(userid_, sizeof userid_, &length, caller.name))) {
            return KeyValues::Absent();
          }
          userid_length_ = length;
        }
        return KeyValues::Single(StringView(std::string_view(userid_, userid_length_)));
      }
      return KeyValues::Absent();
    case DerivedKey::kResourceAccount:
      if (resource_account_.empty()) return KeyValues::Absent();
      return KeyValues::Single(StringView(resource_account_));
    case DerivedKey::kPrincipalIsAWSService: {
      if (caller.kind == CallerKind::kAnonymous) return KeyValues::Absent();
      ScalarView view;
      view.type = ContextScalar::Type::kBool;
      view.boolean = caller.kind == CallerKind::kService;
      view.text = view.boolean ? "true" : "false";
      return KeyValues::Single(view);
    }
    case DerivedKey::kPrincipalServiceName:
      if (caller.kind == CallerKind::kService) return KeyValues::Single(StringView(caller.text));
      return KeyValues::Absent();
    case DerivedKey::kCurrentTime:
    case DerivedKey::kEpochTime:
      break;
  }

  if (current_time_length_ == 0 && !FormatNow()) return KeyValues::Absent();
  ScalarView view;
  if (key == DerivedKey::kCurrentTime) {
    view.type = ContextScalar::Type::kString;
    view.text = std::string_view(current_time_, current_time_length_);
  } else {
    view.type = ContextScalar::Type::kNumber;
    view.number = epoch_seconds_;
    if (epoch_time_length_ == 0) {  // written on first use: most policies read the time only
      auto result = std::to_chars(epoch_time_, epoch_time_ + sizeof epoch_time_, now_seconds_);
      epoch_time_length_ = static_cast<size_t>(result.ptr - epoch_time_);
    }
    view.text = std::string_view(epoch_time_, epoch_time_length_);
  }
  if (now_in_fast_range_) {
    // What ReadInstant reads from the text and InstantFromEpochNumber from
    // the number (eval_context_test.cc checks both).
    view.has_instant = true;
    view.instant.seconds = now_seconds_;
    view.instant.nanos = 0;
  }
  return KeyValues::Single(view);
}

bool EvalContext::FormatNow() const noexcept {
  auto now = request_.now ? *request_.now : std::chrono::system_clock::now();
  const int64_t seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  // 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z: four-digit years, and
  // epoch seconds that are exact doubles.
  constexpr int64_t kLastFastSecond = 253402300799;
  if (seconds >= 0 && seconds <= kLastFastSecond) {
    // The civil date of the day (Howard Hinnant's days-to-civil algorithm,
    // for days >= 0), then the text digit by digit.
    const int64_t days = seconds / 86400;
    const int64_t in_day = seconds % 86400;
    const int64_t z = days + 719468;
    const int64_t era = z / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t day = doy - (153 * mp + 2) / 5 + 1;
    const int64_t month = mp < 10 ? mp + 3 : mp - 9;
    const int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char* out = current_time_;
    auto two = [&out](int64_t value) {
      *out++ = static_cast<char>('0' + value / 10);
      *out++ = static_cast<char>('0' + value % 10);
    };
    two(year / 100);
    two(year % 100);
    *out++ = '-';
    two(month);
    *out++ = '-';
    two(day);
    *out++ = 'T';
    two(in_day / 3600);
    *out++ = ':';
    two(in_day / 60 % 60);
    *out++ = ':';
    two(in_day % 60);
    *out++ = 'Z';
    current_time_length_ = static_cast<size_t>(out - current_time_);
    now_in_fast_range_ = true;
  } else {
    std::time_t as_time = static_cast<std::time_t>(seconds);
    std::tm utc{};
    if (gmtime_r(&as_time, &utc) == nullptr) return false;
    int written = std::snprintf(current_time_, sizeof current_time_,
                                "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900,
                                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
    if (written <= 0 || static_cast<size_t>(written) >= sizeof current_time_) return false;
    current_time_length_ = static_cast<size_t>(written);
  }
  epoch_seconds_ = static_cast<double>(seconds);
  now_seconds_ = seconds;
  return true;
}

}  // namespace iameval::internal
