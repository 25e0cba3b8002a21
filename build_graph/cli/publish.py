"""``sdgkg publish``: load the graph into a SPARQL 1.1 store, replacing one named graph whole."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "publish"
HELP = "load the graph into a SPARQL 1.1 store (Graph Store Protocol), replacing a named graph"
DEFAULT_GRAPH_IRI = "https://w3id.org/sdgkg/graph"
DESCRIPTION = (
    "Load the graph (the bundled plan's, or --graph FILE) into the named graph --graph-iri of "
    "the store behind the SPARQL endpoint URL, through the Graph Store Protocol. The triples go "
    "into a staging graph first, and one SPARQL Update moves it onto the named graph, so that "
    "readers see the old graph or the new one, never a mix (on Virtuoso, only when its "
    "DefaultIsolation is 4 or more: a warning says when it is not). Oxigraph and Virtuoso are "
    "recognised; for other stores give --store-endpoint. Credentials come only from the "
    "environment: SDGKG_SPARQL_USER and SDGKG_SPARQL_PASSWORD (digest or basic auth)."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--endpoint", required=True, metavar="URL", help="SPARQL query endpoint")
    parser.add_argument("--graph", type=Path, metavar="FILE", help="RDF file to publish")
    parser.add_argument(
        "--graph-iri",
        default=DEFAULT_GRAPH_IRI,
        metavar="IRI",
        help=f"named graph to replace (default {DEFAULT_GRAPH_IRI})",
    )
    parser.add_argument("--store-endpoint", metavar="URL", help="Graph Store Protocol service")
    parser.add_argument("--update-endpoint", metavar="URL", help="SPARQL Update service")
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="seconds to wait for each answer (default 300)",
    )


def run(args: argparse.Namespace) -> int:
    from build_graph.graph.ntriples import serialize
    from build_graph.sparql.engines import load_triples
    from build_graph.sparql.graph_store import publish_graph
    from build_graph.sparql.library import parse_iri
    from build_graph.sparql.remote import Credentials, RetryPolicy, safe_url

    safe_url(args.endpoint)
    for option in ("store_endpoint", "update_endpoint"):
        if getattr(args, option):
            safe_url(getattr(args, option))
    graph_iri = str(parse_iri(args.graph_iri, {}, "--graph-iri"))
    credentials = Credentials.from_environment()
    triples = set(load_triples(args.graph))
    report = publish_graph(
        serialize(triples).encode("utf-8"),
        len(triples),
        args.endpoint,
        graph_iri,
        credentials=credentials,
        update=args.update_endpoint,
        store=args.store_endpoint,
        timeout=args.timeout,
        retry=RetryPolicy(on_retry=_notice),
    )
    for warning in report.warnings:
        print(f"sdgkg: warning: {warning}", file=sys.stderr)
    print(
        f"Published {report.triples} triples into <{report.graph_iri}> at {args.endpoint} "
        f"({report.endpoints.server}; upload {report.upload_seconds:.2f} s, swap "
        f"{report.swap_seconds:.2f} s)"
    )
    return 0


def _notice(message: str) -> None:
    print(f"sdgkg: {message}", file=sys.stderr)
