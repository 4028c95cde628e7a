#!/usr/bin/python3
"""Checks that ctest runs every Catch2 test case, each exactly once.

    scripts/check_ctest_list.py BUILD_DIR TEST_BINARY

catch_discover_tests makes one ctest entry per TEST_CASE, passing the name
back to the binary as a Catch2 test spec. A name holding `;` is split into
several entries by CMake's lists, and one holding `\\` (or another character
that Catch2's test spec treats specially) becomes a filter that matches no
test: Catch2 then prints "No test cases matched" and exits 0, and the test
silently never runs (issue #12 point 8). So this checks, for the binary:

  * the number of its ctest entries equals the number of test cases it lists;
  * each entry's filter selects exactly the one test case the entry is named for.

It is itself a ctest entry (CMakeLists.txt), so `make test` and every landing
fail when a test would be skipped. Prints one closing line.
"""

import json
import subprocess
import sys


def catch_names(binary, *spec):
    out = subprocess.run([binary, "--list-test-names-only", *spec], capture_output=True,
                         text=True, check=False).stdout
    return [line for line in out.splitlines() if line.strip()]


def main():
    build_dir, binary = sys.argv[1], sys.argv[2]
    listing = subprocess.run(["ctest", "--test-dir", build_dir, "--show-only=json-v1"],
                             capture_output=True, text=True, check=True).stdout
    entries = [t for t in json.loads(listing)["tests"]
               if t.get("command") and t["command"][0] == binary]
    names = catch_names(binary)
    problems = []
    if len(entries) != len(names):
        problems.append(f"{len(entries)} ctest entries for {len(names)} Catch2 test cases")
    for entry in entries:
        spec = entry["command"][1:]
        selected = catch_names(binary, *spec)
        if selected != [entry["name"]]:
            problems.append(f"ctest entry {entry['name']!r} runs {selected or 'no test'}")
    missing = set(names) - {e["name"] for e in entries}
    for name in sorted(missing):
        problems.append(f"Catch2 test case {name!r} has no ctest entry (rename it: no `;` or `\\`)")
    for problem in problems:
        print("check_ctest_list:", problem)
    print(f"check_ctest_list: {len(entries)} ctest entries, {len(names)} Catch2 test cases, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
