"""Asking the graph: the query library, the embedded engines (rdflib, pyoxigraph), remote
endpoints through SPARQLWrapper, result formats, the Graph Store Protocol, and the Oxigraph
and Virtuoso servers the tests and benchmarks start."""

from build_graph.sparql.engines import OxigraphEngine, QueryResult, RdflibEngine
from build_graph.sparql.graph_store import publish_graph
from build_graph.sparql.library import LibraryQuery, bind, find_query, insert_values, library
from build_graph.sparql.output import render
from build_graph.sparql.oxigraph_server import OxigraphServer
from build_graph.sparql.remote import Credentials, RemoteEngine
from build_graph.sparql.run import run_query
from build_graph.sparql.virtuoso_server import DBA_PASSWORD, DBA_USER, VirtuosoServer

__all__ = [
    "DBA_PASSWORD",
    "DBA_USER",
    "Credentials",
    "LibraryQuery",
    "OxigraphEngine",
    "OxigraphServer",
    "QueryResult",
    "RdflibEngine",
    "RemoteEngine",
    "VirtuosoServer",
    "bind",
    "find_query",
    "insert_values",
    "library",
    "publish_graph",
    "render",
    "run_query",
]
