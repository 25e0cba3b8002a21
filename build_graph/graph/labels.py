"""How a minted node is named: skos:prefLabel and rdfs:label, the same text, in Vietnamese and,
where there is one, English; one of each per language (SKOS's integrity rule)."""

from __future__ import annotations

from collections.abc import Callable

from build_graph.graph.nt_terms import en, vi

PREF_LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def name_node(
    add: Callable[[str, str, str], None], node: str, text_vi: str, text_en: str | None = None
) -> None:
    """The node's labels, as N-Triples terms handed to ``add``."""
    for term in (vi(text_vi), en(text_en) if text_en else None):
        if term:
            add(node, PREF_LABEL, term)
            add(node, LABEL, term)
