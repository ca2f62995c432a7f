# newsevents: two commands for a new user (`make demo`, `make test`), plus developer targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

DASH := src/newsevents/dashboard
OUTLINES := $(DASH)/static/vendor/countries-110m.json

.PHONY: demo test install lint typecheck eval bench bench-queries clean assets browser screenshots model line-model

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,model]'
	touch $(STAMP)

install: $(STAMP) assets

# Front-end data from the npm registry (package.json + lock in the dashboard folder), copied
# into the package's static files: the dashboard never loads anything from a CDN.
$(OUTLINES): $(DASH)/package.json $(DASH)/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix $(DASH) --no-audit --no-fund --loglevel=error && \
	  mkdir -p $(DASH)/static/vendor && \
	  cp $(DASH)/node_modules/world-atlas/countries-110m.json $(OUTLINES) && \
	  cp $(DASH)/node_modules/world-atlas/LICENSE $(DASH)/static/vendor/world-atlas-LICENSE; \
	else echo "npm not found: the dashboard map will have no country outlines (install Node.js and npm, then make assets)"; fi

assets: $(OUTLINES)

# Headless Chromium from Debian for the browser tests (Playwright drives it; no browser download).
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@chromium --version

demo: $(STAMP) assets
	$(BIN)/newsevents demo

screenshots: $(STAMP) assets
	$(BIN)/python scripts/screenshots.py

test: $(STAMP) assets
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/newsevents eval all --data ../shared/data

# The plain-text line classifier (src/newsevents/data/line_model.json) from trafilatura-eval
# (Apache-2.0), all pages; the eval scores it out of fold (trained on even pages, scored on odd).
line-model: $(STAMP)
	$(BIN)/python -m newsevents.eval.lines --data ../shared/data/trafilatura-eval

# Query speed on synthetic events (generated once into bench-queries.duckdb, then reused):
# median ms of a dyad series, an actor's top partners and a filtered event page.
BENCH_EVENTS ?= 10000000
bench-queries: $(STAMP)
	$(BIN)/python -m newsevents.bench.queries --events $(BENCH_EVENTS)

# Pipeline speed and memory on the corpora in ../shared/data (absent ones are skipped):
# articles/s, words/s, per-stage time and peak RSS for extract and ingest, against bare spaCy
# tokenization of the same texts (the ratio: median of 3 rounds of the two, each a fresh process,
# by CPU time, with its range), 1-vs-2-worker ingest scaling, and the CPU ms per article of the
# ingest parts with the scaling they allow (docs/scale-out.md). About 3 minutes.
# BENCH_ARGS="--limit 0" for every article; BENCH_ARGS="--memory 10000,50000,100000 --workers 2"
# for peak RSS (writer and workers) against the article count.
BENCH_ARGS ?= --limit 2000
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m newsevents.bench.pipeline --data ../shared/data $(BENCH_ARGS)

# Train the shipped NLP model (tagger, parser, PER/ORG/LOC NER) from the open UD English-EWT and
# UNER English-EWT sets in ../shared/data (seeded; under an hour on 2 cores), then copy it into the
# package with its model card. `make test` never retrains: the model is committed.
MODEL_DATA ?= ../shared/data
model: $(STAMP)
	$(BIN)/python model/convert.py $(MODEL_DATA) model/corpus
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train model/config.cfg --output model/training
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train model/ner.cfg --code model/register.py \
		--output model/training-ner
	$(BIN)/python model/package.py model/training/model-best model/training-ner/model-best \
		src/newsevents/models/en_newsevents

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
