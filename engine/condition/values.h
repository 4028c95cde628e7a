// File: engine/condition/values.h
//
// Typed readers for the values condition operators compare: numbers,
// instants, IP addresses and CIDR ranges, base64 binary and booleans. The
// same readers serve both sides: policy values once, when a policy is
// compiled, and request values on every decision. So every reader is
// noexcept, allocation-free (except DecodeBase64, a compile-time helper), and
// answers "unreadable" by returning false, never by throwing.
//
// The accepted lexical forms are decisions.md §22-§25 and §27:
//
//   number    -12, 0.5, 1e3, 1.5E-2          (JSON number grammar; no `+`,
//                                            hex, inf or nan; §23)
//   instant   2024, 2024-05, 2024-05-17, 2024-05-17T10:30,
//             2024-05-17T10:30:15, 2024-05-17T10:30:15.123456789 with `Z`,
//             `z`, `+02:00`, `-0530` or no zone (UTC), `T` or `t`;
//             1700000000 (epoch seconds)   (§22)
//   address   203.0.113.7, 2001:db8::1, ::ffff:203.0.113.7
//   network   203.0.113.0/24, 2001:db8::/32, or a bare address (/32, /128)
//   base64    standard alphabet, padded, no whitespace (§27)
//   bool      true / false in any letter case (§25)

#ifndef IAMEVAL_ENGINE_VALUES_H_
#define IAMEVAL_ENGINE_VALUES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace iameval::internal {

// ---- numbers ---------------------------------------------------------------

// Reads a number in JSON number grammar (an optional `-`, digits, an optional
// fraction, an optional exponent) as the nearest IEEE double. Values outside
// the double range are unreadable.
bool ReadNumber(std::string_view text, double* out) noexcept;

// ---- instants --------------------------------------------------------------

// A point in time, exact to the nanosecond: seconds since
// 1970-01-01T00:00:00Z and a non-negative nanosecond part.
struct Instant {
  int64_t seconds = 0;
  int32_t nanos = 0;  // 0 .. 999'999'999

  friend bool operator==(const Instant& a, const Instant& b) {
    return a.seconds == b.seconds && a.nanos == b.nanos;
  }
  friend bool operator!=(const Instant& a, const Instant& b) { return !(a == b); }
  friend bool operator<(const Instant& a, const Instant& b) {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.nanos < b.nanos;
  }
  friend bool operator>(const Instant& a, const Instant& b) { return b < a; }
  friend bool operator<=(const Instant& a, const Instant& b) { return !(b < a); }
  friend bool operator>=(const Instant& a, const Instant& b) { return !(a < b); }
};

// Reads every form of decisions.md §22. Exactly four digits are a year
// (`2024` is 2024-01-01T00:00:00Z); any other run of digits is epoch seconds.
// Partial dates mean the first instant of their period.
bool ReadInstant(std::string_view text, Instant* out) noexcept;

// Reads non-negative integer epoch seconds (digits only). For JSON numbers in
// a policy and numeric request values, where `2024` means a second, not a year.
bool ReadEpochSeconds(std::string_view text, Instant* out) noexcept;

// Epoch seconds given as a double (a numeric request value). Fractions are
// kept to the nanosecond; NaN, infinities and out-of-range values are
// unreadable.
bool InstantFromEpochNumber(double seconds, Instant* out) noexcept;

// ---- IP addresses ----------------------------------------------------------

// An IPv4 or IPv6 address as 128 bits. IPv4 addresses occupy the low 32 bits
// and are told apart by `is_v6`: the two families never match each other, so
// an IPv4-mapped IPv6 address (::ffff:203.0.113.7) is not 203.0.113.7.
struct IpAddress {
  bool is_v6 = false;
  uint64_t high = 0;  // bits 127..64 (always 0 for IPv4)
  uint64_t low = 0;   // bits 63..0
};

// A CIDR range, stored with its host bits cleared.
struct IpNetwork {
  IpAddress base;
  int prefix_length = 0;  // 0..32 for IPv4, 0..128 for IPv6

  // True when `address` is of the same family and inside the range.
  bool Contains(const IpAddress& address) const noexcept;
};

// Reads a dotted-quad IPv4 address (decimal, no leading zeros) or an IPv6
// address in any RFC 4291 text form, including `::` and an IPv4 tail. Zone
// ids (`%eth0`) are not accepted.
bool ReadIpAddress(std::string_view text, IpAddress* out) noexcept;

// Reads `address/prefix` or a bare address (a /32 or /128). Host bits after
// the prefix are cleared; `host_bits_set` (may be null) says whether there
// were any, so the policy side can warn.
bool ReadIpNetwork(std::string_view text, IpNetwork* out, bool* host_bits_set) noexcept;

// ---- base64 ----------------------------------------------------------------

// Decodes standard, padded base64 into `out`. For policy values, at compile
// time: it allocates.
bool DecodeBase64(std::string_view text, std::string* out);

// Decides, without allocating, whether `text` decodes to exactly `bytes`.
// Returns false when `text` is not valid base64; `*equal` is then unchanged.
bool Base64DecodesTo(std::string_view text, std::string_view bytes, bool* equal) noexcept;

// ---- booleans --------------------------------------------------------------

// Reads `true` or `false` in any letter case.
bool ReadBool(std::string_view text, bool* out) noexcept;

}  // namespace iameval::internal

#endif  // IAMEVAL_ENGINE_VALUES_H_
