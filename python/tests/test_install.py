"""The package as pip installs it: importable from anywhere, typed, and not
shadowed by the source tree."""

import os
import pathlib
import subprocess
import sys

import iameval

SOURCE_PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "iameval"


def _editable() -> bool:
    import importlib.metadata
    import json

    try:
        text = importlib.metadata.distribution("iameval").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:
        return False
    return bool(text and json.loads(text).get("dir_info", {}).get("editable"))


def test_tests_run_against_the_installed_package():
    # If this fails, the suite imports python/iameval/ straight from the
    # source tree rather than what pip installed: run pytest as `python -P`.
    # (A `pip install -e` is the source tree on purpose.)
    installed = pathlib.Path(iameval.__file__).resolve().parent
    assert installed != SOURCE_PACKAGE or _editable()


def test_import_from_another_directory(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", "import iameval, sys; sys.stdout.write(iameval.Decision.__module__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    assert out.stdout == "iameval._iameval"


def test_typing_markers_are_installed():
    package = pathlib.Path(iameval.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_iameval.pyi").is_file()


def test_public_names_are_documented():
    for name in iameval.__all__:
        obj = getattr(iameval, name)
        if isinstance(obj, (str, tuple)):
            continue
        assert obj.__doc__, f"iameval.{name} has no docstring"
    for cls in (iameval.Policy, iameval.PolicySet, iameval.Request, iameval.Decision):
        for attr, value in vars(cls).items():
            if attr.startswith("_"):
                continue
            assert getattr(value, "__doc__", None), f"{cls.__name__}.{attr} has no docstring"


def test_stub_names_match_the_module():
    """Every public name of the compiled module is in its stub, and back."""
    import ast

    stub = pathlib.Path(iameval.__file__).parent / "_iameval.pyi"
    tree = ast.parse(stub.read_text())
    stubbed = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    actual = {n for n in dir(iameval._iameval) if not n.startswith("__")}
    assert stubbed == actual
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            cls = getattr(iameval._iameval, node.name)
            # A stub class's members include its stub bases' (ExplainedDecision(Decision)).
            members = set()
            for each in [node] + [classes[b.id] for b in node.bases if isinstance(b, ast.Name) and b.id in classes]:
                members |= {n.name for n in each.body if isinstance(n, ast.FunctionDef)}
            public = {a for a in vars(cls) if not a.startswith("_")}
            assert public <= members, f"{node.name}: {public - members} missing from the stub"


def test_version_has_one_source():
    # setup.py reads iameval/version.h; make test-python passes its version here.
    import importlib.metadata

    assert iameval.__version__ == importlib.metadata.version("iameval")
    expected = os.environ.get("IAMEVAL_SOURCE_VERSION")
    if expected:
        assert iameval.__version__ == expected


def test_installed_from_the_wheel_built_from_the_sdist():
    """make test-python installs a wheel built from the sdist, never ./python itself."""
    if os.environ.get("IAMEVAL_EXPECT_WHEEL") != "1":
        return
    import importlib.metadata
    import json

    dist = importlib.metadata.distribution("iameval")
    direct_url = dist.read_text("direct_url.json")
    assert direct_url, "no direct_url.json: not installed by pip from a file"
    url = json.loads(direct_url)["url"]
    assert url.startswith("file://") and url.endswith(".whl"), url
    assert "python-dist" in url, url
