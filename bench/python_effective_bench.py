#!/usr/bin/env python3
"""Effective permissions of every principal of a 1,000-role account, through
Python (issue #15: <= 60 s on both cores). Not part of `make test`.

    /usr/bin/python3 bench/python_effective_bench.py [--roles N] [--threads T]

The account is the realistic export (python/tests/data/authorization-details.json)
with its roles copied N times over (names suffixed), so the roles hold what real
roles hold: AWS's ReadOnlyAccess, AdministratorAccess, customer policies with
paths, policy variables, conditions and permissions boundaries. Prints the wall
time of `AccountModel.all_effective_permissions`, the engine's part and the
Python part, and the CPU time (the machine's 2 cores are shared: say so when
quoting the wall time).
"""

from __future__ import annotations

import argparse
import copy
import json
import pathlib
import resource
import time

import iameval

DATA = pathlib.Path(__file__).resolve().parent.parent / "python" / "tests" / "data"


def account(roles: int) -> dict:
    export = json.loads((DATA / "authorization-details.json").read_text())
    templates = export["RoleDetailList"]
    out = []
    for i in range(roles):
        role = copy.deepcopy(templates[i % len(templates)])
        role["RoleName"] = f"{role['RoleName']}-{i}"
        role["Arn"] = f"{role['Arn']}-{i}"
        out.append(role)
    export["RoleDetailList"] = out
    return export


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    model = iameval.AccountModel(account(args.roles))
    principals = [p.arn for p in model.principals]
    for arn in principals:  # parse and compile every policy first: not the question's cost
        model.policy_set(arn, "*")
    cpu0 = time.process_time()
    start = time.perf_counter()
    answers = model.all_effective_permissions(principals, threads=args.threads)
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    entries = sum(len(entries) for a in answers for by_level in a.services.values()
                  for entries in by_level.values())
    decisions = sum(a.decisions for a in answers)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"principals={len(answers)} actions={entries} decisions={decisions} threads={args.threads}")
    print(f"wall={wall:.2f}s cpu={cpu:.2f}s max_rss={rss}MB (2 shared cores; loaded machine)")


if __name__ == "__main__":
    main()
