# One task runner: the README, CI and the deploy workflow call exactly these verbs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV_VERSION := 0.13.8
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.py))
export NO_MKDOCS_2_WARNING := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: setup serve build test check notebooks bench lock clean

setup: $(STAMP)

# The venv is rebuilt whenever the lock file changes; uv installs exactly what it pins.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

check: setup
	$(BIN)/python -m il12_evidence validate
	$(BIN)/ruff check src tests notebooks
	$(BIN)/ruff format --check src tests notebooks

test: setup
	$(BIN)/python -m pytest

# Re-executes every notebook source into its committed .ipynb (the nbval reference).
notebooks: setup
	$(BIN)/python -m il12_evidence.notebooks $(NOTEBOOKS)

bench: setup
	@if command -v npm >/dev/null; then npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error; fi
	$(BIN)/python -m il12_evidence.bench

lock:
	$(BIN)/uv pip compile pyproject.toml --group dev --python-version 3.11 --generate-hashes --quiet -o requirements.lock

clean:
	rm -rf site .cache .pytest_cache
