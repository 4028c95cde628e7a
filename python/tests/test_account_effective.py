"""Effective permissions and the broadened who_can (issue #15 point 3), with
answers asserted on the realistic export (tests/data/authorization-details.json):
every entry is what the engine decides, and can() agrees with each proof."""

from __future__ import annotations

import fnmatch

import pytest

import iameval
from conftest import ACCOUNT, arn

ALICE, BOB, CAROL = arn("user", "alice"), arn("user", "ops/bob"), arn("user", "carol")
DAVE = arn("user", "contractors/dave")
AUDIT, AUDITOR, DEPLOY = arn("role", "audit-readonly"), arn("role", "auditor"), arn("role", "deploy")
LAMBDA = arn("role", "service-role/app-lambda")
SSO_ROLE = arn("role", "aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_DataEngineer_0123456789abcdef")
SLR = arn("role", "aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing")
SCANNER = "arn:aws:iam::444455556666:role/security-scanner"
BOUNDARY = f"arn:aws:iam::{ACCOUNT}:policy/DeveloperBoundary"


def test_a_users_permissions_through_group_inline_variables_and_boundary(model):
    dave = model.effective_permissions(DAVE)
    assert dave.principal == DAVE
    assert [a.action for a in dave.actions] == ["s3:GetObject", "s3:ListBucket", "s3:PutObject"]
    assert set(dave.services) == {"s3"}
    assert {level: [a.action for a in entries] for level, entries in dave.services["s3"].items()} == {
        "Read": ["s3:GetObject"], "List": ["s3:ListBucket"], "Write": ["s3:PutObject"]}
    put = dave.get("S3:PUTOBJECT")
    assert put.status == "allowed"
    # The ${aws:username} grant, rendered for dave: only his own prefix.
    assert fnmatch.fnmatchcase(put.resource, "arn:aws:s3:::data-lake/incoming/dave/*")
    assert [(g.policy, g.resources) for g in put.grants] == [
        (f"{DAVE} inline own-prefix", ("arn:aws:s3:::data-lake/incoming/${aws:username}/*",))]
    assert [(b.policy, b.kind, b.effect, b.sid) for b in put.bounds] == [
        (BOUNDARY, "permissionsBoundary", "Allow", "S3AndLogsOnly")]
    get = dave.get("s3:GetObject")
    assert get.grants[0].policy == f"arn:aws:iam::{ACCOUNT}:policy/teams/DataLakeRead via group data-engineers"
    assert get.access_level == "Read" and get.service == "s3"
    assert dave.get("s3:DeleteObject") is None
    assert dave.catalogue["date"] == iameval.catalogue_info()["date"]


def test_conditions_that_bound_an_action_are_shown_as_written(model):
    alice = model.effective_permissions(ALICE)
    start = alice.get("ec2:StartInstances")
    assert start.status == "conditional"
    assert start.grants[0].conditional
    assert start.grants[0].condition == {"StringEquals": {"ec2:ResourceTag/team": "${aws:PrincipalTag/team}"}}
    assert alice.get("s3:GetObject").status == "allowed"
    assert alice.get("ec2:TerminateInstances") is None


def test_the_boundary_keeps_a_broad_user_to_s3_and_logs(model):
    carol = model.effective_permissions(CAROL)
    assert set(carol.services) == {"logs", "s3"}
    # ReadOnlyAccess and an inline `*` grant; the boundary allows s3 and logs.
    assert carol.get("s3:PutObject").status == "allowed"
    assert carol.get("dynamodb:ListTables") is None
    assert carol.get("iam:CreateUser") is None
    assert all(BOUNDARY in {b.policy for b in a.bounds} for a in carol.actions)


def test_administrator_and_resource_policies_the_set_lacks(model):
    bob = model.effective_permissions(BOB)
    assert bob.get("iam:CreateUser").status == "allowed"
    assert len(bob.actions) > 20000
    # A role's trust policy and a key's policy must allow too: not the user's alone.
    assert bob.get("sts:AssumeRole") is None
    assert bob.get("kms:Decrypt") is None
    # The auditor may only assume a role whose trust policy names it no more.
    assert model.effective_permissions(AUDITOR).actions == []


def test_service_linked_role_under_its_aws_managed_policy(model):
    slr = model.effective_permissions(SLR)
    assert set(slr.services) == {"ec2", "logs"}
    describe = slr.get("ec2:DescribeAddresses")
    assert describe.resource == "*" and describe.status == "allowed"
    assert describe.grants[0].policy == \
        "arn:aws:iam::aws:policy/aws-service-role/AWSElasticLoadBalancingServiceRolePolicy"
    assert slr.get("ec2:TerminateInstances") is None


def test_every_proof_is_what_can_decides(model):
    answers = model.all_effective_permissions(threads=2)
    assert [a.principal for a in answers] == [p.arn for p in model.principals]
    checked = 0
    for answer in answers:
        for entry in answer.actions[:400]:
            decision = model.can(answer.principal, entry.action, entry.resource, resource_account=ACCOUNT)
            assert decision.allowed == (entry.status == "allowed"), (answer.principal, entry)
            checked += 1
    assert checked > 1800
    # The same answers one principal at a time.
    one = model.effective_permissions(DAVE)
    assert next(a for a in answers if a.principal == DAVE) == one


