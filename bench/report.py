#!/usr/bin/env python3
"""Writes bench/RESULTS.md, bench/RESULTS.json and bench/scaling.svg from a
`make bench` run (stdlib only).

    /usr/bin/python3 bench/report.py

Reads bench/results/latest.json (Google Benchmark's JSON for the C++
benchmarks, 5 repetitions, aggregates), bench/results/python.txt (what
bench/python_bench.py printed), bench/results/wasm.json (bench/wasm_bench.mjs)
and bench/NOTES.md (the hand-written analysis: what was optimized, what misses
its target and why, with the profile). RESULTS.json is a copy of latest.json:
the snapshot RESULTS.md quotes (bench/results/*.json is not committed).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import re
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DECIDE_TARGETS = {"typical": 100, "large": 1000, "conditions": 200}  # issue #16 (large: #6)
WORKLOAD_WORDS = {
    "typical": "an application role: 5 identity policies (40 statements), a bucket policy, one SCP level; 20 requests",
    "large": "1,000 policies, 10,000 statements, 100 services; 32 requests matching a few statements",
    "conditions": "condition-heavy: IP ranges, dates, tags, set qualifiers, variables; 26 requests",
    "wildcards_hostile": "32-63 `*` per pattern, long segments, against 1-2 KB resources; 13 requests",
    "kms_cross_account": "key policy + owner's and partner's identity policies; 13 requests",
}


def sh(*cmd: str) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT).stdout.strip()
    except OSError:
        return ""


def machine() -> dict:
    model, cores = "unknown", os.cpu_count()
    for line in sh("lscpu").splitlines():
        if line.startswith("Model name:"):
            model = line.split(":", 1)[1].strip()
    return {"model": model, "cores": cores}


def fmt_ns(ns: float) -> str:
    if ns >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if ns >= 1e4:
        return f"{ns / 1e3:,.1f} µs"
    if ns >= 1e3:
        return f"{ns / 1e3:,.2f} µs"
    return f"{ns:,.0f} ns"


def to_ns(value: float, unit: str) -> float:
    return value * {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[unit]


def medians(bench_json: dict) -> dict[str, dict]:
    out = {}
    for b in bench_json.get("benchmarks", []):
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"]
        row = {"cpu_ns": to_ns(b["cpu_time"], b["time_unit"]),
               "real_ns": to_ns(b["real_time"], b["time_unit"])}
        for key in ("allocs_per_decision", "decisions_per_second", "allocs_per_request",
                    "requests_per_second", "allocs_per_compile", "bytes_per_second",
                    "statements", "document_bytes", "set_bytes", "bytes_per_statement"):
            if key in b:
                row[key] = b[key]
        out[name] = row
    for b in bench_json.get("benchmarks", []):  # the spread, for honesty
        if b.get("aggregate_name") == "cv" and b["run_name"] in out:
            out[b["run_name"]]["cv"] = b["cpu_time"]
    return out


def explained_verdict(explained: dict, plain: dict | None) -> str:
    """Issue #16: an explanation costs at most twice the unexplained decision."""
    if not plain:
        return "≤ 2x unexplained |"
    ratio = explained["cpu_ns"] / plain["cpu_ns"]
    return f"≤ 2x unexplained ({ratio:.2f}x) | {'**met**' if ratio <= 2 else '**missed**'}"


