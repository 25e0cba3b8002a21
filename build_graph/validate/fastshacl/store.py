"""The store layout of :mod:`build_graph.validate.fastshacl.engine`: the data as given in the
default graph, and every typed literal once more, exactly as written, in a named graph.

pyoxigraph stores typed literals by value: ``"0"^^xsd:positiveInteger`` comes back as
``"0"^^xsd:integer`` and ``"1.50"^^xsd:decimal`` as ``"1.5"``. :func:`load_validation_store`
therefore keeps every typed (non-string) literal twice: as pyoxigraph stores it, in the default
graph (the "canonical" view, where the SHACL-SPARQL queries run: numbers and dates compare as
values, as in rdflib; the store can be shared with other queries), and with a stand-in datatype
IRI that pyoxigraph leaves alone, in the named graph :data:`EXACT`. The stand-in datatype also
records pyshacl's ``sh:datatype`` verdict (:func:`pyshacl_accepts`): rdflib's ``ill_typed``
flag, a property of the Python object, taken from the objects for rdflib input and from
parsing for N-Triples text. A metadata graph (:data:`META`) names the layout's version and the
predicates with typed literals. :func:`drop_layout` removes both named graphs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, time
from decimal import Decimal
from typing import TypeGuard

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from build_graph.graph.nt_terms import escape
from build_graph.graph.terms import triple_from_oxigraph

FS = "urn:x-fastshacl:"
# Stand-in datatypes of the exact view: "5"^^<urn:x-fastshacl:dt:http://...#positiveInteger>
# for a literal pyshacl accepts as of its datatype, <urn:x-fastshacl:ill:...> for one it rejects
# (ill-typed for rdflib, e.g. a positiveInteger 0 parsed from text).
SURROGATE = FS + "dt:"
ILL = FS + "ill:"
EXACT = FS + "exact"
META = FS + "meta"
LAYOUT = FS + "layout"
VERSION = "2"  # the layout of load_validation_store: the default graph is the data as given
TYPED = FS + "typedPredicate"  # a predicate with typed literal objects (in the exact graph)
ALL_TYPED = FS + "allTyped"  # a predicate whose objects are all typed literals
XSD_STRING = str(XSD.string)


_PY_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


# ------------------------------------------------------------------------------ terms


def _is_typed(node: Node) -> TypeGuard[Literal]:
    """Typed literals other than strings are the ones pyoxigraph may rewrite."""
    return (
        isinstance(node, Literal)
        and node.datatype is not None
        and node.language is None
        and node.datatype != XSD.string
    )


def _ox_resource(node: Node) -> ox.NamedNode | ox.BlankNode:
    """An rdflib IRI or blank node as a pyoxigraph term."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    raise TypeError(f"not an IRI or a blank node: {node!r}")


