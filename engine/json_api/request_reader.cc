// File: engine/json_api/request_reader.cc
//
// RequestReader and PackedRequestReader (iameval/request_reader.h): the one
// reading of a request's values that the JSON face, Python and the
// WebAssembly package's packed requests share.

#include "iameval/request_reader.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "condition/values.h"
#include "iameval/json.h"

namespace iameval {
namespace {

// The instants Request::now holds on every platform: a nanosecond
// system_clock spans 1677 to 2262, and converting outside it overflows.
constexpr int64_t kEarliest = -9'214'560'000;  // 1678-01-01T00:00:00Z
constexpr int64_t kLatest = 9'214'646'399;     // 2261-12-31T23:59:59Z

bool TimeFromEpoch(int64_t seconds, int64_t nanos, std::string_view field,
                   std::chrono::system_clock::time_point* out, std::string* error) {
  if (seconds < kEarliest || seconds > kLatest) {
    *error = std::string(field) + " must be between 1678-01-01T00:00:00Z and 2261-12-31T23:59:59Z";
    return false;
  }
  *out = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(seconds) + std::chrono::nanoseconds(nanos)));
  return true;
}

}  // namespace

bool ContextScalarFromJsonNumber(std::string_view text, ContextScalar* out) {
  // JSON's grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  size_t i = 0;
  const size_t n = text.size();
  auto digits = [&] {
    size_t start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  if (i < n && text[i] == '-') ++i;
  const size_t int_start = i;
  if (!digits() || (text[int_start] == '0' && i - int_start > 1)) return false;
  bool integral = true;
  if (i < n && text[i] == '.') {
    ++i;
    integral = false;
    if (!digits()) return false;
  }
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    integral = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digits()) return false;
  }
  if (i != n) return false;
  int64_t whole = 0;
  if (integral) {
    auto [end, status] = std::from_chars(text.data(), text.data() + n, whole);
    if (status == std::errc() && end == text.data() + n) {
      *out = ContextScalar::Integer(whole);
      return true;
    }
  }
  // strtod rounds correctly and needs a terminated copy; numbers are short.
  char copy[64];
  std::string long_copy;
  const char* terminated = copy;
  if (n < sizeof copy) {
    std::memcpy(copy, text.data(), n);
    copy[n] = '\0';
  } else {
    long_copy.assign(text.data(), n);
    terminated = long_copy.c_str();
  }
  const double value = std::strtod(terminated, nullptr);
  if (!std::isfinite(value)) return false;  // past DBL_MAX; underflow reads as 0
  *out = ContextScalar::Number(value);
  return true;
}

bool CurrentTimeFromText(std::string_view text, std::chrono::system_clock::time_point* out,
                         std::string* error) {
  internal::Instant instant;
  if (!internal::ReadInstant(text, &instant)) {
    *error =
        "request field `currentTime` must be an ISO 8601 date-time such as "
        "`2026-01-31T12:00:00Z`";
    return false;
  }
  return TimeFromEpoch(instant.seconds, instant.nanos, "request field `currentTime`", out, error);
}

RequestReader::RequestReader(Request* request, const InputLimits& limits)
    : request_(request), context_(&request->context, limits) {}

bool RequestReader::SetCurrentTime(std::string_view text, std::string* error) {
  if (text.empty() || text != time_text_) {
    if (!CurrentTimeFromText(text, &time_, error)) return false;
    time_text_.assign(text.data(), text.size());
  }
  request_->now = time_;
  return true;
}

bool RequestReader::SetCurrentTime(int64_t seconds, int64_t nanos, std::string_view field,
                                   std::string* error) {
  std::chrono::system_clock::time_point now;
  if (!TimeFromEpoch(seconds, nanos, field, &now, error)) return false;
  request_->now = now;
  return true;
}

bool RequestReader::ResourcePolicyKind(std::string_view name, PolicyKind* kind,
                                       std::string* error) {
  if (ParsePolicyKindName(name, kind) && IsResourcePolicyKind(*kind)) return true;
  *error = "request field `resourcePolicyKind` must be `resource`, `roleTrust` or `kmsKey`";
  return false;
}

// ---- PackedRequestReader ---------------------------------------------------

// The bytes of one batch, read front to back; running short is Malformed.
class PackedRequestReader::Input {
 public:
  explicit Input(std::string_view bytes) : rest_(bytes) {}
  std::string_view rest() const { return rest_; }
  uint8_t Byte() { return static_cast<uint8_t>(Bytes(1)[0]); }
  uint32_t U32() {
    uint32_t v;
    std::memcpy(&v, Bytes(4).data(), 4);
    return v;
  }
  std::string_view Bytes(size_t n) {
    if (rest_.size() < n) throw Malformed();
    std::string_view v = rest_.substr(0, n);
    rest_.remove_prefix(n);
    return v;
  }
  std::string_view Str() { return Bytes(U32()); }
  // A field (see the header): valid until the next Field, which may move
  // the table.
  std::string_view Field(std::vector<std::string>& table) {
    const uint32_t h = U32();
    const uint32_t id = h & 0x3FFFFFFFu;
    if (h >> 30 == 0) return Bytes(h);
    if (h >> 30 == 2 && id < table.size()) return table[id];
    if (h >> 30 != 1 || id > table.size() || id >= kMaxStrings) throw Malformed();
    std::string_view bytes = Str();
    if (id == table.size()) table.emplace_back();
    table[id].assign(bytes.data(), bytes.size());
    return table[id];
  }
  static constexpr uint32_t kMaxStrings = 1 << 16;

