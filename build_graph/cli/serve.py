"""``sdgkg serve``: the graph over SPARQL (Oxigraph behind sdgkg's own front), until Ctrl-C."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from build_graph.errors import SdgkgError
from build_graph.sparql.oxigraph_server import LOOPBACK

if TYPE_CHECKING:  # imported when the command runs: the other commands start faster
    from build_graph.sparql.backends import BackendPool
    from build_graph.sparql.front import Front

NAME = "serve"
HELP = "serve the graph over SPARQL with Oxigraph (on 127.0.0.1, read-only, until Ctrl-C)"
DESCRIPTION = (
    "Serve the graph over SPARQL: the Oxigraph server (PyPI package oxigraph) behind a front "
    "that cuts off a query at --timeout seconds while the other clients go on being answered, "
    "answers with CORS headers when --cors is given, and makes the minted IRIs dereferenceable "
    "(a GET on /agency/hai-phong/so-y-te gives Turtle, JSON-LD or an HTML page, by content "
    "negotiation). Loads the bundled plan's graph with the ontology and the UN texts, or every "
    "--graph FILE given. It listens on 127.0.0.1 unless --bind says otherwise, and is "
    "read-only unless --writable is given. Prints the endpoint URL and runs until Ctrl-C (or "
    "SIGTERM), then stops the server and removes its store."
)
DEFAULT_TIMEOUT = 60.0


def register(parser: argparse.ArgumentParser) -> None:
    from build_graph.graph.vocab import DEFAULT_BASE

    parser.add_argument(
        "--graph",
        type=Path,
        action="append",
        metavar="FILE",
        help="RDF file to serve; repeat it to serve several (data and ontology) as one graph "
        "(default: the bundled plan's graph, ontology/sdgkg.ttl and ontology/un-sdg.ttl)",
    )
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
    parser.add_argument(
        "--cors",
        action="store_true",
        help="answer browsers of other sites (Access-Control-Allow-Origin: *; default: none)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"cut off a query after this many seconds (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=max(2, os.cpu_count() or 2),
        metavar="N",
        help="Oxigraph processes answering at once (default: the cores, at least 2)",
    )
    parser.add_argument(
        "--base",
        default=DEFAULT_BASE,
        metavar="IRI",
        help=f"the IRI base the served paths stand for (default {DEFAULT_BASE})",
    )


class _Stop(Exception):
    """SIGTERM, handled like Ctrl-C."""


def _on_term(signum: int, frame: FrameType | None) -> None:
    raise _Stop()


def run(args: argparse.Namespace) -> int:
    from build_graph.sparql.backends import BackendPool
    from build_graph.sparql.front import Front, FrontSettings
    from build_graph.sparql.oxigraph_server import port_in_use

    if not 0 <= args.port <= 65535:
        raise SdgkgError(f"--port {args.port} is not a port number")
    if args.timeout <= 0:
        raise SdgkgError(f"--timeout {args.timeout:g} is not a number of seconds above 0")
    if args.workers < 1:
        raise SdgkgError(f"--workers {args.workers} is not at least 1")
    if args.port and port_in_use(args.bind, args.port):
        raise SdgkgError(f"port {args.port} on {args.bind} is already in use")
    with tempfile.TemporaryDirectory(prefix="sdgkg-serve-") as scratch:
        graph, triples, names = _graph_file(args.graph, Path(scratch))
        pool = BackendPool(graph, args.workers, writable=args.writable)
        settings = FrontSettings(args.base, args.timeout, args.cors, args.writable)
        previous = signal.signal(signal.SIGTERM, _on_term)
        front: Front | None = None
        try:
            pool.start()
            try:
                front = Front((args.bind, args.port), pool, settings)
            except OSError as error:
                where = f"{args.bind}:{args.port}"
                raise SdgkgError(f"cannot listen on {where}: {error.strerror}") from None
            threading.Thread(target=front.serve_forever, daemon=True).start()
            _announce(args, front, pool, triples, names)
            stopped = threading.Event()
            while not stopped.wait(1.0):
                pass
        except (KeyboardInterrupt, _Stop):
            if front is not None:
                front.shutdown()
            print("Stopped the SPARQL server.", flush=True)
            return 0
        finally:
            if front is not None:
                front.server_close()
            pool.close()
            signal.signal(signal.SIGTERM, previous)
    return 0


def _announce(
    args: argparse.Namespace, front: Front, pool: BackendPool, triples: int, names: str
) -> None:
    host = f"[{args.bind}]" if ":" in args.bind else args.bind
    port = front.port
    mode = "read-write" if args.writable else "read-only"
    print(f"SPARQL endpoint: http://{host}:{port}/query", flush=True)
    print(
        f"  {triples} triples from {names}; {mode}; queries cut off after {args.timeout:g} s; "
        f"{'CORS open to every origin' if args.cors else 'no CORS'}; "
        f"{pool.size} Oxigraph processes, loaded in {pool.load_seconds:.2f} s, "
        f"up in {pool.start_seconds:.2f} s. IRIs under {args.base} are served at "
        f"http://{host}:{port}/. Ctrl-C stops it.",
        flush=True,
    )
    if args.bind not in (LOOPBACK, "localhost", "::1"):
        print(f"  warning: listening on {args.bind}, beyond this machine", file=sys.stderr)


def _graph_file(graphs: list[Path] | None, scratch: Path) -> tuple[Path, int, str]:
    """One N-Triples file of every graph given (each read and checked first, so that an error
    names the user's file), its triple count, and what it holds, for the banner."""
    import pyoxigraph as ox

    from build_graph.graph.bundled import bundled_ntriples
    from build_graph.graph.stores import load_files
    from build_graph.resources import resource_dir

    if graphs:
        store = load_files(graphs)
        names = ", ".join(str(g) for g in graphs)
    else:
        ontology = resource_dir("ontology")
        store = load_files([ontology / "sdgkg.ttl", ontology / "un-sdg.ttl"])
        store.bulk_load(bundled_ntriples(), format=ox.RdfFormat.N_TRIPLES)
        names = "the bundled plan, the ontology and the UN texts"
    path = scratch / "graph.nt"
    store.dump(str(path), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return path, len(store), names
