// File: engine/lint/arn_field_checks_test.cc
//
// ARN Region and account fields against the catalogue's templates: each fault
// on its shape, quiet where the service's resource types disagree, where a
// field is a wildcard or a variable, and where the ARN is right.

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "catalogue/test_catalogue.h"
#include "lint/lint_context.h"

namespace iameval::internal {
namespace {

ArnFieldFault Fault(std::string_view arn) {
  return FindArnFieldFault(testing::ShippedCatalogue().data(), arn);
}

TEST_CASE("SplitArnFields skips colons inside policy variables", "[lint]") {
  std::string_view fields[6];
  REQUIRE(SplitArnFields("arn:aws:ec2:${aws:RequestedRegion}:111122223333:instance/*", fields));
  CHECK(fields[3] == "${aws:RequestedRegion}");
  CHECK(fields[4] == "111122223333");
  CHECK(fields[5] == "instance/*");
  REQUIRE(SplitArnFields("arn:aws:logs:us-east-1:111122223333:log-group:app:*", fields));
  CHECK(fields[5] == "log-group:app:*");
  CHECK_FALSE(SplitArnFields("arn:aws:s3::bucket", fields));
  CHECK_FALSE(SplitArnFields("arn:aws:ec2:${aws:RequestedRegion:1:instance/*", fields));
}

TEST_CASE("ARN Region and account fields against the resource types' templates", "[lint]") {
  CHECK(Fault("arn:aws:iam:us-east-1:111122223333:role/app") == ArnFieldFault::kRegionNotAllowed);
  CHECK(Fault("arn:aws:ec2::111122223333:instance/i-1") == ArnFieldFault::kMissingRegion);
  CHECK(Fault("arn:aws:s3::111122223333:reports") == ArnFieldFault::kAccountNotAllowed);
  CHECK(Fault("arn:aws:sqs:us-east-1::orders") == ArnFieldFault::kMissingAccount);
  CHECK(Fault("arn:aws:s3:us-east-1::reports") == ArnFieldFault::kRegionNotAllowed);
}

TEST_CASE("ARN fields are judged only where the resource types agree", "[lint]") {
  // Right as written.
  CHECK(Fault("arn:aws:iam::111122223333:role/app") == ArnFieldFault::kNone);
  CHECK(Fault("arn:aws:iam::aws:policy/ReadOnlyAccess") == ArnFieldFault::kNone);
  CHECK(Fault("arn:aws:s3:::reports/*") == ArnFieldFault::kNone);
  CHECK(Fault("arn:aws:s3:us-east-1:111122223333:accesspoint/ap") == ArnFieldFault::kNone);
  CHECK(Fault("arn:aws:ec2:us-east-1::image/ami-1") == ArnFieldFault::kNone);
  // S3 bucket names and access point paths both fit `*/*`-like resource
  // parts: the types disagree, nothing is said.
  CHECK(Fault("arn:aws:s3:::accesspoint/ap") == ArnFieldFault::kNone);
  // Wildcards and variables may stand for the right text.
  CHECK(Fault("arn:aws:iam:*:111122223333:role/app") == ArnFieldFault::kNone);
  CHECK(Fault("arn:aws:ec2:${aws:RequestedRegion}:111122223333:instance/*") ==
        ArnFieldFault::kNone);
  CHECK(Fault("arn:aws:sqs:us-east-1:${aws:PrincipalAccount}:orders") == ArnFieldFault::kNone);
  CHECK(Fault("arn:aws:*:us-east-1:111122223333:role/app") == ArnFieldFault::kNone);
  // Unknown services and text that is no ARN are other checks' business.
  CHECK(Fault("arn:aws:nosuchservice:us-east-1::x") == ArnFieldFault::kNone);
  CHECK(Fault("*") == ArnFieldFault::kNone);
}

// Every resource type's own ARN template, filled in, is an ARN of that type:
// no field fault may be found in it, whatever the other types of its service say.
TEST_CASE("no catalogue ARN template, filled in, draws a field fault", "[lint]") {
  const CatalogueData& catalogue = testing::ShippedCatalogue().data();
  size_t checked = 0;
  for (const ResourceTypeInfo& type : catalogue.resource_types()) {
    std::string arn;
    std::string_view t = type.arn;
    for (size_t i = 0; i < t.size(); ++i) {
      if (t.compare(i, 2, "${") != 0) {
        arn += t[i];
        continue;
      }
      const size_t close = t.find('}', i);
      if (close == std::string_view::npos) break;
      const std::string_view name = t.substr(i + 2, close - i - 2);
      arn += name == "Partition" ? "aws"
             : name == "Region"  ? "us-east-1"
             : name == "Account" ? "111122223333"
                                 : "x1";
      i = close;
    }
    INFO(type.arn);
    CHECK(FindArnFieldFault(catalogue, arn) == ArnFieldFault::kNone);
    ++checked;
  }
  CHECK(checked > 2000);
}

}  // namespace
}  // namespace iameval::internal
