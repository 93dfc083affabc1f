# Two commands on a fresh clone: `make site` and `make test` (see README.md).
# Both install exactly the versions in requirements.lock (with hashes) into .venv;
# `make lock` is how a maintainer moves those versions forward.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
# The engine's runtime versions, copied into every instance that `praxis init` creates.
INSTANCE_LOCK := tools/praxis/data/instance/requirements.lock
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)
AXE    := node_modules/axe-core/axe.min.js
UV     := uv==0.13.9
# What uv compiles: the project's dependencies plus its build backend (pip installs the
# engine itself without build isolation, so setuptools comes from the lock too).
LOCK_ARGS := --universal --python-version 3.11 --generate-hashes --quiet

.PHONY: install site test lint bench serve lock test-latest dist clean cms-vendor screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

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

# The README's screenshots (docs/bilder/), from the site `make site` built, in Chromium;
# run after a change to the look of the site and commit the images.
screenshots: site
	$(BIN)/python tools/screenshots.py site docs/bilder

bench: $(STAMP)
	$(BIN)/python bench/run.py

# New versions within the ranges of pyproject.toml: rewrite both lock files, then run
# `make test` (it reinstalls from the new lock) and commit pyproject.toml and the locks.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet '$(UV)'
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		| $(BIN)/uv pip compile pyproject.toml - --extra dev $(LOCK_ARGS) --upgrade -o $(LOCK)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")' \
		| $(BIN)/uv pip compile pyproject.toml - $(LOCK_ARGS) --constraint $(LOCK) -o $(INSTANCE_LOCK)

# The drift warning (scheduled CI): the newest versions the ranges allow, in a venv of
# their own, then every test. Red here means an upstream release needs attention.
test-latest: $(AXE)
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	.venv-latest/bin/python -m pip list --format freeze
	.venv-latest/bin/python -m pytest -n 2

# The engine as a wheel under dist/, for instances that install it from a file.
DIST ?= dist
dist: $(STAMP)
	rm -rf $(DIST)
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir $(DIST) .
	@ls $(DIST)/*.whl

clean:
	rm -rf $(VENV) .venv-latest site .praxis $(DIST) node_modules

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
