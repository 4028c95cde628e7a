# Sanitizers and fuzzing: the reliability steps of `make test` (SECURITY.md
# says what each one guards, README.md's "Reliability" what has run clean).
#
#   make test-asan        AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer)
#                         over every ctest test of an instrumented tree, _build/asan:
#                         the Catch2 tests, the conformance corpus through the CLI,
#                         the README example
#   make test-tsan        ThreadSanitizer over the [threads] tests (_build/tsan)
#   make test-fuzz-brief  every fuzz target for FUZZ_BRIEF_SECONDS, from the seeds
#   make fuzz             every fuzz target for FUZZ_SECONDS (default 600), growing its
#                         corpus in _build/fuzz/corpus/TARGET; FUZZ_TARGETS picks some;
#                         each run is logged to _build/fuzz/runs.log
#   make fuzz-seeds       write the seed corpora from conformance/ (make_seeds.py)
#
# The fuzz targets (engine/fuzz/) are built in the ASan tree, which is also
# compiled with -fsanitize=fuzzer-no-link so the fuzzers get coverage from the
# engine: one instrumented build serves both steps. A crash leaves its input in
# _build/fuzz/artifacts/; replay it with `_build/asan/engine/fuzz/TARGET FILE`.
# All of this needs clang and compiler-rt (scripts/setup.sh installs both).

TEST_STEPS += test-asan test-fuzz-brief test-tsan

SAN_CXX ?= clang++
ASAN_DIR := _build/asan
TSAN_DIR := _build/tsan
FUZZ_DIR := _build/fuzz
FUZZ_BIN := $(ASAN_DIR)/engine/fuzz
FUZZ_TARGETS ?= policy_parse_fuzz decide_fuzz glob_fuzz values_fuzz decide_json_fuzz lint_fuzz
FUZZ_SECONDS ?= 600
# Six targets x 6 s: the 36 s that `make test` gives fuzzing.
FUZZ_BRIEF_SECONDS ?= 6

# RapidJSON 1.1's one known UBSan report (see the file) is ignored; nothing else.
SAN_CMAKE := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=$(SAN_CXX) \
  -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DPython_EXECUTABLE=$(PYTHON) \
  -DCMAKE_CXX_FLAGS=-fsanitize-ignorelist=$(CURDIR)/mk/sanitizer-ignorelist.txt
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:abort_on_error=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
TSAN_ENV := TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
FUZZ_FLAGS := -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 -dict=engine/fuzz/iameval.dict

.PHONY: asan-build test-asan test-tsan fuzz-seeds test-fuzz-brief fuzz

asan-build: setup
	cmake -S . -B $(ASAN_DIR) $(SAN_CMAKE) -DIAMEVAL_SANITIZE=address,undefined \
	  -DIAMEVAL_BUILD_FUZZ=ON >/dev/null
	cmake --build $(ASAN_DIR) -j $(JOBS)

test-asan: asan-build
	$(ASAN_ENV) ctest --test-dir $(ASAN_DIR) --output-on-failure --no-tests=error -j$(JOBS)

# Only the test binary, and only its [threads] tests: TSan slows code 5-15x.
test-tsan: setup
	cmake -S . -B $(TSAN_DIR) $(SAN_CMAKE) -DIAMEVAL_SANITIZE=thread -DIAMEVAL_BUILD_CLI=OFF \
	  >/dev/null
	cmake --build $(TSAN_DIR) -j $(JOBS) --target iameval_tests
	$(TSAN_ENV) $(TSAN_DIR)/iameval_tests "[threads]"

# Seeds are named by their content, so writing them again is harmless, even
# while another run (another `make test` in the same tree) reads them.
fuzz-seeds:
	$(PYTHON) engine/fuzz/make_seeds.py $(FUZZ_DIR)/seeds conformance

# Runs each target in $(FUZZ_TARGETS) for $(1) seconds with corpus folder
# $(2)/TARGET (plus the seeds) and extra libFuzzer flags $(3), logging to
# $(2)/TARGET.log, then prints one `fuzz:` closing line.
define run_fuzzers
	@mkdir -p $(FUZZ_DIR)/artifacts; passed=0; failed=0; failures=""; \
	for target in $(FUZZ_TARGETS); do \
	  corpus=$(2)/$$target; mkdir -p $$corpus $(FUZZ_DIR)/seeds/$$target; \
	  log=$(2)/$$target.log; start=$$(date +%s); \
	  if $(ASAN_ENV) $(FUZZ_BIN)/$$target $(FUZZ_FLAGS) $(3) -max_total_time=$(1) \
	      -artifact_prefix=$(FUZZ_DIR)/artifacts/$$target- $$corpus $(FUZZ_DIR)/seeds/$$target \
	      >$$log 2>&1; then \
	    passed=$$((passed + 1)); result=clean; \
	  else \
	    failed=$$((failed + 1)); failures="$$failures $$target"; result=FAILED; \
	    tail -n 40 $$log; \
	  fi; \
	  seconds=$$(( $$(date +%s) - start )); \
	  runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -n 1); \
	  printf '  %-18s %-7s %5s s %10s runs\n' $$target $$result $$seconds "$${runs:-?}"; \
	  printf '%s %s %s %ss %s runs\n' "$$(date -u +%FT%TZ)" $$target $$result $$seconds \
	    "$${runs:-?}" >>$(FUZZ_DIR)/runs.log; \
	done; \
	echo "fuzz: $$passed passed, $$failed failed"; \
	if [ $$failed -gt 0 ]; then echo "failing:$$failures (inputs in $(FUZZ_DIR)/artifacts)"; exit 1; fi
endef

# Brief runs start from the seeds alone each time, with a fixed random seed,
# so `make test` depends neither on what earlier runs found nor on luck: it
# fails when a change breaks what these inputs reach, and long runs (make
# fuzz) look for new trouble. The corpus folder is new for each run, so two
# runs in one tree (two people's `make test`) never share it.
test-fuzz-brief: asan-build fuzz-seeds
	@mkdir -p $(FUZZ_DIR)
	@brief=$$(mktemp -d $(FUZZ_DIR)/brief.XXXXXX); trap 'rm -rf "$$brief"' EXIT; \
	$(MAKE) --no-print-directory fuzz-run FUZZ_RUN_SECONDS=$(FUZZ_BRIEF_SECONDS) \
	  FUZZ_RUN_CORPUS=$$brief FUZZ_RUN_FLAGS=-seed=1

# One pass over the targets, for the two steps above.
FUZZ_RUN_SECONDS ?= $(FUZZ_SECONDS)
FUZZ_RUN_CORPUS ?= $(FUZZ_DIR)/corpus
FUZZ_RUN_FLAGS ?=
.PHONY: fuzz-run
fuzz-run:
	$(call run_fuzzers,$(FUZZ_RUN_SECONDS),$(FUZZ_RUN_CORPUS),$(FUZZ_RUN_FLAGS))

fuzz: asan-build fuzz-seeds
	$(call run_fuzzers,$(FUZZ_SECONDS),$(FUZZ_DIR)/corpus)