def test_narrowed_to_actions_and_resources(model):
    dave = model.effective_permissions(DAVE, actions="s3:Put*", resources="arn:aws:s3:::data-lake/incoming/*")
    assert [a.action for a in dave.actions] == ["s3:PutObject"]
    assert model.effective_permissions(DAVE, resources="arn:aws:s3:::data-lake/incoming/eve/*").get(
        "s3:PutObject") is None


def test_who_can_on_a_resource_pattern(model):
    assert model.who_can("s3:PutObject", "arn:aws:s3:::data-lake/incoming/*") == sorted([CAROL, BOB, DAVE])
    # dave's grant is his own prefix only.
    assert model.who_can("s3:PutObject", "arn:aws:s3:::data-lake/incoming/eve/*") == sorted([CAROL, BOB])
    assert model.who_can("s3:GetObject", "arn:aws:s3:::data-lake/*") == sorted(
        [AUDIT, SSO_ROLE, DEPLOY, CAROL, DAVE, BOB])
    with pytest.raises(ValueError, match="one action"):
        model.who_can("s3:Get*", "arn:aws:s3:::data-lake/*")
    with pytest.raises(ValueError, match="no context"):
        model.who_can("s3:GetObject", "arn:aws:s3:::data-lake/*", {"aws:SourceIp": "10.0.0.1"})


def test_who_can_reach_through_trust_policies(model):
    reach = model.who_can_reach("cloudtrail:DescribeTrails", "*")
    assert iameval.Reach(SCANNER, AUDIT) in reach            # another account, through the trust policy
    assert iameval.Reach(ALICE, DEPLOY) in reach             # alice may assume deploy
    assert iameval.Reach(BOB, None) in reach
    # The trust policy's deleted role (a unique id) reaches nothing.
    assert not any(r.caller.startswith("AROA") for r in reach)
    # SAML needs its audience: not reachable without context.
    assert not any("saml-provider" in r.caller for r in reach)
    logs = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:log-stream:s"
    assert model.who_can_reach("logs:PutLogEvents", logs) == [
        iameval.Reach(LAMBDA, None), iameval.Reach(BOB, None), iameval.Reach("lambda.amazonaws.com", LAMBDA)]
    assert model.who_can("logs:PutLogEvents", logs, include_external=True) == sorted(
        [LAMBDA, BOB, "lambda.amazonaws.com"])


def test_who_can_reach_service_principals_and_other_accounts_through_resource_policies(sample_export_path):
    bucket_policy = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
         "Resource": "arn:aws:s3:::audit-logs/*"},
        {"Effect": "Allow", "Principal": {"AWS": "444455556666"}, "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::audit-logs/*"}]}
    model = iameval.load_authorization_details(sample_export_path,
                                               resource_policies={"arn:aws:s3:::audit-logs": bucket_policy})
    key = "arn:aws:s3:::audit-logs/2026/trail.json"
    assert model.who_can("s3:PutObject", key, include_external=True) == sorted(
        [CAROL, BOB, "cloudtrail.amazonaws.com"])
    get = model.who_can("s3:GetObject", key, include_external=True)
    assert "444455556666" in get and "cloudtrail.amazonaws.com" not in get
    assert SCANNER in get  # assumes audit-readonly, which reads every bucket of the account
    # Without include_external: the export's own principals only.
    assert "cloudtrail.amazonaws.com" not in model.who_can("s3:PutObject", key)
    # The service principal for the trust policy of the SLR.
    assert model.who_can("sts:AssumeRole", SLR, include_external=True) == ["elasticloadbalancing.amazonaws.com"]
    assert model.who_can("sts:AssumeRole", SLR) == []


def test_unknown_principals_are_refused(model):
    with pytest.raises(iameval.UnknownPrincipalError):
        model.effective_permissions(arn("role", "nobody"))
    with pytest.raises(ValueError, match="no user or role"):
        model.effective_permissions("arn:aws:iam::111122223333:root")


def test_scps_bound_and_remove_actions(sample_export_path):
    full = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    guard = {"Version": "2012-10-17", "Statement": [
        {"Sid": "NoBucketDeletes", "Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"},
        {"Sid": "OnlyInEurope", "Effect": "Deny", "Action": "ec2:RunInstances", "Resource": "*",
         "Condition": {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}}]}
    # Every level must allow: the guard sits beside FullAWSAccess at the second.
    model = iameval.load_authorization_details(sample_export_path, scps=[[full], [full, guard]])
    bob = model.effective_permissions(BOB)
    assert bob.get("s3:DeleteBucket") is None
    run = bob.get("ec2:RunInstances")
    assert run.status == "conditional"
    assert ("scps[1][1]", "Deny", "OnlyInEurope") in {(b.policy, b.effect, b.sid) for b in run.bounds}
    assert next(b for b in run.bounds if b.sid == "OnlyInEurope").condition == \
        {"StringNotEquals": {"aws:RequestedRegion": "eu-west-1"}}
    assert ("scps[0][0]", "Allow") in {(b.policy, b.effect) for b in bob.get("s3:GetObject").bounds}
    # Service-linked roles are outside SCPs.
    assert model.effective_permissions(SLR).get("ec2:DescribeAddresses").status == "allowed"
