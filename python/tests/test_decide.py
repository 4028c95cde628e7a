"""Deciding: single and batched, explanations as plain data, the JSON API."""

import json

import pytest

import iameval
from conftest import DENY_DELETE, S3_READ

ALICE = "arn:aws:iam::111122223333:user/alice"
REPORT = "arn:aws:s3:::reports/q1.csv"
# S3 ARNs name no account: the requests say the bucket is Alice's own.
OWNER = "111122223333"
TEXT_POLICY = """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ReadReports",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::reports/*"
    }
  ]
}"""


@pytest.fixture(scope="module")
def policies():
    return iameval.PolicySet(identity=[TEXT_POLICY, DENY_DELETE])


def test_decide_a_request_object(policies):
    d = policies.decide(iameval.Request(ALICE, "s3:GetObject", REPORT, resource_account=OWNER))
    assert d.decision == "allowed"
    assert d.allowed is True
    assert bool(d) is True
    assert d.error is None
    assert d.explanation is None


def test_the_three_decisions(policies):
    assert policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER).decision == "allowed"
    assert policies.decide(ALICE, "s3:DeleteObject", REPORT, resource_account=OWNER).decision == "explicitDeny"
    assert policies.decide(ALICE, "s3:PutObject", REPORT, resource_account=OWNER).decision == "implicitDeny"
    assert not policies.decide(ALICE, "s3:PutObject", REPORT, resource_account=OWNER)


def test_keyword_forms(policies):
    assert policies.decide(request=iameval.Request(ALICE, "s3:GetObject", REPORT, resource_account=OWNER)).allowed
    assert policies.decide(principal=ALICE, action="s3:GetObject", resource=REPORT, resource_account=OWNER).allowed
    assert policies.decide(ALICE, "s3:GetObject", REPORT, {"aws:SecureTransport": True},
                           resource_account=OWNER).allowed


def test_plain_decisions_are_shared_immutable_objects(policies):
    a = policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER)
    assert a is policies.decide(ALICE, "s3:GetObject", "arn:aws:s3:::reports/other", resource_account=OWNER)
    with pytest.raises(AttributeError):
        a.decision = "explicitDeny"  # type: ignore[misc]


def test_explanation_is_plain_data_with_locations(policies):
    d = policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER, explain=True)
    why = d.explanation
    assert isinstance(why, iameval.Explanation)
    assert why.decision == "allowed"
    assert why.reason
    assert why.reason_code == "identity-allows"  # spec/decision.md §11
    [ref] = why.determining
    assert ref == iameval.StatementRef(kind="identity", policy_index=0, level=None, policy_id=None,
                                       statement_index=0, sid="ReadReports", effect="Allow",
                                       line=4, column=5)
    assert {v.kind for v in why.verdicts} >= {"identity"}
    data = d.to_dict()
    assert data["decision"] == "allowed"
    assert data["explanation"]["determining"][0]["sid"] == "ReadReports"
    assert json.loads(json.dumps(data)) == data


def test_explanation_of_a_mapping_document_has_no_location(policies):
    d = policies.decide(ALICE, "s3:DeleteObject", REPORT, resource_account=OWNER, explain=True)
    [ref] = d.explanation.determining
    assert (ref.policy_index, ref.sid, ref.effect, ref.line, ref.column) == (1, "NoDeletes", "Deny", 0, 0)


def test_to_json_is_the_engines_answer_shape(policies):
    plain = json.loads(policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER).to_json())
    assert plain == {"decision": "allowed", "error": None}
    explained = json.loads(policies.decide(ALICE, "s3:GetObject", REPORT, resource_account=OWNER, explain=True).to_json())
    assert explained["explanation"]["determining"][0]["line"] == 4
    assert explained["explanation"]["reasonCode"] == "identity-allows"


def test_an_unevaluable_request_fails_closed(policies):
    d = policies.decide(ALICE, "GetObject", REPORT, resource_account=OWNER)  # no service prefix
    assert d.decision == "implicitDeny"
    assert d.error
    assert "error=" in repr(d)


