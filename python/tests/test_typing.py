"""The stubs and annotations hold up under `mypy --strict`, for the package
itself and for a user program (data/typed_usage.py)."""

import os
import pathlib
import subprocess
import sys

import pytest

import iameval

DATA = pathlib.Path(__file__).parent / "data"


def mypy_or_skip() -> None:
    try:
        import mypy  # noqa: F401
    except ImportError:
        if os.environ.get("IAMEVAL_STRICT_TESTS") == "1":
            pytest.fail("mypy is not installed (scripts/setup.sh --all installs Debian's)")
        pytest.skip("mypy is not installed")


def run_mypy(*args: str, cwd: pathlib.Path, tmp_path: pathlib.Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"),
                           "--no-error-summary", *args], cwd=cwd, capture_output=True, text=True)


def test_package_passes_mypy_strict(tmp_path):
    mypy_or_skip()
    site = pathlib.Path(iameval.__file__).parent.parent
    result = run_mypy("-p", "iameval", cwd=site, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_user_program_passes_mypy_strict(tmp_path):
    mypy_or_skip()
    result = run_mypy(str(DATA / "typed_usage.py"), cwd=tmp_path, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_explanation_is_optional_without_explain_true(tmp_path):
    """The overloads narrow only for explain=True: without it, mypy makes the
    user check for None."""
    mypy_or_skip()
    program = tmp_path / "unchecked.py"
    program.write_text("import iameval\n"
                       "ps = iameval.PolicySet()\n"
                       "reason: str = ps.decide(iameval.Request('p', 'a:b', '*')).explanation.reason\n")
    result = run_mypy(str(program), cwd=tmp_path, tmp_path=tmp_path)
    assert result.returncode != 0
    assert 'Item "None" of "Optional[Explanation]" has no attribute "reason"' in result.stdout
