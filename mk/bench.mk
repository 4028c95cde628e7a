# Benchmarks (bench/RESULTS.md, bench/workloads/README.md). Not part of `make test`:
# timings need a quiet machine and take minutes; `make test` only runs the
# bench binary's smoke test (ctest `bench_smoke`: every workload loads and
# decides as expected), which the release tree builds because of the line below.
#
#   make bench          build in Release (_build/bench), run the C++ benchmarks
#                       (Google Benchmark JSON in bench/results/latest.json), the
#                       Python and WebAssembly ones, and write bench/RESULTS.md,
#                       bench/RESULTS.json (the snapshot RESULTS.md quotes) and
#                       bench/scaling.svg
#   make bench-cpp      just the C++ benchmarks; BENCH_FILTER=regex narrows them
#   make bench-instructions   instructions per decision, compile and round trip
#                       under callgrind (bench/instructions.py): the figures
#                       that do not move with the machine's load, written to
#                       bench/results/instructions.json and RESULTS.md
#
# BENCH_REPS repetitions of each benchmark; RESULTS.md quotes their medians.

CMAKE_OPTIONS += -DIAMEVAL_BUILD_BENCH=ON
BENCH_BUILD_DIR := _build/bench
BENCH_BIN := $(BENCH_BUILD_DIR)/bench/iameval_bench
BENCH_REPS ?= 5
BENCH_MIN_TIME ?= 0.3
BENCH_FILTER ?= .
BENCH_NPM_STAMP := bench/node_modules/.iameval-npm-ci

.PHONY: bench bench-build bench-cpp bench-instructions bench-python bench-wasm bench-report

bench-build: setup
	cmake -S . -B $(BENCH_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DPython_EXECUTABLE=$(PYTHON) \
	  -DIAMEVAL_BUILD_BENCH=ON -DIAMEVAL_BUILD_TESTS=OFF >/dev/null
	cmake --build $(BENCH_BUILD_DIR) -j $(JOBS) --target iameval_bench iameval_cli

bench-cpp: bench-build
	@mkdir -p bench/results
	@echo "load average: $$(cut -d' ' -f1-3 /proc/loadavg)"
	$(BENCH_BIN) --benchmark_filter='$(BENCH_FILTER)' \
	  --benchmark_repetitions=$(BENCH_REPS) --benchmark_report_aggregates_only=true \
	  --benchmark_min_time=$(BENCH_MIN_TIME) \
	  --benchmark_context=commit=$$(git rev-parse --short HEAD)$$(git diff --quiet HEAD -- engine 'bench/*.cc' 'bench/*.h' bench/workloads || echo +uncommitted) \
	  --benchmark_out=bench/results/latest.json --benchmark_out_format=json

bench-instructions: bench-build
	$(PYTHON) bench/instructions.py --bin $(BENCH_BIN)

# The Python engineer's script; it exits 1 when a target is missed, which
# RESULTS.md reports rather than stopping the run.
bench-python: python-install
	@mkdir -p bench/results
	$(PY_VENV)/bin/python -P bench/python_bench.py | tee bench/results/python.txt || true

$(BENCH_NPM_STAMP): bench/package.json bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	touch $@

bench-wasm: wasm $(BENCH_NPM_STAMP)
	@mkdir -p bench/results
	node bench/wasm_bench.mjs --json bench/results/wasm.json
	node wasm/bench/lint.mjs --json bench/results/wasm_lint.json
	node bench/iam_simulate_bench.mjs --json bench/results/iam_simulate.json || true

bench-report:
	$(PYTHON) bench/report.py --cli $(BENCH_BUILD_DIR)/iameval

bench: bench-cpp bench-instructions bench-python bench-wasm bench-report
