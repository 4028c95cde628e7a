// File: engine/lint/role_grant_test.cc
//
// Which Resource entries cover every role of an account (the resource half
// of the PASS_ROLE_* and CREATE_SLR_* walk); the action and condition halves
// are tested through Lint in service_linked_role_checks_test.cc and the lint
// corpus (conformance/lint/security.json).

#include "lint/role_grant.h"

#include <catch2/catch.hpp>

namespace iameval::internal {
namespace {

TEST_CASE("CoversEveryRoleName: `*` and role ARNs whose name is wildcards only", "[lint]") {
  CHECK(CoversEveryRoleName("*"));
  CHECK(CoversEveryRoleName("*?"));
  CHECK(CoversEveryRoleName("arn:aws:iam::111122223333:role/*"));
  CHECK(CoversEveryRoleName("arn:aws:iam::111122223333:role/service-role/*"));
  CHECK(CoversEveryRoleName("arn:aws:iam::*:role/aws-service-role/*"));
  CHECK(CoversEveryRoleName("arn:aws:iam::*:*"));
  CHECK(CoversEveryRoleName("arn:aws:iam::*"));  // the last `*` spans the rest
  CHECK(CoversEveryRoleName("arn:*:iam::*:ro*"));
}

TEST_CASE("CoversEveryRoleName: a named role, or a name with literal text, is not every role",
          "[lint]") {
  CHECK_FALSE(CoversEveryRoleName("arn:aws:iam::111122223333:role/deploy"));
  CHECK_FALSE(CoversEveryRoleName("arn:aws:iam::111122223333:role/AmazonSageMaker*"));
  CHECK_FALSE(CoversEveryRoleName("arn:aws:iam::*:role/*datazone*"));
  CHECK_FALSE(CoversEveryRoleName("arn:aws:iam::111122223333:user/*"));
  CHECK_FALSE(CoversEveryRoleName("arn:aws:s3:::*"));
  CHECK_FALSE(CoversEveryRoleName("arn:aws:iam:us-east-1:*:role/*"));  // IAM has no Region
  CHECK_FALSE(CoversEveryRoleName("?"));                               // one character
}

}  // namespace
}  // namespace iameval::internal
