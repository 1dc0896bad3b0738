# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= diplograph.db
SAMPLE := samples
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test docs lint typecheck pytest browser-deps postgres-deps java-deps install install-dev assets clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed assets
install-dev: $(VENV)/.installed-dev assets

## assets: the pages' chart bundle (d3 modules + web/frontend/src, esbuild) -> web/static/dist/app.js
FRONTEND := src/diplograph/web/frontend
BUNDLE   := src/diplograph/web/static/dist/app.js

assets: $(BUNDLE)

$(BUNDLE): $(FRONTEND)/package.json $(wildcard $(FRONTEND)/package-lock.json) $(FRONTEND)/build.mjs $(wildcard $(FRONTEND)/src/*.js)
	cd $(FRONTEND) && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	cd $(FRONTEND) && node build.mjs

## run: install, ingest the bundled sample corpus into SQLite, print a summary, serve the UI
run: install
	$(BIN)/diplograph ingest $(SAMPLE) --db $(DB)
	$(BIN)/diplograph summary --db $(DB)
	@echo "serving the UI on http://$(HOST):$(PORT)/ (the store at a glance; every country: http://$(HOST):$(PORT)/countries); Ctrl-C stops"
	$(BIN)/diplograph serve --db $(DB) --host $(HOST) --port $(PORT)

## test: ruff (lint + format), mypy on src/, pytest
test: lint typecheck pytest

## docs: docs/cli.md, every command's --help (tests/test_docs.py fails when it is stale)
docs: install
	$(BIN)/python -m diplograph.cli.reference docs/cli.md

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy src/diplograph

## browser-deps: Debian's Chromium for the browser tests (installed with apt-get when missing)
browser-deps:
	scripts/install-browser.sh

## java-deps: Java 17+ for the Spark engine's tests (openjdk-17-jre-headless when missing)
java-deps:
	scripts/install-java.sh

## postgres-deps: PostgreSQL's initdb/pg_ctl for the store tests (apt-get when missing)
postgres-deps:
	scripts/install-postgres.sh

pytest: install-dev browser-deps postgres-deps java-deps
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