def _ox(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (the store's default-graph form)."""
    if isinstance(node, (URIRef, BNode)):
        return _ox_resource(node)
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"not an RDF term: {node!r}")


def pyshacl_accepts(literal: Literal) -> bool:
    """pyshacl's sh:datatype verdict for a literal against its own datatype: not ill-typed
    for rdflib, and of the Python type pyshacl expects for the few datatypes it checks."""
    if getattr(literal, "ill_typed", None) is True:
        return False
    datatype = literal.datatype
    expected = None if datatype is None else _PY_TYPES.get(datatype)
    return expected is None or isinstance(literal.value, expected)


def query_solutions(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
) -> ox.QuerySolutions:
    """The solutions of a SELECT query (``Store.query`` is typed for every form of query)."""
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError(f"not the result of a SELECT query: {type(result).__name__}")
    return result


def _surrogate(node: Literal) -> ox.Literal:
    prefix = SURROGATE if pyshacl_accepts(node) else ILL
    return ox.Literal(str(node), datatype=ox.NamedNode(prefix + str(node.datatype)))


# ------------------------------------------------------------------------------ loading

Triple = tuple[Node, Node, Node]
_MARK = b'"^^<'
_LINE_END = b"> ."
_STRING_END = b"XMLSchema#string> ."


def _layout_lines(
    triples: Iterable[Triple], bnode_quads: list[ox.Quad], typed_predicates: set[str]
) -> Iterator[str]:
    """N-Quads lines: every triple into the default graph, and typed literals once more into
    the exact graph with their stand-in datatype. Triples with blank nodes go to
    ``bnode_quads`` (pyoxigraph renames blank nodes it parses, and keeps those it is given:
    the report then names rdflib's nodes). Written for speed: rdflib terms hash slowly, so
    nothing is cached by term."""
    exact = f"<{EXACT}> .\n"
    for s, p, o in triples:
        if type(s) is URIRef:
            if type(o) is URIRef:
                yield f"<{s}> <{p}> <{o}> .\n"
                continue
            if type(o) is Literal:
                text = escape(o)
                if o.language:
                    yield f'<{s}> <{p}> "{text}"@{o.language} .\n'
                    continue
                datatype = o.datatype
                if datatype is None or datatype == XSD.string:
                    yield f'<{s}> <{p}> "{text}" .\n'
                    continue
                prefix = SURROGATE if pyshacl_accepts(o) else ILL
                typed_predicates.add(str(p))
                yield f'<{s}> <{p}> "{text}"^^<{datatype}> .\n'
                yield f'<{s}> <{p}> "{text}"^^<{prefix}{datatype}> {exact}'
                continue
        if (
            not isinstance(s, (URIRef, BNode))
            or not isinstance(p, URIRef)
            or not isinstance(o, (URIRef, BNode, Literal))
        ):
            raise TypeError(f"not an RDF triple: {(s, p, o)!r}")
        subject, predicate = _ox_resource(s), ox.NamedNode(str(p))
        bnode_quads.append(ox.Quad(subject, predicate, _ox(o)))
        if _is_typed(o):
            typed_predicates.add(str(p))
            bnode_quads.append(ox.Quad(subject, predicate, _surrogate(o), ox.NamedNode(EXACT)))


def _backslashes_before(text: bytes, end: int) -> int:
    return end - len(text[:end].rstrip(b"\\"))


def _exact_line(line: bytes) -> bytes | None:
    """The line of a typed literal with its stand-in datatype (None: not a typed literal).
    Most lines take the first test; the others are parsed with care (escaped quotes...)."""
    if line.endswith(_LINE_END) and line.count(_MARK) == 1:
        if line.endswith(_STRING_END) and line.endswith(f"<{XSD_STRING}> .".encode()):
            return None
        return line.replace(_MARK, _MARK + SURROGATE.encode())
    body = line.rstrip()
    if not body.endswith(b"."):
        return None
    body = body[:-1].rstrip()
    quote = body.rfind(_MARK)  # the literal's closing quote
    if quote < 0 or not body.endswith(b">") or b">" in body[quote + 4 : -1]:
        return None
    if body[quote + 4 : -1] == XSD_STRING.encode() or _backslashes_before(body, quote) % 2:
        return None
    return body[: quote + 4] + SURROGATE.encode() + body[quote + 4 :] + b" ."


def _exact_lines(data: bytes) -> bytes:
    """The exact graph of N-Triples data, as N-Quads: its typed-literal lines, found by
    bytes.find (a Python step per typed line only), with the stand-in datatype."""
    out: list[bytes] = []
    find, rfind, done = data.find, data.rfind, 0
    while (found := find(_MARK, done)) >= 0:
        start = rfind(b"\n", 0, found) + 1
        end = find(b"\n", found)
        end = len(data) if end < 0 else end
        line = _exact_line(data[start:end])
        if line is not None:
            out.append(line)
        done = end
    graph = f" <{EXACT}> .\n".encode()
    return b"".join(line[:-1] + graph for line in out)


def _mark_ill_typed(store: ox.Store) -> set[str]:
    """Give the stand-in datatype of rejected literals (ill-typed for rdflib as pyshacl would
    parse them) to the literals of the exact graph that need it, judged once per distinct
    literal; return the predicates with typed literals."""
    exact = ox.NamedNode(EXACT)
    rows = query_solutions(
        store.query(f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH <{EXACT}> {{ ?s ?p ?o }} }}")
    )
    predicates: set[str] = set()
    judged: dict[ox.Literal, bool] = {}

    for p, o in rows:
        predicates.add(p.value)
        if o in judged:
            continue
        datatype = o.datatype.value[len(SURROGATE) :]
        judged[o] = pyshacl_accepts(Literal(o.value, datatype=URIRef(datatype)))
    for literal, accepted in judged.items():
        if accepted:
            continue
        datatype = ILL + literal.datatype.value[len(SURROGATE) :]
        ill = ox.Literal(literal.value, datatype=ox.NamedNode(datatype))
        quads = list(store.quads_for_pattern(None, None, literal, exact))
        for quad in quads:
            store.remove(quad)
            store.add(ox.Quad(quad.subject, quad.predicate, ill, exact))
    return predicates


