"""Plan → RDF: IRIs (:mod:`.vocab`), the builder writing N-Triples lines, the Turtle and JSON-LD
writers, and pyoxigraph stores (:mod:`.stores`, with the rdflib ⇄ oxigraph terms of
:mod:`.terms`)."""

from build_graph.graph.builder import GraphBuilder, build_graph
from build_graph.graph.bundled import bundled_plan, bundled_triples
from build_graph.graph.ntriples import serialize
from build_graph.graph.serialize import write_graph_files
from build_graph.graph.stores import (
    load_graph_store,
    read_triples,
    store_from_ntriples,
    store_from_triples,
)

__all__ = [
    "GraphBuilder",
    "build_graph",
    "bundled_plan",
    "bundled_triples",
    "load_graph_store",
    "read_triples",
    "serialize",
    "store_from_ntriples",
    "store_from_triples",
    "write_graph_files",
]
