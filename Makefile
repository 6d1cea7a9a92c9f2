# Entry points of the acceptance harness. Every target sets up what it needs first:
# system packages (browser, CJK fonts, Node), .venv from requirements.txt, the Allure
# report generator from package-lock.json.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest
RESULTS_DIR := reports/allure-results
# make report RESULTS="shard-1/allure-results shard-2/allure-results" merges several runs' results.
RESULTS ?= $(RESULTS_DIR)
REPORT := reports/allure-report/index.html
# make report-serve: the port of the local web server for the multi-file report.
PORT ?= 8080
# Extra pytest arguments, e.g. make e2e ARGS="-m guide-A1.4" or ARGS="--env staging".
ARGS ?=
# The renditions of the bundled mock the acceptance suite runs on, one pytest session each,
# all into one set of Allure results (the rendition is a parameter of every scenario).
UIS ?= classic spa lookalike
# pytest-xdist workers of each session, each with its own mock portals and browser: auto is one per
# core (measured best: docs/速度.md); WORKERS=1 runs serially.
WORKERS ?= auto
XDIST = -n $(if $(filter 1,$(WORKERS)),0,$(WORKERS))

# The guide's screenshots (make guide): a fixed data seed gives the same pictures on every run;
# STRICT=1 fails the target when a shot differs from guide/approved/.
GUIDE_DIR := reports/guide
GUIDE_SEED ?= 20240601
STRICT ?=

# Accessibility audit of the pages the guide shows (harness/a11y/audit.py), in every acceptance run:
# A11Y=advisory (default) reports, A11Y=strict fails on violations beyond guide/a11y-baseline.json,
# A11Y=off skips it. The pytest plugin reads the variable itself.
export A11Y
# make flaky: how many times the acceptance suite runs, each in a new random order.
RUNS ?= 3

.PHONY: e2e test lint unit bench setup system-deps report report-serve clean guide guide-approve guide-doc a11y-baseline signoff traceability flaky staging-sim probe-pages mutants

e2e: setup ## The whole acceptance suite against the bundled mock portals (each rendition), report built
	rm -rf $(RESULTS_DIR) reports/allure-report reports/a11y
	status=0; for ui in $(UIS); do \
	  echo "== 界面 $$ui"; $(PYTEST) features --alluredir=$(RESULTS_DIR) --mock-ui=$$ui $(XDIST) $(ARGS) || status=1; \
	done; \
	$(MAKE) --no-print-directory report || status=1; \
	exit $$status

test: setup lint ## Format, lint and type checks, unit tests of the harness, the acceptance suite on each rendition and as on staging (staging-sim), the guide's shots against the approved set; the exit code is the truth
	rm -rf $(RESULTS_DIR) reports/a11y
	$(PYTEST) tests $(XDIST) $(ARGS)
	set -e; for ui in $(UIS); do \
	  echo "== 界面 $$ui"; $(PYTEST) features --alluredir=$(RESULTS_DIR) --mock-ui=$$ui $(XDIST) $(ARGS); \
	done
	@echo "== 预发布演练（staging-sim，界面 $(SIM_UI)）"
	$(PY) -m harness.cli.staging_sim --ui $(SIM_UI) -- features $(XDIST) $(ARGS)
	$(MAKE) --no-print-directory guide STRICT=1

# Settings in pyproject.toml; .pre-commit-config.yaml runs the same three before a commit.
lint: setup ## Format, lint and type checks (ruff, mypy)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

unit: setup ## Unit tests of the harness only
	$(PYTEST) tests $(XDIST) $(ARGS)

# make probe-pages: the target (a profile, also from HARNESS_ENVIRONMENTS) and, on the mock, the rendition.
ENV ?= mock
UI ?= classic

probe-pages: setup ## Read-only: runs the scenarios on ENV (rendition UI on the mock) and prints each page-object member found, or not with the elements that look like it
	$(PY) -m harness.cli.probe --env $(ENV) --mock-ui $(UI) -- $(XDIST) $(ARGS)

bench: setup ## Runs the acceptance suite several times and prints timing figures
	$(PY) -m harness.cli.bench $(ARGS)

