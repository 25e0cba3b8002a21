"""The generated reference pages (the command line, the query library, the ontology, the table
schemas, the model's figure) are what scripts/docs_reference.py writes from the code today."""

from __future__ import annotations

import importlib.util
from types import ModuleType

from tests.docs.conftest import ROOT

COMMITTED = ROOT / "docs" / "reference"


def generator() -> ModuleType:
    path = ROOT / "scripts" / "docs_reference.py"
    spec = importlib.util.spec_from_file_location("docs_reference", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_reference_pages_are_current(tmp_path):
    written = generator().write_pages(tmp_path)
    assert {path.name for path in written} == {
        "cli.md",
        "queries.md",
        "ontology.md",
        "tables.md",
        "model.svg",
    }
    stale = [
        path.name
        for path in written
        if not (COMMITTED / path.name).is_file()
        or (COMMITTED / path.name).read_bytes() != path.read_bytes()
    ]
    assert stale == [], (
        f"run `make docs` (or python scripts/docs_reference.py docs/reference): {stale}"
    )


def test_the_pages_cover_every_command_query_term_and_table():
    from build_graph.cli.main import build_parser
    from build_graph.sparql.library import library

    _, commands = build_parser()
    cli = (COMMITTED / "cli.md").read_text("utf-8")
    assert all(f"## `sdgkg {name}`" in cli for name in commands)
    assert "## `sdgkg names`" in cli  # found by the CLI's discovery, not listed by hand
    queries = (COMMITTED / "queries.md").read_text("utf-8")
    assert all(f"\n## {name}\n" in queries for name in library())
    ontology = (COMMITTED / "ontology.md").read_text("utf-8")
    # the task the documentation follows, as the bundled plan's graph says it
    assert (
        '`plan:hai-phong-2894-2017/appendix/06/task/1.1.2.1 sdgkg:periodText "Hàng năm"`'
        in ontology
    )
    tables = (COMMITTED / "tables.md").read_text("utf-8")
    assert "## `tasks.csv`" in tables and "Primary key: `task_id`." in tables


def test_the_ontology_page_and_the_ontology_readme_agree():
    """Both come from build_graph.graph.ontology_doc: the README's term tables are the page's."""
    readme = (ROOT / "ontology" / "README.md").read_text("utf-8")
    terms = readme.split("<!-- terms -->", 1)[1].split("<!-- /terms -->", 1)[0]
    page = (COMMITTED / "ontology.md").read_text("utf-8")
    assert terms.replace("### ", "## ").strip() in page


def test_the_model_figure_is_the_ontology_folders():
    figure = (ROOT / "ontology" / "model.svg").read_bytes()
    assert (COMMITTED / "model.svg").read_bytes() == figure
