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
# The renditions of the bundled mock the acceptance suite runs on, one pytest session each,
# all into one set of Allure results (the rendition is a parameter of every scenario).
UIS ?= classic spa

# The guide's screenshots (make guide): a fixed data seed gives the same pictures on every run;
# STRICT=1 fails the target when a shot differs from guide/approved/.
GUIDE_DIR := reports/guide
GUIDE_SEED ?= 20240601
STRICT ?=

.PHONY: e2e test unit bench setup system-deps report clean guide guide-approve signoff traceability staging-sim

e2e: setup ## The whole acceptance suite against the bundled mock portals (each rendition), report built
	rm -rf $(RESULTS) reports/allure-report
	status=0; for ui in $(UIS); do \
	  echo "== 界面 $$ui"; $(PYTEST) features --alluredir=$(RESULTS) --mock-ui=$$ui $(ARGS) || status=1; \
	done; \
	$(MAKE) --no-print-directory report; \
	echo; echo "Allure 报告: file://$(CURDIR)/$(REPORT)"; \
	exit $$status

test: setup ## Unit tests of the harness, then the acceptance suite on each rendition; the exit code is the truth
	rm -rf $(RESULTS)
	$(PYTEST) tests $(ARGS)
	set -e; for ui in $(UIS); do \
	  echo "== 界面 $$ui"; $(PYTEST) features --alluredir=$(RESULTS) --mock-ui=$$ui $(ARGS); \
	done

unit: setup ## Unit tests of the harness only
	$(PYTEST) tests $(ARGS)

bench: setup ## Runs the acceptance suite several times and prints timing figures
	$(PY) -m harness.bench $(ARGS)

report: ## Builds the single-file Allure report from the last results
	npx --no-install allure generate $(RESULTS) >/dev/null
	$(PY) -m harness.traceability

guide: setup ## Screenshots of the guide's steps (reports/guide/), compared with guide/approved/
	$(PYTEST) features -q -p harness.guide_shots --guide-shots=$(GUIDE_DIR) --faker-seed=$(GUIDE_SEED) $(ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then status=0; fi; \
	$(PY) -m harness.guide build --shots $(GUIDE_DIR) $(if $(STRICT),--fail-on-change) || status=1; \
	exit $$status

guide-approve: setup ## Makes the shots of the last `make guide` the approved set (guide/approved/)
	$(PY) -m harness.guide approve --shots $(GUIDE_DIR)

traceability: setup ## reports/traceability.html: guide ID → scenarios → last result
	$(PY) -m harness.traceability

signoff: setup ## 验收报告 reports/signoff.html for the business reviewers, from the last run
	$(PY) -m harness.traceability
	$(PY) -m harness.signoff

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

# The rendition staging-sim rehearses on: spa is the closer stand-in for the real portals.
SIM_UI ?= spa

staging-sim: setup ## The suite as on staging: mock + account pool + SMS inbox, staging preconditions only; report built
	rm -rf $(RESULTS) reports/allure-report
	status=0; $(PY) -m harness.staging_sim --ui $(SIM_UI) -- features --alluredir=$(RESULTS) $(ARGS) || status=1; \
	$(MAKE) --no-print-directory report; \
	echo; echo "Allure 报告: file://$(CURDIR)/$(REPORT)"; \
	exit $$status
