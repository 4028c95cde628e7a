"""Compiling a set of policies by kind, and how its errors name documents."""

import json

import pytest

import iameval
from conftest import DENY_DELETE, FULL_ACCESS_SCP, S3_READ

ALICE = "arn:aws:iam::111122223333:user/alice"
REPORT = "arn:aws:s3:::reports/q1.csv"
# S3 ARNs name no account: the requests say the bucket is Alice's own.
OWNER = "111122223333"


def test_identity_allows():
    policies = iameval.PolicySet(identity=[S3_READ])
    assert policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER).decision == "allowed"
    assert policies.decide(ALICE, "s3:PutObject", REPORT, resource_account=OWNER).decision == "implicitDeny"


def test_policy_objects_and_documents_mix():
    policies = iameval.PolicySet(identity=[iameval.Policy(S3_READ), json.dumps(DENY_DELETE)])
    assert policies.decide(ALICE, "s3:DeleteObject", REPORT, resource_account=OWNER).decision == "explicitDeny"


def test_every_slot():
    bucket = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/secret/*"}]}
    boundary = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
    session = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}
    rcp = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                                                   "Resource": "arn:aws:s3:::reports/embargoed/*"}]}
    policies = iameval.PolicySet(
        identity=[S3_READ], resource=bucket, permissions_boundary=boundary, session_policies=[session],
        scps=[[FULL_ACCESS_SCP], [FULL_ACCESS_SCP]], rcps=[[rcp]],
    )
    role = "arn:aws:sts::111122223333:assumed-role/reader/job"
    ok = policies.decide(role, "s3:GetObject", REPORT, resource_account="111122223333")
    assert ok.decision == "allowed"
    assert policies.decide(role, "s3:GetObject", "arn:aws:s3:::reports/secret/x",
                           resource_account="111122223333").decision == "explicitDeny"
    assert policies.decide(role, "s3:GetObject", "arn:aws:s3:::reports/embargoed/x",
                           resource_account="111122223333").decision == "explicitDeny"
    assert policies.decide(role, "s3:ListBucket", "arn:aws:s3:::reports",
                           resource_account="111122223333").decision == "implicitDeny"  # session policy
    assert "scp_levels=2" in repr(policies)


def test_every_scp_level_must_allow():
    deny_all_but_s3 = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}
    policies = iameval.PolicySet(identity=[S3_READ], scps=[[FULL_ACCESS_SCP], [deny_all_but_s3]])
    d = policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER, explain=True)
    assert d.decision == "implicitDeny"
    assert any(v.kind == "scp" and v.level == 1 and v.verdict == "noMatch" for v in d.explanation.verdicts)


def test_an_empty_scp_level_allows_nothing():
    policies = iameval.PolicySet(identity=[S3_READ], scps=[[FULL_ACCESS_SCP], []])
    assert policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER).decision == "implicitDeny"


def test_errors_name_their_documents():
    bad = {"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:*", "Resource": "*"}]}
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.PolicySet(identity=[S3_READ, bad], scps=[[FULL_ACCESS_SCP], [FULL_ACCESS_SCP, bad]])
    documents = [f.document for f in caught.value.errors]
    assert documents == ["identity[1]", "scps[1][1]"]
    assert all(f.code == "invalid-effect" for f in caught.value.errors)


def test_warnings_of_a_set_name_their_documents():
    no_version = {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    policies = iameval.PolicySet(identity=[S3_READ, no_version], session_policies=[iameval.Policy(no_version, "session")])
    assert [(f.document, f.code) for f in policies.findings] == [
        ("identity[1]", "missing-version"), ("sessionPolicies[0]", "missing-version")]


def test_a_policy_of_the_wrong_kind_for_its_slot():
    with pytest.raises(ValueError, match="kind `session` cannot be used as `identity\\[1\\]`"):
        iameval.PolicySet(identity=[S3_READ, iameval.Policy(S3_READ, "session")])
    # refused, never moved to the slot its kind names
    with pytest.raises(ValueError, match="kind `identity` cannot be used as `resource`"):
        iameval.PolicySet(resource=iameval.Policy(S3_READ, "identity"))


def test_documents_are_read_as_their_slot_kind():
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": ALICE}, "Action": "sts:AssumeRole"}]}
    with pytest.raises(iameval.PolicyError):  # identity policies may not name a Principal
        iameval.PolicySet(identity=[trust])
    policies = iameval.PolicySet(resource=trust, resource_kind="roleTrust")
    d = policies.decide(ALICE, "sts:AssumeRole", "arn:aws:iam::111122223333:role/deploy")
    assert d.decision == "allowed"


def test_shape_errors():
    with pytest.raises(TypeError, match="list of policies"):
        iameval.PolicySet(identity=S3_READ)
    with pytest.raises(TypeError, match="list of levels"):
        iameval.PolicySet(scps=[FULL_ACCESS_SCP])
    with pytest.raises(ValueError, match="resource_kind"):
        iameval.PolicySet(resource_kind="identity")


def test_iterables_are_accepted():
    policies = iameval.PolicySet(identity=(p for p in [S3_READ]), scps=((FULL_ACCESS_SCP,),))
    assert policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER)


def test_from_dict_reads_the_conformance_shape():
    shape = {"identity": [S3_READ], "scps": [[FULL_ACCESS_SCP]], "sessionPolicies": []}
    for given in (shape, json.dumps(shape)):
        policies = iameval.PolicySet.from_dict(given)
        assert policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER).allowed


def test_from_dict_errors():
    bad = {"Version": "2012-10-17", "Statement": [{"Effect": "Permit", "Action": "s3:*", "Resource": "*"}]}
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.PolicySet.from_dict({"identity": [S3_READ, bad]})
    assert caught.value.errors[0].document == "identity[1]"
    assert caught.value.errors[0].line == 0  # a mapping: no text of its own
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.PolicySet.from_dict({"identity": [S3_READ, json.dumps(bad, indent=2)]})
    assert (caught.value.errors[0].line, caught.value.errors[0].column) == (5, 17)  # its own text
    with pytest.raises(ValueError):
        iameval.PolicySet.from_dict({"identities": []})
    with pytest.raises(TypeError):
        iameval.PolicySet.from_dict(42)
