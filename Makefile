# glimpse: `make demo` runs the pipeline on the bundled corpus, `make test` runs the suite.
# Everything is installed from this repository's own files into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test test-fast lint bench chromium postgres clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: glimpse needs Python >= 3.11 (set PYTHON=python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

# Browser tests drive Debian's Chromium through Playwright; never a downloaded browser.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# The store tests run on SQLite and on a throwaway PostgreSQL server (initdb + pg_ctl, as the
# unprivileged postgres user when run as root); Debian's postgresql where initdb is missing.
postgres:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing Debian's postgresql for the store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; }
	@[ "$$(id -u)" != 0 ] || id -u postgres >/dev/null 2>&1 || \
	  useradd --system --no-create-home postgres

demo: install
	$(BIN)/glimpse demo

test: install chromium postgres
	$(BIN)/python -m pytest -q

test-fast: install postgres
	$(BIN)/python -m pytest -q -m "not browser and not e2e"

lint: install
	$(BIN)/ruff check glimpse tests bench scripts docs
	$(BIN)/ruff format --check glimpse tests bench scripts docs
	$(BIN)/mypy glimpse

bench: install
	$(BIN)/python -m bench.extraction
	$(BIN)/python -m bench.keyphrases
	$(BIN)/python -m bench.clustering --quick
	$(BIN)/python -m bench.briefs
	$(BIN)/python -m bench.grounding
	$(BIN)/python -m bench.serve

clean:
	rm -rf $(VENV) glimpse-site glimpse-demo.db* .pytest_cache .mypy_cache .ruff_cache
