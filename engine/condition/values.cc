// File: engine/condition/values.cc
//
// The typed value readers of values.h. Each one is a small hand-written
// scanner rather than a library call: the C and C++ library parsers accept
// more than decisions.md allows (leading `+`, `inf`, hex, whitespace,
// locale-dependent separators, octal IPv4 parts), and none of them may
// allocate or throw on the decision path.

#include "condition/values.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace iameval::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` decimal digits at `pos`.
bool ReadFixedDigits(std::string_view text, size_t pos, size_t count, int* out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (!IsDigit(text[i])) return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// ---- numbers ----

// True when `text` is a number in JSON grammar.
bool IsJsonNumber(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  if (i < n && text[i] == '-') ++i;
  if (i == n || !IsDigit(text[i])) return false;
  if (text[i] == '0') {
    ++i;  // JSON allows no leading zeros: "0" but not "012"
  } else {
    while (i < n && IsDigit(text[i])) ++i;
  }
  if (i < n && text[i] == '.') {
    ++i;
    if (i == n || !IsDigit(text[i])) return false;
    while (i < n && IsDigit(text[i])) ++i;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (i == n || !IsDigit(text[i])) return false;
    while (i < n && IsDigit(text[i])) ++i;
  }
  return i == n;
}

// ---- instants ----

// Days from 1970-01-01 to year-month-day in the proleptic Gregorian calendar
// (Howard Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Reads an ISO 8601 date or date-time (not epoch seconds).
bool ReadCalendarInstant(std::string_view text, Instant* out) {
  int year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int64_t nanos = 0;
  int64_t offset_seconds = 0;  // local time minus UTC

  if (!ReadFixedDigits(text, 0, 4, &year)) return false;
  size_t pos = 4;
  auto done = [&]() { return pos == text.size(); };

  if (!done()) {
    if (text[pos] != '-' || !ReadFixedDigits(text, pos + 1, 2, &month)) return false;
    pos += 3;
    if (month < 1 || month > 12) return false;
  }
  if (!done()) {
    if (text[pos] != '-' || !ReadFixedDigits(text, pos + 1, 2, &day)) return false;
    pos += 3;
    if (day < 1 || day > DaysInMonth(year, month)) return false;
  }
  if (!done()) {
    // A time needs a full date before it.
    if (pos != 10 || (text[pos] != 'T' && text[pos] != 't')) return false;
    if (!ReadFixedDigits(text, pos + 1, 2, &hour) || pos + 3 >= text.size() ||
        text[pos + 3] != ':' || !ReadFixedDigits(text, pos + 4, 2, &minute)) {
      return false;
    }
    pos += 6;
    if (hour > 23 || minute > 59) return false;
    if (!done() && text[pos] == ':') {
      if (!ReadFixedDigits(text, pos + 1, 2, &second) || second > 59) return false;
      pos += 3;
      if (!done() && text[pos] == '.') {
        ++pos;
        size_t digits = 0;
        int64_t scale = 100'000'000;
        while (!done() && IsDigit(text[pos])) {
          if (++digits > 9) return false;
          nanos += (text[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
        if (digits == 0) return false;
      }
    }
    if (!done()) {
      const char zone = text[pos];
      if (zone == 'Z' || zone == 'z') {
        ++pos;
      } else if (zone == '+' || zone == '-') {
        int zone_hours = 0, zone_minutes = 0;
        if (!ReadFixedDigits(text, pos + 1, 2, &zone_hours)) return false;
        pos += 3;
        if (!done() && text[pos] == ':') ++pos;  // ±hh:mm or ±hhmm
        if (!ReadFixedDigits(text, pos, 2, &zone_minutes)) return false;
        pos += 2;
        if (zone_hours > 23 || zone_minutes > 59) return false;
        offset_seconds = (zone_hours * 3600 + zone_minutes * 60) * (zone == '-' ? -1 : 1);
      } else {
        return false;
      }
    }
  }
  if (!done()) return false;

  out->seconds =
      DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  out->nanos = static_cast<int32_t>(nanos);
  return true;
}

// ---- IP addresses ----

// Reads a dotted quad into `*out` (host order).
bool ReadIpv4(std::string_view text, uint32_t* out) {
  uint32_t value = 0;
  size_t pos = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (pos >= text.size() || text[pos] != '.') return false;
      ++pos;
    }
    size_t start = pos;
    int octet = 0;
    while (pos < text.size() && IsDigit(text[pos]) && pos - start < 3) {
      octet = octet * 10 + (text[pos] - '0');
      ++pos;
    }
    const size_t length = pos - start;
    // No leading zeros: `010` would read as 8 to some parsers and 10 to others.
    if (length == 0 || octet > 255 || (length > 1 && text[start] == '0')) return false;
    value = (value << 8) | static_cast<uint32_t>(octet);
  }
  if (pos != text.size()) return false;
  *out = value;
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool ReadIpv6(std::string_view text, IpAddress* out) {
  uint16_t groups[8] = {};
  int count = 0;
  int gap_at = -1;  // group index where `::` stands
  size_t pos = 0;
  const size_t n = text.size();

  if (n >= 2 && text[0] == ':' && text[1] == ':') {
    gap_at = 0;
    pos = 2;
  } else if (n >= 1 && text[0] == ':') {
    return false;
  }
  while (pos < n) {
    size_t end = pos;
    while (end < n && text[end] != ':') ++end;
    std::string_view token = text.substr(pos, end - pos);
    if (token.find('.') != std::string_view::npos) {
      // An IPv4 tail: the last 32 bits, and nothing may follow it.
      uint32_t v4 = 0;
      if (end != n || count > 6 || !ReadIpv4(token, &v4)) return false;
      groups[count++] = static_cast<uint16_t>(v4 >> 16);
      groups[count++] = static_cast<uint16_t>(v4 & 0xffff);
      pos = end;
      break;
    }
    if (token.empty() || token.size() > 4 || count == 8) return false;
    int group = 0;
    for (char c : token) {
      const int digit = HexValue(c);
      if (digit < 0) return false;
      group = group * 16 + digit;
    }
    groups[count++] = static_cast<uint16_t>(group);
    pos = end;
    if (pos == n) break;
    ++pos;  // the ':'
    if (pos < n && text[pos] == ':') {
      if (gap_at >= 0) return false;  // a second `::`
      gap_at = count;
      ++pos;
    } else if (pos == n) {
      return false;  // a trailing single ':'
    }
  }
  if (gap_at < 0) {
    if (count != 8) return false;
  } else {
    if (count > 7) return false;
    const int shift = 8 - count;
    for (int i = count - 1; i >= gap_at; --i) groups[i + shift] = groups[i];
    for (int i = gap_at; i < gap_at + shift; ++i) groups[i] = 0;
  }
  out->is_v6 = true;
  out->high = 0;
  out->low = 0;
  for (int i = 0; i < 4; ++i) out->high = (out->high << 16) | groups[i];
  for (int i = 4; i < 8; ++i) out->low = (out->low << 16) | groups[i];
  return true;
}

// The network mask of `prefix_length` bits for the family of `is_v6`.
void NetworkMask(bool is_v6, int prefix_length, uint64_t* high, uint64_t* low) {
  if (!is_v6) {
    *high = 0;
    *low = prefix_length == 0 ? 0 : (0xffffffffull << (32 - prefix_length)) & 0xffffffffull;
    return;
  }
  if (prefix_length <= 64) {
    *high = prefix_length == 0 ? 0 : ~0ull << (64 - prefix_length);
    *low = 0;
  } else {
    *high = ~0ull;
    *low = ~0ull << (128 - prefix_length);
  }
}

// ---- base64 ----

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Validates `text` and returns the decoded length through `*size`.
bool CheckBase64(std::string_view text, size_t* size) {
  if (text.size() % 4 != 0) return false;
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') {
    padding = text.size() >= 2 && text[text.size() - 2] == '=' ? 2 : 1;
  }
  for (size_t i = 0; i < text.size() - padding; ++i) {
    if (Base64Value(text[i]) < 0) return false;
  }
  *size = text.size() / 4 * 3 - padding;
  return true;
}

// Decodes the 4-character group at `text[i]` into up to three bytes.
int DecodeGroup(std::string_view text, size_t i, unsigned char bytes[3]) {
  uint32_t bits = 0;
  int characters = 0;
  for (size_t j = i; j < i + 4; ++j) {
    if (text[j] == '=') break;
    bits = (bits << 6) | static_cast<uint32_t>(Base64Value(text[j]));
    ++characters;
  }
  bits <<= 6 * (4 - characters);
  bytes[0] = static_cast<unsigned char>(bits >> 16);
  bytes[1] = static_cast<unsigned char>(bits >> 8);
  bytes[2] = static_cast<unsigned char>(bits);
  return characters - 1;  // 4 characters carry 3 bytes, 3 carry 2, 2 carry 1
}

}  // namespace

bool ReadNumber(std::string_view text, double* out) noexcept {
  if (!IsJsonNumber(text)) return false;
  double value = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return false;
  *out = value;
  return true;
}

bool ReadEpochSeconds(std::string_view text, Instant* out) noexcept {
  if (!AllDigits(text)) return false;
  int64_t seconds = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return false;
  out->seconds = seconds;
  out->nanos = 0;
  return true;
}

bool InstantFromEpochNumber(double seconds, Instant* out) noexcept {
  // Epoch values are integral seconds (decisions.md §22), as in text.
  if (!std::isfinite(seconds) || seconds < 0 || seconds >= 9.2e18 ||
      std::floor(seconds) != seconds) {
    return false;
  }
  out->seconds = static_cast<int64_t>(seconds);
  out->nanos = 0;
  return true;
}

bool ReadInstant(std::string_view text, Instant* out) noexcept {
  if (AllDigits(text) && text.size() != 4) return ReadEpochSeconds(text, out);
  return ReadCalendarInstant(text, out);
}

bool IpNetwork::Contains(const IpAddress& address) const noexcept {
  if (address.is_v6 != base.is_v6) return false;
  uint64_t mask_high = 0, mask_low = 0;
  NetworkMask(base.is_v6, prefix_length, &mask_high, &mask_low);
  return (address.high & mask_high) == base.high && (address.low & mask_low) == base.low;
}

bool ReadIpAddress(std::string_view text, IpAddress* out) noexcept {
  if (text.find(':') != std::string_view::npos) return ReadIpv6(text, out);
  uint32_t v4 = 0;
  if (!ReadIpv4(text, &v4)) return false;
  out->is_v6 = false;
  out->high = 0;
  out->low = v4;
  return true;
}

bool ReadIpNetwork(std::string_view text, IpNetwork* out, bool* host_bits_set) noexcept {
  const size_t slash = text.find('/');
  IpAddress address;
  if (!ReadIpAddress(text.substr(0, slash), &address)) return false;
  const int max_length = address.is_v6 ? 128 : 32;
  int prefix_length = max_length;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    if (!AllDigits(digits) || digits.size() > 3 || (digits.size() > 1 && digits[0] == '0')) {
      return false;
    }
    prefix_length = 0;
    for (char c : digits) prefix_length = prefix_length * 10 + (c - '0');
    if (prefix_length > max_length) return false;
  }
  uint64_t mask_high = 0, mask_low = 0;
  NetworkMask(address.is_v6, prefix_length, &mask_high, &mask_low);
  if (host_bits_set != nullptr) {
    *host_bits_set = (address.high & ~mask_high) != 0 || (address.low & ~mask_low) != 0;
  }
  out->base.is_v6 = address.is_v6;
  out->base.high = address.high & mask_high;
  out->base.low = address.low & mask_low;
  out->prefix_length = prefix_length;
  return true;
}

