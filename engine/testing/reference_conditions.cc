// File: engine/testing/reference_conditions.cc
//
// NEVER FOR PRODUCTION: conditions and variables for the reference evaluator
// (reference_conditions.h). Written from spec/conditions.md and
// spec/variables.md (their § numbers are cited), for reading, not speed: it
// copies strings and re-reads values for every question.

#include "testing/reference_conditions.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace iameval::testing {
namespace {

using rapidjson::Value;

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// The code points of UTF-8 `text` (a stray byte stands for itself).
std::vector<uint32_t> CodePoints(std::string_view text) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i++]);
    const int extra = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
    uint32_t code = extra == 0 ? lead : lead & (0x3f >> extra);
    for (int k = 0; k < extra && i < text.size() && (text[i] & 0xc0) == 0x80; ++k) {
      code = (code << 6) | (static_cast<unsigned char>(text[i++]) & 0x3f);
    }
    out.push_back(code);
  }
  return out;
}

// decisions.md §26: values that differ beyond ASCII case but might be equal
// under a wider one-to-one case folding: the same number of code points,
// each differing pair ASCII letters of one letter, or two non-ASCII code
// points that are not two different Latin-1 letters, or an ASCII letter and
// one of the code points a wider folding takes to ASCII (K, long s, dotted
// and dotless i).
bool MaybeSameUnderWiderFolding(std::string_view a, std::string_view b) {
  if (SameIgnoringCase(a, b)) return false;
  const std::vector<uint32_t> x = CodePoints(a), y = CodePoints(b);
  if (x.size() != y.size()) return false;
  auto latin1_letter = [](uint32_t c) {
    return c >= 0xc0 && c <= 0xfe && c != 0xd7 && c != 0xf7 && c != 0xdf;
  };
  bool beyond = false;
  for (size_t k = 0; k < x.size(); ++k) {
    if (x[k] == y[k]) continue;
    if (x[k] < 0x80 && y[k] < 0x80) {
      if (std::tolower(static_cast<int>(x[k])) != std::tolower(static_cast<int>(y[k]))) {
        return false;
      }
      continue;
    }
    auto to_ascii = [](uint32_t c) {
      return c == 0x212a || c == 0x17f || c == 0x130 || c == 0x131;
    };
    if ((x[k] < 0x80 && !to_ascii(y[k])) || (y[k] < 0x80 && !to_ascii(x[k]))) return false;
    if (latin1_letter(x[k]) && latin1_letter(y[k]) && (x[k] | 0x20) != (y[k] | 0x20)) {
      return false;
    }
    beyond = true;
  }
  return beyond;
}

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// The shortest text that reads back as the same double (conditions.md §2:
// `10`, `2.5`).
std::string NumberText(const Value& number) {
  if (number.IsInt64()) return std::to_string(number.GetInt64());
  if (number.IsUint64()) return std::to_string(number.GetUint64());
  const double d = number.GetDouble();
  if (d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<int64_t>(d));
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, d);
    if (std::strtod(buffer, nullptr) == d) break;
  }
  return buffer;
}

// ---------------------------------------------------------------------------
// Request values.

// One value of a context key, or of a policy's condition key.
struct Scalar {
  enum class Type { kString, kNumber, kBool } type = Type::kString;
  std::string text;  // the string, a number's shortest text, "true"/"false"
  const Value* json = nullptr;
};

Scalar ReadScalar(const Value& v) {
  Scalar s;
  s.json = &v;
  if (v.IsString()) {
    s.text.assign(v.GetString(), v.GetStringLength());
  } else if (v.IsBool()) {
    s.type = Scalar::Type::kBool;
    s.text = v.GetBool() ? "true" : "false";
  } else if (v.IsNumber()) {
    s.type = Scalar::Type::kNumber;
    s.text = NumberText(v);
  } else {
    throw ReferenceRefused("a value that is neither a string, a number nor a boolean");
  }
  return s;
}

// A key of the request: absent, or present with its values (conditions.md §2).
struct KeyState {
  bool present = false;
  bool list = false;  // given as a list (a multivalued key)
  std::vector<Scalar> values;
  // Null: absent, an empty list, or a single "" (§2, decisions.md §20).
  bool null() const {
    return !present || values.empty() ||
           (!list && values.size() == 1 && values[0].text.empty() &&
            values[0].type == Scalar::Type::kString);
  }
};