def verdict(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "**met**" if value <= target else "**missed**"


def scaling_svg(series: dict[str, list[tuple[int, float]]], path: str) -> None:
    """Cost per decision against statements in force, log-log, two lines."""
    width, height, left, right, top, bottom = 640, 400, 80, 200, 40, 60
    xs = [x for points in series.values() for x, _ in points]
    ys = [y for points in series.values() for _, y in points]
    if not xs:
        return
    x0, x1 = math.log10(min(xs)), math.log10(max(xs))
    y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
    if y1 == y0:
        y1 += 1

    def px(x):
        return left + (math.log10(x) - x0) / (x1 - x0) * (width - left - right)

    def py(y):
        return height - bottom - (math.log10(y) - y0) / (y1 - y0) * (height - top - bottom)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2 - 40}" y="22" font-size="14" text-anchor="middle">'
             'iameval: CPU time per decision against statements in force</text>']
    for e in range(int(y0), int(y1) + 1):
        y = py(10 ** e)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{fmt_ns(10 ** e)}</text>')
    for x in sorted(set(xs)):
        X = px(x)
        parts.append(f'<line x1="{X:.1f}" y1="{top}" x2="{X:.1f}" y2="{height - bottom}" stroke="#eee"/>')
        parts.append(f'<text x="{X:.1f}" y="{height - bottom + 18}" text-anchor="middle">{x:,}</text>')
    parts.append(f'<text x="{(left + width - right) / 2:.1f}" y="{height - 18}" text-anchor="middle">'
                 'statements in force (log scale)</text>')
    parts.append(f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="black"/>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="black"/>')
    colors = ["#1f77b4", "#d62728", "#2ca02c"]
    for i, (label, points) in enumerate(series.items()):
        color = colors[i % len(colors)]
        d = " ".join(f"{'M' if j == 0 else 'L'}{px(x):.1f},{py(y):.1f}" for j, (x, y) in enumerate(points))
        parts.append(f'<path d="{d}" fill="none" stroke="{color}" stroke-width="2"/>')
        for x, y in points:
            parts.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{color}"/>')
            parts.append(f'<text x="{px(x) + 6:.1f}" y="{py(y) - 6:.1f}" font-size="10" fill="{color}">{fmt_ns(y)}</text>')
        ly = top + 20 + i * 36
        parts.append(f'<line x1="{width - right + 12}" y1="{ly}" x2="{width - right + 32}" y2="{ly}" stroke="{color}" stroke-width="2"/>')
        for k, word in enumerate(label.split("\n")):
            parts.append(f'<text x="{width - right + 38}" y="{ly + 4 + k * 13}" font-size="11">{word}</text>')
    parts.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(parts) + "\n")


def python_rows(text: str) -> list[tuple[str, str, str, str]]:
    rows = []
    for line in text.splitlines():
        m = re.match(r"\s+(.+?)\s{2,}([\d,]+) ns\s+([\d,]+) ns(.*)$", line)
        if m:
            rows.append((m.group(1).strip(), m.group(2), m.group(3), m.group(4).strip()))
    return rows


