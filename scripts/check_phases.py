#!/usr/bin/env python3
"""Fails if the engine's phase folders stop stacking: phases include downward only.

    scripts/check_phases.py [ROOT]      (ctest runs it as `phase_layering`)

The phase order is CMakeLists.txt's IAMEVAL_PHASES (read from there, so adding a
phase means adding its name to that list, in order, and to python/setup.py's
_PHASES, which must hold the same names). A file in engine/PHASE/ may include
headers of PHASE and of the phases listed before it, and the public headers
(`iameval/...`); never a later phase, nor cli/, fuzz/ or testing/, which sit on
top (a phase's x_test.cc may use the test helpers in testing/). It also checks that the public headers include only public headers, that
engine/ has no source file at its top level, that every folder of engine/ has a
README.md, and that every include in a phase is rooted at engine/ ("match/glob.h").
Prints one `file:line: problem` per break and exits 1 if there is any.
"""

import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
ON_TOP = ("cli", "fuzz", "testing")  # may include any phase; no phase includes them


def cmake_phases(root):
    text = open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8").read()
    match = re.search(r"set\(IAMEVAL_PHASES\s+([^)]*)\)", text)
    if not match:
        sys.exit("check_phases: CMakeLists.txt sets no IAMEVAL_PHASES")
    return [word for word in re.sub(r"#.*", "", match.group(1)).split()]


def setup_py_phases(root):
    path = os.path.join(root, "python", "setup.py")
    if not os.path.exists(path):
        return None
    match = re.search(r"^_PHASES\s*=\s*\(([^)]*)\)", open(path, encoding="utf-8").read(), re.M)
    return re.findall(r'"([a-z_]+)"', match.group(1)) if match else None


def sources(folder):
    for name in sorted(os.listdir(folder)):
        if name.endswith((".h", ".cc")):
            yield os.path.join(folder, name)


def main():
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
    engine = os.path.join(root, "engine")
    phases = cmake_phases(root)
    rank = {phase: i for i, phase in enumerate(phases)}
    problems = []

    def where(path, line):
        return f"{os.path.relpath(path, root)}:{line}"

    python_phases = setup_py_phases(root)
    if python_phases is not None and python_phases != phases:
        problems.append(f"python/setup.py:1: _PHASES {python_phases} differs from CMakeLists.txt's "
                        f"IAMEVAL_PHASES {phases}")

    for name in sorted(os.listdir(engine)):
        path = os.path.join(engine, name)
        if os.path.isfile(path) and name.endswith((".h", ".cc")):
            problems.append(f"{where(path, 1)}: a source file at engine/'s top level: move it into its phase")
        if os.path.isdir(path) and name != "include" and not os.path.exists(os.path.join(path, "README.md")):
            problems.append(f"{where(path, 1)}: engine/{name}/ has no README.md saying what it owns")
        if os.path.isdir(path) and name not in rank and name not in ON_TOP and name != "include":
            problems.append(f"{where(path, 1)}: engine/{name}/ is in no phase list (CMakeLists.txt's "
                            f"IAMEVAL_PHASES) and is not one of {', '.join(ON_TOP)}")

    public = os.path.join(engine, "include", "iameval")
    for path in sources(public):
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            match = INCLUDE.match(line)
            if match and not match.group(1).startswith("iameval/"):
                problems.append(f"{where(path, number)}: public header includes `{match.group(1)}`: "
                                "the public API includes only iameval/ headers")

    for phase in phases:
        folder = os.path.join(engine, phase)
        if not os.path.isdir(folder):
            continue  # listed ahead of its first file
        for path in sources(folder):
            for number, line in enumerate(open(path, encoding="utf-8"), 1):
                match = INCLUDE.match(line)
                if not match:
                    continue
                target = match.group(1)
                top = target.split("/", 1)[0] if "/" in target else None
                if top is None:
                    problems.append(f"{where(path, number)}: `{target}` is not rooted at engine/ "
                                    f'(write "{phase}/{target}")')
                elif top == "testing" and path.endswith(("_test.cc", "_benchmark.cc")):
                    pass  # a phase's tests share the test helpers
                elif top in ON_TOP:
                    problems.append(f"{where(path, number)}: phase {phase} includes `{target}`: "
                                    f"{top}/ sits on top of every phase")
                elif top in rank and rank[top] > rank[phase]:
                    problems.append(f"{where(path, number)}: phase {phase} includes `{target}` from the "
                                    f"later phase {top} ({' < '.join(phases)}): move the code down, "
                                    "not the include")

    for problem in problems:
        print(problem)
    if problems:
        print(f"check_phases: {len(problems)} problem(s)")
        return 1
    print(f"check_phases: ok ({' < '.join(phases)}; then {', '.join(ON_TOP)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
