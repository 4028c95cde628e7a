# The Python binding's step of `make test` (python/README.md).
#
#   make test-python     pip install ./python into _build/venv, run its pytest
#                        suite, and run the conformance corpus through it and
#                        through the native engine (the two must agree)
#   make python-install  just the install
#
# The venv sees Debian's pybind11, setuptools and pytest (--system-site-packages)
# and installs with --no-build-isolation: PyPI is unreachable, and Debian's
# system Python refuses pip installs (PEP 668).

SETUP_FLAGS := --all
TEST_STEPS += test-python
PY_VENV := _build/venv

.PHONY: python-install test-python

python-install: setup
	@test -x $(PY_VENV)/bin/python || $(PYTHON) -m venv --system-site-packages $(PY_VENV)
	$(PY_VENV)/bin/pip install --quiet --no-build-isolation --no-deps ./python

# pytest exits 5 when it collects nothing: that must fail, never pass quietly.
# -P keeps the source tree's python/ off sys.path, so the installed package is
# what is tested. IAMEVAL_NATIVE_CLI turns on the CLI parity tests;
# IAMEVAL_STRICT_TESTS=1 fails (not skips) tests whose tools are missing.
test-python: python-install build
	@rc=0; IAMEVAL_NATIVE_CLI=$(abspath $(CLI)) IAMEVAL_STRICT_TESTS=1 \
	  $(PY_VENV)/bin/python -P -m pytest -q python/tests || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "test-python: pytest collected no tests"; exit 1; fi; \
	[ $$rc -eq 0 ] || exit $$rc; \
	$(PYTHON) conformance/run --engine cpp --engine python --cli $(CLI) --python $(PY_VENV)/bin/python conformance
