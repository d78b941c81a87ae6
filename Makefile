# Two commands do all the set-up on a fresh clone:
#   make serve   -> local virtual environment, install, generate, serve on http://127.0.0.1:8000/
#   make test    -> the same, plus Chromium from Debian, then every test (browser tests included)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check install browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

serve: install
	$(BIN)/python build_pages.py
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

build: install
	$(BIN)/python build_pages.py
	$(BIN)/mkdocs build --strict

check: install
	$(BIN)/python build_pages.py --check

browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium chromium-driver; }
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq default-jre-headless; }

# Node tools of the quality gates (Nu HTML Checker, axe-core, linkinator), pinned by package-lock.json.
node_modules/.installed: package-lock.json
	CHROMEDRIVER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund
	touch $@

test: install browser node_modules/.installed
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache
