"""VPC endpoint policies through Python: the keyword slot, from_dict, kinds and errors
(spec/decision.md §4.3; conformance/core/vpce.json pins the decisions)."""

import pytest

import iameval
from conftest import S3_READ

ALICE = "arn:aws:iam::111122223333:user/alice"
REPORT = "arn:aws:s3:::reports/q1.csv"
OWNER = "111122223333"
THROUGH = {"aws:SourceVpce": "vpce-1a2b3c4d", "aws:SourceVpc": "vpc-111bbb22"}
LIST_ONLY = {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:ListBucket", "Resource": "*"}]}
NAMES_ALICE = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ALICE}, "Action": "s3:*", "Resource": "*"}]}


def decide(policies, **context):
    request = iameval.Request(ALICE, "s3:GetObject", REPORT, resource_account=OWNER, context={**THROUGH, **context})
    return policies.decide(request, explain=True)


def test_the_endpoint_policy_must_allow():
    assert decide(iameval.PolicySet(identity=[S3_READ])).decision == "allowed"
    limited = iameval.PolicySet(identity=[S3_READ], vpc_endpoint=LIST_ONLY)
    got = decide(limited)
    assert got.decision == "implicitDeny"
    assert "vpc endpoint `vpce-1a2b3c4d`" in got.explanation.reason


def test_interface_and_gateway_kinds():
    assert decide(iameval.PolicySet(identity=[S3_READ], vpc_endpoint=NAMES_ALICE)).decision == "allowed"
    with pytest.raises(iameval.PolicyError) as caught:
        iameval.PolicySet(identity=[S3_READ], vpc_endpoint=NAMES_ALICE, vpc_endpoint_type="gateway")
    assert [(f.document, f.code) for f in caught.value.errors] == [
        ("vpcEndpoint", "gateway-endpoint-principal-must-be-wildcard")]
    with pytest.raises(ValueError):
        iameval.PolicySet(vpc_endpoint=LIST_ONLY, vpc_endpoint_type="Gateway")
    assert iameval.Policy(NAMES_ALICE, "vpc-endpoint").kind == "vpcEndpoint"


def test_from_dict_reads_the_type():
    policies = iameval.PolicySet.from_dict(
        {"identity": [S3_READ], "vpcEndpointType": "gateway", "vpcEndpoint": LIST_ONLY})
    assert decide(policies).decision == "implicitDeny"
    with pytest.raises(ValueError, match="vpcEndpointType"):
        iameval.PolicySet.from_dict({"vpcEndpointType": "nat", "vpcEndpoint": LIST_ONLY})


def test_a_request_without_the_endpoint_is_refused():
    policies = iameval.PolicySet(identity=[S3_READ], vpc_endpoint=LIST_ONLY)
    got = policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER)
    assert got.decision == "implicitDeny"
    assert got.error is not None and "aws:SourceVpce" in got.error
