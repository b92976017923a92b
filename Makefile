# The two commands a new user needs: `make demo` and `make test`.
# Everything installs from requirements.lock (pinned, with hashes) into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= eventwire.db

.PHONY: demo test lint lock bench clean

$(BIN)/eventwire: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## Analyze the bundled example articles into $(DB) and print what was found.
demo: $(BIN)/eventwire
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/eventwire ingest examples --db $(DB)

## Lint and run the whole test suite.
test: $(BIN)/eventwire
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q

lint: $(BIN)/eventwire
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

## Re-pin every dependency (needs uv: `pip install uv`).
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm
