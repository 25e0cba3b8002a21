"""The graph loaded beside the UN's SDG KOS keeps SKOS's integrity conditions.

The graph used to assert ``skos:prefLabel "Target 6.1"@en`` on the UN's own IRIs: merged with
the KOS, whose preferred label of a target is its text, each concept had two English preferred
labels (S14). The check runs on the bundled graph, the UN texts file shipped beside it
(``ontology/un-sdg.ttl``) and a local sample shaped like the KOS (``un_kos_sample.ttl``).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from build_graph.graph.prefixes import sparql_prologue
from build_graph.resources import resource_dir

SAMPLE = Path(__file__).with_name("un_kos_sample.ttl")

# SKOS Reference, section 5.3 (S14), 5.4 (S13), 4.2 (S9), 8.4 (S27), 10.4 (S46): each query
# finds what breaks the condition.
CONDITIONS = {
    "S14 at most one prefLabel per language": """
        SELECT ?s (LANG(?a) AS ?what) WHERE {
          ?s skos:prefLabel ?a , ?b . FILTER (?a != ?b && LANG(?a) = LANG(?b)) }""",
    "S13 prefLabel, altLabel and hiddenLabel are disjoint": """
        SELECT ?s (STR(?l) AS ?what) WHERE {
          { ?s skos:prefLabel ?l ; skos:altLabel ?l } UNION
          { ?s skos:prefLabel ?l ; skos:hiddenLabel ?l } UNION
          { ?s skos:altLabel ?l ; skos:hiddenLabel ?l } }""",
    "S9 a concept is no concept scheme": """
        SELECT ?s ("both" AS ?what) WHERE { ?s a skos:Concept , skos:ConceptScheme }""",
    "S27 related is disjoint with broaderTransitive": """
        SELECT ?s (STR(?o) AS ?what) WHERE { ?s skos:related ?o ; skos:broader+ ?o }""",
    "S46 exactMatch is disjoint with broadMatch and relatedMatch": """
        SELECT ?s (STR(?o) AS ?what) WHERE {
          ?s skos:exactMatch ?o . { ?s skos:broadMatch ?o } UNION { ?s skos:relatedMatch ?o } }""",
}


def violations(graph: ox.Store) -> dict[str, list[tuple[str, str]]]:
    found = {}
    for condition, query in CONDITIONS.items():
        solutions = graph.query(sparql_prologue() + query)
        assert isinstance(solutions, ox.QuerySolutions)
        hits = [(row["s"].value, row["what"].value) for row in solutions]
        if hits:
            found[condition] = hits
    return found


@pytest.fixture(scope="module")
def merged() -> ox.Store:
    from build_graph.graph.bundled import bundled_ntriples

    graph = ox.Store()
    graph.bulk_load(bundled_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    graph.load(path=str(resource_dir("ontology") / "un-sdg.ttl"), format=ox.RdfFormat.TURTLE)
    graph.load(path=str(SAMPLE), format=ox.RdfFormat.TURTLE)
    return graph


def test_the_graph_merged_with_a_un_kos_sample_keeps_skos_integrity(merged):
    assert violations(merged) == {}
    # the merge did join the two: the graph's links reach the sample's concepts
    linked = merged.query(
        sparql_prologue()
        + "ASK { vsdg:3.8 skos:closeMatch ?un . ?un skos:prefLabel ?text ; skos:notation '3.9' }"
    )
    assert bool(linked)


def test_the_check_finds_a_second_english_preflabel_as_the_graph_once_had(merged):
    old = ox.Quad(
        ox.NamedNode("http://metadata.un.org/sdg/6.1"),
        ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
        ox.Literal("Target 6.1", language="en"),
    )
    merged.add(old)
    try:
        found = violations(merged)
    finally:
        merged.remove(old)
    assert found["S14 at most one prefLabel per language"] == [
        ("http://metadata.un.org/sdg/6.1", "en"),
        ("http://metadata.un.org/sdg/6.1", "en"),
    ]
