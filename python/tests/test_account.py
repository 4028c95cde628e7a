"""The account model over the sample `aws iam get-account-authorization-details`
export (tests/data/authorization-details.json): users, groups, roles, inline
and managed policies (default versions), boundaries, trust policies, URL-encoded
documents, SCPs and resource policies."""

import copy
import json

import pytest

import iameval
from conftest import ACCOUNT, FULL_ACCESS_SCP, arn

ALICE, BOB, CAROL = arn("user", "alice"), arn("user", "ops/bob"), arn("user", "carol")
DEPLOY, LAMBDA = arn("role", "deploy"), arn("role", "service-role/app-lambda")
SSO_ROLE = arn("role", "aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DataEngineer_0123456789abcdef")
# S3 ARNs name no account: these requests say the bucket is the account's own.
OWN = {"resource_account": ACCOUNT}


def test_loads_every_principal(model):
    assert model.account_id == ACCOUNT
    users = [p.arn for p in model.principals if p.type == "user"]
    assert users == [ALICE, CAROL, arn("user", "contractors/dave"), BOB]
    assert {DEPLOY, LAMBDA} <= {p.arn for p in model.principals if p.type == "role"}
    assert model.unknowable() == []
    assert "users=4 roles=6 groups=3" in repr(model)


def test_group_managed_policy_default_version(model):
    # developers -> DevS3Access, whose default is v2 (v1 allowed all of S3).
    assert model.can(ALICE, "s3:GetObject", "arn:aws:s3:::app-data/x.csv", **OWN).decision == "allowed"
    assert model.can(ALICE, "s3:DeleteObject", "arn:aws:s3:::app-data/x.csv", **OWN).decision == "implicitDeny"
    assert model.can(ALICE, "s3:GetObject", "arn:aws:s3:::audit-logs/x", **OWN).decision == "explicitDeny"


def test_group_inline_policy(model):
    assert model.can(ALICE, "logs:GetLogEvents", f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/app/web").allowed


def test_aws_managed_policy_through_a_group(model):
    assert model.can(BOB, "iam:CreateUser", "*").allowed
    assert model.can(arn("user", "bob"), "iam:CreateUser", "*").allowed  # without its path


def test_permissions_boundary(model):
    d = model.can(CAROL, "ec2:RunInstances", "*", explain=True)
    assert d.decision == "implicitDeny"
    assert any(v.kind == "permissionsBoundary" and v.verdict == "noMatch" for v in d.explanation.verdicts)
    assert model.can(CAROL, "s3:PutObject", "arn:aws:s3:::x/y", **OWN).allowed


def test_principal_tags_reach_policy_variables(model):
    instance = f"arn:aws:ec2:us-east-1:{ACCOUNT}:instance/i-0abc"
    assert model.can(ALICE, "ec2:StartInstances", instance, {"ec2:ResourceTag/team": "blue"}).allowed
    assert not model.can(ALICE, "ec2:StartInstances", instance, {"ec2:ResourceTag/team": "red"}).allowed
    # A key the caller sets wins over the tag.
    assert model.can(ALICE, "ec2:StartInstances", instance,
                     {"ec2:ResourceTag/team": "red", "aws:principaltag/team": "red"}).allowed


def test_trust_policy_is_the_roles_resource_policy(model):
    assert model.can(ALICE, "sts:AssumeRole", DEPLOY).allowed
    d = model.can(BOB, "sts:AssumeRole", DEPLOY, explain=True)
    assert d.decision == "implicitDeny"  # admin, but the trust policy does not name bob
    # URL-encoded trust policy, role with a path, service principal.
    assert model.can("lambda.amazonaws.com", "sts:AssumeRole", LAMBDA).allowed
    assert not model.can("ec2.amazonaws.com", "sts:AssumeRole", LAMBDA).allowed


def test_role_sessions_use_their_roles_policies(model):
    session = f"arn:aws:sts::{ACCOUNT}:assumed-role/deploy/ci-run-42"
    assert model.can(session, "iam:PassRole", LAMBDA).allowed  # URL-encoded inline policy
    assert model.can(session, "s3:PutObject", "arn:aws:s3:::deploy-artifacts/build.zip", **OWN).allowed
    assert model.can(session, "ec2:DescribeInstances", "*").allowed  # ReadOnlyAccess
    assert not model.can(session, "ec2:TerminateInstances", "*").allowed


def test_role_boundary_and_url_encoded_managed_policy(model):
    lambda_session = f"arn:aws:sts::{ACCOUNT}:assumed-role/app-lambda/fn"
    assert model.can(lambda_session, "logs:PutLogEvents", "*").allowed
    assert model.can(arn("role", "app-lambda"), "logs:PutLogEvents", "*").allowed  # path-less
    assert not model.can(lambda_session, "dynamodb:GetItem", "*").allowed


def test_who_can(model):
    assert model.who_can("iam:CreateUser", "*") == [BOB]
    # ReadOnlyAccess (s3:Get*) reaches the roles it is attached to as well.
    assert model.who_can("s3:GetObject", "arn:aws:s3:::app-data/k", **OWN) == sorted(
        [ALICE, BOB, CAROL, DEPLOY, arn("role", "audit-readonly"), SSO_ROLE])
    assert model.who_can("sts:AssumeRole", DEPLOY) == [ALICE]


def test_scps_apply_to_the_accounts_principals(sample_export_path):
    no_iam = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}]}
    model = iameval.load_authorization_details(sample_export_path, scps=[[FULL_ACCESS_SCP], [FULL_ACCESS_SCP, no_iam]])
    assert model.can(BOB, "iam:CreateUser", "*").decision == "explicitDeny"
    assert model.can(BOB, "s3:ListAllMyBuckets", "*").allowed
    assert model.who_can("iam:CreateUser", "*") == []
    managed = iameval.load_authorization_details(sample_export_path, scps=[[no_iam]], management_account=True)
    assert managed.can(BOB, "iam:CreateUser", "*").allowed  # SCPs spare the management account


