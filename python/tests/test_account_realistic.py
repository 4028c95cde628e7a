"""The sample export as AWS really writes it (tests/data/authorization-details.json):
an AWS managed policy attached by ARN and larger than the customer quota,
URL-encoded documents, roles with paths (IAM Identity Center's
`aws-reserved/sso.amazonaws.com/`), a service-linked role, a trust policy that
still names a deleted role by its unique id, groups and customer managed
policies with paths, and permissions boundaries. Issue #13: it loads without
error, and can/who_can give the answers below."""

import json
import urllib.parse

import pytest

import iameval
from conftest import ACCOUNT, arn

SSO_NAME = "AWSReservedSSO_DataEngineer_0123456789abcdef"
SSO_ROLE = arn("role", f"aws-reserved/sso.amazonaws.com/eu-west-1/{SSO_NAME}")
SSO_SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/{SSO_NAME}/jane@example.com"
SAML = f"arn:aws:iam::{ACCOUNT}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE"
SLR = arn("role", "aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing")
AUDIT, AUDITOR = arn("role", "audit-readonly"), arn("role", "auditor")
DAVE = arn("user", "contractors/dave")
CAROL_ARN, BOB_ARN = arn("user", "carol"), arn("user", "ops/bob")
WORKGROUP = f"arn:aws:athena:eu-west-1:{ACCOUNT}:workgroup/primary"


def test_the_export_is_shaped_as_aws_writes_it(sample_export_path):
    data = json.loads(sample_export_path.read_text())
    read_only = next(p for p in data["Policies"] if p["Arn"] == "arn:aws:iam::aws:policy/ReadOnlyAccess")
    document = read_only["PolicyVersionList"][0]["Document"]
    # Larger than a customer may store (10,240 characters without whitespace).
    assert len(json.dumps(document, separators=(",", ":"))) > 10240
    assert [f.code for f in iameval.check(document, "identity")] == ["policy-too-large"]
    roles = {r["Arn"]: r for r in data["RoleDetailList"]}
    assert roles[SSO_ROLE]["Path"] == "/aws-reserved/sso.amazonaws.com/eu-west-1/"
    assert roles[SSO_ROLE]["AssumeRolePolicyDocument"].startswith("%7B")  # URL-encoded
    assert "AROA5DELETEDAUDITOR01" in json.dumps(roles[AUDIT]["AssumeRolePolicyDocument"])
    assert roles[SLR]["Path"].startswith("/aws-service-role/")


def test_loads_without_error(model):
    assert model.unknowable() == []
    arns = {p.arn for p in model.principals}
    assert {SSO_ROLE, SLR, AUDIT, AUDITOR, DAVE} <= arns
    # Every document in force parses, the over-quota AWS managed policy included.
    for principal in model.principals:
        assert model.identity_policies(principal)


def test_aws_managed_policy_over_the_quota_is_enforced_as_published(model):
    assert model.can(AUDIT, "cloudtrail:DescribeTrails", "*").allowed
    assert model.can(AUDIT, "dynamodb:ListTables", "*").allowed
    assert model.can(AUDIT, "dynamodb:DeleteTable", f"arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/t").decision \
        == "implicitDeny"


def test_identity_center_role_with_its_path(model):
    # A session ARN has no path; the model finds the role under aws-reserved/.
    assert model.principal(SSO_SESSION).arn == SSO_ROLE
    assert model.can(SSO_SESSION, "athena:StartQueryExecution", WORKGROUP).allowed  # URL-encoded inline
    bucket_object = "arn:aws:s3:::app-data/k"
    assert model.can(SSO_SESSION, "s3:GetObject", bucket_object, resource_account=ACCOUNT).allowed
    assert model.can(SSO_SESSION, "s3:PutObject", bucket_object,
                     resource_account=ACCOUNT).decision == "implicitDeny"
    assert model.can(SSO_ROLE, "athena:StartQueryExecution", WORKGROUP).allowed


def test_identity_center_trust_policy_takes_saml(model):
    audience = {"SAML:aud": "https://signin.aws.amazon.com/saml"}
    assert model.can(SAML, "sts:AssumeRoleWithSAML", SSO_ROLE, audience).allowed
    assert not model.can(SAML, "sts:AssumeRoleWithSAML", SSO_ROLE, {"SAML:aud": "https://example.com"})
    assert not model.can(SAML, "sts:AssumeRole", SSO_ROLE, audience)
    assert model.who_can("sts:AssumeRole", SSO_ROLE) == []


