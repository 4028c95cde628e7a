"""PolicySet.decide(request) takes a fast path past pybind11's dispatch
(python/src/iameval_module.cc, FastDecide); every other call goes on to the
overloads. The two must answer alike: here on every request of the
conformance corpus (a keyword argument, `explain=False`, sends the same
call down the overloads), and on the calls the fast path hands on."""

import json
import pathlib

import pytest

import iameval
from iameval import PolicySet, Request

ROOT = pathlib.Path(__file__).resolve().parents[2]
ALICE = "arn:aws:iam::111122223333:user/alice"
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def corpus_cases():
    for path in sorted((ROOT / "conformance").rglob("*.json")):
        try:
            data = json.loads(path.read_text())
        except ValueError:
            continue
        cases = data.get("cases") if isinstance(data, dict) else data
        for case in cases if isinstance(cases, list) else []:
            if isinstance(case, dict) and isinstance(case.get("request"), dict) and "expect" in case:
                yield path.name, case


def outcome(call):
    try:
        d = call()
    except Exception as e:  # noqa: BLE001 - the error itself is what is compared
        # pybind11's own TypeError repeats the call's arguments (explain=False
        # among them when the test adds it): compare up to them.
        return type(e).__name__, str(e).split("Invoked with")[0]
    return d.decision, d.error, d.explanation is None


def test_decide_fast_path_agrees_with_the_overloads_on_the_corpus():
    compared = 0
    for name, case in corpus_cases():
        try:
            kind = case["request"].get("resourcePolicyKind") or iameval._iameval.infer_resource_policy_kind(
                Request.from_dict(case["request"]))
            policies = PolicySet.from_dict(case.get("policies", {}), resource_kind=kind)
            request = Request.from_dict(case["request"])
        except (ValueError, TypeError, iameval.PolicyError):
            continue
        fast = outcome(lambda: policies.decide(request))
        assert fast == outcome(lambda: policies.decide(request, explain=False)), (name, case["id"])
        assert fast[0] == policies.decide(request, explain=True).decision, (name, case["id"])
        assert fast == outcome(lambda: PolicySet.decide(policies, request)), (name, case["id"])
        compared += 1
    assert compared > 850


def test_decide_from_arguments_agrees_with_the_overloads_on_the_corpus():
    # decide(principal, action, resource, context, resource_account=...) is
    # read by the fast path; with explain=False too it goes to the overloads.
    compared = 0
    plain_fields = {"principal", "action", "resource", "context", "resourceAccount"}
    for name, case in corpus_cases():
        r = case["request"]
        if not set(r) <= plain_fields:
            continue
        try:
            kind = iameval._iameval.infer_resource_policy_kind(Request.from_dict(r))
            policies = PolicySet.from_dict(case.get("policies", {}), resource_kind=kind)
        except (ValueError, TypeError, iameval.PolicyError):
            continue
        args = (r.get("principal"), r.get("action"), r.get("resource"), r.get("context"))
        account = r.get("resourceAccount")
        fast = outcome(lambda: policies.decide(*args, resource_account=account))
        slow = outcome(lambda: policies.decide(*args, resource_account=account, explain=False))
        assert fast == slow, (name, case["id"])
        assert outcome(lambda: policies.decide(*args[:3])) == outcome(
            lambda: policies.decide(*args[:3], explain=False)), (name, case["id"])
        compared += 1
    assert compared > 700


@pytest.mark.parametrize("args, kwargs", [
    ((ALICE, "s3:GetObject", "*"), {}),
    ((ALICE, "s3:GetObject", "*", None), {}),
    ((ALICE, "s3:GetObject", "*", {"aws:SourceIp": "10.0.0.1", "n": 3, "l": ["a", 1.5, True]}), {}),
    ((ALICE, "s3:GetObject", "*", {}), {"resource_account": None}),
    ((ALICE, "s3:GetObject", "arn:aws:s3:::b/k"), {"resource_account": "111122223333"}),
    (("nobody", "s3:GetObject", "*"), {}),                       # an answer with an error
    ((ALICE, "s3:Get*", "*"), {}),                               # an answer with an error
    (("\ud800", "s3:GetObject", "*"), {}),                      # a lone surrogate
    ((b"arn:aws:iam::111122223333:user/alice", "s3:GetObject", "*"), {}),  # bytes
    ((ALICE, "s3:GetObject", "*", {"k": None}), {}),
    ((ALICE, "s3:GetObject", "*", {"k": 1, "K": 2}), {}),
    ((ALICE, "s3:GetObject", "*", {1: "v"}), {}),
    ((ALICE, "s3:GetObject", "*", {"k": [["nested"]]}), {}),
    ((ALICE, "s3:GetObject", "*", {"k": 2 ** 70}), {}),
    ((ALICE, "s3:GetObject", "*", [("k", "v")]), {}),
    ((ALICE, "s3:GetObject", "*"), {"resource_account": 7}),
    ((ALICE, "s3:GetObject", "*"), {"principal_role_arn": "arn:aws:iam::111122223333:role/r"}),
    ((ALICE, "s3:GetObject"), {}),
    ((ALICE, "s3:GetObject", "*", None, None), {}),
])
def test_decide_from_arguments_refuses_and_answers_as_the_overloads(args, kwargs):
    policies = PolicySet(identity=[ALLOW_ALL])
    fast = outcome(lambda: policies.decide(*args, **kwargs))
    assert fast == outcome(lambda: policies.decide(*args, **kwargs, explain=False))