 private:
  std::string_view rest_;
};

PackedRequestReader::PackedRequestReader(const InputLimits& limits)
    : limits_(limits), reader_(&request_, limits) {}

void PackedRequestReader::Forget() {
  request_ = Request();
  reader_.context().Rewrite();
  strings_.clear();
  json_request_.reset();
}

PackedRequestReader::Record PackedRequestReader::Next(std::string_view* input, std::string* error) {
  Input in(*input);
  Record record;
  try {
    record = ReadRecord(in, error);
  } catch (const Malformed&) {
    record = Record::kMalformed;
  }
  if (record != Record::kRequest) Forget();
  *input = in.rest();
  return record;
}

PackedRequestReader::Record PackedRequestReader::ReadRecord(Input& in, std::string* error) {
  enum : uint8_t { kJson = 0x80, kContext = 0x40, kKind = 0x20, kTime = 0x10 };
  const uint8_t flags = in.Byte();
  json_request_.reset();
  if (flags & kJson) {
    RequestResult parsed = RequestFromJson(in.Str(), limits_);
    if (!parsed.ok()) {
      *error = std::move(parsed.error);
      return Record::kInvalid;
    }
    json_request_ = std::move(parsed.request);
    return Record::kRequest;
  }
  Request& r = request_;
  const uint8_t facts = in.Byte();
  r.principal_is_service_linked_role = (facts & 0x01) != 0;
  r.principal_in_management_account = (facts & 0x02) != 0;
  r.resource_in_management_account = (facts & 0x04) != 0;
  r.resource_is_aws_managed_key = (facts & 0x08) != 0;
  constexpr ResourcePolicyRule kRules[] = {ResourcePolicyRule::kInferred,
                                           ResourcePolicyRule::kRequired,
                                           ResourcePolicyRule::kNotRequired};
  enum : uint8_t { kRoleArn = 0x40, kUnusedFact = 0x80 };
  if ((facts >> 4 & 3) == 3 || (facts & kUnusedFact)) throw Malformed();
  r.resource_policy_rule = kRules[facts >> 4 & 3];
  std::string* const strings[] = {&r.principal, &r.action, &r.resource, &r.resource_account};
  for (int i = 0; i < 4; ++i) {
    if (flags & (1 << i)) strings[i]->assign(in.Field(strings_));
  }
  if (facts & kRoleArn) r.principal_role_arn.assign(in.Field(strings_));
  // RequestFromJson's order: the kind, then currentTime, then the context.
  std::string_view time;
  bool has_time = false;
  if (flags & kTime) {
    const uint32_t size = in.U32();
    has_time = size != 0xFFFFFFFFu;
    if (has_time) time = in.Bytes(size);
  }
  PolicyKind kind;
  if ((flags & kKind) && !RequestReader::ResourcePolicyKind(in.Str(), &kind, error)) {
    return Record::kInvalid;
  }
  if (flags & kTime) {
    if (!has_time) {
      r.now.reset();
    } else if (!reader_.SetCurrentTime(time, error)) {
      return Record::kInvalid;
    }
  }
  if ((flags & kContext) && !ReadContext(in, error)) return Record::kInvalid;
  return Record::kRequest;
}

bool PackedRequestReader::ReadContext(Input& in, std::string* error) {
  ContextReader& context = reader_.context();
  const uint32_t header = in.U32();
  const uint32_t count = header & 0x7FFFFFFFu;
  bool is_list = false;
  if (header & 0x80000000u) {  // the same keys, some values changed
    for (uint32_t i = 0; i < count; ++i) {
      const uint32_t index = in.U32();
      ReadValue(in, &values_, &is_list);
      if (index >= request_.context.entries().size()) throw Malformed();
      if (!context.Replace(index, &values_, is_list, error)) return false;
    }
    return true;
  }
  context.Rewrite();
  for (uint32_t i = 0; i < count; ++i) {
    key_.assign(in.Field(strings_));  // a copy: a value's field may move the table
    ReadValue(in, &values_, &is_list);
    if (!context.Put(key_, &values_, is_list, error)) return false;
  }
  context.Finish();
  return true;
}

void PackedRequestReader::ReadValue(Input& in, std::vector<ContextScalar>* values, bool* is_list) {
  const uint8_t tag = in.Byte();
  *is_list = tag == 4;
  if (!*is_list) {
    values->resize(1);
    ReadScalar(in, tag, &values->front());
    return;
  }
  const uint32_t count = in.U32();
  if (count > in.rest().size()) throw Malformed();  // each value takes a byte at least
  values->resize(count);
  for (ContextScalar& value : *values) ReadScalar(in, in.Byte(), &value);
}

void PackedRequestReader::ReadScalar(Input& in, uint8_t tag, ContextScalar* out) {
  switch (tag) {
    case 0:
      out->type = ContextScalar::Type::kString;
      out->text.assign(in.Field(strings_));
      return;
    case 1:
    case 2:
      out->type = ContextScalar::Type::kBool;
      out->boolean = tag == 2;
      out->text = out->boolean ? "true" : "false";
      return;
    case 3:
      if (!ContextScalarFromJsonNumber(in.Str(), out)) throw Malformed();  // JS wrote it
      return;
    default:
      throw Malformed();
  }
}

}  // namespace iameval
