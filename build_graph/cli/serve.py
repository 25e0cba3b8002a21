"""``sdgkg serve``: an Oxigraph SPARQL server loaded with the graph, until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from pathlib import Path
from types import FrameType

from build_graph.errors import SdgkgError
from build_graph.sparql.oxigraph_server import LOOPBACK

NAME = "serve"
HELP = "serve the graph over SPARQL with Oxigraph (on 127.0.0.1, read-only, until Ctrl-C)"
DESCRIPTION = (
    "Start the Oxigraph SPARQL server (PyPI package oxigraph) with the graph loaded: the "
    "bundled plan's graph, or --graph FILE. It listens on 127.0.0.1 unless --bind says "
    "otherwise, and is read-only unless --writable is given. Prints the endpoint URL and runs "
    "until Ctrl-C (or SIGTERM), then stops the server and removes its store."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", type=Path, metavar="FILE", help="RDF file to serve")
    parser.add_argument(
        "--port", type=int, default=7878, metavar="N", help="port (default 7878; 0: any free)"
    )
    parser.add_argument(
        "--bind",
        default=LOOPBACK,
        metavar="HOST",
        help=f"address to listen on (default {LOOPBACK}: this machine only; 0.0.0.0 opens the "
        "server to the network)",
    )
    parser.add_argument(
        "--writable",
        action="store_true",
        help="accept SPARQL Update and Graph Store writes (default: read-only)",
    )


class _Stop(Exception):
    """SIGTERM, handled like Ctrl-C."""


def _on_term(signum: int, frame: FrameType | None) -> None:
    raise _Stop()


def run(args: argparse.Namespace) -> int:
    from build_graph.sparql.oxigraph_server import OxigraphServer

    if not 0 <= args.port <= 65535:
        raise SdgkgError(f"--port {args.port} is not a port number")
    with tempfile.TemporaryDirectory(prefix="sdgkg-serve-") as scratch:
        graph, triples = _graph_file(args.graph, Path(scratch))
        server = OxigraphServer(graph, host=args.bind, port=args.port, writable=args.writable)
        previous = signal.signal(signal.SIGTERM, _on_term)
        try:
            server.start()
            mode = "read-write" if args.writable else "read-only"
            print(f"SPARQL endpoint: {server.query_url}", flush=True)
            print(
                f"  {triples} triples from {args.graph or 'the bundled plan'}; {mode}; "
                f"loaded in {server.load_seconds:.2f} s, up in {server.start_seconds:.2f} s. "
                "Ctrl-C stops it.",
                flush=True,
            )
            if args.bind not in (LOOPBACK, "localhost", "::1"):
                print(f"  warning: listening on {args.bind}, beyond this machine", file=sys.stderr)
            assert server.process is not None
            code = server.process.wait()
            raise SdgkgError(f"the oxigraph server stopped by itself (exit code {code})")
        except (KeyboardInterrupt, _Stop):
            server.stop()
            print("Stopped the SPARQL server.", flush=True)
            return 0
        finally:
            server.stop()
            signal.signal(signal.SIGTERM, previous)


def _graph_file(graph: Path | None, scratch: Path) -> tuple[Path, int]:
    """A file oxigraph can bulk-load, checked first so that errors name the user's file."""
    from build_graph.graph.ntriples import serialize
    from build_graph.sparql.engines import load_triples

    triples = set(load_triples(graph))
    if graph is not None and graph.suffix.lower() in (".nt", ".ttl", ".nq", ".trig", ".rdf"):
        return graph, len(triples)
    path = scratch / "graph.nt"
    path.write_text(serialize(triples), encoding="utf-8")
    return path, len(triples)
