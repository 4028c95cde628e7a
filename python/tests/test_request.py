"""Requests: every context value type Python offers, and what the engine sees."""

import datetime as dt
import ipaddress

import pytest

import iameval

ALICE = "arn:aws:iam::111122223333:user/alice"
OWNER = "111122223333"  # S3 ARNs name no account: the bucket is Alice's own


def request(context=None, **fields):
    return iameval.Request(ALICE, "s3:GetObject", "arn:aws:s3:::b/k", context, **fields)


def test_fields():
    r = request(resource_account="111122223333", principal_is_service_linked_role=True,
                resource_policy_required=False)
    assert (r.principal, r.action, r.resource) == (ALICE, "s3:GetObject", "arn:aws:s3:::b/k")
    assert r.resource_account == "111122223333"
    assert r.principal_is_service_linked_role is True
    assert r.principal_in_management_account is False
    assert r.resource_in_management_account is False
    assert r.resource_is_aws_managed_key is False
    assert r.resource_policy_required is False
    assert request().resource_policy_required is None
    assert request().resource_account is None
    assert request().current_time is None
    assert "s3:GetObject" in repr(r)


def test_context_values_as_the_engine_holds_them():
    when = dt.datetime(2026, 1, 31, 12, 0, 0, tzinfo=dt.timezone.utc)
    r = request({
        "aws:SecureTransport": True,
        "s3:max-keys": 10,
        "big": 2**62,
        "ratio": 0.25,
        "aws:RequestedRegion": "eu-west-1",
        "aws:CurrentTime": when,
        "day": dt.date(2026, 1, 31),
        "aws:SourceIp": ipaddress.ip_address("203.0.113.7"),
        "net": ipaddress.ip_network("10.0.0.0/8"),
        "v6": ipaddress.IPv6Address("2001:db8::1"),
        "aws:TagKeys": ["team", "cost-center"],
        "tuple": ("a", 1, False),
        "empty": [],
    })
    assert r.context == {
        "aws:SecureTransport": True,
        "s3:max-keys": 10,
        "big": 2**62,
        "ratio": 0.25,
        "aws:RequestedRegion": "eu-west-1",
        "aws:CurrentTime": "2026-01-31T12:00:00+00:00",
        "day": "2026-01-31",
        "aws:SourceIp": "203.0.113.7",
        "net": "10.0.0.0/8",
        "v6": "2001:db8::1",
        "aws:TagKeys": ["team", "cost-center"],
        "tuple": ["a", 1, False],
        "empty": [],
    }


def test_context_keys_given_twice_ignoring_case_are_refused():
    # As the JSON layer refuses them: keeping the last would let a second
    # `AWS:SOURCEIP` step around a NotIpAddress Deny (issue #12).
    with pytest.raises(ValueError, match="duplicate context key `AWS:SOURCEIP`"):
        request({"aws:SourceIp": "1.2.3.4", "AWS:SOURCEIP": "5.6.7.8"})


def test_context_is_a_copy():
    r = request({"k:a": "x"})
    r.context["k:b"] = "y"
    assert r.context == {"k:a": "x"}


def test_requests_are_immutable():
    r = request()
    with pytest.raises(AttributeError):
        r.principal = "x"  # type: ignore[misc]


@pytest.mark.parametrize("value", [None, b"bytes", {"nested": 1}, object(), [[1]], dt.time(12, 0)])
def test_unsupported_context_values(value):
    with pytest.raises(TypeError, match="k:x"):
        request({"k:x": value})


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 2**64])
def test_unrepresentable_numbers(value):
    with pytest.raises(ValueError, match="k:x"):
        request({"k:x": value})


def test_context_must_be_a_mapping_with_str_keys():
    with pytest.raises(TypeError):
        request([("k:x", "v")])
    with pytest.raises(TypeError):
        request({1: "v"})


def test_current_time():
    aware = dt.datetime(2026, 1, 31, 13, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert request(current_time=aware).current_time == dt.datetime(2026, 1, 31, 12, 0, tzinfo=dt.timezone.utc)
    naive = dt.datetime(2026, 1, 31, 12, 0, 0, 123456)  # zone-less means UTC, as in the engine
    assert request(current_time=naive).current_time == naive.replace(tzinfo=dt.timezone.utc)
    with pytest.raises(TypeError):
        request(current_time="2026-01-31T12:00:00Z")


def test_current_time_drives_date_conditions():
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-02-01T00:00:00Z"}}}]}
    policies = iameval.PolicySet(identity=[policy])
    assert policies.decide(request(resource_account=OWNER, current_time=dt.datetime(2026, 1, 31))).allowed
    assert not policies.decide(request(resource_account=OWNER, current_time=dt.datetime(2026, 2, 2))).allowed


def test_datetime_and_ip_context_values_match_typed_conditions():
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
        "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                      "DateGreaterThan": {"app:approvedAt": "2026-01-01T00:00:00Z"}}}]}
    policies = iameval.PolicySet(identity=[policy])
    approved = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
    assert policies.decide(request({"aws:SourceIp": ipaddress.ip_address("203.0.113.9"),
                                    "app:approvedAt": approved}, resource_account=OWNER)).allowed
    assert not policies.decide(request({"aws:SourceIp": ipaddress.ip_address("198.51.100.1"),
                                        "app:approvedAt": approved}, resource_account=OWNER)).allowed
    assert not policies.decide(request({"aws:SourceIp": ipaddress.ip_address("203.0.113.9"),
                                        "app:approvedAt": dt.datetime(2025, 12, 1)},
                                       resource_account=OWNER)).allowed


def test_from_dict_reads_the_conformance_shape():
    r = iameval.Request.from_dict({
        "principal": ALICE, "action": "s3:GetObject", "resource": "arn:aws:s3:::b/k",
        "resourceAccount": "111122223333", "context": {"aws:SecureTransport": True},
        "resourcePolicyRequired": True, "currentTime": "2026-01-31T12:00:00Z"})
    assert r.resource_account == "111122223333"
    assert r.context == {"aws:SecureTransport": True}
    assert r.resource_policy_required is True
    assert r.current_time == dt.datetime(2026, 1, 31, 12, tzinfo=dt.timezone.utc)
    assert iameval.Request.from_dict('{"principal":"*","action":"s3:GetObject","resource":"*"}').principal == "*"


def test_from_dict_errors_name_the_field():
    with pytest.raises(ValueError, match="action"):
        iameval.Request.from_dict({"principal": ALICE, "resource": "*"})
    with pytest.raises(ValueError, match="actoin"):
        iameval.Request.from_dict({"principal": ALICE, "action": "s3:GetObject", "resource": "*", "actoin": 1})