const Value* FindKey(const Value* object, std::string_view key) {
  if (object == nullptr || !object->IsObject()) return nullptr;
  for (auto it = object->MemberBegin(); it != object->MemberEnd(); ++it) {
    if (SameIgnoringCase(std::string_view(it->name.GetString(), it->name.GetStringLength()), key)) {
      return &it->value;
    }
  }
  return nullptr;
}

// The context's value wins; else the derived one; else the key is absent
// (spec/context.md).
KeyState LookUp(const ReferenceKeys& keys, std::string_view key) {
  KeyState state;
  const Value* value = FindKey(keys.context, key);
  if (value == nullptr) value = FindKey(keys.derived, key);
  if (value == nullptr) return state;
  if (value->IsNull()) {  // derived, but not in a way the reference will guess
    throw ReferenceRefused("the reference does not derive `" + std::string(key) +
                           "` for this request");
  }
  state.present = true;
  if (value->IsArray()) {
    state.list = true;
    for (const Value& v : value->GetArray()) state.values.push_back(ReadScalar(v));
  } else {
    state.values.push_back(ReadScalar(*value));
  }
  return state;
}

// ---------------------------------------------------------------------------
// Readers, one per family; nullopt when the text is not of the type.

// Numbers (decisions.md §23): optional `-`, digits without a leading zero,
// optional fraction, optional exponent: JSON's grammar.
std::optional<double> ReadNumber(const Scalar& s) {
  if (s.type == Scalar::Type::kBool) return std::nullopt;
  if (s.type == Scalar::Type::kNumber) return s.json->GetDouble();
  const std::string& t = s.text;
  size_t i = 0;
  if (i < t.size() && t[i] == '-') ++i;
  const size_t digits = i;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
  if (i == digits) return std::nullopt;
  if (t[digits] == '0' && i - digits > 1) return std::nullopt;  // JSON: "0", never "050"
  if (i < t.size() && t[i] == '.') {
    const size_t fraction = ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == fraction) return std::nullopt;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    const size_t exponent = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == exponent) return std::nullopt;
  }
  if (i != t.size()) return std::nullopt;
  const double d = std::strtod(t.c_str(), nullptr);
  if (!std::isfinite(d)) throw ReferenceRefused("a number out of the double range");
  return d;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar: whole
// 400-year eras of 146,097 days, then the days of the era counted from March
// (so the leap day ends a year).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t day_of_year = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int64_t m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// An instant: seconds since the epoch and nanoseconds (decisions.md §22).
using Instant = std::pair<int64_t, int64_t>;

std::optional<int64_t> Digits(std::string_view t, size_t at, size_t count) {
  if (at + count > t.size()) return std::nullopt;
  int64_t n = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
    n = n * 10 + (t[i] - '0');
  }
  return n;
}

