"""rdflib ⇄ pyoxigraph term conversion, in one canonical form (``xsd:string`` literals carry no
datatype), so that answers from different engines and stores compare term by term."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from build_graph.errors import SdgkgError

Row = tuple[URIRef | Literal | BNode | None, ...]
RdflibTriple = tuple[URIRef | BNode, URIRef, URIRef | Literal | BNode]


# -- terms -----------------------------------------------------------------------------------
def canonical(term: URIRef | Literal | BNode | None) -> URIRef | Literal | BNode | None:
    """xsd:string literals become simple literals (the same term in RDF 1.1)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def from_oxigraph(term: object) -> URIRef | Literal | BNode | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise SdgkgError(f"unsupported term in a result: {term!r}")


def triple_from_oxigraph(triple: ox.Quad | ox.Triple) -> RdflibTriple:
    """A parsed triple's terms as rdflib's (subject, predicate, object), as from_oxigraph
    makes them, typed as such."""
    subject, obj = from_oxigraph(triple.subject), from_oxigraph(triple.object)
    if isinstance(subject, Literal) or subject is None or obj is None:  # RDF allows neither
        raise SdgkgError(f"not an RDF triple: {triple!r}")
    return subject, URIRef(triple.predicate.value), obj


def to_oxigraph(term: URIRef | Literal | BNode) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))
    return ox.BlankNode(str(term))


def sorted_triples(triples: Iterable[tuple]) -> list[Row]:
    rows = [tuple(canonical(t) for t in triple) for triple in triples]
    return sorted(rows, key=lambda row: tuple(t.n3() for t in row if t is not None))
