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


if __name__ == "__main__":
    unittest.main(verbosity=1)
