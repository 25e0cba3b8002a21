"""ontology/README.md and its figure say what the ontology and the graph say; CITATION.cff
names this version."""

from __future__ import annotations

from pathlib import Path

import yaml

from build_graph import __version__
from build_graph.graph.diagram import BOXES, drawn_terms
from build_graph.graph.ontology_doc import END, START, render_terms, terms
from build_graph.resources import resource_dir

ROOT = Path(__file__).resolve().parents[2]
README = resource_dir("ontology") / "README.md"


def test_the_term_tables_are_current(store):
    text = README.read_text("utf-8")
    section = text.split(START, 1)[1].split(END, 1)[0]
    assert section == "\n" + render_terms(store)  # python -m build_graph.graph.ontology_doc


def test_every_term_of_the_ontology_has_a_row_and_most_an_example(store):
    import pyoxigraph as ox

    from build_graph.graph.prefixes import curie

    ontology = ox.Store()
    ontology.load(path=str(resource_dir("ontology") / "sdgkg.ttl"), format=ox.RdfFormat.TURTLE)
    declared = terms(ontology)
    text = README.read_text("utf-8")
    rows = {
        line.split("|")[1].strip().strip("`"): line
        for line in text.splitlines()
        if line.startswith("| `sdgkg:")
    }
    assert {curie(iri) for iri, _, _ in declared} == set(rows)
    without = [name for name, line in rows.items() if "not in the bundled plan" in line]
    assert len(without) <= 6, without  # one-table layouts, other formats, unresolved names


def test_the_figure_is_in_the_readme_and_names_only_declared_terms():
    text = README.read_text("utf-8")
    assert "![The sdgkg model](model.svg)" in text
    figure = (resource_dir("ontology") / "model.svg").read_text("utf-8")
    for box in BOXES.values():
        assert box.term.split("\n")[0] in figure  # text stays text in the SVG
    assert "sdgkg:Task" in drawn_terms()


def test_citation_cff_names_this_version_and_the_sources():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert str(citation["version"]) == __version__
    assert {"message", "title", "authors"} <= set(citation)
    titles = " ".join(ref["title"] for ref in citation["references"])
    assert "2894/QĐ-UBND" in titles and "622/QĐ-TTg" in titles and "A/RES/71/313" in titles
