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
        return type(e).__name__, str(e)
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
