"""RDF files and texts into pyoxigraph stores or rdflib-term triples: the file types the
project reads, and one-line :class:`InputError` for a file that is not RDF."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from build_graph.errors import InputError
from build_graph.graph.terms import RdflibTriple, triple_from_oxigraph


def load_graph_store(path: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    return store


def select(store: ox.Store, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT query, typed as such (``Store.query`` may also give a boolean
    or triples)."""
    solutions = store.query(query)
    if not isinstance(solutions, ox.QuerySolutions):
        raise TypeError(f"not a SELECT query: {query.strip()[:60]!r}")
    return solutions


FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ttl": ox.RdfFormat.TURTLE,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


# -- graphs ----------------------------------------------------------------------------------
def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, by its suffix; a one-line error for anything else."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(path, f"unknown RDF file type {path.suffix!r} (known: {known})")
    if not path.is_file():
        raise InputError(path, "no such file")
    return fmt


def read_triples(path: Path) -> list[RdflibTriple]:
    """The triples of an RDF file, read by pyoxigraph (ten times faster than rdflib's parser)."""
    fmt = rdf_format(path)
    try:
        quads = list(ox.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError) as exc:
        raise InputError(path, f"not valid RDF: {str(exc).splitlines()[0]}") from None
    if not quads:
        raise InputError(path, "the file holds no triples")
    return [triple_from_oxigraph(q) for q in quads]


def load_files(paths: list[Path]) -> ox.Store:
    """One store of every file's triples (each file's named graphs merged into the default
    graph), each file checked first so that an error names it."""
    store = ox.Store()
    for path in paths:
        fmt = rdf_format(path)
        before = len(store)
        try:
            if fmt.supports_datasets:
                quads = ox.parse(path=str(path), format=fmt)
                store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
            else:
                store.load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as exc:
            raise InputError(path, f"not valid RDF: {str(exc).splitlines()[0]}") from None
        if len(store) == before and not _has_triples(path, fmt):
            raise InputError(path, "the file holds no triples")
    return store


def _has_triples(path: Path, fmt: ox.RdfFormat) -> bool:
    return next(iter(ox.parse(path=str(path), format=fmt)), None) is not None


def store_from_ntriples(text: str) -> ox.Store:
    """A store from N-Triples text, such as an in-process graph serialised by ``ntriples``."""
    store = ox.Store()
    store.load(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def store_from_triples(triples: Iterable[tuple]) -> ox.Store:
    """A store from rdflib triples (``GraphBuilder.triples``), without rdflib's serialiser.

    Loaded in graph.nt's order (the lines sorted): a store answers a query without ORDER BY in
    the order its triples came, and ``GraphBuilder.triples`` is a set, whose order follows
    PYTHONHASHSEED (the bundled plan's explorer.html, which interns its cells in the order the
    rows come, differed from run to run)."""
    from build_graph.graph.ntriples import term

    lines = sorted(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)
    return store_from_ntriples("".join(lines))