def _all_typed(store: ox.Store, typed: set[str]) -> list[str]:
    """The predicates whose objects are all typed literals: the exact graph alone holds
    their values (counting triples needs no term's text, so this is quick)."""
    found = []
    for p in sorted(typed):
        counts = [
            query_solutions(
                store.query(
                    f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s <{p}> ?o }}",
                    default_graph=graph,
                    named_graphs=[],
                )
            )
            for graph in (ox.DefaultGraph(), ox.NamedNode(EXACT))
        ]
        default, exact = (next(iter(c))["n"].value for c in counts)
        if default == exact:
            found.append(p)
    return found


def _read(data: str | bytes | os.PathLike) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        return data.encode("utf-8")
    with open(data, "rb") as handle:
        return handle.read()


def data_graph(store: ox.Store) -> Graph:
    """The data of a store laid out by :func:`load_validation_store`, as an rdflib graph with
    typed literals as written (taken from the exact graph: the default graph holds
    pyoxigraph's rewritten copies), for pyshacl when the fast engine refuses the shapes."""
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        o = quad.object
        if not (isinstance(o, ox.Literal) and not o.language and o.datatype.value != XSD_STRING):
            graph.add(triple_from_oxigraph(quad))
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(EXACT)):
        literal = quad.object
        if isinstance(literal, ox.Literal):
            datatype = literal.datatype.value.removeprefix(SURROGATE).removeprefix(ILL)
            written = ox.Literal(literal.value, datatype=ox.NamedNode(datatype))
            graph.add(triple_from_oxigraph(ox.Triple(quad.subject, quad.predicate, written)))
    return graph


def drop_layout(store: ox.Store) -> ox.Store:
    """Remove what :func:`load_validation_store` added (the exact view and its metadata),
    leaving the plain graph: for the build's other steps, which may read the store's graphs as
    a union. It gives no memory back: pyoxigraph's in-memory store keeps removed quads (its
    snapshots may still read them) until the ``Store`` itself is dropped."""
    for graph in (EXACT, META):
        store.remove_graph(ox.NamedNode(graph))
    return store


