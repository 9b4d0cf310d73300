# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

## Validate the bundled data, build the graph and write out/.
run: install
	$(BIN)/oversight build

## Run the whole test suite (browser and slow tests included).
test: install-test
	bash .ci/system-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) out build dist .pytest_cache
