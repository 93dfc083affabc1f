# Two commands on a fresh clone: `make site` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
AXE    := node_modules/axe-core/axe.min.js

.PHONY: site test lint bench serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# axe-core for the accessibility tests, at the version in package-lock.json; skipped
# where npm is missing (CI has it).
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --silent --no-audit --no-fund; \
	else echo "npm fehlt: Barrierefreiheitstests werden übersprungen."; fi

site: $(STAMP)
	$(BIN)/praxis build

serve: $(STAMP)
	$(BIN)/praxis serve

test: $(STAMP) $(AXE)
	$(BIN)/python -m pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check tools tests
	$(BIN)/ruff format --check tools tests
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site .praxis