def test_resource_policies_by_arn(sample_export_path):
    bucket = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::app-data/private/*",
         "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "blue"}}}]}
    model = iameval.load_authorization_details(sample_export_path,
                                               resource_policies={"arn:aws:s3:::app-data": bucket})
    assert model.can(ALICE, "s3:GetObject", "arn:aws:s3:::app-data/private/x").allowed  # team blue
    assert model.can(CAROL, "s3:GetObject", "arn:aws:s3:::app-data/private/x").decision == "explicitDeny"
    assert model.can(CAROL, "s3:GetObject", "arn:aws:s3:::app-data/public/x").allowed


def test_a_bucket_nobody_says_the_owner_of_is_decided_safely(sample_export_path):
    # Without its policy in the model nor resource_account, the bucket may be
    # another account's: identity policies alone do not allow (spec/decision.md §2.1).
    model = iameval.load_authorization_details(sample_export_path)
    d = model.can(ALICE, "s3:GetObject", "arn:aws:s3:::app-data/x.csv", explain=True)
    assert d.decision == "implicitDeny"
    assert "owner is unknown" in d.explanation.reason
    # Once the model holds the bucket's policy, the bucket is the account's own.
    empty = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": "arn:aws:s3:::app-data"}]}
    owned = iameval.load_authorization_details(sample_export_path, resource_policies={"arn:aws:s3:::app-data": empty})
    assert owned.can(ALICE, "s3:GetObject", "arn:aws:s3:::app-data/x.csv").allowed
    assert owned.who_can("s3:GetObject", "arn:aws:s3:::app-data/k") == model.who_can(
        "s3:GetObject", "arn:aws:s3:::app-data/k", **OWN)
    # An ARN that names its account is never overridden.
    queue = "arn:aws:sqs:us-east-1:444455556666:jobs"
    foreign = iameval.load_authorization_details(sample_export_path, resource_policies={queue: empty})
    assert not foreign.can(BOB, "sqs:SendMessage", queue).allowed


def test_loading_forms(sample_export_path):
    text = sample_export_path.read_text()
    data = json.loads(text)
    for model in (iameval.AccountModel(data), iameval.AccountModel.from_json(text),
                  iameval.AccountModel.from_file(str(sample_export_path)),
                  iameval.load_authorization_details(data)):
        assert model.can(BOB, "iam:CreateUser", "*").allowed
    with open(sample_export_path) as f:
        assert iameval.load_authorization_details(f).can(BOB, "iam:CreateUser", "*").allowed


def test_pages_are_merged(sample_export_path):
    data = json.loads(sample_export_path.read_text())
    pages = [{"UserDetailList": data["UserDetailList"], "IsTruncated": True, "Marker": "m"},
             {"GroupDetailList": data["GroupDetailList"], "RoleDetailList": data["RoleDetailList"],
              "Policies": data["Policies"], "IsTruncated": False}]
    assert iameval.AccountModel(pages).can(BOB, "iam:CreateUser", "*").allowed


def test_unknown_principals_raise(model):
    with pytest.raises(iameval.UnknownPrincipalError):
        model.can(arn("user", "mallory"), "s3:GetObject", "*")
    with pytest.raises(iameval.UnknownPrincipalError):
        model.can("arn:aws:iam::444455556666:user/alice", "s3:GetObject", "*")
    with pytest.raises(LookupError):
        model.can(f"arn:aws:sts::{ACCOUNT}:assumed-role/ghost/s", "s3:GetObject", "*")


def test_callers_from_outside_have_no_identity_policies(model):
    assert model.can("*", "s3:GetObject", "arn:aws:s3:::app-data/x").decision == "implicitDeny"
    root = model.can(f"arn:aws:iam::{ACCOUNT}:root", "s3:GetObject", "arn:aws:s3:::app-data/x", **OWN)
    assert root.allowed  # the root user's identity side always allows


def test_missing_managed_policy_is_reported_not_guessed(sample_export_path):
    data = json.loads(sample_export_path.read_text())
    partial = copy.deepcopy(data)
    partial["Policies"] = [p for p in partial["Policies"] if p["PolicyName"] != "AdministratorAccess"]
    model = iameval.AccountModel(partial)
    with pytest.raises(iameval.MissingPolicyError, match="AdministratorAccess"):
        model.can(BOB, "iam:CreateUser", "*")
    assert model.unknowable() == [BOB]
    assert model.who_can("s3:GetObject", "arn:aws:s3:::app-data/k", **OWN) == sorted(
        [ALICE, CAROL, DEPLOY, arn("role", "audit-readonly"), SSO_ROLE])


def test_a_bad_document_names_its_policy(sample_export_path):
    data = json.loads(sample_export_path.read_text())
    data["UserDetailList"][0]["UserPolicyList"][0]["PolicyDocument"] = {"Statement": [{"Effect": "Maybe"}]}
    model = iameval.AccountModel(data)
    with pytest.raises(iameval.PolicyError) as caught:
        model.can(ALICE, "s3:GetObject", "*")
    assert caught.value.findings[0].document == f"{ALICE} inline assume-deploy"


def test_not_an_export():
    with pytest.raises(ValueError, match="authorization-details"):
        iameval.AccountModel({"Users": []})
    with pytest.raises(ValueError):
        iameval.AccountModel([])


def test_policy_sets_are_cached(model):
    first = model.policy_set(ALICE, "arn:aws:s3:::app-data/a")
    assert model.policy_set(ALICE, "arn:aws:s3:::other/b") is first
    assert model.policy_set(ALICE, DEPLOY) is not first  # the trust policy joins


def test_source_of_names_the_policy_behind_a_statement(model):
    d = model.can(ALICE, "s3:GetObject", "arn:aws:s3:::audit-logs/x", explain=True)
    [deny] = d.explanation.determining
    assert deny.sid == "DenyAuditBucket"
    assert model.source_of(ALICE, "arn:aws:s3:::audit-logs/x", deny) == \
        f"arn:aws:iam::{ACCOUNT}:policy/DevS3Access via group developers"
    d = model.can(ALICE, "sts:AssumeRole", DEPLOY, explain=True)
    assert [model.source_of(ALICE, DEPLOY, ref) for ref in d.explanation.determining] == \
        [f"{DEPLOY} trust policy"]
    d = model.can(BOB, "iam:CreateUser", "*", explain=True)
    assert model.source_of(BOB, "*", d.explanation.determining[0]) == \
        "arn:aws:iam::aws:policy/AdministratorAccess via group admins"
    assert model.identity_policy_names(model.principal(ALICE)) == [
        f"{ALICE} inline assume-deploy",
        f"arn:aws:iam::{ACCOUNT}:group/developers inline read-logs via group developers",
        f"arn:aws:iam::{ACCOUNT}:policy/DevS3Access via group developers",
    ]
