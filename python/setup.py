"""Builds the `iameval._iameval` extension straight from the engine's sources.

`pip install ./python` needs no prior CMake build: the engine's .cc files
(ENGINE/PHASE/*.cc, less tests, benchmarks and fuzz targets) are compiled into the
extension itself. Everything else is declared in pyproject.toml.

Where the engine is:
    in a checkout   ../engine (this file lives in python/)
    in an sdist     ./engine, copied there by `setup.py sdist` (see Sdist below), so
                    an sdist builds anywhere, with no access to the repository

The version has one source, engine/include/iameval/version.h (CMakeLists.txt checks that
its project() version agrees; an sdist carries the header). iameval.__version__ reads it
back from the installed distribution's metadata (importlib.metadata).

Environment:
    IAMEVAL_BUILD_JOBS   parallel compile jobs (default 2: the machines have 2 cores)
    IAMEVAL_DEBUG=1      -O0 -g, for debugging the binding
"""

import glob
import os
import re
import shutil
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

try:
    from pybind11.setup_helpers import ParallelCompile, Pybind11Extension, build_ext
except ImportError:  # pragma: no cover - only without python3-pybind11
    sys.exit(
        "iameval: pybind11 is not importable. On Debian: apt-get install python3-pybind11 "
        "pybind11-dev, then `pip install --no-build-isolation ./python` so pip uses it."
    )

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# The sdist's own copy first: an unpacked sdist may sit inside someone else's tree.
ENGINE = next(
    (path for path in (os.path.join(HERE, "engine"), os.path.join(ROOT, "engine"))
     if os.path.isdir(os.path.join(path, "include", "iameval"))),
    None,
)
if ENGINE is None:
    sys.exit(f"iameval: engine sources found neither at {HERE}/engine (an sdist) nor at {ROOT}/engine "
             "(a checkout)")

_SKIP = ("_test.cc", "_benchmark.cc", "_fuzz.cc")
# The engine's phase folders, in order: the same names as CMakeLists.txt's IAMEVAL_PHASES
# (scripts/check_phases.py fails if they differ); fuzz/ and testing/ are not in the module.
# Every folder listed here is compiled into the module and copied into the sdist.
_PHASES = ("base", "json", "match", "condition", "policy", "decide", "catalogue", "lint", "analysis", "json_api")
# Folders of headers only (copied into the sdist, not compiled).
_HEADER_FOLDERS = ("include/iameval",)
# The command-line tool's library, less its main.cc: `python -m iameval` runs it
# (iameval/cli.py calls RunCommandLine through the module).
_TOOL_FOLDERS = ("cli",)


def _engine_files(engine, pattern):
    for folder in _PHASES + _TOOL_FOLDERS + _HEADER_FOLDERS:
        for path in sorted(glob.glob(os.path.join(engine, folder, pattern))):
            if not path.endswith(_SKIP) and os.path.basename(path) != "main.cc":
                yield path


def _version():
    """x.y.z from the engine's iameval/version.h, which an sdist carries too."""
    with open(os.path.join(ENGINE, "include", "iameval", "version.h"), encoding="utf-8") as f:
        match = re.search(r'^#define IAMEVAL_VERSION_STRING "([^"]+)"', f.read(), re.M)
    if not match:
        sys.exit("iameval: no IAMEVAL_VERSION_STRING in iameval/version.h")
    return match.group(1)


VERSION = _version()
sources = [os.path.join(HERE, "src", "iameval_module.cc"), os.path.join(HERE, "src", "lint_bindings.cc"),
           os.path.join(HERE, "src", "analysis_bindings.cc")]
sources += list(_engine_files(ENGINE, "*.cc"))
# The IAM catalogue `iameval.lint` reads, shipped inside the package (iameval/catalogue.tsv).
CATALOGUE = os.path.join(ENGINE, "catalogue", "data", "catalogue.tsv")
# Any header change must rebuild: setuptools only compares these timestamps.
depends = list(_engine_files(ENGINE, "*.h"))

debug = os.environ.get("IAMEVAL_DEBUG") == "1"
extension = Pybind11Extension(
    "iameval._iameval",
    sources=sources,
    depends=depends,
    include_dirs=[os.path.join(ENGINE, "include"), ENGINE],
    cxx_std=17,
    extra_compile_args=(["-O0", "-g"] if debug else ["-O3", "-DNDEBUG"]) + ["-Wall", "-Wno-unused-parameter"],
)


class BuildExt(build_ext):
    """build_ext that uses ccache when present (the engine's ~20 files are
    recompiled whenever one of them changes)."""

    def build_extensions(self):
        if shutil.which("ccache") and not os.environ.get("IAMEVAL_NO_CCACHE"):
            for attr in ("compiler_so",):  # not the linker: distutils swaps its argv[0]
                cmd = getattr(self.compiler, attr, None)
                if isinstance(cmd, list) and cmd and cmd[0] != "ccache":
                    setattr(self.compiler, attr, ["ccache"] + cmd)
        super().build_extensions()


class BuildPy(build_py):
    """build_py that puts the IAM catalogue into the package, beside lint.py."""

    def run(self):
        super().run()
        self.copy_file(CATALOGUE, os.path.join(self.build_lib, "iameval", "catalogue.tsv"))


class Sdist(sdist):
    """An sdist that builds outside the repository: the engine's sources (what the
    extension compiles and every header it includes) and the tests' data are copied
    into it under engine/. MANIFEST.in cannot name files outside python/."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        for path in list(_engine_files(ENGINE, "*.cc")) + list(_engine_files(ENGINE, "*.h")):
            target = os.path.join(base_dir, "engine", os.path.relpath(path, ENGINE))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(path, target)
        target = os.path.join(base_dir, "engine", os.path.relpath(CATALOGUE, ENGINE))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(CATALOGUE, target)


# At most IAMEVAL_BUILD_JOBS compiler processes: the machines have 2 cores,
# shared with other builds.
ParallelCompile("IAMEVAL_BUILD_JOBS", default=2).install()

setup(
    version=VERSION,
    ext_modules=[extension],
    cmdclass={"build_ext": BuildExt, "build_py": BuildPy, "sdist": Sdist},
    zip_safe=False,
)
