"""iameval.lint and iameval.expand_actions: the C++ linter through Python,
with the packaged catalogue; the lint corpus runs through it too
(conformance/lint/run --engine python)."""

import os
import pathlib
import subprocess
import sys

import pytest

import iameval

ROOT = pathlib.Path(__file__).resolve().parents[2]

TYPO = (
    '{\n'
    '  "Version": "2012-10-17",\n'
    '  "Statement": [{\n'
    '    "Effect": "Allow",\n'
    '    "Action": ["s3:GetObjekt"],\n'
    '    "Resource": "arn:aws:s3:::bucket/*"\n'
    '  }]\n'
    '}\n'
)


def test_did_you_mean_at_line_and_column():
    result = iameval.lint(TYPO)
    assert result["catalogue"]["date"] == "2026-09-26"
    [finding] = result["findings"]
    assert finding["code"] == "unknown-action"
    assert finding["severity"] == "error"
    assert finding["awsCode"] == "INVALID_ACTION"
    assert (finding["line"], finding["column"]) == (5, 16)
    assert finding["path"] == "Statement[0].Action[0]"
    assert finding["help"] == "did you mean `s3:GetObject`?"


def test_lint_takes_a_mapping_and_a_kind():
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                                                       "Action": "s3:GetObject",
                                                       "Resource": "arn:aws:s3:::b/*"}]}
    codes = [f["code"] for f in iameval.lint(policy, "resource")["findings"]]
    assert codes == ["public-access"]
    with pytest.raises(ValueError):
        iameval.lint(policy, "nonsense")


def test_expand_actions():
    assert iameval.expand_actions("s3:GetObjectT*") == ["s3:GetObjectTagging", "s3:GetObjectTorrent"]
    assert iameval.expand_actions("iam:passrole") == ["iam:PassRole"]
    assert iameval.expand_actions("s3:Nothing*") == []
    info = iameval.catalogue_info()
    assert info["actions"] > 20000 and info["date"] == "2026-09-26"


def test_a_missing_catalogue_is_an_error():
    with pytest.raises(ValueError, match="cannot read the catalogue"):
        iameval.expand_actions("s3:*", catalogue="/nonexistent.tsv")


def test_the_lint_corpus_through_python():
    run = subprocess.run([sys.executable, str(ROOT / "conformance" / "lint" / "run"),
                          "--engine", "python"], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].endswith(" 0 failed")


def test_python_m_iameval_lint(tmp_path):
    policy = tmp_path / "p.json"
    policy.write_text(TYPO)
    env = {k: v for k, v in os.environ.items() if k != "IAMEVAL_CATALOGUE"}
    run = subprocess.run([sys.executable, "-m", "iameval", "lint", str(policy)],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 1
    assert "p.json:5:16: error: `s3:GetObjekt` is not an action of s3" in run.stdout
    assert "did you mean `s3:GetObject`?" in run.stdout
