# Pearls — set-up and everyday commands. `make run` and `make test` work on a fresh machine
# with Python 3.11, make, Node.js/npm and apt.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= pearls.config.settings.dev

.PHONY: run test install install-test frontend messages translations chromium serve demo lint \
	test-postgres bench bench-search bench-plans bench-results pdf-libs clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed frontend translations pdf-libs
install-test: $(VENV)/.installed-test frontend translations chromium pdf-libs
frontend: node_modules/.package-lock.json

# Compile the .po catalogues (pure Python, no gettext tools needed).
translations: | $(BIN)/python
	$(BIN)/pearls translations_compile

# WeasyPrint's native libraries (Pango, HarfBuzz) and the DejaVu fonts, from Debian, for the
# PDF exports of plans and worksheets.
pdf-libs:
	@{ ldconfig -p | grep -q libpangoft2-1.0 && ldconfig -p | grep -q libharfbuzz-subset \
		&& fc-list 2>/dev/null | grep -qi dejavu; } || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null; }

# Debian's Chromium for the browser tests; Playwright never downloads a browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: install
	$(BIN)/pearls migrate --no-input
	PEARLS_EMBEDDINGS=off $(BIN)/pearls practices import src/pearls/catalogue/demo_data/*.jsonl
	$(BIN)/pearls demo_people
	$(BIN)/pearls search reindex --missing

run: demo
	@echo ""
	@echo "  Pearls is running at http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	@echo ""
	$(BIN)/pearls runserver $(HOST):$(PORT)

test: install-test
	DJANGO_SETTINGS_MODULE=pearls.config.settings.test $(BIN)/pytest

test-postgres: install-test
	DJANGO_SETTINGS_MODULE=pearls.config.settings.test $(BIN)/python scripts/with_postgres.py $(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# Extract interface strings into the .po catalogues of all nine languages.
messages: install
	cd src/pearls && ../../$(BIN)/pearls makemessages --all --no-location --no-obsolete

bench: install
	$(BIN)/python bench/bench_catalogue.py

bench-search: install
	$(BIN)/python bench/bench_search.py

bench-plans: install-test
	$(BIN)/python bench/bench_plans.py

bench-results: install-test
	$(BIN)/python bench/bench_results.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache
