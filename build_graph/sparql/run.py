"""One call for a query from Python: a library name or .rq file, run on a graph file, the
bundled plan, a loaded store or an endpoint, with parameters bound as RDF terms."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from build_graph.errors import SdgkgError
from build_graph.sparql.engines import (
    DEFAULT_ENGINE,
    UPDATE,
    Graphs,
    OxigraphEngine,
    QueryResult,
    open_engine,
    oxigraph_form,
    query_form,
)
from build_graph.sparql.library import LibraryQuery, bind, find_query


def run_query(
    query: str | LibraryQuery,
    params: Mapping[str, str] | Iterable[str] = (),
    *,
    graph: Graphs = None,
    store: ox.Store | None = None,
    endpoint: str | None = None,
    engine: str = DEFAULT_ENGINE,
    default_graph: str | None = None,
    timeout: float = 60.0,
) -> QueryResult:
    """Answer ``query`` (a library name, a .rq path, or a :class:`LibraryQuery`).

    ``params`` are ``{"name": "value"}`` or ``["name=value"]``, read as the CLI's ``--param``.
    The graph is ``store`` (a pyoxigraph store, queried in place), else ``endpoint``, else the
    file ``graph`` (or files: all of them), else the bundled plan's graph built in memory, with
    ``engine`` (pyoxigraph by default; "rdflib" is the reference). Updates are refused: this
    call only reads.
    """
    library_query = query if isinstance(query, LibraryQuery) else find_query(str(query))
    where = str(library_query.path)
    embedded = store is not None or (endpoint is None and engine == "oxigraph")
    form = oxigraph_form if embedded else query_form
    if form(library_query.text, where) == UPDATE:
        raise SdgkgError(f"{where}: run_query answers queries only, not SPARQL updates")
    assignments = (
        [f"{name}={value}" for name, value in params.items()]
        if isinstance(params, Mapping)
        else list(params)
    )
    bindings = bind(library_query, assignments)
    if store is not None:
        return OxigraphEngine(store=store).query(library_query.text, bindings)
    if endpoint is not None:
        from build_graph.sparql.remote import RemoteEngine

        remote = RemoteEngine(endpoint, default_graph=default_graph, timeout=timeout)
        return remote.query(library_query.text, bindings)
    return open_engine(engine, graph).query(library_query.text, bindings)