def test_service_linked_role(model):
    assert model.can("elasticloadbalancing.amazonaws.com", "sts:AssumeRole", SLR).allowed
    assert not model.can("ec2.amazonaws.com", "sts:AssumeRole", SLR)
    assert model.can(SLR, "ec2:DescribeAddresses", "*").allowed  # AWS managed policy with a path
    assert model.can(SLR, "ec2:TerminateInstances", "*").decision == "implicitDeny"
    assert model.who_can("sts:AssumeRole", SLR) == []
    assert model.source_of(SLR, "*", model.can(SLR, "ec2:DescribeVpcs", "*", explain=True)
                           .explanation.determining[0]) == \
        "arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy"


def test_deleted_role_in_a_trust_policy_matches_nobody(model):
    # `auditor` was deleted and created again: the trust policy still holds the
    # old role's unique id, which the new role is not, although its own
    # policy allows sts:AssumeRole on the target.
    decision = model.can(AUDITOR, "sts:AssumeRole", AUDIT, explain=True)
    assert decision.decision == "implicitDeny"
    assert model.who_can("sts:AssumeRole", AUDIT) == []
    trust = model.policy_set(AUDITOR, AUDIT).findings
    assert "principal-unique-id" in {f.code for f in trust}


def test_user_group_and_customer_policy_with_paths(model):
    lake = "arn:aws:s3:::data-lake/"
    assert model.can(DAVE, "s3:GetObject", lake + "part-0.parquet", resource_account=ACCOUNT).allowed
    assert model.can(arn("user", "dave"), "s3:ListBucket", "arn:aws:s3:::data-lake",
                     resource_account=ACCOUNT).allowed  # path-less
    # URL-encoded inline policy with ${aws:username}, under the boundary (s3 and logs).
    assert model.can(DAVE, "s3:PutObject", lake + "incoming/dave/a.csv", resource_account=ACCOUNT).allowed
    assert model.can(DAVE, "s3:PutObject", lake + "incoming/eve/a.csv",
                     resource_account=ACCOUNT).decision == "implicitDeny"
    assert model.identity_policy_names(model.principal(DAVE)) == [
        f"{DAVE} inline own-prefix",
        f"arn:aws:iam::{ACCOUNT}:policy/teams/DataLakeRead via group data-engineers",
    ]


def test_who_can_across_the_export(model):
    assert model.who_can("athena:StartQueryExecution", WORKGROUP) == sorted([SSO_ROLE, BOB_ARN])  # bob: admin
    assert model.who_can("s3:PutObject", "arn:aws:s3:::data-lake/incoming/dave/a.csv",
                         resource_account=ACCOUNT) == sorted(
        [CAROL_ARN, BOB_ARN, DAVE])


def test_url_encoded_documents_decode_to_the_same_answers(sample_export_path):
    data = json.loads(sample_export_path.read_text())
    for role in data["RoleDetailList"]:
        document = role["AssumeRolePolicyDocument"]
        if isinstance(document, str):
            role["AssumeRolePolicyDocument"] = json.loads(urllib.parse.unquote(document))
    decoded = iameval.AccountModel(data)
    audience = {"SAML:aud": "https://signin.aws.amazon.com/saml"}
    assert decoded.can(SAML, "sts:AssumeRoleWithSAML", SSO_ROLE, audience).allowed


@pytest.mark.parametrize("question", [
    (SSO_SESSION, "athena:GetQueryResults", WORKGROUP, "allowed"),
    (SLR, "logs:CreateLogDelivery", "*", "allowed"),
    (AUDIT, "iam:CreateUser", "*", "implicitDeny"),
])
def test_answers(model, question):
    principal, action, resource, expected = question
    assert model.can(principal, action, resource).decision == expected


def test_identity_center_session_reports_its_role_arn_with_the_path(sample_export_path):
    # Issue #13 behaviour 6: an SCP singling out Identity Center roles by their
    # path applies to their sessions, because the model states the role's ARN
    # (with its path) as the request's principal_role_arn.
    allow_all = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    no_sso_athena = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Deny", "Action": "athena:*", "Resource": "*",
        "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"}}}]}
    model = iameval.load_authorization_details(sample_export_path, scps=[[allow_all, no_sso_athena]])
    decision = model.can(SSO_SESSION, "athena:StartQueryExecution", WORKGROUP, explain=True)
    assert decision.decision == "explicitDeny"
    assert decision.explanation.notes == ()
    # Asked directly, without the role's ARN, the engine cannot see the path.
    # An Identity Center role always has one, so it refuses rather than let
    # the path-less ARN step around the Deny (spec/request.md).
    plain = model.policy_set(SSO_SESSION, WORKGROUP).decide(
        SSO_SESSION, "athena:StartQueryExecution", WORKGROUP, explain=True)
    assert plain.decision == "implicitDeny"
    assert "principalRoleArn" in plain.error
    assert plain.explanation.reason_code == "invalid-request"
