# jixiao: `make run` runs the nightly flow over samples/ into data/warehouse.duckdb; `make test` runs the tests.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system run test lint bench clean samples accuracy heldout

setup: $(STAMP) system

# the corpus generator's pdf layout is Word exported by LibreOffice (as units' office suites do), with a CJK font;
# the page tests render the dashboard and the review page in Debian's Chromium
system:
	@{ command -v soffice >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; } || { [ "$$(id -u)" = 0 ] && \
	  command -v apt-get >/dev/null && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	  --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk chromium >/dev/null; } || \
	  echo "missing: apt-get install libreoffice-writer-nogui fonts-noto-cjk chromium (pdf layout and page tests)"

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

run: setup
	$(BIN)/jixiao run

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .

# the nightly flow over a generated corpus of N reports with its baselines: make bench N=500 (writes bench/results.json)
bench: setup
	$(BIN)/python -m tests.bench $(if $(filter command line,$(origin N)),$(N),500)

# the pipeline on a generated corpus, scored against its truth: make accuracy N=200 SEED=1 (writes bench/accuracy.json)
N ?= 200
SEED ?= 1
accuracy: setup
	$(BIN)/python -m tests.accuracy --n $(N) --seed $(SEED)

samples: setup
	$(BIN)/python -m samples.build

clean:
	rm -rf data

# extraction on held-out real reports (tests/heldout), their texts in TEXTS/<set>/<id>.txt: make heldout TEXTS=DIR
heldout: setup
	$(BIN)/python -m tests.heldout $(TEXTS)
