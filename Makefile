# kroniek: `make demo` runs the pipeline on the shipped sample corpus, `make test` runs the tests.
# Both install what they need first (Debian packages and a virtual environment in .venv).

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := out/sample.duckdb

.PHONY: install demo serve test lint bench bench-web clean

install: $(STAMP)

$(STAMP): pyproject.toml scripts/install-system.sh
	PYTHON=$(PYTHON) bash scripts/install-system.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,peers,ray]"
	# python-frog: PyPI's wheel does not work with Debian's Frog data; build it against the headers
	$(BIN)/python -c "import frog" 2>/dev/null || ( \
	  $(BIN)/python -m pip install --quiet "cython<3" "setuptools<70" wheel && \
	  $(BIN)/python -m pip install --quiet --no-build-isolation --no-binary python-frog python-frog==0.4.2 )
	touch $(STAMP)

demo: install
	@mkdir -p out
	$(BIN)/kroniek run examples/sample --db $(DEMO_DB)
	$(BIN)/kroniek documents --db $(DEMO_DB)
	$(BIN)/kroniek duplicates --db $(DEMO_DB)
	$(BIN)/kroniek actors --db $(DEMO_DB) --limit 15
	$(BIN)/kroniek events --db $(DEMO_DB) --limit 20
	$(BIN)/kroniek report --db $(DEMO_DB) -o out/report.html
	$(BIN)/kroniek export --db $(DEMO_DB) --format parquet -o out/events.parquet
	@echo
	@echo "Stored in $(DEMO_DB). Look further with:"
	@echo "  $(BIN)/kroniek show nl-jsonl-001 --db $(DEMO_DB)     # one article, clean, with what was removed"
	@echo "  $(BIN)/kroniek failures --db $(DEMO_DB)"
	@echo "  $(BIN)/kroniek events --db $(DEMO_DB) --format jsonl     # one event per line, with its evidence"
	@echo "  $(BIN)/kroniek events --db $(DEMO_DB) --format plover -o out/events.plover.jsonl"
	@echo "  $(BIN)/kroniek actors --db $(DEMO_DB) --format jsonl      # one line per article and actor"
	@echo "  $(BIN)/python -c \"import kroniek; print(kroniek.open('$(DEMO_DB)').query('SELECT text, value, anchor FROM timexes LIMIT 10'))\""
	@echo "  $(BIN)/python -c \"import kroniek; print(kroniek.open('$(DEMO_DB)').query('SELECT id, title FROM documents'))\""
	@echo
	@echo "The report out/report.html opens in any browser (one file, nothing loaded from the network)."
	@echo "To browse the sample in the web UI (timeline, dyads, network, articles, actors, search):"
	@echo "  $(BIN)/kroniek serve --db $(DEMO_DB)"
	@echo "then open http://127.0.0.1:8000/ in a browser (Ctrl-C in the terminal stops it)."

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

test: install lint
	$(BIN)/pytest

bench: install
	$(BIN)/kroniek bench ../shared/corpora --workers 2 --json out/bench.json

serve: install
	$(BIN)/kroniek serve --db $(DEMO_DB)

# The web UI's answer times on a run over the corpora (stored in out/corpora.duckdb first).
bench-web: install
	test -f out/corpora.duckdb || $(BIN)/kroniek run ../shared/corpora --db out/corpora.duckdb --workers 2 -q
	$(BIN)/kroniek bench-web --db out/corpora.duckdb --every --json out/bench_web.json

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
