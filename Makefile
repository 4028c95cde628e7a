# iameval: the commands a person (and CI) types.
#
#   make demo      build the CLI and decide the three requests in examples/demo/
#   make test      build everything and run every test (what CI runs)
#   make build     configure and build the native Release tree in _build/release
#   make setup     install the Debian packages (idempotent, ~1 s when done)
#   make clean     remove build trees
#   make conformance   the conformance corpus through every built engine
#   make check-format  clang-format check of the C++ sources (a step of make test)
#   make bench     Release benchmarks, C++/Python/wasm vs Cedar (not part of test): bench/RESULTS.md
#
# Each of demo, build and test runs setup first, so they work on a fresh
# Debian 12 machine. The machine has 2 cores shared with others: JOBS=2.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.NOTPARALLEL:
.DEFAULT_GOAL := help

# Debian's interpreter: the pyenv python3 first on PATH has neither pybind11
# nor pytest (shared/reference/toolchain.md §4).
PYTHON := /usr/bin/python3
BUILD_DIR := _build/release
JOBS ?= 2
CLI := $(BUILD_DIR)/iameval
# ccache keys then hold paths relative to the tree, so a fresh clone elsewhere
# (CI's) reuses what the developer's tree compiled (measured: 0 hits without).
export CCACHE_BASEDIR ?= $(CURDIR)

# Extra -D options for the native configure; hooks below append to it.
CMAKE_OPTIONS ?=
# Arguments for scripts/setup.sh: a hook whose step needs Python, Emscripten
# or Chromium sets SETUP_FLAGS := --all.
SETUP_FLAGS ?=
# Steps that `make test` runs after ctest, in order; each is a make target.
TEST_STEPS := test-demo check-format
# Folders `make clean` removes.
CLEAN_DIRS := _build

# ---- hooks: more test steps ------------------------------------------------
# Each surface adds its own step in its own file mk/NAME.mk (included below, so
# owners need not edit this file). A step is a target that builds what it
# needs and runs its tests, printing its runner's closing line.
#
#   mk/python.mk   TEST_STEPS += test-python                SETUP_FLAGS := --all
#   mk/wasm.mk     TEST_STEPS += test-wasm test-browser     SETUP_FLAGS := --all
#   mk/bench.mk    CMAKE_OPTIONS += -DIAMEVAL_BUILD_BENCH=ON (ctest smoke test)
#   mk/reliability.mk  TEST_STEPS += test-asan test-fuzz-brief test-tsan
#   mk/package.mk  TEST_STEPS += test-package (make deb: the C++ .deb)
#   mk/realdata.mk TEST_STEPS += test-realdata (every AWS managed policy, from npm)
#
# `make test` runs every step listed, even after one fails, and fails at the
# end if any did. Keep the whole of `make test` well under 30 minutes on 2 cores.
-include $(sort $(wildcard mk/*.mk))
# ---------------------------------------------------------------------------

.PHONY: help setup setup-all configure build test test-native test-demo demo \
        conformance check-format clean

help:
	@sed -n '/^#   make /s/^# //p' $(firstword $(MAKEFILE_LIST))
	@echo "  make test runs ctest, then: $(TEST_STEPS)"

setup:
	bash scripts/setup.sh $(SETUP_FLAGS)

setup-all:
	bash scripts/setup.sh --all

# Re-run every time (about a second): picks up CMAKE_OPTIONS added by hooks.
configure: setup
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DPython_EXECUTABLE=$(PYTHON) \
	  $(CMAKE_OPTIONS) >/dev/null

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# ctest holds the Catch2 tests and the C++ conformance run. --no-tests=error:
# a tree that builds no test must not pass.
CTEST := ctest --test-dir $(BUILD_DIR) --output-on-failure --no-tests=error -j$(JOBS)

test-native: build
	$(CTEST)

# Prints a summary with each step's time: the whole must stay well under 30 min.
test: build
	@failed=""; summary=""; \
	for step in ctest $(TEST_STEPS); do \
	  echo "== $$step"; start=$$(date +%s); result=ok; \
	  if [ "$$step" = ctest ]; then $(CTEST) || result=FAILED; \
	  else $(MAKE) --no-print-directory $$step || result=FAILED; fi; \
	  [ "$$result" = ok ] || failed="$$failed $$step"; \
	  summary="$$summary$$(printf '\n  %-16s %-6s %4d s' $$step $$result $$(( $$(date +%s) - start )))"; \
	done; \
	echo "== make test:$$summary"; \
	if [ -n "$$failed" ]; then echo "make test: failed:$$failed"; exit 1; fi

# The demo's three decisions must stay what examples/demo/README.md says.
test-demo:
	examples/demo/run --check $(CLI)

# Just the conformance corpus, with every engine that is built.
conformance: build
	$(PYTHON) conformance/run --cli $(CLI) conformance

demo: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target iameval_cli
	examples/demo/run $(CLI)

# Looked up when the recipe runs: on a fresh machine setup installs it first.
check-format: setup
	@if [ ! -f .clang-format ]; then echo "check-format: no .clang-format yet, nothing to check"; exit 0; fi; \
	fmt=$$(command -v clang-format clang-format-14 2>/dev/null | head -1); \
	if [ -z "$$fmt" ]; then echo "check-format: needs clang-format (apt-get install clang-format)"; exit 1; fi; \
	git ls-files '*.h' '*.cc' | xargs -r $$fmt --dry-run --Werror; \
	echo "check-format: $$(git ls-files '*.h' '*.cc' | wc -l) files match .clang-format"

clean:
	rm -rf $(CLEAN_DIRS)
