# Two commands for a newcomer:   make demo   |   make check
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export HYPOTHESIS_PROFILE ?= ci
export MPLBACKEND := Agg
PYTEST_ARGS ?=

.PHONY: demo check lint typecheck test docs examples bench-smoke bench bench-check clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.demo-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[cli,plot]"
	touch $@

$(VENV)/.dev-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $@ $(VENV)/.demo-installed

## make demo: the main job, a scorecard report for the bundled sample city
demo: $(VENV)/.demo-installed
	$(BIN)/sportsgov report

## make check: every quality gate CI runs
check: lint typecheck test docs examples bench-smoke

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.dev-installed
	$(BIN)/mypy --strict src/sportsgov

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -W error $(PYTEST_ARGS)

docs: $(VENV)/.dev-installed
	$(BIN)/mkdocs build --strict --quiet --site-dir build/site

examples: $(VENV)/.dev-installed
	@set -e; for f in examples/*.py; do echo "== $$f"; $(BIN)/python "$$f"; done

bench-smoke: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks --quick --check

bench: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks

bench-check: $(VENV)/.dev-installed
	$(BIN)/python -m benchmarks --check

clean:
	rm -rf build report .mypy_cache .pytest_cache .ruff_cache .hypothesis
