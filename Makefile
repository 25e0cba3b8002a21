# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCE := data/sources/haiphong-2894-QD-UBND-2017.txt
OUT := dist

.PHONY: run test lint docs bench bench-ckan install install-dev clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-dev: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'

# The graph and its open-data bundle, the coordination report (report.html in English,
# report.vi.html in Vietnamese, explorer.html), then the bundle described again so that the
# landing page and the catalogue include the report's files.
run: install
	$(BIN)/sdgkg build $(SOURCE) --out $(OUT)
	$(BIN)/sdgkg report --graph $(OUT)/graph.nt --out $(OUT)/report --lang en vi
	$(BIN)/sdgkg bundle $(OUT) --settings release.toml

# pytest exits 5 when it collected nothing: say so, and keep the failure.
# The SPARQL endpoint tests need Virtuoso (a second, different real store), and the format tests
# LibreOffice (DOC conversion, PDF inputs): installed here when missing (Debian packages, need
# root or sudo), and required, so that those tests never skip in CI. The CKAN tests need a real
# CKAN (its own venv under ~/.cache/sdgkg/ckan, PostgreSQL and Redis from Debian), the landing
# page's and the report's page tests headless Chromium (Debian).
test: lint
	@bash scripts/ensure-virtuoso.sh
	@bash scripts/ensure-libreoffice.sh
	@bash scripts/ensure-ckan.sh
	@bash scripts/ensure-chromium.sh
	@SDGKG_REQUIRE_VIRTUOSO=1 SDGKG_REQUIRE_LIBREOFFICE=1 SDGKG_REQUIRE_CKAN=1 \
	SDGKG_REQUIRE_CHROMIUM=1 $(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; fi; \
	exit $$status

# Style, formatting, the layer contracts (import-linter) and the types (mypy): any failure stops.
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# The documentation site (docs/, MkDocs) into dist/docs/, strict: a broken link or a warning
# fails. The reference pages are generated first (scripts/docs_reference.py; a test checks
# that the committed ones are current). When dist/ holds a bundle (`make run`), it is described
# again so that its landing page links the site; the site is not part of the data set.
docs: install-dev
	$(BIN)/python scripts/docs_reference.py docs/reference
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir $(OUT)/docs
	@if [ -f $(OUT)/index.html ]; then $(BIN)/sdgkg bundle $(OUT) --settings release.toml; fi

bench: install-dev
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_validate.py
	$(BIN)/python bench/bench_queries.py
	$(BIN)/python bench/bench_sparql_researcher.py
	$(BIN)/python bench/bench_sparql_load.py
	$(BIN)/python bench/bench_report.py
	$(BIN)/python bench/bench_national.py 1 10 63

# publish-ckan against a real CKAN (the tests' portal: scripts/ensure-ckan.sh installs it)
bench-ckan: install-dev
	@bash scripts/ensure-ckan.sh
	$(BIN)/python bench/bench_ckan.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache .hypothesis
