# jobfit: `make run` installs and serves; `make test` runs the whole suite (what CI runs).
PYTHON ?= $(shell command -v python3.12 || command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
EVALDATA ?= $(abspath ../shared/evaldata)

.PHONY: run test lint bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jobfit needs Python 3.11+ (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

run: $(VENV)/.installed
	$(BIN)/jobfit serve

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench

test: $(VENV)/.installed-test lint
	$(BIN)/pytest -n 2 --dist loadfile -q

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py --evaldata $(EVALDATA)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
