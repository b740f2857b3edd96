# Greenlight: `make run` (demo on SQLite) and `make test` (every check). Both install first.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
export GREENLIGHT_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run demo test lint types contracts unit unit-pg e2e clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (Greenlight needs Python 3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

## install: create .venv and install Greenlight with its development tools (idempotent)
install: $(STAMP)

## run: install, migrate, load the demo, serve http://127.0.0.1:8000 with a worker
run: install
	GREENLIGHT_DEBUG=1 $(BIN)/greenlight migrate
	GREENLIGHT_DEBUG=1 $(BIN)/greenlight demo
	GREENLIGHT_DEBUG=1 $(BIN)/greenlight serve --with-worker

## test: lint, types, import contracts, unit+integration on SQLite and PostgreSQL, browser tests
test: install lint types contracts unit unit-pg e2e

lint: install
	$(BIN)/ruff check $(wildcard src tests benchmarks)
	$(BIN)/ruff format --check $(wildcard src tests benchmarks)

types: install
	GREENLIGHT_DEBUG=1 $(BIN)/mypy

contracts: install
	$(BIN)/lint-imports
	GREENLIGHT_DEBUG=1 $(BIN)/greenlight django makemigrations --check --dry-run

unit: install
	$(BIN)/pytest -m "not e2e" -p no:cacheprovider

# The same suite on PostgreSQL when one answers (GREENLIGHT_TEST_DATABASE_URL or 127.0.0.1:5432).
unit-pg: install
	@url="$${GREENLIGHT_TEST_DATABASE_URL:-$(PG_URL)}"; \
	if $(BIN)/python -c "import sys, psycopg; psycopg.connect(sys.argv[1].replace('postgres://', 'postgresql://'), connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "PostgreSQL: $$url"; GREENLIGHT_DATABASE_URL="$$url" $(BIN)/pytest -m "not e2e" -p no:cacheprovider; \
	else echo "PostgreSQL not reachable at $$url: skipping the PostgreSQL run"; fi

e2e: install
	$(BIN)/pytest -m e2e -p no:cacheprovider

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
