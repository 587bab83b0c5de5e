# Two commands do everything on a fresh machine: `make conformance` and `make test`.
# Each installs what it needs first (venv, Chromium from Debian, the Element build), and
# does nothing again that is already up to date.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
NPM_STAMP := element/node_modules/.package-lock.json
PYTEST_ARGS ?=
# Another Element release to test (element/versions/<v>, e.g. make conformance ELEMENT=3.92.0): built
# into .cache/element/<v>/dist and served with --element-dist. Empty: the default build, element/dist.
ELEMENT ?=
ELEMENT_DIST = $(if $(strip $(ELEMENT)),$(shell cd element && node build.mjs --version $(ELEMENT) --dist-path))
ELEMENT_ARGS = $(if $(strip $(ELEMENT)),--element-dist=$(ELEMENT_DIST))
# Parallel workers (pytest-xdist); each has its own Synapse, Element server and browser.
# One per core, at most 4 (each worker holds a Synapse and a Chromium); serial on one core.
# On our 2-core machines -n 2 measured faster than serial (make soak, README); JOBS=0 is serial.
JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); if [ $$n -ge 4 ]; then echo 4; elif [ $$n -ge 2 ]; then echo $$n; else echo 0; fi)

.PHONY: test test-fast conformance matrix seed bench soak mutants setup venv chromium element axe clean

# The tests and the feature suite in one run, with the report on (into its own folder, so the
# main job's reports/ is untouched): CI meets the report's exit rules and accessibility gate too.
TEST_REPORTS := artifacts/test-report
test: setup
	$(PY) -m pytest -n $(JOBS) --conformance --report-dir=$(TEST_REPORTS) $(PYTEST_ARGS)

# The unit tier alone (tests/unit: no homeserver, no browser, no run of the harness): the loop while
# editing. tests/stack and tests/e2e run with the rest in `make test`.
test-fast: venv element
	$(PY) -m pytest tests/unit -n $(JOBS) $(PYTEST_ARGS)

# The main job: every scenario, then reports/ (conformance.{json,md,html}, screenshots/,
# junit.xml, cucumber.json, tests.html). Fails on an untested or unexpectedly failing guide
# statement. The run writes into reports.partial and replaces reports/ only when it completes;
# an interrupted run lands in reports.interrupted instead (report/placement.py).
REPORTS := reports
conformance: setup
	$(PY) -m pytest features -n $(JOBS) --conformance --report-dir=$(REPORTS) \
	  --junitxml=$(REPORTS)/junit.xml --cucumberjson=$(REPORTS)/cucumber.json \
	  --html=$(REPORTS)/tests.html --self-contained-html $(ELEMENT_ARGS) $(PYTEST_ARGS)

# The guide against each Element release element/ can build (element/versions/ and the default),
# each into reports/matrix/<release>/, then the dashboard reports/matrix.{json,md,html}.
# ELEMENTS=3.73.0,3.114.0 chooses; a release is built once and reused until its inputs change.
ELEMENTS ?=
matrix: setup
	$(PY) -m report matrix $(if $(ELEMENTS),--elements $(ELEMENTS)) --out $(REPORTS) $(if $(PYTEST_ARGS),-- $(PYTEST_ARGS))

# The QA command, shorter: make seed ARGS="--verified 2 --inactive 1 --open"
seed: setup
	$(PY) -m fixtures seed $(ARGS)

# The benchmark (by hand, never in CI): prints a table, writes bench/results.json.
bench: setup
	$(PY) bench/run.py $(ARGS)

# Flake hunt: the whole feature suite RUNS times in a row, no retries, serial and -n 2;
# writes artifacts/soak/soak.md (scenario x run outcomes).
RUNS ?= 10
soak: setup
	$(PY) bench/soak.py --runs $(RUNS) $(ARGS)

# Does the suite catch regressions? Each mutant of bench/mutants.yaml (a copy of element/dist with
# one behaviour broken) against the scenarios of the statements it breaks, JOBS runs at a time,
# after a green baseline on the stock build. Writes reports/mutants.{json,md}; fails when one survives.
mutants: setup
	$(PY) bench/mutants.py --jobs $(if $(filter 0,$(JOBS)),1,$(JOBS)) $(ARGS)

setup: venv chromium element axe

venv: $(VENV_STAMP)
$(VENV_STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# Debian's Chromium, and its headless shell that headless runs prefer (about a quarter less CPU
# per scenario): Playwright's own browser download cannot work on our network.
CHROMIUM_PACKAGES = chromium chromium-headless-shell
chromium:
	@if [ -n "$$HARNESS_CHROMIUM" ] || { command -v chromium && command -v chromium-headless-shell; } >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ]; then \
	  if command -v chromium >/dev/null; then \
	    echo "note: no chromium-headless-shell; headless runs use chromium (slower). 'sudo apt-get install -y chromium-headless-shell' adds it" >&2; exit 0; fi; \
	  echo "Chromium is missing: run 'sudo apt-get install -y $(CHROMIUM_PACKAGES)', or set HARNESS_CHROMIUM" >&2; exit 1; fi; \
	echo "Installing $(CHROMIUM_PACKAGES) from Debian's packages..."; \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(CHROMIUM_PACKAGES) >/dev/null

element: $(NPM_STAMP)
	cd element && node build.mjs
	$(if $(strip $(ELEMENT)),cd element && node build.mjs --version $(ELEMENT))
$(NPM_STAMP): element/package-lock.json
	cd element && npm ci --no-audit --no-fund --loglevel=error

# axe-core, injected into Element for the accessibility audit (report/a11y_audit.py).
AXE_STAMP := report/axe/node_modules/.package-lock.json
axe: $(AXE_STAMP)
$(AXE_STAMP): report/axe/package-lock.json
	cd report/axe && npm ci --no-audit --no-fund --loglevel=error

# .cache holds the Synapse snapshot and the other Element releases' builds (.cache/element/<v>/dist).
clean:
	rm -rf reports reports.partial reports.interrupted reports.errors artifacts test-results element/dist .cache