def test_calls_the_fast_path_hands_on_answer_as_before():
    policies = PolicySet(identity=[ALLOW_ALL])
    request = Request(ALICE, "s3:GetObject", "*")
    assert policies.decide(request) is policies.decide(request)  # the shared Decision
    assert policies.decide(request, explain=True).explanation is not None
    assert policies.decide(ALICE, "s3:GetObject", "*").decision == "allowed"
    assert policies.decide(principal=ALICE, action="s3:GetObject", resource="*").allowed

    class MyRequest(Request):
        pass

    assert policies.decide(MyRequest(ALICE, "s3:GetObject", "*")).decision == "allowed"
    # An answer with an error is built whole, as the overloads build it.
    bad = policies.decide(Request("nobody", "s3:GetObject", "*"))
    assert bad.decision == "implicitDeny" and bad.error
    assert bad.to_dict() == policies.decide(Request("nobody", "s3:GetObject", "*"), explain=False).to_dict()
    with pytest.raises(TypeError):
        policies.decide("not a request")
    with pytest.raises(TypeError):
        policies.decide()
    with pytest.raises(TypeError):
        policies.decide(request, True)  # explain is keyword-only
    with pytest.raises(TypeError, match="PolicySet was never initialised"):
        PolicySet.__new__(PolicySet).decide(request)
    assert "decide(self" in (PolicySet.decide.__doc__ or "")


# decide(principal, action, resource, context) reads each call into one
# request per thread that keeps its memory (DecideScratch): nothing one call
# gives may be seen by the next, whatever the order of contexts.
NEEDS_SOURCE_IP = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
     "Condition": {"Null": {"aws:SourceIp": "false"}}}]}
NEEDS_OWN_BUCKET = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
     "Condition": {"StringEquals": {"aws:ResourceAccount": "111122223333"}}}]}


def test_decide_from_arguments_forgets_the_previous_calls_context():
    policies = PolicySet(identity=[NEEDS_SOURCE_IP])
    many = {f"k{i}": str(i) for i in range(40)}  # past the 16 keys scanned in place
    contexts = [
        ({"aws:SourceIp": "10.0.0.1"}, "allowed"),
        ({}, "implicitDeny"),
        (None, "implicitDeny"),
        ({"aws:SourceIp": "10.0.0.1", "a": "1", "b": ["x", "y"]}, "allowed"),
        ({"a": "1"}, "implicitDeny"),
        ({**many, "aws:SourceIp": "10.0.0.1"}, "allowed"),
        (many, "implicitDeny"),
        ({"x": "1", "y": "2"}, "implicitDeny"),
        ({**many, "AWS:SOURCEIP": "10.0.0.1"}, "allowed"),
        ({"k3": "3"}, "implicitDeny"),
    ]
    for _ in range(2):
        for context, expected in contexts:
            assert policies.decide(ALICE, "s3:GetObject", "*", context).decision == expected, context
            assert policies.decide(Request(ALICE, "s3:GetObject", "*", context)).decision == expected


def test_decide_from_arguments_forgets_a_refused_call_and_the_resource_account():
    policies = PolicySet(identity=[NEEDS_SOURCE_IP])
    assert policies.decide(ALICE, "s3:GetObject", "*", {"aws:SourceIp": "10.0.0.1"}).allowed
    with pytest.raises(ValueError, match="duplicate context key"):
        policies.decide(ALICE, "s3:GetObject", "*", {"aws:SourceIp": "10.0.0.1", "AWS:SourceIP": "x"})
    with pytest.raises(TypeError):
        policies.decide(ALICE, "s3:GetObject", "*", {"aws:SourceIp": object()})
    assert policies.decide(ALICE, "s3:GetObject", "*", {}).decision == "implicitDeny"

    own = PolicySet(identity=[NEEDS_OWN_BUCKET])
    bucket = "arn:aws:s3:::reports/q1.csv"  # an S3 ARN names no account
    assert own.decide(ALICE, "s3:GetObject", bucket, resource_account="111122223333").allowed
    assert own.decide(ALICE, "s3:GetObject", bucket).decision == "implicitDeny"
    assert own.decide(ALICE, "s3:GetObject", bucket, resource_account=None).decision == "implicitDeny"


def test_decide_from_arguments_called_again_while_reading_a_context_value():
    import datetime

    policies = PolicySet(identity=[NEEDS_SOURCE_IP])
    inner = []

    class Moment(datetime.datetime):
        def isoformat(self, *args, **kwargs):  # run while the outer call reads its context
            inner.append(policies.decide(ALICE, "s3:GetObject", "*", {"aws:SourceIp": "10.0.0.1"}).decision)
            inner.append(policies.decide(ALICE, "s3:GetObject", "*", {"t": "x"}).decision)
            return "2026-01-01T00:00:00+00:00"

    when = Moment(2026, 1, 1, tzinfo=datetime.timezone.utc)
    assert policies.decide(ALICE, "s3:GetObject", "*", {"t": when, "u": "1"}).decision == "implicitDeny"
    assert policies.decide(ALICE, "s3:GetObject", "*", {"t": when, "aws:SourceIp": "10.0.0.1"}).allowed
    assert inner == ["allowed", "implicitDeny"] * 2
