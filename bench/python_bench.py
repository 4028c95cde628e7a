#!/usr/bin/env python3
"""Per-call cost of the Python binding (not part of `make test`).

    .venv/bin/python bench/python_bench.py [--quick]

Prints the median over repeated timed loops for:
  * decide(request) on a compiled set, with a prebuilt Request   target <= 300 ns (#16)
  * decide(principal, action, resource, context)  (builds the Request each call)
  * decide_many(requests), per decision, batches of 1,000 and 10,000  target <= 100 ns (#16)
  * decide(request, explain=True), Request(...), Policy(...) for scale
The machine has 2 shared cores: run it alone, and compare only numbers taken
back to back.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time

import iameval

ACCOUNT = "111122223333"


def statement(i: int) -> dict:
    return {"Sid": f"S{i}", "Effect": "Allow", "Action": [f"s3:Get{'Object' if i % 2 else 'Bucket*'}", "s3:List*"],
            "Resource": [f"arn:aws:s3:::bucket-{i}", f"arn:aws:s3:::bucket-{i}/*"]}


# A typical role: a few managed and inline policies (~15 statements), a
# boundary, two SCP levels with a region guard. Decisions touch every kind.
IDENTITY = [
    {"Version": "2012-10-17", "Statement": [statement(i) for i in range(8)]},
    {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": ["ec2:Describe*", "cloudwatch:Get*", "logs:*"], "Resource": "*"},
        {"Effect": "Allow", "Action": "dynamodb:*", "Resource": f"arn:aws:dynamodb:*:{ACCOUNT}:table/app-*",
         "Condition": {"StringEquals": {"aws:PrincipalTag/team": "${aws:ResourceTag/team}"}}},
        {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]},
    {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::uploads/${aws:username}/*"},
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{ACCOUNT}:role/deploy"}]},
]
BOUNDARY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:*", "ec2:Describe*", "logs:*", "dynamodb:*", "sts:AssumeRole"], "Resource": "*"}]}
FULL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
REGION_GUARD = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Deny", "NotAction": ["iam:*", "sts:*", "s3:*"], "Resource": "*",
     "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}}}]}

PRINCIPAL = f"arn:aws:sts::{ACCOUNT}:assumed-role/app/session-1"
CONTEXT = {"aws:RequestedRegion": "eu-west-1", "aws:SecureTransport": True, "aws:PrincipalTag/team": "blue"}
QUESTIONS = [
    ("s3:GetObject", "arn:aws:s3:::bucket-3/reports/q1.csv"),        # allowed
    ("s3:DeleteBucket", "arn:aws:s3:::bucket-3"),                    # explicit deny
    ("ec2:RunInstances", "*"),                                       # implicit deny
    ("logs:PutLogEvents", f"arn:aws:logs:eu-west-1:{ACCOUNT}:log-group:x"),  # allowed
]


def median_ns_per_op(fn, ops_per_call: int, calls: int, repeats: int) -> tuple[float, float]:
    """Medians over `repeats` loops of `calls` calls, in ns per operation: wall
    time, and this thread's CPU time (less disturbed when other jobs share the
    cores; the two agree on an idle machine)."""
    wall, cpu = [], []
    gc.disable()
    try:
        for _ in range(repeats):
            w0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            for _ in range(calls):
                fn()
            c1, w1 = time.thread_time_ns(), time.perf_counter_ns()
            wall.append((w1 - w0) / (calls * ops_per_call))
            cpu.append((c1 - c0) / (calls * ops_per_call))
    finally:
        gc.enable()
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run)")
    args = ap.parse_args()
    scale = 10 if args.quick else 1
    repeats = 5 if args.quick else 21

    policies = iameval.PolicySet(identity=IDENTITY, permissions_boundary=BOUNDARY,
                                 scps=[[FULL], [FULL, REGION_GUARD]])
    requests = [iameval.Request(PRINCIPAL, a, r, CONTEXT, resource_account=ACCOUNT) for a, r in QUESTIONS]
    decisions = [policies.decide(r).decision for r in requests]
    assert decisions == ["allowed", "explicitDeny", "implicitDeny", "allowed"], decisions

    print(f"iameval {iameval.__version__}, Python {sys.version.split()[0]}; medians of {repeats} loops")
    rows = []
    # The floor: PolicySet::Decide in a C++ loop over the same requests. The
    # binding's own cost is each row minus this one.
    floor = [iameval._iameval._engine_ns_per_decision(policies, requests, 250000 // scale // len(requests))
             for _ in range(repeats)]
    rows.append(("engine alone: PolicySet::Decide in C++, per decision",
                 (statistics.median(w for w, _ in floor), statistics.median(c for _, c in floor)), None))

    r0 = requests[0]
    decide = policies.decide
    rows.append(("decide(request)", median_ns_per_op(lambda: decide(r0), 1, 20000 // scale, repeats), 300))
    a0, res0 = QUESTIONS[0]
    rows.append(("decide(principal, action, resource, context)",
                 median_ns_per_op(lambda: decide(PRINCIPAL, a0, res0, CONTEXT, resource_account=ACCOUNT),
                                  1, 10000 // scale, repeats), None))
    rows.append(("decide(request, explain=True)",
                 median_ns_per_op(lambda: decide(r0, explain=True), 1, 5000 // scale, repeats), None))
    many = policies.decide_many
    for size in (1000, 10000):
        batch = (requests * (size // len(requests)))[:size]
        rows.append((f"decide_many, batch of {size:,}, per decision",
                     median_ns_per_op(lambda: many(batch), size, max(1, 100000 // size // scale), repeats), 100))
    rows.append(("Request(principal, action, resource, context)",
                 median_ns_per_op(lambda: iameval.Request(PRINCIPAL, a0, res0, CONTEXT), 1,
                                  10000 // scale, repeats), None))
    rows.append(("Policy(dict) (8 statements)",
                 median_ns_per_op(lambda: iameval.Policy(IDENTITY[0]), 1, 500 // scale, repeats), None))
    rows.append(("baseline: request.principal (a pybind11 property)",
                 median_ns_per_op(lambda: decisions and r0.principal, 1, 20000 // scale, repeats), None))

    failed = False
    print(f"  {'':<52} {'wall':>9} {'cpu':>9}")
    for name, (wall, cpu), target in rows:
        verdict = ""
        if target is not None:
            ok = cpu <= target
            failed = failed or not ok
            verdict = f"  target <= {target:,} ns: {'ok' if ok else 'MISSED'}"
        print(f"  {name:<52} {wall:>6,.0f} ns {cpu:>6,.0f} ns{verdict}")
    engine_cpu = rows[0][1][1]
    print(f"  binding overhead (cpu): decide(request) +{rows[1][1][1] - engine_cpu:,.0f} ns, "
          f"decide_many +{rows[4][1][1] - engine_cpu:,.0f} ns per decision over the engine alone")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
