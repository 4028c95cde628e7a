"""Builds the `iameval._iameval` extension straight from the engine's sources.

`pip install ./python` needs no prior CMake build: the engine's .cc files
(../engine/PHASE/*.cc, less tests, benchmarks and fuzz targets) are compiled into the
extension itself. Everything else is declared in pyproject.toml.

Environment:
    IAMEVAL_BUILD_JOBS   parallel compile jobs (default 2: the machines have 2 cores)
    IAMEVAL_DEBUG=1      -O0 -g, for debugging the binding
"""

import glob
import os
import shutil
import sys

from setuptools import setup

try:
    from pybind11.setup_helpers import ParallelCompile, Pybind11Extension, build_ext
except ImportError:  # pragma: no cover - only without python3-pybind11
    sys.exit(
        "iameval: pybind11 is not importable. On Debian: apt-get install python3-pybind11 "
        "pybind11-dev, then `pip install --no-build-isolation ./python` so pip uses it."
    )

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ENGINE = os.path.join(ROOT, "engine")

if not os.path.isdir(os.path.join(ENGINE, "include", "iameval")):
    sys.exit(f"iameval: engine sources not found at {ENGINE}; build from a checkout of the repository")

_SKIP = ("_test.cc", "_benchmark.cc", "_fuzz.cc")
# The engine's phase folders (CMakeLists.txt's IAMEVAL_PHASES); cli/, fuzz/ and testing/ are not in the module.
_PHASES = ("base", "json", "match", "condition", "policy", "decide", "json_api")
engine_sources = sorted(
    path for path in glob.glob(os.path.join(ENGINE, "*", "*.cc"))
    if not path.endswith(_SKIP) and os.path.basename(os.path.dirname(path)) in _PHASES
)
sources = [os.path.join(HERE, "src", "iameval_module.cc")] + engine_sources
# Any header change must rebuild: setuptools only compares these timestamps.
depends = sorted(
    glob.glob(os.path.join(ENGINE, "*", "*.h")) + glob.glob(os.path.join(ENGINE, "include", "iameval", "*.h"))
)

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


# At most IAMEVAL_BUILD_JOBS compiler processes: the machines have 2 cores,
# shared with other builds.
ParallelCompile("IAMEVAL_BUILD_JOBS", default=2).install()

setup(ext_modules=[extension], cmdclass={"build_ext": BuildExt}, zip_safe=False)
