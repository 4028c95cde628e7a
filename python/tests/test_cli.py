"""`python -m iameval`: the native tool's commands, flags, output and exit
codes (the module runs engine/cli/ itself). With IAMEVAL_NATIVE_CLI set (as
`make test` does), every scenario is also run through the native `iameval`
and the two must print the same bytes and exit the same way."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
DATA = pathlib.Path(__file__).parent / "data"

POLICIES = [
    "--identity", str(DEMO / "app-reader-policy.json"),
    "--resource", str(DEMO / "example-reports-bucket-policy.json"),
    "--scp", str(DEMO / "scp-full-aws-access.json"),
    "--scp-level",
    "--scp", str(DEMO / "scp-full-aws-access.json"),
    "--scp", str(DEMO / "scp-workloads-region-guard.json"),
]
ROLE = "arn:aws:sts::111122223333:assumed-role/app-reader/nightly-report"
REPORT = "arn:aws:s3:::example-reports/2024/q4-summary.csv"


def write(tmp: pathlib.Path, name: str, content: str | dict) -> str:
    path = tmp / name
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=2) + "\n")
    return str(path)


def run_python(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iameval", *args], input=stdin, capture_output=True,
                          cwd=ROOT)


def run_native(cli: str, args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([cli, *args], input=stdin, capture_output=True, cwd=ROOT)


def scenarios(tmp: pathlib.Path) -> dict[str, tuple[list[str], bytes]]:
    bad = write(tmp, "bad.json", '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "allow",'
                                 ' "Action": "s3:*", "Resource": "*"}]\n}\n')
    warn = write(tmp, "warn.json", {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
    trust = write(tmp, "trust.json", {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/alice"}, "Action": "sts:AssumeRole"}]})
    dated = write(tmp, "dated.json", {"Version": "2012-10-17", "Statement": [
        {"Sid": "UntilFebruary", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
         "Condition": {"DateLessThan": {"aws:CurrentTime": "2026-02-01T00:00:00Z"},
                       "NumericLessThan": {"s3:max-keys": 10},
                       "ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}}]})
    json_line = json.dumps({"policies": {"identity": [json.loads(open(DEMO / "app-reader-policy.json").read())]},
                            "request": {"principal": ROLE, "action": "s3:GetObject", "resource": REPORT,
                                        "resourceAccount": "111122223333"}})
    request = ["--principal", ROLE, "--action", "s3:GetObject", "--resource-arn", REPORT,
               "--resource-account", "111122223333", "--context", "aws:RequestedRegion=eu-west-1",
               "--context", "aws:SecureTransport:=true"]
    return {
        "help": (["--help"], b""),
        "no-args": ([], b""),
        "version": (["--version"], b""),
        "unknown-command": (["frobnicate"], b""),
        "demo-allowed-explain": ([*POLICIES, "--request", str(DEMO / "request-get-report.json"), "--explain"], b""),
        "demo-deny-explain": ([*POLICIES, "--request", str(DEMO / "request-delete-report.json"), "--explain"], b""),
        "demo-implicit-json": ([*POLICIES, "--request", str(DEMO / "request-get-payroll.json"), "--json"], b""),
        "demo-explain-json": ([*POLICIES, "--request", str(DEMO / "request-get-report.json"), "--json",
                               "--explain"], b""),
        "flags-request": ([*POLICIES, *request, "--explain"], b""),
        "typed-context": (["--identity", dated, "--principal", ROLE, "--action", "s3:GetObject",
                           "--context", "s3:max-keys:=5", "--context", "aws:TagKeys:=[\"team\",\"x\"]",
                           "--now", "2026-01-15T00:00:00Z", "--explain"], b""),
        "typed-context-late": (["--identity", dated, "--principal", ROLE, "--action", "s3:GetObject",
                                "--context", "s3:max-keys:=5", "--now", "2026-03-01T00:00:00Z"], b""),
        "context-replaced": (["--identity", dated, "--principal", ROLE, "--action", "s3:GetObject",
                              "--context", "S3:MAX-KEYS:=50", "--context", "s3:max-keys:=5",
                              "--context", "aws:TagKeys:=[\"team\"]", "--now", "2026-01-15T00:00:00Z"], b""),
        "trust-inferred": (["--resource", trust, "--principal", "arn:aws:iam::111122223333:user/alice",
                            "--action", "sts:AssumeRole", "--resource-arn",
                            "arn:aws:iam::111122223333:role/deploy", "--explain"], b""),
        "trust-as-resource": (["--resource", trust, "--resource-kind", "resource", "--principal",
                               "arn:aws:iam::111122223333:user/alice", "--action", "sts:AssumeRole",
                               "--resource-arn", "arn:aws:iam::111122223333:role/deploy"], b""),
        "invalid-policy": (["--identity", bad, "--principal", ROLE, "--action", "s3:GetObject"], b""),
        "warning-policy": (["--identity", warn, "--principal", ROLE, "--action", "s3:GetObject"], b""),
        "missing-file": (["--identity", str(tmp / "nope.json"), "--principal", ROLE, "--action", "s3:GetObject"], b""),
        "unevaluable": (["--identity", warn, "--principal", ROLE, "--action", "GetObject"], b""),
        "bad-request-file": (["--request", bad], b""),
        "usage-no-action": (["--principal", ROLE], b""),
        "usage-unknown-flag": (["--principal", ROLE, "--action", "s3:GetObject", "--frob"], b""),
        "usage-needs-value": (["--principal"], b""),
        "usage-bad-context": (["--principal", ROLE, "--action", "a:b", "--context", "novalue"], b""),
        "usage-bad-typed-context": (["--principal", ROLE, "--action", "a:b", "--context", "k:={"], b""),
        "usage-bad-now": (["--principal", ROLE, "--action", "a:b", "--now", "soon"], b""),
        "usage-bad-resource-kind": (["--resource-kind", "identity"], b""),
        "check-clean": (["check", str(DEMO / "app-reader-policy.json")], b""),
        "check-errors": (["check", bad, warn], b""),
        "check-json": (["check", "--json", bad, warn], b""),
        "check-kind": (["check", "--kind", "roleTrust", trust], b""),
        "check-kind-scp": (["check", trust, "--kind", "scp"], b""),
        "check-bad-kind": (["check", "--kind", "bucket", trust], b""),
        "check-no-files": (["check"], b""),
        "check-unknown-flag": (["check", "-x", trust], b""),
        "check-missing-file": (["check", trust, str(tmp / "nope.json")], b""),
        "decide-help": (["-h"], b""),
        "check-help": (["check", "--help"], b""),
        "flag-equals": (["--identity=" + warn, "--principal=" + ROLE, "--action=s3:GetObject"], b""),
        "usage-flag-suggestion": (["--principl", ROLE], b""),
        "matrix-json": ([*POLICIES, *request, "--action", "s3:PutObject", "--json"], b""),
        "request-and-flags": (["--request", str(DEMO / "request-get-report.json"), "--action", "s3:GetObject"], b""),
        "check-stdin": (["check", "-"], open(trust, "rb").read()),
        "check-directory": (["check", str(DEMO)], b""),
        "decide-json": (["decide-json"], (json_line + "\n\n  \n" + json_line + "\nnot json\n").encode()),
        "decide-json-args": (["decide-json", "x"], b""),
    }


def decide_scenario(name: str, args: list[str]) -> list[str]:
    """Scenarios without a subcommand are `decide` ones."""
    if name in ("help", "no-args", "version", "unknown-command") or args[:1] in (["check"], ["decide-json"]):
        return args
    return ["decide", *args]


with tempfile.TemporaryDirectory() as _scratch:
    SCENARIOS = list(scenarios(pathlib.Path(_scratch)))


@pytest.mark.parametrize("name", SCENARIOS)
def test_same_as_native_cli(name, tmp_path, native_cli):
    if native_cli is None:
        pytest.skip("IAMEVAL_NATIVE_CLI not set (make test sets it)")
    args, stdin = scenarios(tmp_path)[name]
    args = decide_scenario(name, args)
    ours, theirs = run_python(args, stdin), run_native(native_cli, args, stdin)
    assert (ours.returncode, ours.stdout.decode(), ours.stderr.decode()) == \
           (theirs.returncode, theirs.stdout.decode(), theirs.stderr.decode())


def test_decide_exit_codes_and_output(tmp_path):
    s = scenarios(tmp_path)
    expected = {"demo-allowed-explain": 0, "demo-deny-explain": 1, "demo-implicit-json": 1,
                "flags-request": 0, "typed-context": 0, "typed-context-late": 1, "context-replaced": 2,
                "trust-inferred": 0, "invalid-policy": 3, "warning-policy": 0, "missing-file": 4,
                "unevaluable": 3, "bad-request-file": 3, "usage-no-action": 2, "usage-unknown-flag": 2,
                "usage-needs-value": 2, "usage-bad-context": 2, "usage-bad-typed-context": 2,
                "usage-bad-now": 2, "usage-bad-resource-kind": 2}
    for name, code in expected.items():
        result = run_python(decide_scenario(name, s[name][0]))
        assert result.returncode == code, (name, result.stderr)
    allowed = run_python(decide_scenario("demo-allowed-explain", s["demo-allowed-explain"][0])).stdout.decode()
    assert allowed.startswith(f"allowed  s3:GetObject on {REPORT}\n  by {ROLE}\n")
    assert 'example-reports-bucket-policy.json:5:5  Statement[0] "AppReaderReads"' in allowed
    assert "    scp level 1             allowed\n" in allowed
    answer = json.loads(run_python(decide_scenario("demo-implicit-json", s["demo-implicit-json"][0])).stdout)
    assert answer == {"decision": "implicitDeny", "error": None}


def test_check_prints_findings_like_a_compiler(tmp_path):
    s = scenarios(tmp_path)
    result = run_python(s["check-errors"][0])
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[0] == f"{tmp_path}/bad.json:3:27: error: `Effect` must be `Allow` or `Deny`, not `allow` [invalid-effect]" \
        or lines[0].startswith(f"{tmp_path}/bad.json:3:")
    assert lines[0].endswith("[invalid-effect]")
    assert lines[1] == "  at Statement[0].Effect"
    assert any(line.startswith(f"{tmp_path}/warn.json:1:1: warning: ") for line in lines)
    assert run_python(s["check-clean"][0]).returncode == 0
    assert run_python(s["check-bad-kind"][0]).returncode == 2
    assert run_python(s["check-missing-file"][0]).returncode == 4
    findings = [json.loads(line) for line in run_python(s["check-json"][0]).stdout.splitlines()]
    assert findings[0]["findings"][0]["code"] == "invalid-effect"


def test_decide_json_lines(tmp_path):
    args, stdin = scenarios(tmp_path)["decide-json"]
    out = run_python(args, stdin)
    assert out.returncode == 0
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    assert [a.get("decision") for a in answers] == ["allowed", "allowed", None]
    assert answers[2]["error"]


def test_the_module_runs_the_native_tool(tmp_path):
    """`python -m iameval` is the C++ tool: its newer behaviours come through."""
    s = scenarios(tmp_path)
    assert run_python(decide_scenario("flag-equals", s["flag-equals"][0])).returncode == 0
    suggestion = run_python(decide_scenario("usage-flag-suggestion", s["usage-flag-suggestion"][0]))
    assert suggestion.returncode == 2
    assert b"did you mean `--principal`?" in suggestion.stderr
    stdin = run_python(*s["check-stdin"])
    assert stdin.returncode == 0 and b"-: read as a roleTrust policy" in stdin.stderr
    matrix = run_python(decide_scenario("matrix-json", s["matrix-json"][0]))
    assert matrix.returncode == 1
    assert [json.loads(line)["action"] for line in matrix.stdout.splitlines()] == ["s3:GetObject", "s3:PutObject"]
    assert run_python(["--version"]).stdout.decode().startswith("iameval ")


def test_help_is_the_native_usage():
    out = run_python(["--help"])
    assert out.returncode == 0
    assert b"iameval decide [policies] [request] [--explain] [--json]" in out.stdout
    assert run_python([]).returncode == 2
