# WebAssembly: the module, the JavaScript package and the playground
# (wasm/README.md).
#
#   make wasm             build wasm/dist/iameval_core.{mjs,wasm} in _build/wasm
#   make test-wasm        type-check index.d.ts, node tests of the JS API (incl.
#                         byte-for-byte agreement with the native CLI), then the
#                         conformance corpus via wasm, then conformance/hostile
#                         through the CLI, Python and wasm
#   make playground-dist  the playground as a static site in wasm/playground/dist/
#                         (relative paths, Content-Security-Policy, _headers)
#   make playground       build it and serve it on 127.0.0.1 (with the CSP headers)
#   make test-browser     the package and the static playground (served by
#                         Python's http.server) in headless Chromium;
#                         screenshots in _build/test-results/
#
# npm packages are pinned by wasm/package-lock.json and installed with
# `npm ci` only when the lock file changes.

SETUP_FLAGS := --all
TEST_STEPS += test-wasm test-browser
CLEAN_DIRS += wasm/dist wasm/playground/dist
WASM_BUILD_DIR := _build/wasm
EMSCRIPTEN_TOOLCHAIN := /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake
PLAYGROUND_PORT ?= 8765
# -O3 ships (wasm/README.md has the numbers); -Oz is 44% smaller, 3x slower.
WASM_OPT ?= -O3
NPM_STAMP := wasm/node_modules/.iameval-npm-ci

.PHONY: wasm wasm-npm test-wasm playground playground-build playground-dist test-browser

# NODE_PATH: emcc's optimizer needs Debian's acorn (toolchain.md §5).
wasm: setup
	cmake -S . -B $(WASM_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_TOOLCHAIN_FILE=$(EMSCRIPTEN_TOOLCHAIN) -DCMAKE_CXX_COMPILER_LAUNCHER=ccache \
	  -DIAMEVAL_WASM_OPT=$(WASM_OPT) >/dev/null
	NODE_PATH=/usr/share/nodejs cmake --build $(WASM_BUILD_DIR) -j $(JOBS)

$(NPM_STAMP): wasm/package.json wasm/package-lock.json
	cd wasm && npm ci --no-audit --no-fund --loglevel=error
	touch $@

wasm-npm: setup $(NPM_STAMP)

test-wasm: wasm wasm-npm build
	node $(WASM_BUILD_DIR)/wasm/string_scan_test.js
	node wasm/node_modules/typescript/bin/tsc -p wasm/tsconfig.json
	IAMEVAL_CLI=$(abspath $(CLI)) node --test --expose-gc wasm/test/
	$(PYTHON) conformance/run --engine wasm conformance
	@# Issue #12's hostile inputs through the CLI, Python and wasm alike
	@# (conformance/hostile/run); needs the venv make test-python installs.
	@[ -x $(PY_VENV)/bin/python ] || $(MAKE) --no-print-directory python-install
	$(PY_VENV)/bin/python conformance/hostile/run --cli $(CLI)
	@# Issue #15: the analysis corpus through the CLI, Python and wasm, answers equal.
	$(PY_VENV)/bin/python conformance/analysis/run --cli $(CLI) --wasm wasm/dist --agree

playground-dist: wasm wasm-npm
	node wasm/playground/build.mjs

playground-build: playground-dist

playground: playground-dist
	node wasm/playground/serve.mjs --port $(PLAYGROUND_PORT)

test-browser: playground-dist
	node --test wasm/e2e/