def load_validation_store(
    data: Graph | Iterable[Triple] | str | bytes | os.PathLike, store: ox.Store | None = None
) -> ox.Store:
    """Load an rdflib graph, rdflib triples (e.g. ``GraphBuilder.triples``), N-Triples text or
    bytes, or an N-Triples file (a ``Path``) into a store laid out for :func:`validate_fast`.

    The default graph holds the data as any pyoxigraph store would (the store can be shared
    with other queries); typed literals are also copied, with stand-in datatypes, into a named
    graph (see the module docstring). ``store``: an empty store to fill (else a new one).
    From rdflib terms, ``sh:datatype`` is judged as pyshacl judges those objects in memory;
    from text, as pyshacl would judge the parsed file (a Python-built
    ``Literal(0, datatype=xsd:positiveInteger)`` passes the first and fails the second).
    Blank nodes of rdflib terms keep their ids; those of text get new ones."""
    if isinstance(data, (str, bytes, os.PathLike)):
        return load_validation_store_files([data], store)
    store = ox.Store() if store is None else store
    bnode_quads: list[ox.Quad] = []
    typed: set[str] = set()
    text = "".join(_layout_lines(data, bnode_quads, typed))
    store.load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)
    if bnode_quads:
        store.extend(bnode_quads)
    return _finish_layout(store, typed)


def load_validation_store_files(
    files: Sequence[str | bytes | os.PathLike], store: ox.Store | None = None
) -> ox.Store:
    """N-Triples files (or texts) read as one document, laid out as
    :func:`load_validation_store` does: the plans' sorted runs of a national build, for one.

    Each part goes to the loader as bytes, which pyoxigraph reads without the GIL: from a
    Python reader it takes the GIL for every few kilobytes, and any busy Python thread then
    stalls the load (a 4.5 s load took minutes). So the typed-literal copies (Python, ~1.5 s
    for a national graph) are found by a thread while the parts load. Parts without blank
    nodes are loaded in batches, each let go once loaded, never copied into one whole; with
    blank nodes they are joined into one document, so that a label names the same node in
    every part."""
    store = ox.Store() if store is None else store
    raws = [_read(part) for part in files]
    if any(b"_:" in raw for raw in raws):
        whole = b"\n".join([*raws, *(_exact_lines(raw) for raw in raws)])
        del raws
        store.load(whole, format=ox.RdfFormat.N_QUADS, lenient=True)
    else:
        with ThreadPoolExecutor(max_workers=1) as pool:
            exacts = pool.submit(lambda parts: [_exact_lines(raw) for raw in parts], list(raws))
            for document in _batches(raws, LOAD_BATCH_BYTES):
                store.load(document, format=ox.RdfFormat.N_QUADS, lenient=True)
            for document in _batches(exacts.result(), LOAD_BATCH_BYTES):
                store.load(document, format=ox.RdfFormat.N_QUADS, lenient=True)
    return _finish_layout(store, _mark_ill_typed(store))


# Each load has a cost of its own (126 runs and copies of the national build loaded one by
# one: 16 s; as one document: 13 s); parts are joined up to this size, a small copy at a time.
# ``load``, not ``bulk_load``: on pyoxigraph's in-memory store (0.5) the national runs loaded in
# 8.6-8.8 s against 9.3-9.6 s, with 90 MB less resident and queries ~8% faster afterwards.
LOAD_BATCH_BYTES = 128 << 20


def _batches(documents: list[bytes], size: int) -> Iterator[bytes]:
    """The documents joined (newline-separated) into batches of about ``size`` bytes, in order;
    each document is let go as soon as its batch is made."""
    documents.reverse()
    batch: list[bytes] = []
    length = 0
    while documents:
        document = documents.pop()
        batch.append(document)
        length += len(document)
        del document
        if length >= size or not documents:
            joined = batch[0] if len(batch) == 1 else b"\n".join(batch)
            batch.clear()
            length = 0
            yield joined
            del joined


def _finish_layout(store: ox.Store, typed: set[str]) -> ox.Store:
    """The layout's metadata: its version and the predicates with typed literals."""
    meta = (
        f'<{META}> <{LAYOUT}> "{VERSION}" <{META}> .\n'
        + "".join(f"<{META}> <{TYPED}> <{p}> <{META}> .\n" for p in sorted(typed))
        + "".join(f"<{META}> <{ALL_TYPED}> <{p}> <{META}> .\n" for p in _all_typed(store, typed))
    )
    store.load(meta.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store
