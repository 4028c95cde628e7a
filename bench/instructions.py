#!/usr/bin/env python3
"""Instructions per decision (compile, round trip) under callgrind: the
benchmark figure that does not depend on the machine's load.

    make bench-instructions        # or:
    /usr/bin/python3 bench/instructions.py --bin _build/bench/bench/iameval_bench

Runs iameval_bench twice under `valgrind --tool=callgrind` with a fixed number
of iterations per benchmark (IAMEVAL_BENCH_FIXED=1, then 2: see
bench/fixed_iterations.h), dumping the counts when each benchmark's loop
starts and when it ends (`--dump-before=benchmark::State::StartKeepRunning`,
`--dump-after=benchmark::State::FinishKeepRunning`: Google Benchmark's own
exported functions, since a benchmark function of ours may be inlined away),
so that each loop is counted alone. For each benchmark, the difference between
the two runs' loop instructions divided by the difference in iterations is the
cost of one iteration. (Counting from one loop's end to the next's charged a
benchmark with its predecessor's teardown, which grows with the iterations
too: BM_BuildSet/large's freeing showed as 1,264 extra instructions per
BM_Decide/typical decision.) Writes
bench/results/instructions.json and the table between the `instructions`
markers of bench/RESULTS.md (bench/report.py writes the same table when it
rewrites the file). Exits 1 when a check below fails (CHECKS).
"""

from __future__ import annotations

import argparse
import datetime
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# What is measured: the decision benchmarks, compile, and the binding's round
# trip. BM_WildcardsLength and the lint benchmarks have their own figures.
DEFAULT_FILTER = ("^(BM_Decide/|BM_DecideExplained/|BM_DecideScaling/|BM_DecideContextKeys/|"
                  "BM_Compile/|BM_BuildSet/|BM_BuildRequest/|BM_DecideJson/)")

# Targets in instructions per iteration (issue #16), and what a row is.
TARGETS = {"BM_Decide/typical": 1500}
UNITS = {"BM_Compile/": "compile", "BM_BuildSet/": "policy set built", "BM_BuildRequest/": "request"}

# Regressions the figures must not show, checked on every run: a lookup in a
# context of 10,000 keys costs what it costs in one of 16 (an O(1) lookup,
# not a scan; eval_context.h), give or take a probe.
CHECKS = [("BM_DecideContextKeys/keys:10000", "BM_DecideContextKeys/keys:16", 1.25),
          ("BM_DecideContextKeys/keys:64", "BM_DecideContextKeys/keys:16", 1.25)]

BEGIN, END = "<!-- instructions:begin -->", "<!-- instructions:end -->"


def unit_of(name: str) -> str:
    for prefix, unit in UNITS.items():
        if name.startswith(prefix):
            return unit
    return "decision"


def plain_name(name: str) -> str:
    """The benchmark's name without what the fixed iteration count adds."""
    return re.sub(r"/(iterations|repeats):\d+", "", name)


