#!/usr/bin/python3
"""Tests of conformance/run itself: what it must count as a failure.

    /usr/bin/python3 conformance/run_test.py        (a ctest entry: conformance_runner_test)

Each test writes a one-case file and runs the runner with a stand-in engine
(--engine-cmd) that gives a fixed answer, so it checks the judging, not any
engine. Standard library only.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = os.path.join(HERE, "run")

REQUEST = {"principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject",
           "resource": "arn:aws:s3:::bucket/key"}


def fake_engine(answer):
    """A line-protocol engine that gives `answer` to every question."""
    line = json.dumps(answer)
    code = ("import sys\nfor _ in sys.stdin:\n    print(%r, flush=True)\n" % line)
    return "fake=%s -c %s" % (shlex.quote(sys.executable), shlex.quote(code))


def run(case, answer):
    """(exit status, output) of the runner over one case and a fixed answer."""
    case = dict({"id": "t", "source": "spec/decision.md §1", "request": REQUEST}, **case)
    case = {k: v for k, v in case.items() if v is not None}
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "t.json")
        with open(path, "w") as f:
            json.dump({"cases": [case]}, f)
        done = subprocess.run([sys.executable, RUN, "--engine-cmd", fake_engine(answer), path],
                              capture_output=True, text=True)
    return done.returncode, done.stdout + done.stderr


class Judging(unittest.TestCase):
    def test_a_plain_decision_passes(self):
        status, out = run({"expect": "implicitDeny"},
                          {"decision": "implicitDeny", "error": None, "findings": []})
        self.assertEqual(status, 0, out)

    def test_an_implicit_deny_with_an_error_is_not_a_decision(self):
        status, out = run({"expect": "implicitDeny"},
                          {"decision": "implicitDeny", "error": "internal-error", "findings": []})
        self.assertEqual(status, 1, out)
        self.assertIn("FAIL", out)
        self.assertIn("error", out)

    def test_the_wrong_decision_fails(self):
        status, out = run({"expect": "implicitDeny"},
                          {"decision": "allowed", "error": None, "findings": []})
        self.assertEqual(status, 1, out)


PLAIN = {"decision": "implicitDeny", "error": None, "findings": []}


class Explanations(unittest.TestCase):
    """`expectExplanation` pins the determining statements."""

    DENY = {"decision": "explicitDeny", "error": None, "findings": [],
            "explanation": {"reason": "...", "determining": [
                {"kind": "identity", "policyIndex": 0, "statementIndex": 1, "sid": "D"},
                {"kind": "scp", "level": 1, "policyIndex": 0, "statementIndex": 0}]}}

    def case(self, determining):
        return {"expect": "explicitDeny", "expectExplanation": {"determining": determining}}

    def test_the_same_statements_in_any_order_pass(self):
        status, out = run(self.case([
            {"kind": "scp", "level": 1, "policyIndex": 0, "statementIndex": 0},
            {"kind": "identity", "policyIndex": 0, "statementIndex": 1, "sid": "D"}]), self.DENY)
        self.assertEqual(status, 0, out)

    def test_a_missing_or_extra_statement_fails(self):
        status, out = run(self.case([
            {"kind": "identity", "policyIndex": 0, "statementIndex": 1}]), self.DENY)
        self.assertEqual(status, 1, out)
        self.assertIn("determining statements", out)

    def test_another_sid_fails(self):
        status, out = run(self.case([
            {"kind": "scp", "level": 1, "policyIndex": 0, "statementIndex": 0},
            {"kind": "identity", "policyIndex": 0, "statementIndex": 1, "sid": "X"}]), self.DENY)
        self.assertEqual(status, 1, out)

    def test_no_explanation_fails(self):
        answer = dict(self.DENY)
        del answer["explanation"]
        status, out = run(self.case([]), answer)
        self.assertEqual(status, 1, out)

    def test_a_malformed_expectation_is_invalid(self):
        status, out = run(self.case([{"kind": "scp", "policyIndex": 0, "statementIndex": 0}]),
                          self.DENY)  # an SCP without its level
        self.assertEqual(status, 1, out)
        self.assertIn("INVALID", out)

    def with_code(self, code):
        answer = json.loads(json.dumps(self.DENY))
        answer["explanation"]["reasonCode"] = code
        return answer

    def test_the_pinned_reason_code_passes(self):
        status, out = run({"expect": "explicitDeny",
                           "expectExplanation": {"reasonCode": "explicit-deny"}},
                          self.with_code("explicit-deny"))
        self.assertEqual(status, 0, out)

    def test_another_reason_code_fails(self):
        status, out = run({"expect": "explicitDeny",
                           "expectExplanation": {"reasonCode": "explicit-deny"}},
                          self.with_code("boundary-does-not-allow"))
        self.assertEqual(status, 1, out)
        self.assertIn("reason code", out)

    def test_an_unlisted_reason_code_is_invalid(self):
        status, out = run({"expect": "explicitDeny",
                           "expectExplanation": {"reasonCode": "no-such-rule"}},
                          self.with_code("no-such-rule"))
        self.assertEqual(status, 1, out)
        self.assertIn("INVALID", out)

    def test_a_reason_code_of_another_decision_is_invalid(self):
        status, out = run({"expect": "explicitDeny",
                           "expectExplanation": {"reasonCode": "identity-allows"}},
                          self.with_code("identity-allows"))
        self.assertEqual(status, 1, out)
        self.assertIn("INVALID", out)

    def test_missing_keys_are_compared_exactly(self):
        answer = self.with_code("explicit-deny")
        answer["explanation"]["missingKeys"] = [
            {"key": "sts:ExternalId", "couldChangeDecision": True, "alwaysSet": False}]
        case = lambda keys: {"expect": "explicitDeny", "expectExplanation": {"missingKeys": keys}}
        status, out = run(case([{"key": "STS:externalid", "couldChangeDecision": True}]), answer)
        self.assertEqual(status, 0, out)
        status, out = run(case([{"key": "sts:ExternalId", "couldChangeDecision": False}]), answer)
        self.assertEqual(status, 1, out)
        self.assertIn("missing keys", out)
        status, out = run(case([]), answer)
        self.assertEqual(status, 1, out)

    def test_an_empty_expectation_is_invalid(self):
        status, out = run({"expect": "explicitDeny", "expectExplanation": {}}, self.DENY)
        self.assertEqual(status, 1, out)
        self.assertIn("INVALID", out)


class Sources(unittest.TestCase):
    """Every case's `source` must resolve from the repository (spec/sources.md)."""

    def assert_source(self, source, ok):
        status, out = run({"expect": "implicitDeny", "source": source}, PLAIN)
        if ok:
            self.assertEqual(status, 0, out)
        else:
            self.assertEqual(status, 1, out)
            self.assertIn("INVALID", out)

    def test_an_aws_page_with_its_section_resolves(self):
        self.assert_source("[OPS §String condition operators]: exact match", True)

    def test_a_spec_rule_resolves(self):
        self.assert_source("spec/decisions.md §22", True)
        self.assert_source("spec/decision.md §2.3", True)

    def test_a_key_not_in_sources_md_does_not(self):
        self.assert_source("[NO-SUCH-PAGE §Somewhere]", False)

    def test_a_rule_the_spec_does_not_number_does_not(self):
        self.assert_source("spec/decisions.md §999", False)
        self.assert_source("spec/nothing.md", False)

    def test_the_outside_catalogue_does_not(self):
        self.assert_source("iam-semantics §3.4 [OPS]", False)
        self.assert_source("engine request.h ContextScalar; [OPS]", False)

    def test_evidence_never_stands_alone(self):
        self.assert_source("[ZENN]", False)
        self.assert_source("[ZENN]; [PRINCIPAL §AWS account principals]", True)

    def test_a_missing_source_does_not(self):
        self.assert_source(None, False)


if __name__ == "__main__":
    unittest.main(verbosity=1)
