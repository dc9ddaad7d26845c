# Two commands for a newcomer: `make demo` and `make test`.
# Both create .venv, install the project, and provision Neo4j as needed.

PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
GB     := $(BIN)/graph-builder

.PHONY: demo test unit integration setup neo4j-start neo4j-stop lint bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(GB) demo

# The tests start and stop their own Neo4j (own home and ports; see tests/conftest.py).
test: setup
	$(BIN)/pytest

unit: setup
	$(BIN)/pytest tests/unit

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy --strict graph_builder api

neo4j-start: setup
	$(GB) neo4j start

neo4j-stop: setup
	$(GB) neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
