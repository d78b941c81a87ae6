# Two commands do all the set-up on a fresh clone:
#   make serve   -> local virtual environment, install, generate, serve on http://127.0.0.1:8000/
#   make test    -> the same, plus Chromium from Debian, then every test (browser tests included)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1


.PHONY: serve test build check check-site bench install browser clean lock release

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -U pip

# Every dependency, test tools and build backend included, comes from requirements.lock at the
# version and hashes it records (pip refuses anything else); the project itself is then
# installed without dependencies. `make lock` rewrites the lock after a change to pyproject.toml.
$(VENV)/.installed: pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

lock:
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install -q 'pip-tools>=7.4,<8'
	.venv-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --all-build-deps --extra test --strip-extras \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

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

# Node tools of the quality gates (Nu HTML Checker, axe-core, linkinator, Lighthouse), pinned by package-lock.json.
node_modules/.installed: package-lock.json
	CHROMEDRIVER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund
	touch $@

test: install browser node_modules/.installed
	$(BIN)/python -m pytest
	$(MAKE) check-site

# Every quality gate on the real site (vnu, axe, linkinator, Lighthouse, page weight), with a
# summary table in test-results/quality.md; exits 1 if any gate fails. `--readme` updates README.md.
check-site: install browser node_modules/.installed
	$(BIN)/python -m quality $(QUALITY_ARGS)

# Benchmarks at 1x, 10x and 100x the data (bench/run.py): writes bench/results.md and the README table.
bench: install browser
	$(BIN)/python -m bench.run --readme $(BENCH_ARGS)

# Number a release of the data (see README "Releases"): make release EN="What it brings." FR="Ce qu'elle apporte."
release: install
	$(BIN)/python build_pages.py --release --summary-en "$(EN)" --summary-fr "$(FR)"
	$(BIN)/python build_pages.py

clean:
	rm -rf site .pytest_cache
