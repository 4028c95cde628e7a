// File: engine/policy/principal_elements_test.cc
//
// `Principal` and `NotPrincipal`: which kinds take them, the forms they take,
// and the findings of each wrong one.

#include "policy/principal_elements.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "iameval/policy.h"
#include "policy/compiled_policy.h"
#include "testing/policy_findings.h"

namespace iameval::internal {
namespace {

using Kind = PolicyKind;

using testing::Codes;
using testing::Compile;
using testing::FindingsOf;
using testing::Only;
using testing::ResourcePolicy;

TEST_CASE("principals are classified in resource-based policies", "[parser]") {
  auto policy = Compile(
      R"({"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": ["111122223333", "arn:aws:iam::111122223333:role/r"],
                                            "Service": "ec2.amazonaws.com"},
           "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},
          {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:user/u"},
           "Action": "s3:*"},
          {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]})",
      Kind::kResource);
  REQUIRE(policy->statements.size() == 3);
  const CompiledStatement& first = policy->statements[0];
  CHECK(first.principal_mode == CompiledStatement::PrincipalMode::kList);
  REQUIRE(first.principals.size() == 3);
  CHECK(first.principals[0].type == PrincipalPattern::Type::kAccount);
  CHECK(first.principals[1].type == PrincipalPattern::Type::kRole);
  CHECK(first.principals[2].type == PrincipalPattern::Type::kService);
  const CompiledStatement& second = policy->statements[1];
  CHECK(second.principal_mode == CompiledStatement::PrincipalMode::kNotList);
  REQUIRE(second.principals.size() == 1);
  CHECK(second.principals[0].type == PrincipalPattern::Type::kUser);
  CHECK(second.resource_mode == CompiledStatement::ResourceMode::kAbsent);
  CHECK(policy->statements[2].principals[0].type == PrincipalPattern::Type::kAnyone);
}

TEST_CASE("Principal is forbidden where the policy is attached to identities", "[parser]") {
  for (Kind kind : {Kind::kIdentity, Kind::kPermissionsBoundary, Kind::kSession}) {
    std::vector<Finding> findings = FindingsOf(ResourcePolicy(R"("Principal": "*")"), kind);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].code == "principal-not-allowed");
    CHECK(findings[0].path == "Statement.Principal");
    CHECK(findings[0].column == 60);  // at the member name
  }
  CHECK(Only(ResourcePolicy(R"("NotPrincipal": {"AWS": "111122223333"})")).message ==
        "`NotPrincipal` is not allowed in an identity policy");
  CHECK(Only(ResourcePolicy(R"("Principal": "*")"), Kind::kServiceControl).message ==
        "`Principal` is not allowed in a service control policy");
}

TEST_CASE("Principal is required in resource-based policies", "[parser]") {
  std::string none = R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
      "Action": "s3:GetObject", "Resource": "*"}})";
  for (Kind kind : {Kind::kResource, Kind::kRoleTrust, Kind::kKmsKey, Kind::kResourceControl}) {
    std::vector<std::string> codes = Codes(none, kind);
    INFO(PolicyKindName(kind));
    CHECK(std::find(codes.begin(), codes.end(), "missing-principal") != codes.end());
  }
  CHECK(Only(none, Kind::kResource).message ==
        "the statement has no `Principal`: a resource-based policy must say whom it applies to");
}

TEST_CASE("a deleted principal's unique id is valid, with a warning", "[parser]") {
  std::string policy =
      ResourcePolicy(R"("Principal": {"AWS": ["AROA3XFRBF535PLBIFPI4", "111122223333"]})");
  Finding f = Only(policy, Kind::kResource);
  CHECK(f.code == "principal-unique-id");
  CHECK(f.severity == Severity::kWarning);
  CHECK(f.message ==
        "`AROA3XFRBF535PLBIFPI4` is an iam unique id, which aws shows in place of a principal "
        "that was deleted: it matches no caller");
  CHECK(Compile(policy, Kind::kResource)->statements[0].principals.size() == 2);
}

TEST_CASE("Principal forms and their findings", "[parser]") {
  CHECK(Codes(ResourcePolicy(R"("Principal": {"AWS": "*"})"), Kind::kResource).empty());
  CHECK(Codes(ResourcePolicy(R"("Principal": {"Service": ["a.amazonaws.com", "b.amazonaws.com"]})"),
              Kind::kResource)
            .empty());
  CHECK(
      Codes(
          ResourcePolicy(
              R"("Principal": {"CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})"),
          Kind::kResource)
          .empty());

  Finding bare = Only(ResourcePolicy(R"("Principal": "arn:aws:iam::111122223333:user/alice")"),
                      Kind::kResource);
  CHECK(bare.code == "invalid-principal");
  CHECK(bare.path == "Statement.Principal");

  Finding type = Only(ResourcePolicy(R"("Principal": {"aws": "111122223333"})"), Kind::kResource);
  CHECK(type.code == "unknown-principal-type");
  CHECK(type.message ==
        "unknown principal type `aws`: expected `AWS`, `Service`, `Federated` or "
        "`CanonicalUser`");
  CHECK(type.help == "did you mean `AWS`? element names are case-sensitive");
  CHECK(type.path == "Statement.Principal.aws");
  CHECK(type.column == 74);  // at the member name

  CHECK(Only(ResourcePolicy(R"("Principal": {"AWS": []})"), Kind::kResource).code == "empty-list");
  CHECK(Only(ResourcePolicy(R"("Principal": {})"), Kind::kResource).code == "empty-list");
  CHECK(Only(ResourcePolicy(R"("Principal": {"AWS": ""})"), Kind::kResource).code == "empty-value");
  CHECK(Only(ResourcePolicy(R"("Principal": ["*"])"), Kind::kResource).code == "wrong-type");
  Finding number = Only(ResourcePolicy(R"("Principal": {"AWS": ["111122223333", 111122223333]})"),
                        Kind::kResource);
  CHECK(number.code == "wrong-type");
  CHECK(number.path == "Statement.Principal.AWS[1]");

  Finding wildcard =
      Only(ResourcePolicy(R"("Principal": {"AWS": "arn:aws:iam::111122223333:role/*"})"),
           Kind::kResource);
  CHECK(wildcard.code == "wildcard-in-principal");
  CHECK(Only(ResourcePolicy(R"("Principal": {"AWS": "alice"})"), Kind::kResource).code ==
        "invalid-principal");

  Finding both =
      Only(ResourcePolicy(R"("Principal": "*", "NotPrincipal": {"AWS": "111122223333"})"),
           Kind::kResource);
  CHECK(both.code == "conflicting-elements");
  CHECK(both.path == "Statement.NotPrincipal");
}

}  // namespace
}  // namespace iameval::internal
