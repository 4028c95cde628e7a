# The Python binding's step of `make test` (python/README.md).
#
#   make test-python     build the sdist, build a wheel from it (unpacked outside
#                        the tree), install the wheel into a fresh _build/venv, run
#                        the pytest suite against that copy, and run the
#                        conformance corpus through it and through the native
#                        engine (the two must agree)
#   make python-sdist    just _build/python-dist/iameval-VERSION.tar.gz
#   make python-wheel    the sdist, then _build/python-dist/iameval-VERSION-*.whl from it
#   make python-install  the wheel, installed into a fresh _build/venv
#
# The venv sees Debian's pybind11, setuptools and pytest (--system-site-packages)
# and builds with --no-build-isolation: PyPI is unreachable, and Debian's
# system Python refuses pip installs (PEP 668).

SETUP_FLAGS := --all
TEST_STEPS += test-python
PY_VENV := _build/venv
PY_DIST := _build/python-dist

.PHONY: python-sdist python-wheel python-install test-python

# setup.py's Sdist copies the engine's sources into the sdist (python/setup.py).
python-sdist: setup
	rm -rf $(PY_DIST) && mkdir -p $(PY_DIST)
	cd python && $(PYTHON) setup.py -q sdist --dist-dir $(abspath $(PY_DIST)) >/dev/null 2>&1 \
	  || (cd python && $(PYTHON) setup.py sdist --dist-dir $(abspath $(PY_DIST)); exit 1)
	@ls $(PY_DIST)/*.tar.gz

# The wheel is built from the sdist unpacked into a temporary folder outside the
# tree, so nothing the sdist lacks can be picked up from the checkout. A fixed
# CCACHE_BASEDIR makes ccache's keys independent of that folder's random name.
python-wheel: python-sdist
	@tmp=$$(mktemp -d /tmp/iameval-sdist.XXXXXX); trap 'rm -rf "$$tmp"' EXIT; \
	tar -xzf $(PY_DIST)/*.tar.gz -C "$$tmp"; src=$$(echo "$$tmp"/iameval-*); \
	echo "python-wheel: building from the sdist unpacked in $$src"; \
	CCACHE_BASEDIR="$$tmp" $(PYTHON) -m pip wheel --quiet --no-build-isolation --no-deps --no-index \
	  --wheel-dir $(abspath $(PY_DIST)) "$$src"
	@ls $(PY_DIST)/*.whl

python-install: python-wheel
	rm -rf $(PY_VENV) && $(PYTHON) -m venv --system-site-packages $(PY_VENV)
	$(PY_VENV)/bin/pip install --quiet --no-deps --no-index $(PY_DIST)/*.whl

# pytest exits 5 when it collects nothing: that must fail, never pass quietly.
# -P keeps the source tree's python/ off sys.path, so the installed package is
# what is tested. IAMEVAL_NATIVE_CLI turns on the CLI parity tests;
# IAMEVAL_STRICT_TESTS=1 fails (not skips) tests whose tools are missing;
# IAMEVAL_EXPECT_WHEEL=1 makes test_install check it tests the wheel made from the sdist.
test-python: python-install build
	@rc=0; IAMEVAL_NATIVE_CLI=$(abspath $(CLI)) IAMEVAL_STRICT_TESTS=1 IAMEVAL_EXPECT_WHEEL=1 \
	  IAMEVAL_SOURCE_VERSION=$$(sed -n 's/^#define IAMEVAL_VERSION_STRING "\(.*\)"/\1/p' engine/include/iameval/version.h) \
	  $(PY_VENV)/bin/python -P -m pytest -q python/tests || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "test-python: pytest collected no tests"; exit 1; fi; \
	[ $$rc -eq 0 ] || exit $$rc; \
	$(PYTHON) conformance/run --engine cpp --engine python --cli $(CLI) --python $(PY_VENV)/bin/python conformance