std::optional<Instant> ReadDate(const Scalar& s) {
  if (s.type == Scalar::Type::kBool) return std::nullopt;
  if (s.type == Scalar::Type::kNumber) {  // any JSON number is epoch seconds
    if (!s.json->IsInt64()) throw ReferenceRefused("a fractional epoch time");
    return Instant{s.json->GetInt64(), 0};
  }
  const std::string_view t = s.text;
  if (AllDigits(t) && t.size() != 4) {  // epoch seconds, never milliseconds
    if (t.size() > 15) throw ReferenceRefused("an epoch time beyond the reference's range");
    return Instant{std::strtoll(std::string(t).c_str(), nullptr, 10), 0};
  }
  // YYYY[-MM[-DD[Thh:mm[:ss[.f]][zone]]]]
  const auto year = Digits(t, 0, 4);
  if (!year) return std::nullopt;
  int64_t month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offset = 0;
  size_t i = 4;
  auto finish = [&]() -> std::optional<Instant> {
    if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(*year, month) || hour > 23 ||
        minute > 59 || second > 59) {
      return std::nullopt;
    }
    const int64_t seconds =
        DaysFromCivil(*year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
    return Instant{seconds, nanos};
  };
  if (i == t.size()) return finish();
  if (t[i] != '-') return std::nullopt;
  const auto m = Digits(t, i + 1, 2);
  if (!m) return std::nullopt;
  month = *m;
  i += 3;
  if (i == t.size()) return finish();
  if (t[i] != '-') return std::nullopt;
  const auto d = Digits(t, i + 1, 2);
  if (!d) return std::nullopt;
  day = *d;
  i += 3;
  if (i == t.size()) return finish();
  if (t[i] != 'T' && t[i] != 't') return std::nullopt;
  const auto h = Digits(t, i + 1, 2);
  if (!h || i + 3 >= t.size() || t[i + 3] != ':') return std::nullopt;
  const auto mi = Digits(t, i + 4, 2);
  if (!mi) return std::nullopt;
  hour = *h;
  minute = *mi;
  i += 6;
  if (i < t.size() && t[i] == ':') {
    const auto se = Digits(t, i + 1, 2);
    if (!se) return std::nullopt;
    second = *se;
    i += 3;
    if (i < t.size() && t[i] == '.') {
      size_t end = i + 1;
      while (end < t.size() && std::isdigit(static_cast<unsigned char>(t[end]))) ++end;
      const size_t count = end - i - 1;
      if (count < 1 || count > 9) return std::nullopt;
      nanos = *Digits(t, i + 1, count);
      for (size_t k = count; k < 9; ++k) nanos *= 10;
      i = end;
    }
  }
  if (i == t.size()) return finish();  // no zone: UTC
  if ((t[i] == 'Z' || t[i] == 'z') && i + 1 == t.size()) return finish();
  if (t[i] != '+' && t[i] != '-') return std::nullopt;
  const int64_t sign = t[i] == '-' ? -1 : 1;
  const auto oh = Digits(t, i + 1, 2);
  if (!oh) return std::nullopt;
  size_t at = i + 3;
  if (at < t.size() && t[at] == ':') ++at;
  const auto om = Digits(t, at, 2);
  if (!om || at + 2 != t.size() || *oh > 23 || *om > 59) return std::nullopt;
  offset = sign * (*oh * 3600 + *om * 60);
  return finish();
}

// Bool (decisions.md §25).
std::optional<bool> ReadBool(const Scalar& s) {
  if (s.type == Scalar::Type::kNumber) return std::nullopt;
  if (SameIgnoringCase(s.text, "true")) return true;
  if (SameIgnoringCase(s.text, "false")) return false;
  return std::nullopt;
}

// Binary (decisions.md §27): standard base64, padded, no whitespace.
std::optional<std::string> ReadBase64(const Scalar& s) {
  if (s.type != Scalar::Type::kString) return std::nullopt;
  const std::string& t = s.text;
  if (t.size() % 4 != 0) return std::nullopt;
  auto sextet = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  std::string bytes;
  for (size_t i = 0; i < t.size(); i += 4) {
    const bool last = i + 4 == t.size();
    int pad = 0;
    uint32_t group = 0;
    for (size_t k = 0; k < 4; ++k) {
      const char c = t[i + k];
      if (c == '=' && last && k >= 2) {
        ++pad;
        group <<= 6;
        continue;
      }
      const int v = sextet(c);
      if (v < 0 || pad > 0) return std::nullopt;
      group = group << 6 | static_cast<uint32_t>(v);
    }
    bytes += static_cast<char>(group >> 16);
    if (pad < 2) bytes += static_cast<char>(group >> 8 & 0xff);
    if (pad < 1) bytes += static_cast<char>(group & 0xff);
  }
  return bytes;
}

// IP (decisions.md §24): an address, as its family and 16 bytes.
struct Address {
  int family = 0;  // AF_INET or AF_INET6
  unsigned char bytes[16] = {};
};

std::optional<Address> ReadAddress(const std::string& text) {
  Address a;
  if (inet_pton(AF_INET, text.c_str(), a.bytes) == 1) {
    a.family = AF_INET;
    return a;
  }
  if (inet_pton(AF_INET6, text.c_str(), a.bytes) == 1) {
    a.family = AF_INET6;
    return a;
  }
  return std::nullopt;
}

struct Network {
  Address address;
  int prefix = 0;
};

