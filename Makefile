# rulings-archive: the two commands a new machine needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
RULINGS := $(VENV)/bin/rulings
STAMP := $(VENV)/.installed

.PHONY: install run test test-unit lint bench train-ner system-deps meilisearch browser-deps screenshots clean help

help:
	@echo "make run       install, migrate, ingest samples/, serve http://127.0.0.1:8000"
	@echo "make test      install, then the whole test suite (real Meilisearch, SQLite, PostgreSQL if configured)"
	@echo "make bench     ingestion and search benchmarks (writes docs/benchmarks.md)"
	@echo "make lint      ruff, mypy, import-linter"
	@echo "make train-ner retrain the bundled Dutch NER model"
	@echo "make screenshots refresh docs/screenshots from the browser tests"

install: $(STAMP) system-deps meilisearch browser-deps

# Re-run pip only when the dependency declarations change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

# OCR (tesseract + Dutch data). Installed from Debian packages when we can (root, apt-get); otherwise the
# archive still works and image-only pages fail with a clear "ocr_unavailable" error.
system-deps:
	@bash scripts/install_system_deps.sh

meilisearch:
	@bash scripts/install_meilisearch.sh tools

# Debian's Chromium and the pinned npm packages (playwright-core, axe-core) for the browser tests.
browser-deps:
	@bash scripts/install_browser_deps.sh

run: install
	$(RULINGS) migrate
	$(RULINGS) ingest samples/
	$(RULINGS) serve

test: install
	bash scripts/run_tests.sh

lint: install
	$(VENV)/bin/ruff check archive ingest anonymise search_index app tests scripts
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy archive ingest anonymise search_index app

bench: install
	$(PY) -m scripts.bench

# Refresh the committed screenshots (README, docs/frontend.md) from a real browser run.
screenshots: install
	RULINGS_SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest -q tests/browser/test_browser.py tests/alerts/test_alert_browser.py

train-ner: install
	$(PY) -m anonymise.training.train --install

clean:
	rm -rf $(VENV) tools var .pytest_cache