bool DecodeBase64(std::string_view text, std::string* out) {
  size_t size = 0;
  if (!CheckBase64(text, &size)) return false;
  out->clear();
  out->reserve(size);
  unsigned char bytes[3];
  for (size_t i = 0; i < text.size(); i += 4) {
    const int count = DecodeGroup(text, i, bytes);
    out->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(count));
  }
  return true;
}

bool Base64DecodesTo(std::string_view text, std::string_view bytes, bool* equal) noexcept {
  size_t size = 0;
  if (!CheckBase64(text, &size)) return false;
  if (size != bytes.size()) {
    *equal = false;
    return true;
  }
  unsigned char decoded[3];
  size_t at = 0;
  for (size_t i = 0; i < text.size(); i += 4) {
    const int count = DecodeGroup(text, i, decoded);
    for (int j = 0; j < count; ++j) {
      if (static_cast<unsigned char>(bytes[at++]) != decoded[j]) {
        *equal = false;
        return true;
      }
    }
  }
  *equal = true;
  return true;
}

bool ReadBool(std::string_view text, bool* out) noexcept {
  auto equals_folded = [](std::string_view a, std::string_view lower) {
    if (a.size() != lower.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
      if (c != lower[i]) return false;
    }
    return true;
  };
  if (equals_folded(text, "true")) {
    *out = true;
    return true;
  }
  if (equals_folded(text, "false")) {
    *out = false;
    return true;
  }
  return false;
}

}  // namespace iameval::internal