Network ReadNetwork(const Scalar& s) {
  if (s.type != Scalar::Type::kString) throw ReferenceRefused("an IP policy value not a string");
  const size_t slash = s.text.find('/');
  const auto address = ReadAddress(s.text.substr(0, slash));
  if (!address) throw ReferenceRefused("an IP policy value that is not an address");
  Network n{*address, address->family == AF_INET ? 32 : 128};
  if (slash != std::string::npos) {
    const std::string bits = s.text.substr(slash + 1);
    if (!AllDigits(bits) || bits.size() > 3) throw ReferenceRefused("a bad prefix length");
    n.prefix = std::atoi(bits.c_str());
    if (n.prefix > (address->family == AF_INET ? 32 : 128)) {
      throw ReferenceRefused("a bad prefix length");
    }
  }
  return n;
}

bool InNetwork(const Address& a, const Network& n) {
  if (a.family != n.address.family) return false;  // families never match
  for (int bit = 0; bit < n.prefix; ++bit) {
    const int mask = 0x80 >> (bit % 8);
    if ((a.bytes[bit / 8] & mask) != (n.address.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// Operators (conditions.md §3).

enum class Family { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };
enum class Qualifier { kNone, kForAllValues, kForAnyValue };

struct Operator {
  Family family = Family::kString;
  std::string base;  // e.g. "StringEquals", "NumericLessThan"
  bool negated = false;
  bool if_exists = false;
  Qualifier qualifier = Qualifier::kNone;
};

Operator ReadOperator(std::string name) {
  Operator op;
  for (auto [prefix, qualifier] : {std::pair{"ForAllValues:", Qualifier::kForAllValues},
                                   std::pair{"ForAnyValue:", Qualifier::kForAnyValue}}) {
    const std::string p = prefix;
    if (name.compare(0, p.size(), p) == 0) {
      op.qualifier = qualifier;
      name = name.substr(p.size());
    }
  }
  const std::string suffix = "IfExists";
  if (name.size() > suffix.size() &&
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    op.if_exists = true;
    name = name.substr(0, name.size() - suffix.size());
  }
  struct Known {
    const char* name;
    Family family;
    bool negated;
  };
  static const Known kKnown[] = {
      {"StringEquals", Family::kString, false},
      {"StringNotEquals", Family::kString, true},
      {"StringEqualsIgnoreCase", Family::kString, false},
      {"StringNotEqualsIgnoreCase", Family::kString, true},
      {"StringLike", Family::kString, false},
      {"StringNotLike", Family::kString, true},
      {"NumericEquals", Family::kNumeric, false},
      {"NumericNotEquals", Family::kNumeric, true},
      {"NumericLessThan", Family::kNumeric, false},
      {"NumericLessThanEquals", Family::kNumeric, false},
      {"NumericGreaterThan", Family::kNumeric, false},
      {"NumericGreaterThanEquals", Family::kNumeric, false},
      {"DateEquals", Family::kDate, false},
      {"DateNotEquals", Family::kDate, true},
      {"DateLessThan", Family::kDate, false},
      {"DateLessThanEquals", Family::kDate, false},
      {"DateGreaterThan", Family::kDate, false},
      {"DateGreaterThanEquals", Family::kDate, false},
      {"Bool", Family::kBool, false},
      {"BinaryEquals", Family::kBinary, false},
      {"IpAddress", Family::kIp, false},
      {"NotIpAddress", Family::kIp, true},
      {"ArnEquals", Family::kArn, false},
      {"ArnLike", Family::kArn, false},
      {"ArnNotEquals", Family::kArn, true},
      {"ArnNotLike", Family::kArn, true},
      {"Null", Family::kNull, false},
  };
  for (const Known& k : kKnown) {
    if (name == k.name) {
      op.family = k.family;
      op.negated = k.negated;
      op.base = name;
      if (op.family == Family::kNull && op.if_exists) {
        throw ReferenceRefused("NullIfExists is not an operator");
      }
      return op;
    }
  }
  throw ReferenceRefused("condition operator `" + name + "` is not known to the reference");
}

// The positive form's comparison of two readable values of a family.
template <typename T>
bool Compare(const std::string& base, const T& request, const T& policy) {
  const std::string relation = base.substr(base.find_first_of("ELG", 4));
  if (relation == "Equals" || relation == "NotEquals") return request == policy;
  if (relation == "LessThan") return request < policy;
  if (relation == "LessThanEquals") return request <= policy;
  if (relation == "GreaterThan") return request > policy;
  if (relation == "GreaterThanEquals") return request >= policy;
  throw ReferenceRefused("no comparison for `" + base + "`");
}

// A policy value, rendered (String, ARN and Bool take variables; spec/variables.md §3).
struct PolicyValue {
  Scalar scalar;
  ReferencePattern pattern;  // the rendered text, with literal bytes marked
};

enum class Match { kYes, kNo, kUnreadable };

// ARN parts: split at the first five colons; the sixth keeps the rest.
bool SplitSix(std::string_view text, std::vector<std::pair<size_t, size_t>>* parts) {
  size_t start = 0;
  for (int k = 0; k < 5; ++k) {
    const size_t colon = text.find(':', start);
    if (colon == std::string_view::npos) return false;
    parts->push_back({start, colon - start});
    start = colon + 1;
  }
  parts->push_back({start, text.size() - start});
  return true;
}

bool ArnMatches(const ReferencePattern& pattern, const std::string& value) {
  if (pattern.text == "*" && !pattern.literal[0]) return true;
  std::vector<std::pair<size_t, size_t>> p, v;
  if (!SplitSix(pattern.text, &p) || !SplitSix(value, &v)) return false;
  for (size_t k = 0; k < 6; ++k) {
    ReferencePattern part;
    part.text = pattern.text.substr(p[k].first, p[k].second);
    part.literal.assign(
        pattern.literal.begin() + static_cast<std::ptrdiff_t>(p[k].first),
        pattern.literal.begin() + static_cast<std::ptrdiff_t>(p[k].first + p[k].second));
    if (!ReferenceGlobPattern(part, value.substr(v[k].first, v[k].second))) return false;
  }
  return true;
}

// Whether request value `v` matches policy value `p` under the positive form
// of `op` (a negated operator negates the whole, §4).
Match MatchOne(const Operator& op, const Scalar& v, const PolicyValue& p) {
  switch (op.family) {
    case Family::kString: {
      if (op.base.find("Like") != std::string::npos) {
        return ReferenceGlobPattern(p.pattern, v.text) ? Match::kYes : Match::kNo;
      }
      if (op.base.find("IgnoreCase") != std::string::npos) {  // ASCII letters fold (§26)
        if (SameIgnoringCase(v.text, p.pattern.text)) return Match::kYes;
        // Equal only under a wider folding: undecided, as unreadable.
        return MaybeSameUnderWiderFolding(v.text, p.pattern.text) ? Match::kUnreadable : Match::kNo;
      }
      return v.text == p.pattern.text ? Match::kYes : Match::kNo;
    }
    case Family::kNumeric: {
      const auto request = ReadNumber(v);
      const auto policy = ReadNumber(p.scalar);
      if (!policy) throw ReferenceRefused("an unreadable numeric policy value");
      if (!request) return Match::kUnreadable;
      return Compare(op.base, *request, *policy) ? Match::kYes : Match::kNo;
    }
    case Family::kDate: {
      const auto request = ReadDate(v);
      const auto policy = ReadDate(p.scalar);
      if (!policy) throw ReferenceRefused("an unreadable date policy value");
      if (!request) return Match::kUnreadable;
      return Compare(op.base, *request, *policy) ? Match::kYes : Match::kNo;
    }
    case Family::kBool: {
      const auto request = ReadBool(v);
      Scalar rendered = p.scalar;
      rendered.text = p.pattern.text;
      const auto policy = ReadBool(rendered);
      if (!policy) throw ReferenceRefused("an unreadable Bool policy value");
      if (!request) return Match::kUnreadable;
      return *request == *policy ? Match::kYes : Match::kNo;
    }
    case Family::kBinary: {
      const auto request = ReadBase64(v);
      const auto policy = ReadBase64(p.scalar);
      if (!policy) throw ReferenceRefused("an unreadable binary policy value");
      if (!request) return Match::kUnreadable;
      return *request == *policy ? Match::kYes : Match::kNo;
    }
    case Family::kIp: {
      const Network network = ReadNetwork(p.scalar);
      if (v.type != Scalar::Type::kString) return Match::kUnreadable;
      if (v.text.find('/') != std::string::npos) {
        throw ReferenceRefused("a request IP value with a prefix length");
      }
      const auto address = ReadAddress(v.text);
      if (!address) return Match::kUnreadable;
      return InNetwork(*address, network) ? Match::kYes : Match::kNo;
    }
    case Family::kArn:
      return ArnMatches(p.pattern, v.text) ? Match::kYes : Match::kNo;
    case Family::kNull:
      break;
  }
  throw ReferenceRefused("no matcher");
}

bool HasVariable(std::string_view text) { return text.find("${") != std::string_view::npos; }

// One key under one operator (conditions.md §4-§9).
bool EntryHolds(const Operator& op, const std::string& key, const Value& policy_json,
                const ReferenceKeys& keys, bool variables, bool is_deny) {
  std::vector<Scalar> written;
  if (policy_json.IsArray()) {
    for (const Value& v : policy_json.GetArray()) written.push_back(ReadScalar(v));
  } else {
    written.push_back(ReadScalar(policy_json));
  }
  const KeyState state = LookUp(keys, key);

  if (op.family == Family::kNull) {  // §8; degenerate under a qualifier (§7)
    if (op.qualifier == Qualifier::kForAllValues) return true;
    if (op.qualifier == Qualifier::kForAnyValue) return false;
    bool accepts_true = false, accepts_false = false;
    for (const Scalar& s : written) {
      const auto b = ReadBool(s);
      if (!b) throw ReferenceRefused("an unreadable Null policy value");
      (*b ? accepts_true : accepts_false) = true;
    }
    return state.null() ? accepts_true : accepts_false;
  }

  if (!state.present && op.if_exists) return true;  // only an absent key (§6)

  // P: the policy values that have a value after rendering (variables.md §6).
  const bool renders =
      op.family == Family::kString || op.family == Family::kArn || op.family == Family::kBool;
  std::vector<PolicyValue> policy;
  for (const Scalar& s : written) {
    PolicyValue p;
    p.scalar = s;
    if (renders) {
      if (!ReferenceRender(s.text, keys, variables, &p.pattern)) continue;
    } else {
      if (variables && HasVariable(s.text)) throw ReferenceRefused("a variable where none goes");
      p.pattern.text = s.text;
      p.pattern.literal.assign(s.text.size(), false);
    }
    policy.push_back(std::move(p));
  }

  // V: set qualifiers see a null key as no values; plain operators see a
  // present "" as the value "" (§2).
  std::vector<Scalar> values = state.values;
  if (op.qualifier != Qualifier::kNone && state.null()) values.clear();

  size_t matched = 0;  // values that match some policy value
  for (const Scalar& v : values) {
    bool any = false, undecided = false;
    for (const PolicyValue& p : policy) {
      const Match m = MatchOne(op, v, p);
      any = any || m == Match::kYes;
      undecided = undecided || m == Match::kUnreadable;
    }
    // An unreadable value, or an IgnoreCase match only a wider folding would
    // make, never widens access (§5; decisions.md §26).
    if (undecided && !any) return is_deny;
    if (any) ++matched;
  }
  const size_t n = values.size();
  switch (op.qualifier) {
    case Qualifier::kNone:
      return op.negated ? matched == 0 : matched > 0;
    case Qualifier::kForAllValues:
      return op.negated ? matched == 0 : matched == n;
    case Qualifier::kForAnyValue:
      return op.negated ? matched < n : matched > 0;
  }
  return false;
}

}  // namespace

bool ReferenceIsDerivedKey(std::string_view key) {
  for (const char* derived :
       {"aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username",
        "aws:userid", "aws:resourceaccount", "aws:principalisawsservice",
        "aws:principalservicename", "aws:currenttime", "aws:epochtime"}) {
    if (SameIgnoringCase(key, derived)) return true;
  }
  return false;
}

bool ReferenceReadInstant(const Value& value, int64_t* seconds, std::string* text) {
  const auto instant = ReadDate(ReadScalar(value));
  if (!instant) return false;
  *seconds = instant->first;
  // Back from days to a civil date: the inverse of DaysFromCivil.
  const int64_t z =
      (instant->first >= 0 ? instant->first : instant->first - 86399) / 86400 + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  const int64_t second_of_day = instant->first - (z - 719468) * 86400;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(second_of_day / 3600),
                static_cast<long long>(second_of_day / 60 % 60),
                static_cast<long long>(second_of_day % 60));
  *text = buffer;
  return true;
}

bool ReferenceGlobPattern(const ReferencePattern& pattern, std::string_view text) {
  // alive[j]: the pattern read so far can match the first j bytes of text.
  // A `?` spans one character (one UTF-8 sequence), every other byte one byte.
  std::vector<char> alive(text.size() + 1, 0);
  alive[0] = 1;
  for (size_t i = 0; i < pattern.text.size(); ++i) {
    const char p = pattern.text[i];
    const bool literal = pattern.literal[i];
    std::vector<char> next(text.size() + 1, 0);
    if (p == '*' && !literal) {
      bool seen = false;
      for (size_t j = 0; j <= text.size(); ++j) {
        seen = seen || alive[j];
        next[j] = seen;
      }
    } else if (p == '?' && !literal) {
      // One character: a whole UTF-8 sequence, from a character's first byte
      // (spec/matching.md).
      for (size_t j = 0; j < text.size(); ++j) {
        const unsigned char b = static_cast<unsigned char>(text[j]);
        if (!alive[j] || (b & 0xC0) == 0x80) continue;
        const size_t length = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        next[std::min(j + length, text.size())] = 1;
      }
    } else {
      for (size_t j = 0; j < text.size(); ++j) {
        next[j + 1] = alive[j] && p == text[j];
      }
    }
    alive.swap(next);
  }
  return alive[text.size()];
}

bool ReferenceRender(std::string_view text, const ReferenceKeys& keys, bool variables,
                     ReferencePattern* out) {
  out->text.clear();
  out->literal.clear();
  auto append = [&](std::string_view piece, bool literal) {
    out->text.append(piece);
    out->literal.insert(out->literal.end(), piece.size(), literal);
  };
  if (!variables) {  // 2008-10-17 or no Version: `${...}` is text (variables.md §2)
    append(text, false);
    return true;
  }
  size_t i = 0;
  while (i < text.size()) {
    const size_t start = text.find("${", i);
    if (start == std::string_view::npos) {
      append(text.substr(i), false);
      break;
    }
    append(text.substr(i, start - i), false);
    const size_t close = text.find('}', start);
    if (close == std::string_view::npos) throw ReferenceRefused("a variable without `}`");
    const std::string_view inside = text.substr(start + 2, close - start - 2);
    i = close + 1;
    if (inside == "*" || inside == "?" || inside == "$") {  // escapes (§1)
      append(inside, true);
      continue;
    }
    std::string_view key = inside;
    std::optional<std::string_view> fallback;
    const size_t comma = inside.find(',');
    if (comma != std::string_view::npos) {
      key = inside.substr(0, comma);
      std::string_view rest = inside.substr(comma + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      if (rest.size() < 2 || rest.front() != '\'' || rest.back() != '\'' ||
          rest.substr(1, rest.size() - 2).find('\'') != std::string_view::npos) {
        throw ReferenceRefused("a variable default the reference does not read");
      }
      fallback = rest.substr(1, rest.size() - 2);
    }
    if (key.empty() || key.find(' ') != std::string_view::npos ||
        key.find(':') == std::string_view::npos) {
      throw ReferenceRefused("a variable name the reference does not read");
    }
    // One value from the context; a list has none (§4, decisions.md §33).
    const KeyState state = LookUp(keys, key);
    if (state.present && !state.list && state.values.size() == 1) {
      append(state.values[0].text, true);
    } else if (fallback) {
      append(*fallback, true);
    } else {
      return false;  // the whole string has no value (§6)
    }
  }
  return true;
}

bool ReferenceConditionHolds(const Value& condition, const ReferenceKeys& keys, bool variables,
                             bool is_deny) {
  if (!condition.IsObject()) throw ReferenceRefused("a Condition that is not an object");
  for (auto op = condition.MemberBegin(); op != condition.MemberEnd(); ++op) {
    if (!op->value.IsObject()) throw ReferenceRefused("an operator block that is not an object");
    const Operator parsed = ReadOperator(op->name.GetString());
    for (auto key = op->value.MemberBegin(); key != op->value.MemberEnd(); ++key) {
      if (!EntryHolds(parsed, key->name.GetString(), key->value, keys, variables, is_deny)) {
        return false;  // AND over operators and keys (§1)
      }
    }
  }
  return true;
}

}  // namespace iameval::testing
