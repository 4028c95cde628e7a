"""The READMEs' Python examples run, and print what their comments say."""

import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


def run(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.splitlines()


def test_root_readme_example_prints_what_it_says():
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Python"):]
    section = section[:section.index("\n## ", 1)]
    [example] = python_blocks(section)
    code_lines = [line for line in example.splitlines() if line.strip()]
    assert len(code_lines) <= 10, "the README promises a 10-line example"
    expected = [line.split("  # ", 1)[1] for line in example.splitlines() if line.startswith("print(")]
    assert run(example) == expected


def test_python_readme_tour_runs():
    blocks = python_blocks((ROOT / "python" / "README.md").read_text())
    tour = blocks[0]
    lines = run(tour)
    assert lines[0] == "allowed"
    assert lines[1] == "True True"
