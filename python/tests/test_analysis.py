"""iameval.compare / access_not_granted / public_access / external_access
(issue #15 point 4): the engine's CompareJson and AccessJson through Python,
with answers asserted, the same as the C++ and JavaScript faces give."""

from __future__ import annotations

import json
import subprocess

import pytest

import iameval

READ = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}
READ_WRITE = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Read", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"},
    {"Sid": "Write", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::reports/*"}]}
NARROWER = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/2026/*"}]}
PUBLIC_BUCKET = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Everyone", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::site/*"}]}
PARTNER_BUCKET = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]}


def test_compare_fails_with_the_put_object_request_that_proves_it():
    answer = iameval.compare(READ, READ_WRITE)
    assert answer["result"] == "FAIL"
    actions = {c["request"]["action"] for c in answer["counterexamples"]}
    assert actions == {"s3:PutObject"}
    example = answer["counterexamples"][0]
    assert example["decision"] == "allowed" and example["before"] != "allowed"
    assert example["request"]["resource"].startswith("arn:aws:s3:::reports/")
    assert [g["sid"] for g in example["grantedBy"]] == ["Write"]
    # The counterexample is a request the engine allows under `after` and not `before`.
    request = example["request"]
    assert iameval.PolicySet(identity=[READ_WRITE]).decide(iameval.Request.from_dict(request)).allowed
    assert not iameval.PolicySet(identity=[READ]).decide(iameval.Request.from_dict(request)).allowed


def test_compare_passes_when_after_only_narrows():
    assert iameval.compare(READ, NARROWER)["result"] == "PASS"
    assert iameval.compare(READ, READ)["result"] == "PASS"
    # Text keeps its own positions.
    assert iameval.compare(json.dumps(READ_WRITE), json.dumps(READ))["result"] == "PASS"


def test_compare_whole_policy_sets():
    before = {"identity": [READ_WRITE], "scps": [[READ]]}
    after = {"identity": [READ_WRITE]}
    answer = iameval.compare(before, after, kind="set")
    assert answer["result"] == "FAIL"
    assert {c["request"]["action"] for c in answer["counterexamples"]} == {"s3:PutObject"}
    assert iameval.compare(after, before, kind="set")["result"] == "PASS"


def test_compare_json_is_the_engines_text():
    text = iameval.compare_json(json.dumps({"before": READ, "after": READ_WRITE, "kind": "identity"}))
    assert json.loads(text)["result"] == "FAIL"


def test_compare_refuses_what_it_cannot_compare():
    with pytest.raises(ValueError, match="before"):
        iameval.compare({"Statement": "nope"}, READ)
    with pytest.raises(ValueError):
        iameval.compare(READ, READ, kind="no-such-kind")


def test_access_not_granted():
    answer = iameval.access_not_granted(READ_WRITE, ["s3:PutObject"], ["arn:aws:s3:::reports/*"])
    assert answer["result"] == "FAIL"
    assert {c["request"]["action"] for c in answer["counterexamples"]} == {"s3:PutObject"}
    assert iameval.access_not_granted(READ, ["s3:PutObject", "iam:*"])["result"] == "PASS"
    with pytest.raises(TypeError):
        iameval.access_not_granted(READ, "s3:PutObject")  # type: ignore[arg-type]


def test_public_and_external_access():
    public = iameval.public_access(PUBLIC_BUCKET, owner_account="111122223333")
    assert public["result"] == "FAIL"
    assert public["findings"][0]["public"] is True
    assert "s3:GetObject" in public["findings"][0]["actions"]
    assert iameval.public_access(PARTNER_BUCKET, owner_account="111122223333")["result"] == "PASS"
    external = iameval.external_access(PARTNER_BUCKET, [], owner_account="111122223333")
    assert external["result"] == "FAIL"
    assert external["findings"][0]["principal"] in ("444455556666", "arn:aws:iam::444455556666:root")
    assert iameval.external_access(PARTNER_BUCKET, ["444455556666"], owner_account="111122223333")["result"] \
        == "PASS"
    # The finding carries the request that proves it, decided by the engine.
    assert external["findings"][0]["example"]["decision"] == "allowed"


@pytest.mark.parametrize("after, expected", [(READ_WRITE, "FAIL"), (NARROWER, "PASS")])
def test_python_and_the_native_cli_give_the_same_answer(after, expected, tmp_path, native_cli):
    if native_cli is None:
        pytest.skip("IAMEVAL_NATIVE_CLI is not set")
    old, new = json.dumps(READ, indent=2), json.dumps(after, indent=2)
    (tmp_path / "old.json").write_text(old)
    (tmp_path / "new.json").write_text(new)
    run = subprocess.run([native_cli, "compare", str(tmp_path / "old.json"), str(tmp_path / "new.json"),
                          "--kind", "identity", "--format", "json"], capture_output=True, text=True)
    assert run.returncode == (0 if expected == "PASS" else 1), run.stderr
    ours = iameval.compare(old, new)
    assert ours["result"] == expected
    assert ours == json.loads(run.stdout)
