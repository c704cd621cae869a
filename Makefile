# Every target sets itself up: a fresh clone needs only Python 3.11+, make and the usual tools.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEBIAN_PACKAGES := chromium fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
# One line, before anything else runs, when a Debian package the suite needs is absent.
MISSING_DEBIAN = $(shell for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)

.PHONY: demo test lint serve bench system-deps check-system-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(VENV)/.installed $(VENV)/.installed-test $@

## demo: set up, then load the demonstration portfolio and run every engine on it
demo: $(VENV)/.installed
	$(BIN)/carveout demo

## test: set up with the test dependencies, then run the whole suite
test: check-system-deps $(VENV)/.installed-test
	$(BIN)/pytest -n 2 --dist loadgroup

## lint: ruff and mypy
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check carveout tests benchmarks
	$(BIN)/mypy

## serve: the web dashboard on http://127.0.0.1:8000
serve: $(VENV)/.installed
	$(BIN)/carveout serve

## bench: the performance benchmarks recorded in benchmarks/RESULTS.md
bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks.psplib --set j30 --every 1 --time-limit 10 --workers 2
	$(BIN)/python -m benchmarks.psplib --set j60 --every 4 --time-limit 10 --workers 2
	$(BIN)/python -m benchmarks.psplib --set j120 --every 10 --time-limit 10 --workers 2
	$(BIN)/python -m benchmarks.planner_scale --sizes 250 500 1000 2000 --time-limit 60 --workers 2
	$(BIN)/python -m benchmarks.planner_lns --sizes 250 1000 2000 --time-limit 60 --workers 2 --seeds 0 1 2
	$(BIN)/python -m benchmarks.planner_then_now --sizes 250 1000 2000 --time-limit 60 --workers 2 --seeds 0 1 2
	$(BIN)/python -m benchmarks.planner_bound_anatomy --sizes 250 --seeds 0 1 2 --time-limit 60
	$(BIN)/python -m benchmarks.planner_lp_guided --sizes 80 250 --seeds 0 1 --mip-seconds 240
	$(BIN)/python -m benchmarks.risk_sim
	$(BIN)/python -m benchmarks.costs_bench
	$(BIN)/python -m benchmarks.import_bench
	$(BIN)/python -m benchmarks.agreements_import
	$(BIN)/python -m benchmarks.storage
	$(BIN)/python -m benchmarks.web_latency
	$(BIN)/python -m benchmarks.report_bench
	$(BIN)/python -m benchmarks.plan_wall_time --limits 5 10 30
	$(BIN)/python -m benchmarks.load --duration 300 --users 50 --workers 1 2

check-system-deps:
	@if command -v dpkg >/dev/null 2>&1 && [ -n "$(strip $(MISSING_DEBIAN))" ]; then \
		echo "Missing Debian packages ($(strip $(MISSING_DEBIAN))): run 'make system-deps' (as root) first."; exit 1; \
	fi

## system-deps: Debian packages for browser tests and PDF rendering (needs root; installs only what is missing)
system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache carveout.db* carveout-output
