# newsprism: `make demo` runs the example corpus, `make test` runs the tests; both set up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test bench lock clean

setup: $(STAMP)

# Re-install only when the lock or the package metadata changed: a second `make setup` is a no-op.
$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: setup
	$(BIN)/newsprism analyze examples/seeds --manifest examples/seeds/manifest.csv
	$(BIN)/newsprism export --format json --out out/record.json
	@echo "record written to out/record.json"

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

# Recompile the pinned, hashed lock from requirements.in (needs pip-tools).
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --generate-hashes --allow-unsafe --strip-extras -q -o requirements.lock requirements.in

clean:
	rm -rf $(VENV) out newsprism.duckdb .pytest_cache .hypothesis
