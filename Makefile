# Two commands matter (see README): `make serve` and `make test`.
# Every target installs what it needs first, so both work on a fresh clone.
SHELL := /bin/bash
PYTHON ?= $(shell scripts/find-python.sh)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
FONTS := forms/fonts/DejaVuSans.ttf forms/fonts/DejaVuSans-Bold.ttf
# The message catalogues, compiled (and checked) from forms/locale/*/LC_MESSAGES/forms.po.
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard forms/locale/*/LC_MESSAGES/forms.po))
# Every site language after the root one (forms/languages.toml): each has its mkdocs.<code>.yml.
OTHER_LANGUAGES = $(shell $(BIN)/python -c 'from forms.language import site_languages as s; print(*s()[1:])')
PYODIDE := build/.pyodide-built
# The site's settings the papers print (extra: of mkdocs*.yml), copied into the forms package.
SETTINGS := forms/settings.json
# The site's colour (extra.theme_color) as a CSS custom property, written with the settings.
THEME_CSS := overrides/assets/css/theme.css
# The page scripts' copy of the names the layers agree on (forms/contracts.toml) and of the
# worker's operations (forms.api.OPERATIONS), generated.
CONTRACTS := overrides/assets/js/contracts.mjs
# Where `make build` writes the site. Only `make build` and `make serve` write site/, the folder
# to deploy; the tests, the benchmark and the audit build for the test address into their own.
SITE := site
TEST_SITE := build/test-site

.PHONY: serve build test bench audit deps system-deps clean

# Every language, built as published, served from site/ (edit and run again to see a change).
serve: export SITE_URL ?= http://$(HOST):$(PORT)/
serve: build
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(BIN)/python -m http.server --bind $(HOST) --directory $(SITE) $(PORT)

# The root language first: its build empties site/, the others fill site/<code>/; then one
# finishing step over the whole folder writes what spans it (the Pyodide copy, the CSP in every
# page, service worker, offline lists, deploy headers): scripts/finish_site.py.
build: deps $(PYODIDE)
	$(BIN)/mkdocs build --strict -d $(SITE)
	@for code in $(OTHER_LANGUAGES); do echo "mkdocs build -f mkdocs.$$code.yml -d $(SITE)/$$code"; \
	  $(BIN)/mkdocs build --strict -f mkdocs.$$code.yml -d $(SITE)/$$code || exit 1; done
	$(BIN)/python scripts/finish_site.py $(SITE)

# The tests build (and check) the site as it is published: with a public address for its QR codes,
# the test one, into their own folder (the deploy check refuses a site built for it).
test: export SITE_URL ?= https://verkostokokous.test/
test: SITE = $(TEST_SITE)
test: deps system-deps build
	node --test tests/js/
	SITE_DIR=$(SITE) $(BIN)/python -m pytest

# Speed of the form pages against a bare Pyodide boot (prints a table; not a test).
bench: export SITE_URL ?= https://verkostokokous.test/
bench: SITE = $(TEST_SITE)
bench: deps system-deps build
	$(BIN)/python scripts/bench.py --site $(SITE) --runs $(or $(RUNS),11)

# Lighthouse scores of the front page and the form pages (prints a table; not a test).
audit: export SITE_URL ?= https://verkostokokous.test/
audit: SITE = $(TEST_SITE)
audit: deps system-deps build
	$(BIN)/python scripts/audit.py --site $(SITE) --preset $(or $(PRESET),mobile)

deps: $(VENV)/.installed node_modules/.installed $(FONTS) $(CATALOGUES) $(SETTINGS) $(THEME_CSS) $(CONTRACTS)

# A catalogue that lacks a string, or has one Finnish (the source) does not, stops the build.
$(CATALOGUES) &: $(VENV)/.installed $(wildcard forms/locale/*/LC_MESSAGES/forms.po) forms/languages.toml forms/_build_catalogues.py
	$(BIN)/python -m forms._build_catalogues

# The confidentiality mark's legal basis and any other setting the papers print (forms/settings.py).
$(SETTINGS) $(THEME_CSS) &: $(VENV)/.installed mkdocs.yml $(wildcard mkdocs.*.yml) forms/_build_settings.py forms/settings.py
	$(BIN)/python -m forms._build_settings

$(CONTRACTS): $(VENV)/.installed forms/contracts.toml forms/contracts.py forms/_build_contracts.py forms/api.py
	$(BIN)/python -m forms._build_contracts

# The PDF export embeds a subset of DejaVu Sans (from the npm package), made here.
$(FONTS) &: $(VENV)/.installed node_modules/.installed forms/_build_fonts.py
	$(BIN)/python -m forms._build_fonts

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || test -n "$(PYTHON)" || { echo "No Python >= 3.12 found: install python3.12 (or 3.13) and run make again." >&2; exit 1; }
	@command -v npm >/dev/null && node -e 'process.exit(parseInt(process.versions.node, 10) < 20 ? 1 : 0)' || { echo "Node.js >= 20 with npm is needed (https://nodejs.org or Debian's nodejs from bookworm-backports)." >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[site,test]'
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages the tests drive: Chromium (browser tests), poppler-utils (pdftotext) and
# nginx-light (the shipped nginx snippet is tested by serving the site with it).
# Installed only when missing and only as root; otherwise say what to install.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else echo "Install with apt:$$missing" >&2; exit 1; fi; \
	fi

# Pyodide runtime from node_modules, the forms wheel and its hash-pinned pure wheels, with a pruned
# lock file (build/pyodide, copied into the site by scripts/finish_site.py), plus the test wheels.
# Then the memory snapshot a warm visit's worker starts from (scripts/build_snapshot.py).
$(PYODIDE): $(VENV)/.installed node_modules/.installed $(FONTS) $(SETTINGS) pyproject.toml scripts/build_pyodide.py scripts/build_snapshot.py scripts/make_snapshot.mjs overrides/assets/js/python-wheels.mjs requirements/pyodide-runtime.txt requirements/pyodide-trim.toml requirements/pyodide-test.txt $(shell find forms -name '*.py' -o -name '*.toml' -o -name '*.po' -o -name '*.css')
	$(BIN)/python scripts/build_pyodide.py
	$(BIN)/python scripts/build_snapshot.py
	touch $@

clean:
	rm -rf site build .pytest_cache