def run(binary: str, bench_filter: str, multiplier: int, workdir: str) -> tuple[list[int], list[dict]]:
    """One callgrind run; the instructions of each dump and the benchmarks run."""
    out = os.path.join(workdir, f"callgrind.{multiplier}.out")
    report = os.path.join(workdir, f"benchmark.{multiplier}.json")
    env = dict(os.environ, IAMEVAL_BENCH_FIXED=str(multiplier))
    # A dump before each loop starts and one after it ends: the odd dumps are
    # the loops alone. (With the second only, what runs between two loops,
    # a benchmark's teardown and the next one's setup, counted toward the
    # next: BM_BuildSet/large's freeing landed in BM_Decide/typical's row.)
    cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
           "--dump-before=benchmark::State::StartKeepRunning*",
           "--dump-after=benchmark::State::FinishKeepRunning*",
           binary, f"--benchmark_filter={bench_filter}", f"--benchmark_out={report}",
           "--benchmark_out_format=json", "--benchmark_format=console"]
    subprocess.run(cmd, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    dumps = []
    for path in glob.glob(out + ".*"):
        part = int(path.rsplit(".", 1)[1])
        with open(path) as f:
            text = f.read()
        m = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
        dumps.append((part, int(m.group(1)) if m else 0))
    dumps.sort()
    with open(report) as f:
        benchmarks = [b for b in json.load(f)["benchmarks"] if b.get("run_type") == "iteration"]
    loops = [ir for _, ir in dumps][1::2]  # before loop 1, loop 1, before loop 2, loop 2, ...
    return loops, benchmarks


def measure(binary: str, bench_filter: str) -> dict[str, dict]:
    with tempfile.TemporaryDirectory(prefix="iameval-callgrind-") as workdir:
        ir1, runs1 = run(binary, bench_filter, 1, workdir)
        ir2, runs2 = run(binary, bench_filter, 2, workdir)
    names = [plain_name(b["name"]) for b in runs1]
    # A benchmark skipped with an error never finishes a loop, so has no dump.
    ran = sum(1 for b in runs1 if not b.get("error_occurred"))
    if names != [plain_name(b["name"]) for b in runs2] or len(ir1) < ran or len(ir2) < ran:
        raise SystemExit(f"callgrind runs disagree: {ran} benchmarks ran, "
                         f"{len(ir1)} and {len(ir2)} dumps")
    results = {}
    i = -1
    for a, b in zip(runs1, runs2):
        if a.get("error_occurred") or b.get("error_occurred"):
            results[plain_name(a["name"])] = {"error": a.get("error_message", "error")}
            continue
        i += 1
        iterations = b["iterations"] - a["iterations"]
        per = (ir2[i] - ir1[i]) / iterations if iterations > 0 else 0
        results[plain_name(a["name"])] = {"instructions": round(per), "unit": unit_of(plain_name(a["name"])),
                              "iterations": [a["iterations"], b["iterations"]]}
    return results


def section(data: dict) -> str:
    """The RESULTS.md table (also written by bench/report.py)."""
    rows = data.get("benchmarks", {})
    lines = [BEGIN, "## Instructions per decision (callgrind)\n",
             f"`make bench-instructions` (bench/instructions.py) at `{data.get('commit', '?')}`, "
             f"{data.get('date', '?')}: each benchmark run under callgrind with a fixed number of "
             "iterations, twice, the difference divided by the difference in iterations. Unlike "
             "the times above these do not move with the machine's load: each commit on the hot "
             "path quotes them.\n",
             "| benchmark | instructions | per | target | |", "|---|---:|---|---|---|"]
    for name, row in rows.items():
        if "error" in row:
            lines.append(f"| `{name}` | (error: {row['error']}) | | | |")
            continue
        target = TARGETS.get(name)
        verdict = ("**met**" if row["instructions"] <= target else "**missed**") if target else ""
        lines.append(f"| `{name}` | {row['instructions']:,} | {row['unit']} | "
                     f"{f'≤ {target:,}' if target else '-'} | {verdict} |")
    lines.append(END)
    return "\n".join(lines)


def update_results_md(data: dict, path: str) -> None:
    text = open(path).read() if os.path.exists(path) else "# Benchmark results\n"
    block = section(data)
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + block + text[text.index(END) + len(END):]
    else:
        # After the C++ decision table when there is one, else at the end.
        anchor = text.find("### Cost against statements in force")
        text = (text[:anchor] + block + "\n\n" + text[anchor:]) if anchor >= 0 else text.rstrip() + "\n\n" + block + "\n"
    with open(path, "w") as f:
        f.write(text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "_build/bench/bench/iameval_bench"))
    ap.add_argument("--filter", default=DEFAULT_FILTER)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "instructions.json"))
    ap.add_argument("--results-md", default=os.path.join(HERE, "RESULTS.md"))
    args = ap.parse_args()

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "engine", "bench/*.cc", "bench/*.h"],
                           cwd=ROOT).returncode != 0
    data = {"commit": commit + ("+uncommitted" if dirty else ""),
            "date": datetime.datetime.now().isoformat(timespec="seconds"),
            "benchmarks": measure(args.bin, args.filter)}
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(data, f, indent=1)
    update_results_md(data, args.results_md)
    width = max(len(n) for n in data["benchmarks"])
    for name, row in data["benchmarks"].items():
        print(f"{name:<{width}}  {row.get('instructions', row.get('error')):>12,} per {row.get('unit', '')}"
              if "instructions" in row else f"{name:<{width}}  {row['error']}")
    failed = 0
    for slow, fast, ratio in CHECKS:
        a, b = data["benchmarks"].get(slow), data["benchmarks"].get(fast)
        if a and b and "instructions" in a and "instructions" in b:
            if a["instructions"] > ratio * b["instructions"]:
                print(f"FAILED: {slow} costs {a['instructions']:,} instructions, more than "
                      f"{ratio}x {fast} ({b['instructions']:,}): a lookup grows with the keys")
                failed = 1
    print(f"wrote {os.path.relpath(args.out, ROOT)} and the table in {os.path.relpath(args.results_md, ROOT)}")
    return failed


if __name__ == "__main__":
    sys.exit(main())
