"""Embedded SPARQL engines (rdflib, pyoxigraph) behind one small interface, and one result type.

Every engine, the remote one too, answers with a :class:`QueryResult` whose terms are rdflib
terms in one canonical form (``xsd:string`` literals carry no datatype), so that the answers
of different engines can be compared term by term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, cast

import pyoxigraph as ox
from rdflib import Graph
from rdflib.query import ResultRow

from build_graph.errors import SdgkgError
from build_graph.graph.bundled import bundled_ntriples, bundled_triples
from build_graph.graph.prefixes import PREFIXES
from build_graph.graph.stores import load_files, read_triples
from build_graph.graph.terms import Row, canonical, from_oxigraph, sorted_triples, to_oxigraph
from build_graph.sparql.library import Term, insert_values
from build_graph.sparql.syntax import (
    oxigraph_message,
    rdflib_parse_message,
    rdflib_prefix_message,
)

Graphs = Path | Sequence[Path] | None
DEFAULT_ENGINE = "oxigraph"

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
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        parsed = parseQuery(text)
    except ParseException as query_error:
        if not is_update(text):
            raise SdgkgError(rdflib_parse_message(query_error, text, where)) from None
        return UPDATE
    except Exception as exc:  # rdflib raises others for bad prefixes, IRIs, etc.
        raise SdgkgError(f"{where}: not a SPARQL 1.1 query: {exc}") from None
    return parsed[1].name.removesuffix("Query").upper()


def is_update(text: str) -> bool:
    """Whether rdflib's parser reads ``text`` as a SPARQL 1.1 Update."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except ParseException:
        return False
    except Exception:  # rdflib raises others for bad prefixes, IRIs, etc.
        return False
    return True


def oxigraph_form(text: str, where: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE or UPDATE, read by pyoxigraph's own parser (no rdflib
    import, no second parse: the embedded default engine's path). The text is parsed against
    an empty store, with the project's prefixes, and its answer never read."""
    try:
        result = ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as error:
        if is_update(text):
            return UPDATE
        raise SdgkgError(oxigraph_message(str(error), text, where)) from None
    if isinstance(result, ox.QueryBoolean):
        return "ASK"
    if isinstance(result, ox.QueryTriples):
        return "DESCRIBE" if _is_describe(text) else "CONSTRUCT"
    return "SELECT"


def _paths(graphs: Graphs) -> list[Path]:
    if graphs is None:
        return []
    return [graphs] if isinstance(graphs, Path) else list(graphs)


def load_triples(graphs: Graphs) -> list[tuple] | set[tuple]:
    """The triples of the files (all of them), else of the bundled plan's graph."""
    paths = _paths(graphs)
    if not paths:
        return bundled_triples()
    if len(paths) == 1:
        return read_triples(paths[0])
    return {triple for path in paths for triple in read_triples(path)}


def load_store(graphs: Graphs) -> ox.Store:
    """A pyoxigraph store of the files (all of them), else of the bundled plan's graph, loaded
    by pyoxigraph's parsers (no rdflib terms on the way)."""
    paths = _paths(graphs)
    if paths:
        return load_files(paths)
    store = ox.Store()
    store.bulk_load(bundled_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    return store


# -- engines ---------------------------------------------------------------------------------
class RdflibEngine:
    """rdflib's in-memory store; parameters are passed as ``initBindings``."""

    name = "rdflib"

    def __init__(self, triples: Iterable[tuple]) -> None:
        self.graph = Graph()
        self.graph.addN((s, p, o, self.graph) for s, p, o in triples)
        self._prepared: dict[str, object] = {}

    def query(self, text: str, bindings: Mapping[str, Term], where: str = "query") -> QueryResult:
        # rdflib's parser takes 30-200 ms per query: a text is parsed once per engine.
        if text not in self._prepared:
            self._prepared[text] = self._prepare(text, where)
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

    @staticmethod
    def _prepare(text: str, where: str) -> object:
        """The parsed query, with the project's prefixes declared; a syntax error in one line."""
        from pyparsing import ParseException
        from rdflib.plugins.sparql import prepareQuery

        try:
            return prepareQuery(text, initNs=PREFIXES)
        except ParseException as error:
            raise SdgkgError(rdflib_parse_message(error, text, where)) from None
        except Exception as error:  # rdflib raises others for an undeclared prefix, etc.
            message = rdflib_prefix_message(error, text, where)
            if message is None:
                raise
            raise SdgkgError(message) from None

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

    def query(self, text: str, bindings: Mapping[str, Term], where: str = "query") -> QueryResult:
        try:
            result = self.store.query(insert_values(text, bindings), prefixes=PREFIXES)
        except SyntaxError:
            oxigraph_form(text, where)  # the error placed in the text as written
            raise
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
    return re.search(r"^\s*DESCRIBE\b", text, re.IGNORECASE | re.MULTILINE) is not None


STORES = {"rdflib": RdflibEngine, "oxigraph": OxigraphEngine}


def embedded_engine(store: str, triples: Iterable[tuple]) -> RdflibEngine | OxigraphEngine:
    if store not in STORES:
        raise SdgkgError(f"unknown store {store!r} (known: {', '.join(STORES)})")
    return STORES[store](triples)


def open_engine(store: str, graphs: Graphs) -> RdflibEngine | OxigraphEngine:
    """The embedded engine ``store`` on the files ``graphs`` (all of them), else on the
    bundled plan's graph; pyoxigraph loads the files itself."""
    if store == "oxigraph":
        return OxigraphEngine(store=load_store(graphs))
    return embedded_engine(store, load_triples(graphs))
