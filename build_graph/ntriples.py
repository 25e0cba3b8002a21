"""Canonical, sorted N-Triples: the byte-identical form of a graph, written without rdflib."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from .ntterms import lit


def term(node: URIRef | Literal | BNode) -> str:
    """One term in canonical N-Triples (RDF 1.1): xsd:string is left implicit."""
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        text = lit(str(node))
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype and node.datatype != XSD.string:
            return f"{text}^^<{node.datatype}>"
        return text
    return f"_:{node}"


def lines(triples: Iterable[tuple]) -> list[str]:
    """Sorted N-Triples lines: the same triples always give the same bytes."""
    cache: dict[object, str] = {}

    def text(node: URIRef | Literal | BNode) -> str:
        # Subjects and predicates repeat a lot: format each term once. Literals are keyed by
        # their N-Triples form anyway (equal literals with other lexical forms stay distinct).
        found = cache.get((type(node), node))
        if found is None:
            found = cache[(type(node), node)] = term(node)
        return found

    return sorted(f"{text(s)} {text(p)} {text(o)} .\n" for s, p, o in triples)


def serialize(triples: Iterable[tuple]) -> str:
    return "".join(lines(triples))
