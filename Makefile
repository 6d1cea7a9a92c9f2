# Entry points of the acceptance harness. Every target sets up what it needs first:
# system packages (browser, CJK fonts, Node), .venv from requirements.txt, the Allure
# report generator from package-lock.json.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest
RESULTS := reports/allure-results
REPORT := reports/allure-report/index.html
# Extra pytest arguments, e.g. make e2e ARGS="-m guide-A1.4" or ARGS="--env staging".
ARGS ?=

.PHONY: e2e test unit bench setup system-deps report clean

e2e: setup ## The whole acceptance suite against the bundled mock portals, report built
	rm -rf $(RESULTS) reports/allure-report
	$(PYTEST) features --alluredir=$(RESULTS) $(ARGS); status=$$?; \
	$(MAKE) --no-print-directory report; \
	echo; echo "Allure 报告: file://$(CURDIR)/$(REPORT)"; \
	exit $$status

test: setup ## Unit tests of the harness, then the acceptance suite; the exit code is the truth
	rm -rf $(RESULTS)
	$(PYTEST) tests features --alluredir=$(RESULTS) $(ARGS)

unit: setup ## Unit tests of the harness only
	$(PYTEST) tests $(ARGS)

bench: setup ## Runs the acceptance suite several times and prints timing figures
	$(PY) -m harness.bench $(ARGS)

report: ## Builds the single-file Allure report from the last results
	npx --no-install allure generate $(RESULTS) >/dev/null

setup: system-deps $(VENV)/.installed node_modules/.installed

system-deps:
	@bash scripts/ensure-system-deps.sh

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf reports test-results
