// File: engine/json_api/request_json_direct.cc
//
// ReadRequestDirect (request_json_direct.h). It accepts a strict subset of
// what the tree path accepts, and reads what it accepts into the same
// values through the same readers (RequestReader, ContextReader,
// ContextScalarFromJsonNumber), so it cannot accept a request the tree path
// refuses nor read one differently. Where it stops short of the tree path:
//   - numbers with an exponent or more than 300 integer digits (RapidJSON
//     refuses some of those as too big);
//   - a lone or misplaced UTF-16 surrogate escape, and raw bytes ED A0..FF
//     (an encoded surrogate) in a text that has any escape (the tree path
//     refuses those then, json_tree_builder.cc);
//   - anything that is an error, whichever error it is.

#include "json_api/request_json_direct.h"

#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "iameval/json.h"
#include "iameval/request_reader.h"

namespace iameval::internal {
namespace {

// RapidJSON reads big integers as doubles and refuses them from about 10^308
// on; below this many digits it never refuses one.
constexpr size_t kMaxIntegerDigits = 300;

// Room made for a context's keys before the first is read: requests carry a
// few (the vector grows on from there), and counting them ahead would cost
// more than the allocations it saves.
constexpr size_t kExpectedContextKeys = 4;

inline bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The bytes of `word` (eight bytes of text, the first in the low byte)
// that end a plain run of string bytes: a quote, a backslash, or a control
// byte (below 0x20, which JSON refuses unescaped), as their high bits. The
// lowest one set is exactly the first such byte (a borrow runs only upward
// from a byte that is one); those above it may be wrong.
inline uint64_t StringStops(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  const uint64_t quote = word ^ (kOnes * '"');
  const uint64_t backslash = word ^ (kOnes * '\\');
  const uint64_t found = ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                         ((word - kOnes * 0x20) & ~word);
  return found & kHighs;
}

// Eight bytes of text as a word whose low byte is the first.
inline uint64_t LoadWord(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  word = __builtin_bswap64(word);
#endif
  return word;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The request's fields, in the order of kRequestFieldNames (request_json_direct.h).
enum Field : int {
  kPrincipal,
  kAction,
  kResource,
  kResourceAccount,
  kPrincipalRoleArn,
  kContext,
  kPrincipalIsServiceLinkedRole,
  kPrincipalInManagementAccount,
  kResourceInManagementAccount,
  kResourceIsAwsManagedKey,
  kResourcePolicyRequired,
  kResourcePolicyKind,
  kCurrentTime,
  kNoField,
};

Field FieldNamed(std::string_view name) {
  static_assert(std::size(kRequestFieldNames) == kNoField, "one Field per request member");
  for (int i = 0; i < kNoField; ++i) {
    if (kRequestFieldNames[i] == name) return static_cast<Field>(i);
  }
  return kNoField;
}

class DirectReader {
 public:
  DirectReader(std::string_view text, const InputLimits& limits, Request* request)
      : text_(text),
        p_(text.data()),
        end_(text.data() + text.size()),
        request_(request),
        reader_(request, limits) {}

  bool Read() {
    if (!Take('{')) return false;
    uint32_t seen = 0;
    if (!Take('}')) {
      do {
        SkipSpace();
        std::string_view name;
        if (!String(&name) || !Take(':')) return false;
        const Field field = FieldNamed(name);
        if (field == kNoField || (seen >> field & 1)) return false;  // unknown, or twice
        seen |= 1u << field;
        SkipSpace();
        if (!ReadField(field)) return false;
      } while (Take(','));
      if (!Take('}')) return false;
    }
    SkipSpace();
    constexpr uint32_t kRequired = 1u << kPrincipal | 1u << kAction | 1u << kResource;
    return p_ == end_ && (seen & kRequired) == kRequired && !EncodedSurrogateAfterEscape();
  }

 private:
  void SkipSpace() {
    while (p_ != end_ && IsSpace(*p_)) ++p_;
  }
  bool Take(char c) {
    SkipSpace();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }

  // The tree path refuses a decoded string holding ED A0..BF (an encoded
  // UTF-16 surrogate) when the text has any escape; without escapes such
  // raw bytes pass through both paths alike.
  bool EncodedSurrogateAfterEscape() const {
    if (!saw_escape_) return false;
    for (const char* p = text_.data(); p + 1 < end_; ++p) {
      p = static_cast<const char*>(std::memchr(p, '\xED', static_cast<size_t>(end_ - p - 1)));
      if (p == nullptr) return false;
      if (static_cast<unsigned char>(p[1]) >= 0xA0) return true;
    }
    return false;
  }

  bool ReadField(Field field) {
    std::string_view text;
    bool flag = false;
    switch (field) {
      case kPrincipal:
        return String(&text) && (request_->principal.assign(text.data(), text.size()), true);
      case kAction:
        return String(&text) && (request_->action.assign(text.data(), text.size()), true);
      case kResource:
        return String(&text) && (request_->resource.assign(text.data(), text.size()), true);
      case kResourceAccount:
        return String(&text) && (request_->resource_account.assign(text.data(), text.size()), true);
      case kPrincipalRoleArn:
        return String(&text) &&
               (request_->principal_role_arn.assign(text.data(), text.size()), true);
      case kContext:
        return Context();
      case kPrincipalIsServiceLinkedRole:
        return Literal(&request_->principal_is_service_linked_role);
      case kPrincipalInManagementAccount:
        return Literal(&request_->principal_in_management_account);
      case kResourceInManagementAccount:
        return Literal(&request_->resource_in_management_account);
      case kResourceIsAwsManagedKey:
        return Literal(&request_->resource_is_aws_managed_key);
      case kResourcePolicyRequired:
        if (!Literal(&flag)) return false;
        request_->resource_policy_rule =
            flag ? ResourcePolicyRule::kRequired : ResourcePolicyRule::kNotRequired;
        return true;
      case kResourcePolicyKind: {
        PolicyKind kind;
        return String(&text) && RequestReader::ResourcePolicyKind(text, &kind, &error_);
      }
      case kCurrentTime:
        return String(&text) && reader_.SetCurrentTime(text, &error_);
      case kNoField:
        break;
    }
    return false;
  }

  // A string at p_; `*out` views the text, or decoded_ when it has escapes.
  bool String(std::string_view* out) {
    if (p_ == end_ || *p_ != '"') return false;
    const char* const start = p_ + 1;
    const char* p = start;  // a local, so the loop keeps it in a register
    while (end_ - p >= 8) {
      if (const uint64_t stops = StringStops(LoadWord(p))) {
        p += __builtin_ctzll(stops) / 8;  // the first stop
        break;
      }
      p += 8;
    }
    for (; p != end_; ++p) {
      const unsigned char c = static_cast<unsigned char>(*p);
      if (c == '"') {
        *out = std::string_view(start, static_cast<size_t>(p - start));
        p_ = p + 1;
        return true;
      }
      if (c == '\\') {
        p_ = p;
        return Escaped(start, out);
      }
      if (c < 0x20) return false;
    }
    return false;
  }

  // The rest of a string from the first backslash at p_, decoded as
  // RapidJSON decodes it. decoded_ is reserved once to the text's size,
  // which no decoding outgrows, so earlier views into it stay valid.
  bool Escaped(const char* start, std::string_view* out) {
    saw_escape_ = true;
    if (decoded_.capacity() < text_.size()) decoded_.reserve(text_.size());
    const size_t begin = decoded_.size();
    decoded_.append(start, static_cast<size_t>(p_ - start));
    while (p_ != end_) {
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        *out = std::string_view(decoded_.data() + begin, decoded_.size() - begin);
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') {
        decoded_ += static_cast<char>(c);
        ++p_;
        continue;
      }
      if (end_ - p_ < 2) return false;
      const char escape = p_[1];
      p_ += 2;
      switch (escape) {
        case '"':
        case '\\':
        case '/':
          decoded_ += escape;
          break;
        case 'b':
          decoded_ += '\b';
          break;
        case 'f':
          decoded_ += '\f';
          break;
        case 'n':
          decoded_ += '\n';
          break;
        case 'r':
          decoded_ += '\r';
          break;
        case 't':
          decoded_ += '\t';
          break;
        case 'u':
          if (!CodePoint()) return false;
          break;
        default:
          return false;
      }
    }
    return false;
  }

  // The code point of a `\u` escape whose `\u` was just read, as UTF-8.
  bool CodePoint() {
    uint32_t code = 0;
    if (!Hex4(&code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a lone low surrogate
    if (code >= 0xD800 && code <= 0xDBFF) {
      uint32_t low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    if (code < 0x80) {
      decoded_ += static_cast<char>(code);
    } else if (code < 0x800) {
      decoded_ += static_cast<char>(0xC0 | code >> 6);
      decoded_ += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      decoded_ += static_cast<char>(0xE0 | code >> 12);
      decoded_ += static_cast<char>(0x80 | (code >> 6 & 0x3F));
      decoded_ += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      decoded_ += static_cast<char>(0xF0 | code >> 18);
      decoded_ += static_cast<char>(0x80 | (code >> 12 & 0x3F));
      decoded_ += static_cast<char>(0x80 | (code >> 6 & 0x3F));
      decoded_ += static_cast<char>(0x80 | (code & 0x3F));
    }
    return true;
  }

  bool Hex4(uint32_t* out) {
    if (end_ - p_ < 4) return false;
    uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = HexDigit(p_[i]);
      if (digit < 0) return false;
      code = code << 4 | static_cast<uint32_t>(digit);
    }
    p_ += 4;
    *out = code;
    return true;
  }

  bool Literal(bool* out) {
    if (end_ - p_ >= 4 && std::memcmp(p_, "true", 4) == 0) {
      p_ += 4;
      *out = true;
      return true;
    }
    if (end_ - p_ >= 5 && std::memcmp(p_, "false", 5) == 0) {
      p_ += 5;
      *out = false;
      return true;
    }
    return false;
  }

  // A number's text, in the part of JSON's grammar RapidJSON never refuses.
  bool Number(std::string_view* out) {
    const char* start = p_;
    if (p_ != end_ && *p_ == '-') ++p_;
    const char* digits = p_;
    while (p_ != end_ && IsDigit(*p_)) ++p_;
    const size_t count = static_cast<size_t>(p_ - digits);
    if (count == 0 || count > kMaxIntegerDigits || (*digits == '0' && count > 1)) return false;
    if (p_ != end_ && *p_ == '.') {
      const char* fraction = ++p_;
      while (p_ != end_ && IsDigit(*p_)) ++p_;
      if (p_ == fraction) return false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) return false;
    *out = std::string_view(start, static_cast<size_t>(p_ - start));
    return true;
  }

  // The context object at p_, key by key through the bindings' one rule
  // (ContextReader): each key checked before its value is read, each
  // string's length before it is copied, a list's length as it grows.
  bool Context() {
    if (!Take('{')) return false;
    if (Take('}')) return true;
    ContextReader& reader = reader_.context();
    reader.Reserve(kExpectedContextKeys);
    do {
      SkipSpace();
      std::string_view key;
      if (!String(&key) || !Take(':') || !reader.CheckKey(key, &error_)) return false;
      SkipSpace();
      if (p_ != end_ && *p_ == '[') {
        ++p_;
        std::vector<ContextScalar> values;
        if (!Take(']')) {
          do {
            SkipSpace();
            if (values.size() == reader.limits().max_context_values) return false;
            values.emplace_back();
            if (!Scalar(key, &values.back())) return false;
          } while (Take(','));
          if (!Take(']')) return false;
        }
        if (!reader.AddList(key, std::move(values), &error_)) return false;
        continue;
      }
      ContextScalar scalar;
      if (!Scalar(key, &scalar) || !reader.Add(key, std::move(scalar), &error_)) return false;
    } while (Take(','));
    return Take('}');
  }

  // One value of a context key at p_: a string, a boolean or a number.
  bool Scalar(std::string_view key, ContextScalar* out) {
    if (p_ == end_) return false;
    const char c = *p_;
    std::string_view text;
    if (c == '"') {
      if (!String(&text) || !reader_.context().CheckValueBytes(key, text.size(), &error_)) {
        return false;
      }
      out->type = ContextScalar::Type::kString;
      out->text.assign(text.data(), text.size());
      return true;
    }
    if (c == 't' || c == 'f') {
      if (!Literal(&out->boolean)) return false;
      out->type = ContextScalar::Type::kBool;
      out->text = out->boolean ? "true" : "false";
      return true;
    }
    return (c == '-' || IsDigit(c)) && Number(&text) && ContextScalarFromJsonNumber(text, out);
  }

  const std::string_view text_;
  const char* p_;
  const char* const end_;
  Request* const request_;
  RequestReader reader_;
  std::string decoded_;      // strings with escapes, decoded
  bool saw_escape_ = false;  // whether any string had one
  std::string error_;        // a reader's words, unused: the tree path words the error
};

}  // namespace

bool ReadRequestDirect(std::string_view text, const InputLimits& limits, Request* request) {
  // The tree path's bounds, checked first as it checks them.
  if (text.size() > limits.max_input_bytes || text.size() > kMaxJsonInputBytes) return false;
  DirectReader reader(text, limits, request);
  return reader.Read();
}

}  // namespace iameval::internal