def test_decide_many_agrees_with_decide(policies):
    requests = [iameval.Request(ALICE, action, REPORT, resource_account=OWNER)
                for action in ("s3:GetObject", "s3:DeleteObject", "s3:PutObject", "GetObject")] * 50
    many = policies.decide_many(requests)
    assert [d.decision for d in many] == [policies.decide(r).decision for r in requests]
    assert [d.error for d in many] == [policies.decide(r).error for r in requests]


def test_decide_many_accepts_mappings_and_tuples(policies):
    many = policies.decide_many([
        {"principal": ALICE, "action": "s3:GetObject", "resource": REPORT, "resource_account": OWNER},
        (ALICE, "s3:DeleteObject", REPORT),
        (ALICE, "s3:PutObject", REPORT, {"aws:SecureTransport": True}),
        iameval.Request(ALICE, "s3:GetObject", REPORT, resource_account=OWNER),
    ])
    assert [d.decision for d in many] == ["allowed", "explicitDeny", "implicitDeny", "allowed"]


def test_decide_many_takes_any_iterable(policies):
    gen = (iameval.Request(ALICE, "s3:GetObject", REPORT, resource_account=OWNER) for _ in range(3))
    assert [d.decision for d in policies.decide_many(gen)] == ["allowed"] * 3
    assert policies.decide_many([]) == []


def test_decide_many_explains(policies):
    many = policies.decide_many([iameval.Request(ALICE, "s3:GetObject", REPORT, resource_account=OWNER),
                                  (ALICE, "s3:DeleteObject", REPORT)], explain=True)
    assert [d.explanation.determining[0].sid for d in many] == ["ReadReports", "NoDeletes"]


def test_decide_many_rejects_other_items(policies):
    with pytest.raises(TypeError, match="decide_many"):
        policies.decide_many([ALICE])


def test_decide_json_is_the_engines_json_api():
    answer = json.loads(iameval.decide_json(json.dumps({
        "policies": {"identity": [S3_READ]},
        "request": {"principal": ALICE, "action": "s3:GetObject", "resource": REPORT, "resourceAccount": OWNER},
        "explain": True,
    })))
    assert answer["decision"] == "allowed"
    assert answer["explanation"]["determining"][0]["sid"] == "ReadReports"
    bad = json.loads(iameval.decide_json(json.dumps({
        "policies": {"identity": [{"Statement": "nope"}]},
        "request": {"principal": ALICE, "action": "s3:GetObject", "resource": REPORT, "resourceAccount": OWNER}})))
    assert bad["error"] == "invalid-policy"
    assert bad["findings"]
    assert "error" in json.loads(iameval.decide_json("not json"))


def test_check_json_is_the_engines_json_api():
    answer = json.loads(iameval.check_json(json.dumps({"policy": S3_READ, "kind": "identity"})))
    assert answer["valid"] is True
    answer = json.loads(iameval.check_json(json.dumps({"policy": "{", "kind": "identity"})))
    assert answer["valid"] is False
    assert answer["findings"][0]["code"] == "invalid-json"


def test_decide_many_accepts_request_subclasses(policies):
    class Tagged(iameval.Request):
        pass

    many = policies.decide_many([Tagged(ALICE, "s3:GetObject", REPORT, resource_account=OWNER),
                                 iameval.Request(ALICE, "s3:PutObject", REPORT, resource_account=OWNER)])
    assert [d.decision for d in many] == ["allowed", "implicitDeny"]


def test_decide_many_refuses_an_uninitialised_request(policies):
    with pytest.raises(TypeError, match="__init__"):
        policies.decide_many([iameval.Request.__new__(iameval.Request)])


def test_decide_many_snapshots_its_input(policies):
    """The list may change after the call starts; the answers are for what it held."""
    requests = [iameval.Request(ALICE, "s3:GetObject", REPORT, resource_account=OWNER)] * 1000
    many = policies.decide_many(requests)
    requests.clear()
    assert len(many) == 1000 and all(d.allowed for d in many)
