"""Embedded SPARQL engines (rdflib, pyoxigraph) behind one small interface, and one result type.

Every engine, the remote one too, answers with a :class:`QueryResult` whose terms are rdflib
terms in one canonical form (``xsd:string`` literals carry no datatype), so that the answers
of different engines can be compared term by term.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, cast

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import ResultRow

from build_graph.errors import SdgkgError
from build_graph.graph.bundled import bundled_triples
from build_graph.graph.stores import read_triples
from build_graph.graph.terms import Row, canonical, from_oxigraph, sorted_triples, to_oxigraph
from build_graph.sparql.library import Term, insert_values

GRAPH_VARIABLES = ["subject", "predicate", "object"]
UPDATE = "UPDATE"


@dataclass
class QueryResult:
    """The answer of a query: rows for SELECT, a boolean for ASK, triples as rows otherwise."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    boolean: bool | None = None


class Engine(Protocol):
    name: str

    def query(self, text: str, bindings: Mapping[str, Term]) -> QueryResult: ...

    def update(self, text: str) -> None: ...


def query_form(text: str, where: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE, by parsing the text as SPARQL 1.1.

    Whatever does not parse as a query or an update is refused: a text the client cannot read
    is never sent anywhere, so that an update cannot pass for a query.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except ParseException as query_error:
        try:
            parseUpdate(text)
        except ParseException:
            message = str(query_error).splitlines()[0]
            raise SdgkgError(f"{where}: not a SPARQL 1.1 query: {message}") from None
        return UPDATE
    except Exception as exc:  # rdflib raises others for bad prefixes, IRIs, etc.
        raise SdgkgError(f"{where}: not a SPARQL 1.1 query: {exc}") from None
    return parsed[1].name.removesuffix("Query").upper()


def load_triples(graph: Path | None) -> list[tuple] | set[tuple]:
    return read_triples(graph) if graph is not None else bundled_triples()


# -- engines ---------------------------------------------------------------------------------
class RdflibEngine:
    """rdflib's in-memory store; parameters are passed as ``initBindings``."""

    name = "rdflib"

    def __init__(self, triples: Iterable[tuple]) -> None:
        self.graph = Graph()
        self.graph.addN((s, p, o, self.graph) for s, p, o in triples)
        self._prepared: dict[str, object] = {}

    def query(self, text: str, bindings: Mapping[str, Term]) -> QueryResult:
        # rdflib's parser takes 30-200 ms per query: a text is parsed once per engine.
        if text not in self._prepared:
            from rdflib.plugins.sparql import prepareQuery

            self._prepared[text] = prepareQuery(text)
        prepared = self._prepared[text]
        result = self.graph.query(prepared, initBindings=dict(bindings))  # type: ignore[arg-type]
        if result.type == "ASK":
            return QueryResult("ASK", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            assert result.graph is not None
            return QueryResult(result.type, list(GRAPH_VARIABLES), sorted_triples(result.graph))
        variables = [str(v) for v in result.vars or []]
        rows = [_select_row(row, len(variables)) for row in result]
        return QueryResult("SELECT", variables, rows)

    def update(self, text: str) -> None:
        self.graph.update(text)

    def __len__(self) -> int:
        return len(self.graph)


def _select_row(row: object, width: int) -> Row:
    """One SELECT solution of rdflib, its terms in canonical form."""
    assert isinstance(row, ResultRow), "a SELECT result iterates solution rows"
    # rdflib types solution values as Node; a solution binds only IRIs, literals and blank nodes
    return tuple(canonical(cast(Term | None, row[i])) for i in range(width))


class OxigraphEngine:
    """pyoxigraph's in-memory store; parameters go in a VALUES block, as they do to servers.

    (pyoxigraph's own ``substitutions`` insist that the variable be projected, which a
    parameter used only in a filter is not.)
    """

    name = "oxigraph"

    def __init__(self, triples: Iterable[tuple] = (), store: ox.Store | None = None) -> None:
        """From rdflib-term triples, or on a store already loaded (queried, not copied)."""
        self.store = store if store is not None else ox.Store()
        if store is None:
            self.store.bulk_extend(
                ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))  # type: ignore[arg-type]
                for s, p, o in triples
            )

    def query(self, text: str, bindings: Mapping[str, Term]) -> QueryResult:
        result = self.store.query(insert_values(text, bindings))
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            triples = [
                (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
                for t in result
            ]
            form = "DESCRIBE" if _is_describe(text) else "CONSTRUCT"
            return QueryResult(form, list(GRAPH_VARIABLES), sorted_triples(triples))
        variables = [v.value for v in result.variables]
        rows = [tuple(from_oxigraph(row[v]) for v in variables) for row in result]
        return QueryResult("SELECT", variables, rows)

    def update(self, text: str) -> None:
        self.store.update(text)

    def __len__(self) -> int:
        return len(self.store)


def _is_describe(text: str) -> bool:
    import re

    return re.search(r"^\s*DESCRIBE\b", text, re.IGNORECASE | re.MULTILINE) is not None


STORES = {"rdflib": RdflibEngine, "oxigraph": OxigraphEngine}


def embedded_engine(store: str, triples: Iterable[tuple]) -> RdflibEngine | OxigraphEngine:
    if store not in STORES:
        raise SdgkgError(f"unknown store {store!r} (known: {', '.join(STORES)})")
    return STORES[store](triples)