mutants: setup ## Breaks each rule of the guide in the mock, one at a time, and runs that guide ID's scenarios (classic): each mutant must be killed; reports/mutants.json
	$(PY) -m harness.cli.mutants --workers $(WORKERS) $(if $(ARGS),-- $(ARGS))

flaky: setup ## Runs the acceptance suite RUNS times in random order (each rendition), then a table of the scenarios that failed
	$(PY) -m harness.cli.flaky --runs $(RUNS) --uis "$(UIS)" -- $(ARGS)

report: ## The Allure report (one file, or multi-file above REPORT_SINGLE_FILE_MB), traceability table and sign-off from the last results (RESULTS="dir1 dir2 …": merged first); refuses unmasked results of a non-mock run
	$(PY) -m harness.cli.masking check $(RESULTS)
	$(if $(filter-out $(RESULTS_DIR),$(RESULTS)),$(PY) -m harness.cli.merge_results --out $(RESULTS_DIR) $(RESULTS))
	layout=$$($(PY) -m harness.cli.report_budget prepare $(RESULTS_DIR)) || exit 1; \
	rm -rf reports/allure-report; \
	ALLURE_SINGLE_FILE=$$([ "$$layout" = single ] && echo 1 || echo 0) npx --no-install allure generate $(RESULTS_DIR) >/dev/null || exit 1; \
	if [ "$$layout" = single ]; then echo "Allure 报告（单文件）：file://$(CURDIR)/$(REPORT)"; \
	else echo "Allure 报告（多文件，需经网页服务器打开）：reports/allure-report/ —— 本机查看：make report-serve"; fi
	$(PY) -m harness.cli.traceability
	$(PY) -m harness.cli.signoff

report-serve: ## Serves reports/ on 127.0.0.1 (the multi-file Allure report needs a web server): PORT=8080
	@echo "报告：http://127.0.0.1:$(PORT)/allure-report/index.html （Ctrl+C 结束）"
	$(PY) -m http.server --bind 127.0.0.1 --directory reports $(PORT)

guide: setup ## Screenshots of the guide's steps (reports/guide/), compared with guide/approved/
	$(PYTEST) features -q --guide-shots=$(GUIDE_DIR) --a11y-dir=$(GUIDE_DIR)/a11y --faker-seed=$(GUIDE_SEED) $(XDIST) $(ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then status=0; fi; \
	$(PY) -m harness.cli.guide build --shots $(GUIDE_DIR) $(if $(STRICT),--fail-on-change) || status=1; \
	exit $$status

guide-approve: setup ## Makes the shots of the last `make guide` the approved set (guide/approved/)
	$(PY) -m harness.cli.guide approve --shots $(GUIDE_DIR)

guide-doc: setup ## 操作指引.docx and .pdf in reports/guide/ from the shots of the last `make guide` (taken first if there are none)
	test -f $(GUIDE_DIR)/shots.json || $(MAKE) --no-print-directory guide
	$(PY) -m harness.cli.guide_doc --shots $(GUIDE_DIR)

a11y-baseline: setup ## The accessibility findings of the last `make guide` / `make e2e` become the baseline (guide/a11y-baseline.json)
	$(PY) -m harness.cli.a11y baseline

traceability: setup ## reports/traceability.html: guide ID → scenarios → last result
	$(PY) -m harness.cli.traceability

signoff: setup ## 验收报告 reports/signoff.html for the business reviewers, from the last run
	$(PY) -m harness.cli.traceability
	$(PY) -m harness.cli.signoff

setup: system-deps $(VENV)/.installed node_modules/.installed

system-deps:
	@bash scripts/ensure-system-deps.sh

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json .npmrc
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf reports test-results

# The rendition staging-sim rehearses on: spa is the closer stand-in for the real portals.
SIM_UI ?= spa

staging-sim: setup ## The suite as on staging: mock + account pool + SMS inbox, staging preconditions only; report built
	rm -rf $(RESULTS) reports/allure-report
	status=0; $(PY) -m harness.cli.staging_sim --ui $(SIM_UI) -- features --alluredir=$(RESULTS) $(ARGS) || status=1; \
	$(MAKE) --no-print-directory report || status=1; \
	exit $$status
