# One task runner: the README, CI and the deploy workflow call exactly these verbs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.py))
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: setup serve build test check notebooks bench mutation lock clean

setup: $(STAMP)

# Bootstrap: uv itself, pinned by hash for every file PyPI has of it (tools/bootstrap.txt);
# wheels only, as its sdist would need a Rust toolchain.
$(BIN)/uv: tools/bootstrap.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps --only-binary :all: -r tools/bootstrap.txt
	touch $@

# The venv is rebuilt whenever the lock file changes; uv installs exactly what it pins, refusing
# any entry without a hash. The build backend comes from the lock too (--no-build-isolation), so
# nothing unpinned is fetched. Bytecode is compiled here: with PYTHONDONTWRITEBYTECODE=1 (as on
# this project's CI machines) nothing writes .pyc later, and without them the tests ran ~1.4x slower.
$(STAMP): $(BIN)/uv requirements.lock pyproject.toml
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q src
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
	$(BIN)/lint-imports --no-cache

# Everything CI checks, in CI's order: a green `make test` here is a green CI.
test: check
	$(BIN)/python -m pytest

# Re-executes every notebook source into its committed .ipynb (the nbval reference).
notebooks: setup
	$(BIN)/python -m il12_evidence.execute $(NOTEBOOKS)

bench: setup
	@if command -v npm >/dev/null; then npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error; fi
	$(BIN)/python -m il12_evidence.bench

# Mutation testing of the code ([tool.mutmut] in pyproject.toml says which modules and tests):
# mutmut copies the project into mutants/ and runs the fast tests against each mutant (~8 min on
# two cores). `mutmut results` lists the survivors; `mutmut show NAME` shows one.
mutation: setup
	$(BIN)/mutmut run
	$(BIN)/mutmut export-cicd-stats >/dev/null
	$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
	tried = s['total'] - s['no_tests'] - s['skipped']; caught = s['killed'] + s['timeout']; \
	print(f\"mutants: {s['total']}, run: {tried}, killed: {caught} ({caught / tried:.0%}), survived: {s['survived']}, no test reaches: {s['no_tests']}\")"

# Hashes for every file of each pin; the build group adds the build backend.
lock: $(BIN)/uv
	$(BIN)/uv pip compile tools/bootstrap.in --python-version 3.11 --generate-hashes --quiet -o tools/bootstrap.txt
	$(BIN)/uv pip compile pyproject.toml --group dev --group build --python-version 3.11 --generate-hashes --quiet -o requirements.lock

clean:
	rm -rf site .cache .pytest_cache
