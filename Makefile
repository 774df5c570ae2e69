# One command runs the main job (make demo), one runs every gate and the tests (make test).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/scaffold-artifact-*)
PLUGIN_PACKAGES := $(wildcard plugins/scaffold-artifact-*/scaffold_artifact_*)
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck format catalogue bench pin fuzz dist clean

install: $(STAMP)

$(STAMP): pyproject.toml $(foreach p,$(PLUGINS),$(p)/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,mcp,release]' $(foreach p,$(PLUGINS),-e $(p))
	touch $(STAMP)

demo: install
	$(BIN)/python scripts/demo.py

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy scaffold_core scaffold_schemas $(PLUGIN_PACKAGES)

test: lint typecheck
	$(BIN)/scaffold validate-architecture --strict
	$(BIN)/coverage run -m pytest
	$(BIN)/coverage report

bench: install
	$(BIN)/python -m pip install --quiet 'cookiecutter>=2.5'
	$(BIN)/python -m benchmarks.run

# FUZZ_EXAMPLES=N contexts per type (default 1000), FUZZ_SEED, FUZZ_TYPES=a,b: see scripts/fuzz.py
fuzz: install
	$(BIN)/python -m scripts.fuzz

pin: install
	SCAFFOLD_REPIN=1 $(BIN)/pytest -q tests/test_pinned_outputs.py
	git status --short tests/pinned

catalogue: install
	$(BIN)/scaffold catalogue > docs/catalogue.md

# The sdist and wheel of the core and of every plugin in dist/, each wheel built from its sdist
# (so a file missing from an sdist fails here), then their metadata checked: docs/releasing.md.
dist: install
	rm -rf dist
	$(foreach p,. $(PLUGINS),$(BIN)/python -m build --quiet --outdir dist $(p) &&) true
	$(BIN)/twine check --strict dist/*

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage build dist
