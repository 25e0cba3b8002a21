"""ontology/un-sdg.ttl keeps the UN's texts apart from the graph: generated from the curated
data, sourced, and with no SKOS label that could clash with the UN KOS's own."""

from __future__ import annotations

import pyoxigraph as ox

from build_graph.graph.un_texts import FILE_IRI, render_un_texts
from build_graph.model.sdg import goals, un_targets
from build_graph.resources import resource_dir

SKOS = "http://www.w3.org/2004/02/skos/core#"
PATH = resource_dir("ontology") / "un-sdg.ttl"


def test_the_shipped_file_is_what_the_data_gives():
    assert PATH.read_bytes() == render_un_texts()  # python -m build_graph.graph.un_texts PATH


def test_it_holds_every_goal_and_target_text_sourced_and_no_skos_label():
    quads = list(ox.parse(path=str(PATH), format=ox.RdfFormat.TURTLE))
    labels = {SKOS + name for name in ("prefLabel", "altLabel", "hiddenLabel")}
    assert not [q for q in quads if q.predicate.value in labels and q.subject.value != FILE_IRI]
    definitions = {
        q.subject.value: q.object.value for q in quads if q.predicate.value == SKOS + "definition"
    }
    assert {t.iri: t.text_en for t in un_targets().values()}.items() <= definitions.items()
    assert {g.iri: g.statement_en for g in goals().values()}.items() <= definitions.items()
    sources = {
        q.object.value
        for q in quads
        if q.subject.value == FILE_IRI and q.predicate.value.endswith("/source")
    }
    assert sources == {"https://undocs.org/A/RES/70/1", "https://undocs.org/A/RES/71/313"}
    subjects = {q.subject.value for q in quads}
    assert subjects <= {FILE_IRI} | {t.iri for t in un_targets().values()} | {
        g.iri for g in goals().values()
    }
