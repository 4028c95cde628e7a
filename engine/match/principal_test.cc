// File: engine/match/principal_test.cc

#include "match/principal.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "testing/allocation_counter.h"

namespace iameval::internal {
namespace {

Caller MustParse(std::string_view text) {
  Caller caller;
  INFO("principal " << text);
  REQUIRE(ParseCaller(text, &caller));
  return caller;
}

PrincipalPattern MustClassify(std::string_view type_key, std::string_view value) {
  PrincipalPattern pattern;
  std::string code, message;
  INFO(type_key << ": " << value << " -> " << code << " " << message);
  REQUIRE(ClassifyPrincipal(type_key, value, &pattern, &code, &message));
  return pattern;
}

// The finding code ClassifyPrincipal reports; checks the message's form too.
std::string ClassifyError(std::string_view type_key, std::string_view value) {
  PrincipalPattern pattern;
  std::string code, message;
  if (ClassifyPrincipal(type_key, value, &pattern, &code, &message)) return "accepted";
  INFO("message: " << message);
  CHECK(!message.empty());
  CHECK(message[0] >= 'a');  // lowercase, as every finding message
  CHECK(message.back() != '.');
  CHECK(message.find("`" + std::string(code == "unknown-principal-type" ? type_key : value) +
                     "`") != std::string::npos);
  return code;
}

GrantClass Match(std::string_view type_key, std::string_view value, std::string_view principal) {
  return MatchPrincipal(MustClassify(type_key, value), MustParse(principal));
}

TEST_CASE("ParseCaller reads IAM users with and without paths", "[principal]") {
  Caller c = MustParse("arn:aws:iam::111122223333:user/alice");
  CHECK(c.kind == CallerKind::kUser);
  CHECK(c.partition == "aws");
  CHECK(c.account == "111122223333");
  CHECK(c.name == "alice");
  CHECK(c.path == "/");
  CHECK(c.text == "arn:aws:iam::111122223333:user/alice");

  c = MustParse("arn:aws-cn:iam::111122223333:user/division/team/bob");
  CHECK(c.kind == CallerKind::kUser);
  CHECK(c.partition == "aws-cn");
  CHECK(c.name == "bob");
  CHECK(c.path == "/division/team/");
}

TEST_CASE("ParseCaller reads roles and assumed-role sessions", "[principal]") {
  Caller c = MustParse("arn:aws-us-gov:iam::111122223333:role/service-role/deploy");
  CHECK(c.kind == CallerKind::kRole);
  CHECK(c.partition == "aws-us-gov");
  CHECK(c.name == "deploy");
  CHECK(c.path == "/service-role/");

  c = MustParse("arn:aws:sts::111122223333:assumed-role/deploy/i-0abc@example.com");
  CHECK(c.kind == CallerKind::kRoleSession);
  CHECK(c.account == "111122223333");
  CHECK(c.name == "deploy");
  CHECK(c.session == "i-0abc@example.com");
  CHECK(c.path.empty());
}

TEST_CASE("ParseCaller reads federated users, root, services, providers, anonymous",
          "[principal]") {
  Caller c = MustParse("arn:aws:sts::111122223333:federated-user/carol");
  CHECK(c.kind == CallerKind::kFederatedUser);
  CHECK(c.name == "carol");
  CHECK(c.account == "111122223333");

  c = MustParse("arn:aws:iam::111122223333:root");
  CHECK(c.kind == CallerKind::kRoot);
  CHECK(c.account == "111122223333");
  CHECK(c.partition == "aws");

  c = MustParse("111122223333");
  CHECK(c.kind == CallerKind::kRoot);
  CHECK(c.account == "111122223333");
  CHECK(c.partition.empty());

  for (std::string_view service : {"cloudtrail.amazonaws.com", "ec2.amazonaws.com",
                                   "elasticloadbalancing.amazonaws.com", "ec2.amazonaws.com.cn"}) {
    c = MustParse(service);
    CHECK(c.kind == CallerKind::kService);
    CHECK(c.name == service);
    CHECK_FALSE(c.has_account());
    CHECK(c.partition.empty());
  }

  for (std::string_view host : {"cognito-identity.amazonaws.com", "accounts.google.com",
                                "graph.facebook.com", "www.amazon.com"}) {
    c = MustParse(host);
    CHECK(c.kind == CallerKind::kIdentityProvider);
    CHECK_FALSE(c.has_account());
  }
  c = MustParse("arn:aws:iam::111122223333:saml-provider/corp-idp");
  CHECK(c.kind == CallerKind::kIdentityProvider);
  CHECK(c.name == "corp-idp");
  CHECK(c.partition == "aws");
  CHECK_FALSE(c.has_account());  // acts for no account of its own (decisions.md §45)
  c = MustParse("arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/AB12");
  CHECK(c.kind == CallerKind::kIdentityProvider);
  CHECK(c.name == "oidc.eks.us-east-1.amazonaws.com/id/AB12");

  CHECK(MustParse("*").kind == CallerKind::kAnonymous);
  CHECK(MustParse("anonymous").kind == CallerKind::kAnonymous);
  CHECK_FALSE(MustParse("anonymous").has_account());
}

TEST_CASE("ParseCaller rejects garbage", "[principal]") {
  Caller c;
  for (std::string_view bad : {
           "",
           "alice",
           "11112222333",                             // 11 digits
           "arn:aws:iam::111122223333",               // five parts
           "arn:aws:iam::111122223333:user/",         // no name
           "arn:aws:iam::111122223333:user//alice",   // empty path component
           "arn:aws:iam::111122223333:user/a b",      // space in a name
           "arn:aws:iam::111122223333:group/admins",  // groups never call
           "arn:aws:iam::111122223333:policy/p",
           "arn:aws:iam::11112222333:user/alice",            // 11-digit account
           "arn:aws:iam:us-east-1:111122223333:user/alice",  // IAM has no region
           "arn:foo:iam::111122223333:user/alice",           // unknown partition
           "arn:aws:sts::111122223333:assumed-role/deploy",  // no session
           "arn:aws:sts::111122223333:assumed-role/deploy/",
           "arn:aws:sts::111122223333:federated-user/",
           "arn:aws:s3:::bucket",
           "arn:aws:iam::111122223333:user/*",
           "ec2 .amazonaws.com",
           ".amazonaws.com",
           "amazonaws.",
       }) {
    INFO("principal `" << bad << "`");
    CHECK_FALSE(ParseCaller(bad, &c));
  }
}

TEST_CASE("PrincipalTypeName reports aws:PrincipalType", "[principal]") {
  CHECK(PrincipalTypeName(CallerKind::kUser) == "User");
  CHECK(PrincipalTypeName(CallerKind::kRole) == "AssumedRole");
  CHECK(PrincipalTypeName(CallerKind::kRoleSession) == "AssumedRole");
  CHECK(PrincipalTypeName(CallerKind::kFederatedUser) == "FederatedUser");
  CHECK(PrincipalTypeName(CallerKind::kRoot) == "Account");
  CHECK(PrincipalTypeName(CallerKind::kAnonymous) == "Anonymous");
  CHECK(PrincipalTypeName(CallerKind::kService).empty());
  CHECK(PrincipalTypeName(CallerKind::kIdentityProvider).empty());
}

TEST_CASE("ClassifyPrincipal types the forms of the Principal element", "[principal]") {
  using Type = PrincipalPattern::Type;
  CHECK(MustClassify("*", "*").type == Type::kAnyone);
  CHECK(MustClassify("AWS", "*").type == Type::kAnyone);

  PrincipalPattern p = MustClassify("AWS", "111122223333");
  CHECK(p.type == Type::kAccount);
  CHECK(p.account == "111122223333");
  CHECK(p.partition.empty());

  p = MustClassify("AWS", "arn:aws-cn:iam::111122223333:root");
  CHECK(p.type == Type::kAccount);
  CHECK(p.account == "111122223333");
  CHECK(p.partition == "aws-cn");

  p = MustClassify("AWS", "arn:aws:iam::111122223333:user/dev/alice");
  CHECK(p.type == Type::kUser);
  CHECK(p.name == "alice");
  CHECK(p.text == "arn:aws:iam::111122223333:user/dev/alice");

  p = MustClassify("AWS", "arn:aws:iam::111122223333:role/service-role/deploy");
  CHECK(p.type == Type::kRole);
  CHECK(p.name == "deploy");
  CHECK(p.account == "111122223333");

  p = MustClassify("AWS", "arn:aws:sts::111122223333:assumed-role/deploy/s1");
  CHECK(p.type == Type::kRoleSession);
  CHECK(p.name == "deploy");
  CHECK(p.session == "s1");

  CHECK(MustClassify("AWS", "arn:aws:sts::111122223333:federated-user/carol").type ==
        Type::kFederatedUser);
  CHECK(MustClassify("AWS", "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1")
            .type == Type::kOtherArn);

  p = MustClassify("Service", "ec2.amazonaws.com");
  CHECK(p.type == Type::kService);
  CHECK(p.name == "ec2.amazonaws.com");

  CHECK(MustClassify("Federated", "arn:aws:iam::111122223333:saml-provider/corp").type ==
        Type::kFederatedProvider);
  CHECK(MustClassify("Federated", "cognito-identity.amazonaws.com").type ==
        Type::kFederatedProvider);
  CHECK(MustClassify("Federated", "accounts.google.com").type == Type::kFederatedProvider);
  CHECK(MustClassify("CanonicalUser",
                     "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be")
            .type == Type::kCanonicalUser);
}

TEST_CASE("ClassifyPrincipal rejects invalid values with finding codes", "[principal]") {
  CHECK(ClassifyError("Aws", "111122223333") == "unknown-principal-type");
  CHECK(ClassifyError("Group", "x") == "unknown-principal-type");

  CHECK(ClassifyError("AWS", "arn:aws:iam::*:role/x") == "wildcard-in-principal");
  CHECK(ClassifyError("AWS", "arn:aws:sts::111122223333:assumed-role/R/*") ==
        "wildcard-in-principal");
  CHECK(ClassifyError("AWS", "11112222333?") == "wildcard-in-principal");
  CHECK(ClassifyError("Service", "*") == "wildcard-in-principal");
  CHECK(ClassifyError("Service", "*.amazonaws.com") == "wildcard-in-principal");
  CHECK(ClassifyError("Federated", "*") == "wildcard-in-principal");

  CHECK(ClassifyError("*", "arn:aws:iam::111122223333:root") == "invalid-principal");
  CHECK(ClassifyError("AWS", "alice") == "invalid-principal");
  CHECK(ClassifyError("AWS", "11112222333") == "invalid-principal");
  CHECK(ClassifyError("AWS", "arn:aws:iam::111122223333:group/admins") == "invalid-principal");
  CHECK(ClassifyError("AWS", "arn:aws:iam::111122223333:user/") == "invalid-principal");
  CHECK(ClassifyError("AWS", "arn:nope:iam::111122223333:root") == "invalid-principal");
  CHECK(ClassifyError("AWS", "arn:aws:iam::111122223333:saml-provider/x") == "invalid-principal");
  CHECK(ClassifyError("Service", "not a service") == "invalid-principal");
  CHECK(ClassifyError("Service", "arn:aws:iam::111122223333:root") == "invalid-principal");
  CHECK(ClassifyError("Federated", "arn:aws:iam::111122223333:user/alice") == "invalid-principal");
  CHECK(ClassifyError("Federated", "example.com") == "invalid-principal");
  CHECK(ClassifyError("CanonicalUser", "not-hex") == "invalid-principal");

  PrincipalPattern p;
  std::string code, message;
  CHECK_FALSE(ClassifyPrincipal("AWS", "", &p, &code, &message));
  CHECK(code == "empty-value");
}

constexpr std::string_view kUser = "arn:aws:iam::111122223333:user/dev/alice";
constexpr std::string_view kRole = "arn:aws:iam::111122223333:role/app/deploy";
constexpr std::string_view kSession = "arn:aws:sts::111122223333:assumed-role/deploy/s1";
constexpr std::string_view kFederated = "arn:aws:sts::111122223333:federated-user/carol";
constexpr std::string_view kRoot = "arn:aws:iam::111122223333:root";

TEST_CASE("an account principal names every identity of that account", "[principal]") {
  for (std::string_view account : {"111122223333", "arn:aws:iam::111122223333:root"}) {
    for (std::string_view caller :
         {kUser, kRole, kSession, kFederated, kRoot, std::string_view("111122223333")}) {
      INFO(account << " vs " << caller);
      CHECK(Match("AWS", account, caller) == GrantClass::kAccount);
    }
    CHECK(Match("AWS", account, "arn:aws:iam::444455556666:user/alice") == GrantClass::kNone);
    CHECK(Match("AWS", account, "ec2.amazonaws.com") == GrantClass::kNone);
    CHECK(Match("AWS", account, "anonymous") == GrantClass::kNone);
    CHECK(Match("AWS", account, "arn:aws:iam::111122223333:saml-provider/corp") ==
          GrantClass::kNone);
  }
  // The partition must agree when the pattern carries one.
  CHECK(Match("AWS", "arn:aws-cn:iam::111122223333:root", kUser) == GrantClass::kNone);
  CHECK(Match("AWS", "111122223333", "arn:aws-cn:iam::111122223333:user/x") ==
        GrantClass::kAccount);
}

TEST_CASE("a role ARN names the role's sessions by account and name", "[principal]") {
  CHECK(Match("AWS", kRole, kSession) == GrantClass::kRole);
  // The role's path is ignored: session ARNs do not carry it (decisions.md §37).
  CHECK(Match("AWS", "arn:aws:iam::111122223333:role/deploy", kSession) == GrantClass::kRole);
  CHECK(Match("AWS", kRole, kRole) == GrantClass::kRole);
  CHECK(Match("AWS", kRole, "arn:aws:sts::111122223333:assumed-role/other/s1") ==
        GrantClass::kNone);
  CHECK(Match("AWS", kRole, "arn:aws:sts::444455556666:assumed-role/deploy/s1") ==
        GrantClass::kNone);
  CHECK(Match("AWS", kRole, "arn:aws-cn:sts::111122223333:assumed-role/deploy/s1") ==
        GrantClass::kNone);
  CHECK(Match("AWS", kRole, kUser) == GrantClass::kNone);
  CHECK(Match("AWS", kRole, kRoot) == GrantClass::kNone);
}

TEST_CASE("exact principals name only themselves, directly", "[principal]") {
  CHECK(Match("AWS", kUser, kUser) == GrantClass::kDirect);
  CHECK(Match("AWS", kUser, "arn:aws:iam::111122223333:user/alice") == GrantClass::kNone);
  CHECK(Match("AWS", kUser, "arn:aws:iam::111122223333:user/dev/Alice") == GrantClass::kNone);
  CHECK(Match("AWS", kSession, kSession) == GrantClass::kDirect);
  CHECK(Match("AWS", kSession, "arn:aws:sts::111122223333:assumed-role/deploy/s2") ==
        GrantClass::kNone);
  CHECK(Match("AWS", kSession, kRole) == GrantClass::kNone);
  CHECK(Match("AWS", kFederated, kFederated) == GrantClass::kDirect);
  CHECK(Match("Service", "ec2.amazonaws.com", "ec2.amazonaws.com") == GrantClass::kDirect);
  CHECK(Match("Service", "ec2.amazonaws.com", "cloudtrail.amazonaws.com") == GrantClass::kNone);
  CHECK(Match("Federated", "cognito-identity.amazonaws.com", "cognito-identity.amazonaws.com") ==
        GrantClass::kDirect);
  CHECK(Match("Federated", "arn:aws:iam::111122223333:saml-provider/corp",
              "arn:aws:iam::111122223333:saml-provider/corp") == GrantClass::kDirect);
  CHECK(Match("Federated", "accounts.google.com", "cognito-identity.amazonaws.com") ==
        GrantClass::kNone);
  // A service is not an identity provider even under the same name.
  CHECK(Match("Service", "www.amazon.com", "www.amazon.com") == GrantClass::kNone);
}

TEST_CASE("`*` names everyone directly, and a canonical user names no IAM caller", "[principal]") {
  for (std::string_view caller :
       {kUser, kRole, kSession, kFederated, kRoot, std::string_view("ec2.amazonaws.com"),
        std::string_view("anonymous"), std::string_view("accounts.google.com")}) {
    CHECK(Match("*", "*", caller) == GrantClass::kDirect);
    CHECK(Match("AWS", "*", caller) == GrantClass::kDirect);
    CHECK(Match("CanonicalUser", "79a59df900b949e5", caller) == GrantClass::kNone);
  }
}

TEST_CASE("an IAM unique id is a valid principal that names no caller", "[principal]") {
  // AWS shows a deleted principal's unique id in place of its ARN (IAM User
  // Guide, "AWS JSON policy elements: Principal"); prefixes from "IAM
  // identifiers", "Understanding unique ID prefixes".
  for (std::string_view id : {"AROA3XFRBF535PLBIFPI4", "AIDACKCEVSQ6C2EXAMPLE",
                              "AGPAJ2UCCR6DPCEXAMPLE", "ASIAJEXAMPLEXEG2JICEA"}) {
    CHECK(IsIamUniqueId(id));
    CHECK(MustClassify("AWS", id).type == PrincipalPattern::Type::kUniqueId);
    for (std::string_view caller : {kUser, kRole, kSession, kFederated, kRoot}) {
      CHECK(Match("AWS", id, caller) == GrantClass::kNone);
    }
  }
  CHECK(!IsIamUniqueId("AXYZ3XFRBF535PLBIFPI4"));  // no such prefix
  CHECK(!IsIamUniqueId("AROA3xfrbf535plbifpi4"));  // upper case only
  CHECK(!IsIamUniqueId("AROA12345"));              // too short
  CHECK(ClassifyError("AWS", "AXYZ3XFRBF535PLBIFPI4") == "invalid-principal");
  // A NotPrincipal Deny listing only the id spares nobody.
  std::vector<PrincipalPattern> listed = {MustClassify("AWS", "AIDACKCEVSQ6C2EXAMPLE")};
  CHECK(NotPrincipalApplies(listed, Effect::kDeny, MustParse(kUser)));
}

TEST_CASE("MatchPrincipals takes the strongest class", "[principal]") {
  std::vector<PrincipalPattern> patterns = {MustClassify("AWS", "111122223333")};
  const Caller session = MustParse(kSession);
  CHECK(MatchPrincipals(patterns, session) == GrantClass::kAccount);
  patterns.push_back(MustClassify("AWS", kRole));
  CHECK(MatchPrincipals(patterns, session) == GrantClass::kRole);
  patterns.push_back(MustClassify("AWS", kSession));
  CHECK(MatchPrincipals(patterns, session) == GrantClass::kDirect);
  CHECK(MatchPrincipals({}, session) == GrantClass::kNone);
  CHECK(MatchPrincipals({MustClassify("AWS", kUser)}, session) == GrantClass::kNone);
}

std::vector<PrincipalPattern> Patterns(std::initializer_list<std::string_view> aws_values) {
  std::vector<PrincipalPattern> patterns;
  for (std::string_view value : aws_values) patterns.push_back(MustClassify("AWS", value));
  return patterns;
}

TEST_CASE("a NotPrincipal Deny spares only callers with every identity listed", "[principal]") {
  const Caller session = MustParse(kSession);
  // decisions.md §16: account, role and session must all be listed.
  CHECK(NotPrincipalApplies(Patterns({kSession}), Effect::kDeny, session));
  CHECK(NotPrincipalApplies(Patterns({kSession, kRole}), Effect::kDeny, session));
  CHECK(NotPrincipalApplies(Patterns({"111122223333", kRole}), Effect::kDeny, session));
  CHECK_FALSE(
      NotPrincipalApplies(Patterns({"111122223333", kRole, kSession}), Effect::kDeny, session));
  CHECK_FALSE(
      NotPrincipalApplies(Patterns({kRoot, "arn:aws:iam::111122223333:role/deploy", kSession}),
                          Effect::kDeny, session));

  const Caller user = MustParse(kUser);
  CHECK(NotPrincipalApplies(Patterns({kUser}), Effect::kDeny, user));
  CHECK_FALSE(NotPrincipalApplies(Patterns({kUser, "111122223333"}), Effect::kDeny, user));
  CHECK(NotPrincipalApplies(Patterns({"444455556666", kSession}), Effect::kDeny, user));

  const Caller root = MustParse(kRoot);
  CHECK_FALSE(NotPrincipalApplies(Patterns({"111122223333"}), Effect::kDeny, root));
  CHECK(NotPrincipalApplies(Patterns({kUser}), Effect::kDeny, root));

  // A role given as the caller is some session of it, and a federated user
  // the session of some IAM user: identities the request does not state,
  // never known to be listed but by `*` (decisions.md §49).
  const Caller role = MustParse(kRole);
  CHECK(NotPrincipalApplies(Patterns({kRole}), Effect::kDeny, role));
  CHECK(NotPrincipalApplies(Patterns({kRole, kRoot}), Effect::kDeny, role));
  CHECK(NotPrincipalApplies(Patterns({kRole, kRoot, kSession}), Effect::kDeny, role));
  CHECK_FALSE(NotPrincipalApplies(Patterns({"*"}), Effect::kDeny, role));
  const Caller federated = MustParse(kFederated);
  CHECK(NotPrincipalApplies(Patterns({kFederated, kRoot, kUser}), Effect::kDeny, federated));
  CHECK_FALSE(NotPrincipalApplies(Patterns({"*"}), Effect::kDeny, federated));

  const Caller service = MustParse("ec2.amazonaws.com");
  CHECK(NotPrincipalApplies(Patterns({"111122223333"}), Effect::kDeny, service));
  CHECK_FALSE(
      NotPrincipalApplies({MustClassify("Service", "ec2.amazonaws.com")}, Effect::kDeny, service));

  const Caller anonymous = MustParse("anonymous");
  CHECK(NotPrincipalApplies(Patterns({"111122223333"}), Effect::kDeny, anonymous));
  CHECK_FALSE(NotPrincipalApplies(Patterns({"*"}), Effect::kDeny, anonymous));
  CHECK_FALSE(NotPrincipalApplies(Patterns({"*"}), Effect::kDeny, session));
}

TEST_CASE("a Deny may name a caller through an identity the request does not state",
          "[principal]") {
  // decisions.md §49. A canonical user id is some account's: maybe the caller's.
  const std::vector<PrincipalPattern> canonical = {MustClassify("CanonicalUser", "79a59df9")};
  for (std::string_view text : {kUser, kRole, kSession, kFederated, kRoot}) {
    CHECK(DenyMayNameCaller(canonical, MustParse(text)));
  }
  CHECK_FALSE(DenyMayNameCaller(canonical, MustParse("anonymous")));
  CHECK_FALSE(DenyMayNameCaller(canonical, MustParse("ec2.amazonaws.com")));
  // A federated user's session is some IAM user's of its account.
  const Caller federated = MustParse(kFederated);
  CHECK(DenyMayNameCaller(Patterns({kUser}), federated));
  CHECK_FALSE(DenyMayNameCaller(Patterns({"arn:aws:iam::444455556666:user/alice"}), federated));
  CHECK_FALSE(DenyMayNameCaller(Patterns({"arn:aws-cn:iam::111122223333:user/alice"}), federated));
  CHECK_FALSE(DenyMayNameCaller(Patterns({kUser}), MustParse(kSession)));
  // A role caller is some session of its role.
  const Caller role = MustParse(kRole);
  CHECK(DenyMayNameCaller(Patterns({kSession}), role));
  CHECK_FALSE(
      DenyMayNameCaller(Patterns({"arn:aws:sts::111122223333:assumed-role/other/s1"}), role));
  CHECK_FALSE(DenyMayNameCaller(Patterns({kSession}), MustParse(kUser)));
  // IAM names are not distinguished by case: another case may name the caller.
  CHECK(
      DenyMayNameCaller(Patterns({"arn:aws:iam::111122223333:user/dev/ALICE"}), MustParse(kUser)));
  CHECK(
      DenyMayNameCaller(Patterns({"arn:aws:iam::111122223333:role/Deploy"}), MustParse(kSession)));
  CHECK(DenyMayNameCaller(Patterns({"arn:aws:sts::111122223333:assumed-role/DEPLOY/s1"}),
                          MustParse(kSession)));
  CHECK_FALSE(DenyMayNameCaller(Patterns({"arn:aws:sts::111122223333:assumed-role/deploy/S1"}),
                                MustParse(kSession)));
  CHECK_FALSE(
      DenyMayNameCaller(Patterns({"arn:aws:iam::111122223333:user/dev/bob"}), MustParse(kUser)));
}

TEST_CASE("a NotPrincipal Allow applies to nobody", "[principal]") {
  // AWS does not support NotPrincipal with Allow (IAM User Guide, "AWS JSON
  // policy elements: NotPrincipal"); read as everyone-but-these it would grant
  // strangers and anonymous callers, so it never applies (decisions.md §16).
  for (std::string_view text :
       {kUser, kRole, kSession, kFederated, kRoot, std::string_view("anonymous"),
        std::string_view("ec2.amazonaws.com")}) {
    const Caller caller = MustParse(text);
    for (const std::vector<PrincipalPattern>& listed :
         {Patterns({"111122223333"}), Patterns({"444455556666", kUser}), Patterns({"*"}),
          std::vector<PrincipalPattern>{MustClassify("CanonicalUser", "79a59df9")}}) {
      CHECK_FALSE(NotPrincipalApplies(listed, Effect::kAllow, caller));
    }
  }
}

TEST_CASE("reading callers and matching principals never allocates", "[principal]") {
  const std::vector<PrincipalPattern> patterns =
      Patterns({"111122223333", kRole, kSession, kUser, kFederated, "*"});
  const std::vector<PrincipalPattern> narrow = Patterns({kUser, "444455556666"});
  int granted = 0;
  const size_t allocations = testing::AllocationsDuring([&] {
    for (std::string_view text :
         {kUser, kRole, kSession, kFederated, kRoot, std::string_view("ec2.amazonaws.com"),
          std::string_view("anonymous")}) {
      Caller caller;
      if (!ParseCaller(text, &caller)) continue;
      granted += static_cast<int>(MatchPrincipals(patterns, caller));
      granted += static_cast<int>(MatchPrincipals(narrow, caller));
      granted += NotPrincipalApplies(narrow, Effect::kDeny, caller);
      granted += NotPrincipalApplies(narrow, Effect::kAllow, caller);
    }
  });
  CHECK(allocations == 0);
  CHECK(granted > 0);
}

}  // namespace
}  // namespace iameval::internal
