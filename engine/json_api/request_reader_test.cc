// File: engine/json_api/request_reader_test.cc
//
// RequestReader and PackedRequestReader read what RequestFromJson reads and
// refuse what it refuses, in its words; a stream keeps what is not sent again.

#include "iameval/request_reader.h"

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "iameval/json.h"

namespace iameval {
namespace {

// Writes records of the packed form.
struct Writer {
  std::string bytes;
  Writer& U8(uint8_t b) {
    bytes.push_back(static_cast<char>(b));
    return *this;
  }
  Writer& U32(uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);
    bytes.append(b, 4);
    return *this;
  }
  Writer& Str(std::string_view s) {
    U32(static_cast<uint32_t>(s.size()));
    bytes.append(s);
    return *this;
  }
};

// principal, action, resource (flags 0x07), no facts, then `rest`.
Writer Basics(uint8_t more_flags = 0) {
  Writer w;
  w.U8(0x07 | more_flags).U8(0);
  w.Str("arn:aws:iam::111122223333:user/alice").Str("s3:GetObject").Str("arn:aws:s3:::b/k");
  return w;
}

TEST_CASE("PackedRequestReader reads a request and keeps what is not sent again", "[packed]") {
  PackedRequestReader reader;
  std::string error;
  Writer w = Basics(0x40);
  w.U32(2).Str("aws:SourceIp").U8(0).Str("203.0.113.7");
  w.Str("aws:TagKeys").U8(4).U32(2).U8(0).Str("team").U8(3).Str("12");
  // Second record: only the action, and the second context value.
  w.U8(0x02 | 0x40).U8(0x01).Str("s3:PutObject").U32(0x80000001).U32(1).U8(2);
  std::string_view in = w.bytes;
  REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
  const Request& first = reader.request();
  CHECK(first.principal == "arn:aws:iam::111122223333:user/alice");
  REQUIRE(first.context.entries().size() == 2);
  CHECK(first.context.Find("aws:tagkeys")->is_list);
  CHECK(first.context.Find("aws:tagkeys")->values[1].type == ContextScalar::Type::kNumber);
  REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
  const Request& second = reader.request();
  CHECK(second.action == "s3:PutObject");
  CHECK(second.resource == "arn:aws:s3:::b/k");
  CHECK(second.principal_is_service_linked_role);
  CHECK(second.context.Find("aws:SourceIp")->values[0].text == "203.0.113.7");
  CHECK(second.context.Find("aws:TagKeys")->values[0].boolean);
  CHECK(in.empty());
}

TEST_CASE("PackedRequestReader carries principalRoleArn as RequestFromJson reads it", "[packed]") {
  const std::string role = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/Admin";
  PackedRequestReader reader;
  std::string error;
  Writer w;
  // The role's ARN sent (facts 0x40), then a record that does not send it
  // (kept), then one that sends it empty (absent).
  w.U8(0x07).U8(0x40).Str("arn:aws:sts::111122223333:assumed-role/Admin/alice");
  w.Str("athena:StartQueryExecution").Str("*").Str(role);
  w.U8(0x02).U8(0).Str("athena:GetQueryResults");
  w.U8(0x00).U8(0x40).Str("");
  std::string_view in = w.bytes;
  const RequestResult json = RequestFromJson(
      R"({"principal": "arn:aws:sts::111122223333:assumed-role/Admin/alice",
          "action": "athena:StartQueryExecution", "resource": "*",
          "principalRoleArn": ")" +
      role + "\"}");
  REQUIRE(json.ok());
  REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
  CHECK(reader.request().principal_role_arn == json.request->principal_role_arn);
  REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
  CHECK(reader.request().principal_role_arn == role);
  REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
  CHECK(reader.request().principal_role_arn.empty());
  CHECK(in.empty());
  // The facts byte's last bit means nothing yet: a writer that sets it is broken.
  Writer bad = Basics();
  bad.bytes[1] = static_cast<char>(0x80);
  std::string_view bad_in = bad.bytes;
  CHECK(reader.Next(&bad_in, &error) == PackedRequestReader::Record::kMalformed);
}

TEST_CASE("PackedRequestReader refuses what RequestFromJson refuses, in its words", "[packed]") {
  auto packed_error = [](const Writer& w) {
    PackedRequestReader reader;
    std::string error;
    std::string_view in = w.bytes;
    CHECK(reader.Next(&in, &error) == PackedRequestReader::Record::kInvalid);
    return error;
  };
  auto json_error = [](std::string_view extra) {
    return RequestFromJson(std::string(R"({"principal": "p", "action": "a", "resource": "r", )") +
                           std::string(extra) + "}")
        .error;
  };
  Writer dup = Basics(0x40);
  dup.U32(2).Str("aws:SourceIp").U8(1).Str("AWS:SOURCEIP").U8(2);
  CHECK(packed_error(dup) ==
        json_error(R"("context": {"aws:SourceIp": false, "AWS:SOURCEIP": 1})"));
  Writer time = Basics(0x10);
  time.Str("yesterday");
  CHECK(packed_error(time) == json_error(R"("currentTime": "yesterday")"));
  Writer late = Basics(0x10);
  late.Str("2300-01-01T00:00:00Z");
  CHECK(packed_error(late) == json_error(R"("currentTime": "2300-01-01T00:00:00Z")"));
  Writer kind = Basics(0x20);
  kind.Str("identity");
  CHECK(packed_error(kind) == json_error(R"("resourcePolicyKind": "identity")"));
  CHECK(packed_error(kind) ==
        "request field `resourcePolicyKind` must be `resource`, `roleTrust` or `kmsKey`");
}

TEST_CASE("PackedRequestReader: JSON records, malformed bytes, forgetting", "[packed]") {
  PackedRequestReader reader;
  std::string error;
  Writer w;
  w.U8(0x80).Str(R"({"principal": "p", "action": "a", "resource": "r", "extra": 1})");
  std::string_view in = w.bytes;
  CHECK(reader.Next(&in, &error) == PackedRequestReader::Record::kInvalid);
  CHECK(error == "unknown request field `extra`");
  Writer bad;
  bad.U8(0x01).U8(0).U32(0x80000005);  // a string id never defined
  in = bad.bytes;
  CHECK(reader.Next(&in, &error) == PackedRequestReader::Record::kMalformed);
  Writer short_record;
  short_record.U8(0x01).U8(0).U32(100).Str("p");
  in = short_record.bytes;
  CHECK(reader.Next(&in, &error) == PackedRequestReader::Record::kMalformed);
  // A string kept by id, used again by the next record.
  Writer ids;
  ids.U8(0x07).U8(0).U32(0x40000000).Str("arn:aws:iam::111122223333:user/bob").Str("a").Str("r");
  ids.U8(0x01).U8(0).U32(0x80000000);
  in = ids.bytes;
  REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
  REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
  CHECK(reader.request().principal == "arn:aws:iam::111122223333:user/bob");
  reader.Forget();
  Writer after;
  after.U8(0x01).U8(0).U32(0x80000000);
  in = after.bytes;
  CHECK(reader.Next(&in, &error) == PackedRequestReader::Record::kMalformed);
}

TEST_CASE("PackedRequestReader: a context rewritten in place is found by its keys", "[packed]") {
  // Over Context::kIndexedAbove keys the context keeps an index; rewriting
  // it to a few keys, and back to many others, must leave lookups right.
  PackedRequestReader reader;
  std::string error;
  for (int round = 0; round < 3; ++round) {
    const int keys = round == 1 ? 3 : 40;
    Writer w = Basics(0x40);
    w.U32(static_cast<uint32_t>(keys));
    for (int i = 0; i < keys; ++i) {
      w.Str("app:k" + std::to_string(round) + "_" + std::to_string(i)).U8(0).Str(std::to_string(i));
    }
    std::string_view in = w.bytes;
    REQUIRE(reader.Next(&in, &error) == PackedRequestReader::Record::kRequest);
    const Context& context = reader.request().context;
    REQUIRE(context.entries().size() == static_cast<size_t>(keys));
    for (int i = 0; i < keys; ++i) {
      const Context::Entry* entry =
          context.Find("APP:K" + std::to_string(round) + "_" + std::to_string(i));
      REQUIRE(entry != nullptr);
      CHECK(entry->values[0].text == std::to_string(i));
    }
    CHECK(context.Find("app:k" + std::to_string(round == 0 ? 2 : 0) + "_1") == nullptr);
  }
}

TEST_CASE("RequestReader's currentTime from seconds names the binding's field", "[packed]") {
  Request request;
  RequestReader reader(&request);
  std::string error;
  CHECK(reader.SetCurrentTime(1'700'000'000, 5, "current_time", &error));
  CHECK(request.now.has_value());
  CHECK_FALSE(reader.SetCurrentTime(9'300'000'000, 0, "current_time", &error));
  CHECK(error == "current_time must be between 1678-01-01T00:00:00Z and 2261-12-31T23:59:59Z");
}

}  // namespace
}  // namespace iameval