def fill_notes(text: str, m: dict, results: str) -> str:
    """NOTES.md quotes this run's figures through placeholders, so that the
    analysis never disagrees with the tables above it:
      {{cpu:RUN}}            CPU median of a C++ benchmark
      {{allocs:RUN}}         its allocations per decision / compile
      {{over:RUN:TARGET_NS}} how many times the target it takes
      {{perbyte:N}}          BM_WildcardsLength/bytes:N, ns per resource byte
      {{wasm:NAME}}          a wasm_bench.mjs median; {{wasm_over:NAME}} over its target
      {{ratio:KEY}}          a wasm_bench.mjs ratio
      {{py:CALL}}            python_bench.py's CPU figure for CALL
      {{py_verdict}}         whether all of python_bench.py's targets held
    """
    wasm = {}
    path = os.path.join(results, "wasm.json")
    if os.path.exists(path):
        wasm = json.load(open(path))
    py, py_verdicts = {}, []
    path = os.path.join(results, "python.txt")
    if os.path.exists(path):
        rows = python_rows(open(path).read())
        py = {name: cpu for name, _, cpu, _ in rows}
        py_verdicts = [target for _, _, _, target in rows if target]

    def value(match: re.Match) -> str:
        kind, _, arg = match.group(1).partition(":")
        try:
            if kind == "cpu":
                return fmt_ns(m[arg]["cpu_ns"])
            if kind == "allocs":
                row = m[arg]
                return f"{row.get('allocs_per_decision', row.get('allocs_per_compile', row.get('allocs_per_request', 0))):,.0f}"
            if kind == "over":
                run, target = arg.rsplit(":", 1)
                return f"{m[run]['cpu_ns'] / float(target):.1f}×"
            if kind == "perbyte":
                return f"{m[f'BM_WildcardsLength/bytes:{arg}']['cpu_ns'] / (int(arg) + 21):.0f}"
            if kind == "wasm":
                return fmt_ns(wasm["results"][arg]["median_ns"])
            if kind == "wasm_over":
                return f"{wasm['results'][arg]['median_ns'] / wasm['targets'][arg]:.1f}×"
            if kind == "ratio":
                return f"{wasm['ratios'][arg]:.0f}×"
            if kind == "py":
                return f"{py[arg]} ns"
            if kind == "py_verdict" and py_verdicts:
                return "**met**" if all(v.endswith("ok") for v in py_verdicts) else "**missed** (see the table)"
        except (KeyError, ValueError, ZeroDivisionError):
            pass
        return "(not measured)"

    return re.sub(r"\{\{([^}]+)\}\}", value, text)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--cli", help="unused; kept for the Makefile")
    args = ap.parse_args()

    latest = os.path.join(args.results, "latest.json")
    with open(latest) as f:
        bench_json = json.load(f)
    shutil.copyfile(latest, os.path.join(HERE, "RESULTS.json"))
    m = medians(bench_json)
    ctx = bench_json.get("context", {})
    mach = machine()
    # The commit the C++ run measured (mk/bench.mk passes it as context);
    # "+uncommitted": engine/ or bench/ differed from it.
    commit = ctx.get("commit") or sh("git", "rev-parse", "--short", "HEAD")
    dirty = ""
    if commit.endswith("+uncommitted"):
        commit, dirty = commit[:-len("+uncommitted")], " (engine/ or bench/ had uncommitted changes)"
    date = ctx.get("date", datetime.datetime.now().isoformat())

    out = []
    w = out.append
    w("# Benchmark results\n")
    w("Written by `make bench` (bench/report.py); the analysis at the end is "
      "bench/NOTES.md. Regenerate with `make bench` on a quiet machine.\n")
    w(f"* **Machine:** {mach['model']}, {mach['cores']} cores (`lscpu`), "
      f"{ctx.get('mhz_per_cpu', '?')} MHz; a VM shared with other engineers' builds")
    w(f"* **Date:** {date}")
    w(f"* **Commit:** `{commit}`{dirty}")
    w(f"* **Load average** (1, 5, 15 min) when the C++ run started: "
      f"{ctx.get('load_average_at_start', '?')} "
      "(2 cores: anything above 2 means the benchmarks shared their core)")
    w(f"* **Build:** Release (`-O3 -DNDEBUG`), g++ 12, Google Benchmark {ctx.get('library_version', '1.7.1')} "
      "(Debian's libbenchmark; its 'built as DEBUG' warning concerns the library's own "
      "bookkeeping, not the code measured)")
    w("* **Reproduce:** `make bench` (everything), or `make bench-cpp BENCH_FILTER=BM_Decide/` "
      "for the C++ decisions only, i.e. `_build/bench/bench/iameval_bench "
      "--benchmark_repetitions=5 --benchmark_report_aggregates_only=true "
      "--benchmark_min_time=0.3 --benchmark_out=bench/results/latest.json`; "
      "`_build/venv/bin/python -P bench/python_bench.py`; `node bench/wasm_bench.mjs`.\n")
    w("Figures are **medians of 5 repetitions**. Targets are judged on **CPU time**: "
      "on a loaded 2-core machine wall time mostly measures waiting for a core; both are "
      "shown. `allocs` is heap allocations per decision counted by the benchmark binary's "
      "own operator new/malloc (bench/alloc_counter.cc).\n")

    w("## C++: deciding (`BM_Decide/<workload>`)\n")
    w("| benchmark | workload | CPU / decision | wall | allocs | decisions/s (1 thread) | target | |")
    w("|---|---|---:|---:|---:|---:|---|---|")
    for name in ("typical", "large", "conditions", "wildcards_hostile", "kms_cross_account"):
        row = m.get(f"BM_Decide/{name}")
        if not row:
            continue
        target = DECIDE_TARGETS.get(name)
        tgt = f"≤ {target:,} ns" if target else ("linear in length (below)" if name == "wildcards_hostile" else "-")
        ok = verdict(row["cpu_ns"], target)
        if name == "typical" and row.get("allocs_per_decision", 1) != 0:
            ok += " (allocations!)"
        w(f"| `BM_Decide/{name}` | {WORKLOAD_WORDS[name]} | {fmt_ns(row['cpu_ns'])} | {fmt_ns(row['real_ns'])} | "
          f"{row.get('allocs_per_decision', 0):g} | {row.get('decisions_per_second', 0):,.0f} | {tgt} | {ok} |")
    row = m.get("BM_DecideExplained/typical")
    if row:
        w(f"| `BM_DecideExplained/typical` | the same, with an Explanation | {fmt_ns(row['cpu_ns'])} | "
          f"{fmt_ns(row['real_ns'])} | {row.get('allocs_per_decision', 0):g} | {row.get('decisions_per_second', 0):,.0f} | "
          + explained_verdict(row, m.get("BM_Decide/typical")) + " |")
    w("")

    instructions = os.path.join(args.results, "instructions.json")
    if os.path.exists(instructions):
        from instructions import section  # bench/instructions.py, beside this file
        w(section(json.load(open(instructions))) + "\n")

    rows = [(n, m.get(f"BM_DecideThreads/typical/real_time/threads:{n}")) for n in (1, 2)]
    if all(row for _, row in rows):
        one, two = rows[0][1]["decisions_per_second"], rows[1][1]["decisions_per_second"]
        w("### Threads\n")
        w("`BM_DecideThreads/typical`: one shared set decided from 1 and 2 threads at once "
          "(wall time; decisions/s summed over the threads). Target: 2 threads at least 1.8x "
          "one thread's throughput. Only meaningful when the load average is below 1: on a busy "
          "2-core machine the second thread waits for a core.\n")
        w("| threads | decisions/s | vs 1 thread |")
        w("|---:|---:|---:|")
        w(f"| 1 | {one:,.0f} | 1.00x |")
        w(f"| 2 | {two:,.0f} | {two / one:.2f}x {verdict(-two / one, -1.8)} |")
        w("")
    row = m.get("BM_BuildSet/large")
    if row and "bytes_per_statement" in row:
        w(f"**Memory:** the compiled `large` set holds {row.get('set_bytes', 0) / 1e6:,.1f} MB of heap, "
          f"{row['bytes_per_statement']:,.0f} bytes per statement (budget: 2 KB, README.md).\n")

    w("### Cost against statements in force\n")
    w("![CPU time per decision against statements in force](scaling.svg)\n")
    w("`BM_DecideScaling/<series>/statements:N` (bench/scaling.svg, drawn by bench/report.py): "
      "the policy sets are the first N statements of a generated workload. *many_services* is "
      "`large`'s population (100 services): the action index leaves the statements that can "
      "match the action, so cost stays nearly flat up to 1,000 statements; the step to 10,000 "
      "is the compiled set outgrowing the caches (bench/NOTES.md), not more statements visited. "
      "*one_service* is the action index's worst case (every statement an `s3:` wildcard, so "
      "every statement of the service names the action): its long candidate lists are split "
      "by the resource head their statements can match, so cost stays flat there too "
      "(bench/NOTES.md).\n")
    w("| series | statements | CPU / decision | wall | target | |")
    w("|---|---:|---:|---:|---|---|")
    scaling_targets = {("one_service", 1000): 500, ("one_service", 10000): 2000}  # issue #16
    series = {}
    for key, label in (("many_services", "many services\n(large)"), ("one_service", "one service,\nall wildcards")):
        points = []
        for n in (10, 100, 1000, 10000):
            row = m.get(f"BM_DecideScaling/{key}/statements:{n}")
            if row:
                points.append((n, row["cpu_ns"]))
                target = scaling_targets.get((key, n))
                w(f"| {key} | {n:,} | {fmt_ns(row['cpu_ns'])} | {fmt_ns(row['real_ns'])} | "
                  f"{f'≤ {fmt_ns(target)}' if target else '-'} | {verdict(row['cpu_ns'], target)} |")
        if points:
            series[label] = points
    scaling_svg(series, os.path.join(HERE, "scaling.svg"))
    w("")

    w("### Wildcards: cost against input length\n")
    w("`BM_WildcardsLength/bytes:N`: the `wildcards_hostile` set against one resource of "
      "`arn:aws:s3:::archive/` + N bytes, every hostile pattern failing late. Linear time shows "
      "as a constant cost per byte.\n")
    w("| resource bytes | CPU / decision | ns per byte |")
    w("|---:|---:|---:|")
    for n in (256, 1024, 4096, 16384):
        row = m.get(f"BM_WildcardsLength/bytes:{n}")
        if row:
            w(f"| {n + 21:,} | {fmt_ns(row['cpu_ns'])} | {row['cpu_ns'] / (n + 21):.1f} |")
    w("")

    w("## C++: compiling and building requests\n")
    w("| benchmark | what | CPU | wall | allocs | target | |")
    w("|---|---|---:|---:|---:|---|---|")
    for name, what, target in (
            ("BM_Compile/managed_policy_6kb", "Policy::Parse of a 6,080-byte managed policy (20 statements)", 30000),
            ("BM_Compile/bucket_policy_20kb", "Policy::Parse of a 20,054-byte bucket policy (42 statements)", None),
            ("BM_BuildSet/typical", "PolicySetFromJson of the typical workload (7 documents)", None),
            ("BM_BuildSet/large", "PolicySetFromJson of the large workload (1,000 documents, 1.8 MB)", 15_000_000),
            ("BM_BuildRequest/cpp", "Request + Context::Set of 3 keys from C++", None),
            ("BM_BuildRequest/json", "RequestFromJson of a 313-byte request", None),
            ("BM_DecideJson/typical", "RequestFromJson + Decide + AnswerToJson: a binding's round trip", 1000)):
        row = m.get(name)
        if not row:
            continue
        allocs = row.get("allocs_per_compile", row.get("allocs_per_request", ""))
        tgt = f"≤ {fmt_ns(target)}" if target else "-"
        w(f"| `{name}` | {what} | {fmt_ns(row['cpu_ns'])} | {fmt_ns(row['real_ns'])} | "
          f"{allocs if allocs == '' else f'{allocs:g}'} | {tgt} | {verdict(row['cpu_ns'], target)} |")
    w("")

    # The lint and analysis benchmarks (engine/*/*_benchmark.cc, linked into
    # iameval_bench) and anything else not tabled above.
    shown = ("BM_Decide/", "BM_DecideExplained/", "BM_DecideScaling/", "BM_WildcardsLength/",
             "BM_Compile/", "BM_BuildSet/", "BM_BuildRequest/", "BM_DecideJson/",
             "BM_DecideThreads/")
    others = [name for name in m if not name.startswith(shown)]
    if others:
        w("## Other C++ benchmarks: lint, analysis, context keys\n")
        w("Every benchmark of `iameval_bench` not tabled above, as Google Benchmark names it "
          "(engine/lint/lint_benchmark.cc and the other engine/*/*_benchmark.cc).\n")
        w("| benchmark | CPU | wall | allocs |")
        w("|---|---:|---:|---:|")
        for name in sorted(others):
            row = m[name]
            allocs = row.get("allocs_per_decision", row.get("allocs_per_compile", row.get("allocs_per_request", "")))
            w(f"| `{name}` | {fmt_ns(row['cpu_ns'])} | {fmt_ns(row['real_ns'])} | "
              f"{allocs if allocs == '' else f'{allocs:g}'} |")
        w("")

    # Issue #14: lint in WebAssembly within 2x of native: against BM_LintJson
    # (the bar's native side: JSON in, JSON out), and against BM_LintTextJson,
    # the C++ call JavaScript's lint() of an object makes since it serializes
    # the object itself (the same work as the wasm side, less JavaScript's).
    lint_path = os.path.join(args.results, "wasm_lint.json")
    if os.path.exists(lint_path):
        lj = json.load(open(lint_path))["results"]
        w("## Lint: WebAssembly against native (issue #14: within 2x)\n")
        w(f"`node wasm/bench/lint.mjs` (Node {json.load(open(lint_path))['node']}, CPU per call after "
          "a warm-up, in this run) against `BM_LintJson` (the same policies through `LintJson`, "
          "JSON in and out) and `BM_LoadCatalogue`; and against `BM_LintTextJson`, the one C++ call "
          "the JavaScript `lint()` of an object makes (`LintTextJson` of its `JSON.stringify`): "
          "the same work as in wasm, without JavaScript's share.\n")
        w("| policy | native (`LintJson`) | wasm | wasm / native | target | native, same call | wasm / same call |")
        w("|---|---:|---:|---:|---|---:|---:|")
        for label, us in lj.items():
            policy = label.split("/", 1)[-1]
            native_name = "BM_LoadCatalogue" if label == "loadCatalogue" else "BM_LintJson/" + policy
            row = m.get(native_name)
            if not row:
                continue
            ratio = us * 1000 / row["cpu_ns"]
            same = m.get("BM_LintTextJson/" + policy) if label != "loadCatalogue" else None
            same_cells = (f"{fmt_ns(same['cpu_ns'])} | {us * 1000 / same['cpu_ns']:.2f}x"
                          if same else " | ")
            w(f"| `{label}` | {fmt_ns(row['cpu_ns'])} | {fmt_ns(us * 1000)} | {ratio:.2f}x | "
              f"≤ 2x: {'met' if ratio <= 2 else 'missed'} | {same_cells} |")
        w("")

    w("## Python (`bench/python_bench.py`, the Python engineer's script)\n")
    py_path = os.path.join(args.results, "python.txt")
    if os.path.exists(py_path):
        text = open(py_path).read()
        header = text.splitlines()[0] if text else ""
        w(f"{header}. Command: `_build/venv/bin/python -P bench/python_bench.py` "
          "(its own scenario: a role with a boundary and two SCP levels).\n")
        w("| call | wall | CPU | target |")
        w("|---|---:|---:|---|")
        for name, wall, cpu, target in python_rows(text):
            w(f"| `{name}` | {wall} ns | {cpu} ns | {target} |")
    else:
        w("(not run: bench/results/python.txt is missing)")
    w("")

    w("## WebAssembly in Node, against Cedar (`bench/wasm_bench.mjs`)\n")
    wasm_path = os.path.join(args.results, "wasm.json")
    if os.path.exists(wasm_path):
        wj = json.load(open(wasm_path))
        w(f"Node {wj['node']}, {wj['cpu']} ×{wj['cores']}, load average "
          f"{' '.join(f'{x:.2f}' for x in wj['load_average'])}, {wj['date']}; "
          f"`@cedar-policy/cedar-wasm` {wj['cedar_wasm_version']} (pinned by bench/package-lock.json). "
          f"Scenario: the `typical` workload, {wj['scenario']['requests']} requests; Cedar gets one policy per IAM "
          f"statement ({wj['scenario']['cedar_policies']}), and the script checks that both engines agree on "
          "every request before timing. CPU time per decision, median of "
          f"{next(iter(wj['results'].values()))['repeats']} loops.\n")
        w("| engine / call | CPU / decision | target | |")
        w("|---|---:|---|---|")
        for name, r in wj["results"].items():
            t = wj["targets"].get(name)
            w(f"| {name} | {fmt_ns(r['median_ns'])} | {'≤ ' + fmt_ns(t) if t else '-'} | {verdict(r['median_ns'], t)} |")
        w("")
        w(f"**Ratio:** Cedar's pre-parsed `statefulIsAuthorized` takes "
          f"{wj['ratios']['cedar_stateful_over_iameval_decide']:.1f}× the time of iameval's single `decide`, "
          f"and {wj['ratios']['cedar_stateful_over_iameval_batched']:.1f}× its batched `decideMany`, in the same run.\n")
    else:
        w("(not run: bench/results/wasm.json is missing)\n")

    sim_path = os.path.join(args.results, "iam_simulate.json")
    if os.path.exists(sim_path):
        sim = json.load(open(sim_path))
        w("### The closest peer: `@cloud-copilot/iam-simulate`\n")
        line = (f"`@cloud-copilot/iam-simulate` {sim['version']} (AGPL: installed for the benchmark only, "
                f"bench/package.json), `runSimulation` on the same {sim['requests']} `typical` requests "
                f"(bench/iam_simulate_bench.mjs): **{fmt_ns(sim['median_ns'])}** CPU per decision, "
                f"agreeing with the expected decision on {sim['agree']} of {sim['requests']}. It validates "
                "its inputs against its catalogue on every call, as its users call it.")
        if os.path.exists(wasm_path):
            ours = json.load(open(wasm_path))["results"].get("iameval decide", {}).get("median_ns")
            if ours:
                line += f" **Ratio:** {sim['median_ns'] / ours:,.0f}x iameval's single wasm `decide`."
        w(line + "\n")

    notes = os.path.join(HERE, "NOTES.md")
    if os.path.exists(notes):
        w(fill_notes(open(notes).read(), m, args.results))
    with open(os.path.join(HERE, "RESULTS.md"), "w") as f:
        f.write("\n".join(out).rstrip() + "\n")
    print("wrote bench/RESULTS.md, bench/RESULTS.json, bench/scaling.svg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
