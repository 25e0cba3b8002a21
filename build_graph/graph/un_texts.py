"""``ontology/un-sdg.ttl``: the UN's own texts of the SDG goals and targets, kept apart from the
graph and sourced.

The graph references the UN's concepts (``http://metadata.un.org/sdg/6.1``) without restating
what the UN says of them. Readers who want the texts beside the graph load this file too
(``sdgkg query --graph dist/graph.nt --graph ontology/un-sdg.ttl``; ``sdgkg serve`` loads it by
default). It gives each goal its short title (``dcterms:title``) and statement, and each
target its text (``skos:definition``), as adopted in A/RES/71/313, and no ``skos:prefLabel``
or other SKOS label: the UN KOS has its own, and a second would break SKOS's rule of one
preferred label per language when the two are loaded together.

Generated from ``data/sdg-goals.csv`` and ``data/un-sdg-targets.csv``:
``python -m build_graph.graph.un_texts ontology/un-sdg.ttl`` (a test checks the shipped file
is current).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

from build_graph.graph.nt_terms import en, iri, vi
from build_graph.graph.prefixes import PREFIXES
from build_graph.graph.vocab import DEFAULT_BASE
from build_graph.model.sdg import goals, un_targets

FILE_IRI = f"{DEFAULT_BASE}ontology/un-sdg"
RESOLUTIONS = ("https://undocs.org/A/RES/70/1", "https://undocs.org/A/RES/71/313")
_P = {name: f"<{namespace}" for name, namespace in PREFIXES.items()}


def _term(prefix: str, name: str) -> str:
    return f"{_P[prefix]}{name}>"


def un_text_lines() -> list[str]:
    """The file's triples as N-Triples lines, sorted."""
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} {p} {o} .\n")

    node = iri(FILE_IRI)
    add(node, _term("rdf", "type"), _term("prov", "Entity"))
    for label in (
        vi("Nội dung các mục tiêu SDG theo văn bản của Liên Hợp Quốc"),
        en("The UN's texts of the SDG goals and targets"),
    ):
        add(node, _term("skos", "prefLabel"), label)
        add(node, _term("rdfs", "label"), label)
    add(
        node,
        _term("rdfs", "comment"),
        en(
            "Goal titles and statements and target texts as the UN adopted them (General "
            "Assembly resolutions A/RES/70/1 and A/RES/71/313, annex), for the UN concepts the "
            "sdgkg graph links to. Kept apart from the graph, which references these concepts "
            "without restating them; no SKOS labels, so that the file loads beside the UN KOS."
        ),
    )
    for resolution in RESOLUTIONS:
        add(node, _term("dcterms", "source"), iri(resolution))
    for goal in goals().values():
        concept = iri(goal.iri)
        add(concept, _term("dcterms", "title"), en(goal.title_en))
        add(concept, _term("skos", "definition"), en(goal.statement_en))
        add(concept, _term("dcterms", "source"), iri(RESOLUTIONS[0]))
    for target in un_targets().values():
        concept = iri(target.iri)
        add(concept, _term("skos", "definition"), en(target.text_en))
        add(concept, _term("dcterms", "source"), iri(RESOLUTIONS[1]))
    return sorted(set(lines))


def render_un_texts() -> bytes:
    """The file as Turtle, with the project's prefixes."""
    quads = ox.parse("".join(un_text_lines()).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    used = {"rdf", "rdfs", "skos", "dcterms", "prov", "unsdg"}
    chosen = {name: ns for name, ns in PREFIXES.items() if name in used}
    return ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=chosen) or b""


def main(argv: list[str]) -> int:
    """``python -m build_graph.graph.un_texts PATH``: write the file."""
    Path(argv[0]).write_bytes(render_un_texts())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
