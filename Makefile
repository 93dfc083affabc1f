# Two commands on a fresh clone: `make site` and `make test` (see README.md).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
AXE    := node_modules/axe-core/axe.min.js

.PHONY: site test lint bench serve clean cms-vendor

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

# The web editor's scripts, vendored into the package from npm (see CONTRIBUTING.md):
# fetch the pinned packages, copy their files and record the checksums the build checks.
CMS_DATA := tools/praxis/data/cms
DECAP_CMS := decap-cms@3.16.3
JS_YAML := js-yaml@4.1.0
cms-vendor:
	rm -rf $(VENV)/cms-vendor && mkdir -p $(VENV)/cms-vendor
	cd $(VENV)/cms-vendor && npm pack --silent $(DECAP_CMS) $(JS_YAML) \
		&& for f in *.tgz; do mkdir -p "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp $(VENV)/cms-vendor/decap-cms-*/package/dist/decap-cms.js* $(CMS_DATA)/
	rm -f $(CMS_DATA)/decap-cms.js.map
	cp $(VENV)/cms-vendor/js-yaml-*/package/dist/js-yaml.min.js $(CMS_DATA)/
	cd $(CMS_DATA) && sha256sum decap-cms.js js-yaml.min.js > SHA256SUMS
