# newsevents: two commands for a new user (`make demo`, `make test`), plus developer targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint typecheck eval bench bench-queries clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newsevents demo

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/newsevents eval all --data ../shared/data

# Query speed on synthetic events (generated once into bench-queries.duckdb, then reused):
# median ms of a dyad series, an actor's top partners and a filtered event page.
BENCH_EVENTS ?= 10000000
bench-queries: $(STAMP)
	$(BIN)/python -m newsevents.bench.queries --events $(BENCH_EVENTS)

# Pipeline speed and memory on the corpora in ../shared/data (absent ones are skipped):
# articles/s, words/s, per-stage time and peak RSS for extract and ingest, against bare spaCy
# tokenization of the same texts. BENCH_ARGS="--limit 0" for every article;
# BENCH_ARGS="--memory 10000,50000,100000 --workers 1" for peak RSS against the article count.
BENCH_ARGS ?= --limit 5000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m newsevents.bench.pipeline --data ../shared/data $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
