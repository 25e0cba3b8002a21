"""The bundled plan's graph in a pyoxigraph store, built once for the graph tests."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from build_graph.graph.prefixes import sparql_prologue


@pytest.fixture(scope="session")
def store() -> ox.Store:
    from build_graph.graph.bundled import bundled_ntriples

    graph = ox.Store()
    graph.bulk_load(bundled_ntriples(), format=ox.RdfFormat.N_TRIPLES)
    return graph


def rows(store: ox.Store, query: str) -> list[dict[str, object]]:
    """A SELECT's solutions as dicts of plain values (IRI text, literal text), the project's
    prefixes declared."""
    solutions = store.query(sparql_prologue() + query)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return [
        {name: (row[name].value if row[name] is not None else None) for name in names}
        for row in solutions
    ]
