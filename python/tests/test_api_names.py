"""The API as people use it (issue #17 point 6): one name per concept, questions
that cannot be asked raise ValueError, errors say where, files are read bounded,
and explain=True is typed as carrying its explanation."""

from __future__ import annotations

import json
import pathlib
import warnings

import pytest

import iameval
from conftest import ACCOUNT, S3_READ, arn

ALICE = arn("user", "alice")
REPORT = "arn:aws:s3:::reports/q1.csv"
LIST_ONLY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}
ROLE_SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/app/job"


# -- one name for session policies ---------------------------------------------

def test_session_policies_is_the_name_and_session_its_deprecated_alias():
    named = iameval.PolicySet(identity=[S3_READ], session_policies=[LIST_ONLY])
    assert named.decide(ROLE_SESSION, "s3:GetObject", REPORT).decision == "implicitDeny"
    with pytest.warns(DeprecationWarning, match="session_policies"):
        old = iameval.PolicySet(identity=[S3_READ], session=[LIST_ONLY])
    assert old.decide(ROLE_SESSION, "s3:GetObject", REPORT).decision == "implicitDeny"
    with pytest.raises(TypeError, match="not also its old name"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            iameval.PolicySet(session_policies=[LIST_ONLY], session=[LIST_ONLY])
    # Positionally it is the fourth slot, as before.
    positional = iameval.PolicySet([S3_READ], None, None, [LIST_ONLY])
    assert positional.decide(ROLE_SESSION, "s3:GetObject", REPORT).decision == "implicitDeny"
    # The JSON name, and the document label the findings use.
    from_dict = iameval.PolicySet.from_dict({"identity": [S3_READ], "sessionPolicies": [LIST_ONLY]})
    assert from_dict.decide(ROLE_SESSION, "s3:GetObject", REPORT).decision == "implicitDeny"


# -- questions that cannot be asked ----------------------------------------------

def test_can_refuses_an_unknown_principal_with_a_value_error(model):
    with pytest.raises(ValueError, match="no user `nobody`"):
        model.can(arn("user", "nobody"), "s3:GetObject", REPORT)
    with pytest.raises(iameval.UnknownPrincipalError):  # still the specific type
        model.can(arn("role", "ghost"), "s3:GetObject", REPORT)
    with pytest.raises(ValueError, match="cannot ask whether `alice` may"):
        model.can("alice", "s3:GetObject", REPORT)  # not an ARN: no answer, not "denied"
    with pytest.raises(ValueError, match="invalid request"):
        model.can(ALICE, "GetObject", REPORT)  # no service prefix


def test_who_can_refuses_an_action_with_wildcards(model):
    for action in ("s3:Get*", "*", "s3:GetObjec?"):
        with pytest.raises(ValueError, match="one action, not a pattern"):
            model.who_can(action, REPORT)
    assert isinstance(model.who_can("s3:GetObject", "arn:aws:s3:::app-data/x.csv"), list)


# -- errors that say where -------------------------------------------------------

def test_findings_of_a_dict_policy_carry_the_json_path():
    bad = {"Version": "2012-10-17", "Statement": [S3_READ["Statement"][0], {"Effect": "Alow", "Action": "s3:x", "Resource": "*"}]}
    with pytest.raises(iameval.PolicyError) as raised:
        iameval.Policy(bad)
    [finding] = raised.value.findings
    assert (finding.code, finding.path, finding.line) == ("invalid-effect", "Statement[1].Effect", 0)
    [finding] = iameval.check({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": 3, "Resource": "*"}})
    assert finding.path.startswith("Statement.Action")


def test_a_dict_policy_with_a_value_json_cannot_hold_names_where():
    with pytest.raises(TypeError, match=r"`Statement\[0\]\.Action` holds a set"):
        iameval.Policy({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": {"s3:a"}, "Resource": "*"}]})
    with pytest.raises(ValueError, match=r"`Statement\[0\]\.Resource` holds the number nan"):
        iameval.check({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:a", "Resource": float("nan")}]})
    with pytest.raises(TypeError, match=r'`Statement\[0\]\.Condition\.DateLessThan\["aws:CurrentTime"\]` holds a datetime'):
        import datetime
        iameval.PolicySet(identity=[{"Statement": [{"Effect": "Allow", "Action": "s3:a", "Resource": "*", "Condition": {
            "DateLessThan": {"aws:CurrentTime": datetime.datetime(2020, 1, 1)}}}]}])


def test_decide_many_errors_name_the_batch_index():
    policies = iameval.PolicySet(identity=[S3_READ])
    good = iameval.Request(ALICE, "s3:GetObject", REPORT)
    with pytest.raises(TypeError, match=r"^decide_many: requests\[2\]: a request must be") as raised:
        policies.decide_many([good, good, 7])
    assert raised.value.index == 2
    with pytest.raises(TypeError, match=r"^decide_many: requests\[1\]: ") as raised:
        policies.decide_many([(ALICE, "s3:GetObject", REPORT), {"principal": 3}])
    assert raised.value.index == 1
    with pytest.raises(TypeError, match=r"^decide_many: requests\[0\]: context value for `aws:x`"):
        policies.decide_many([(ALICE, "s3:GetObject", REPORT, {"aws:x": object()})])


# -- Policy.from_file -------------------------------------------------------------

def test_policy_from_file(tmp_path: pathlib.Path):
    path = tmp_path / "read.json"
    path.write_text(json.dumps(S3_READ, indent=2))
    policy = iameval.Policy.from_file(path)
    assert (policy.kind, policy.statement_count) == ("identity", 1)
    assert iameval.Policy.from_file(str(path), "Session").kind == "session"

    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Alow"}]\n}\n')
    with pytest.raises(iameval.PolicyError) as raised:
        iameval.Policy.from_file(broken)
    first = raised.value.findings[0]
    assert first.document == str(broken)
    assert first.line == 3 and first.column > 0  # a file has positions

    encoded = tmp_path / "encoded.txt"
    encoded.write_text("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D")
    assert iameval.Policy.from_file(encoded).statement_count == 0

    with pytest.raises(FileNotFoundError):
        iameval.Policy.from_file(tmp_path / "missing.json")


def test_policy_from_file_reads_no_further_than_the_limit(tmp_path: pathlib.Path):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as f:
        f.write(b'{"Version": "2012-10-17", "Statement": [], "x": "')
        f.seek(64 << 20)  # a 64 MiB sparse file
        f.write(b'"}')
    with pytest.raises(iameval.PolicyError) as raised:
        iameval.Policy.from_file(huge)
    assert raised.value.findings[0].code == "document-too-large"


# -- explain=True is typed as present ----------------------------------------------

def test_explained_decision_is_decision_at_run_time():
    assert iameval.ExplainedDecision is iameval.Decision
    d = iameval.PolicySet(identity=[S3_READ]).decide(ALICE, "s3:GetObject", REPORT, explain=True)
    assert isinstance(d, iameval.ExplainedDecision)
    assert d.explanation is not None
