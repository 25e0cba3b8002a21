"""``sdgkg query``: run a library query (or any .rq file) on the graph or on an endpoint."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from build_graph.errors import SdgkgError

if TYPE_CHECKING:  # imported when a query runs: --list and --help start faster
    from build_graph.sparql.library import Term
    from build_graph.sparql.nearby import Asking

NAME = "query"
HELP = "run a SPARQL query of the library (or a .rq file) on the graph or on an endpoint"
DESCRIPTION = (
    "Run a query of the library (sdgkg query --list shows them) or any .rq file, on the graph "
    "of the bundled plan (default), on a graph file (--graph), or on a SPARQL endpoint "
    "(--endpoint). Parameters (--param name=value) are bound as RDF terms, never pasted into "
    "the query text; an IRI parameter the graph does not hold is warned about, with its near "
    "matches. The embedded engine is pyoxigraph; --store rdflib uses rdflib (the reference). "
    "The project's prefixes (sdgkg:, skos:, agency:, plan:, vsdg: …) are known to every "
    "query. SPARQL Update is refused unless --allow-update is given. Exit code 0: answered; "
    "2: bad input, bad query or endpoint error."
)


def register(parser: argparse.ArgumentParser) -> None:
    from build_graph.sparql.output import FORMATS

    parser.add_argument("query", nargs="?", metavar="NAME|FILE", help="library name or .rq file")
    parser.add_argument("--list", action="store_true", help="list the library's queries")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--graph",
        type=Path,
        action="append",
        metavar="FILE",
        help="RDF file to query (.nt, .ttl, .jsonld, …); repeat it to query several files "
        "together, such as the graph and ontology/un-sdg.ttl (default: the bundled plan's graph)",
    )
    source.add_argument("--endpoint", metavar="URL", help="SPARQL endpoint to query instead")
    parser.add_argument(
        "--store",
        choices=["rdflib", "oxigraph"],
        default=None,
        help="embedded engine (default: oxigraph; rdflib is the slower reference)",
    )
    parser.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a parameter (repeatable); IRIs as <…>, full IRIs or prefix:local "
        "(agency:hai-phong/so-y-te)",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default="table",
        help="output format: table, csv, tsv, json, xml, md for SELECT (and ASK); turtle, "
        "ntriples (and table, csv, json, md) for CONSTRUCT and DESCRIBE",
    )
    parser.add_argument("--out", "-o", type=Path, metavar="FILE", help="write here, not stdout")
    parser.add_argument(
        "--default-graph",
        metavar="IRI",
        help="with --endpoint: the named graph to query as the default graph",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="with --endpoint: seconds to wait for each answer (default 60)",
    )
    parser.add_argument(
        "--allow-update",
        action="store_true",
        help="run a SPARQL Update (refused otherwise); embedded: in memory only",
    )
    parser.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="with --endpoint and --allow-update: where updates go (found for Oxigraph and "
        "Virtuoso); credentials from SDGKG_SPARQL_USER and SDGKG_SPARQL_PASSWORD",
    )


def run(args: argparse.Namespace) -> int:
    from build_graph.sparql.library import find_query, library

    if args.list:
        print(_listing(library().values()), end="")
        return 0
    if not args.query:
        raise SdgkgError("give a query name or .rq file (sdgkg query --list shows the library)")
    if args.endpoint and args.store:
        raise SdgkgError("--store chooses an embedded engine; it does not go with --endpoint")
    query = find_query(args.query)
    text = execute(query, args)
    if text is not None:
        write_output(text, args.out)
    return 0


def execute(query: object, args: argparse.Namespace) -> str | None:
    """Run the query as the arguments say; the rendered answer (None for an update)."""
    from build_graph.sparql.engines import (
        DEFAULT_ENGINE,
        UPDATE,
        open_engine,
        oxigraph_form,
        query_form,
    )
    from build_graph.sparql.library import LibraryQuery, bind
    from build_graph.sparql.output import check_format, render

    assert isinstance(query, LibraryQuery)
    where = str(query.path)
    store = args.store or DEFAULT_ENGINE
    embedded_oxigraph = not args.endpoint and store == "oxigraph"
    form = (oxigraph_form if embedded_oxigraph else query_form)(query.text, where)
    bindings = bind(query, args.param)
    if form == UPDATE:
        if not args.allow_update:
            raise SdgkgError(
                f"{where}: this is a SPARQL Update; sdgkg query runs updates only with "
                "--allow-update"
            )
        if bindings:
            raise SdgkgError(f"{where}: parameters are bound in queries only, not in updates")
        _update(query.text, args)
        return None
    check_format(form, args.format)
    if args.endpoint:
        from build_graph.sparql.remote import RemoteEngine, RetryPolicy

        remote = RemoteEngine(
            args.endpoint,
            default_graph=args.default_graph,
            timeout=args.timeout,
            retry=RetryPolicy(on_retry=_notice),
        )
        _warn_missing(remote, bindings)
        result = remote.query(query.text, bindings)
    else:
        engine = open_engine(store, args.graph)
        _warn_missing(engine, bindings)
        try:
            result = engine.query(query.text, bindings, where)
        except SdgkgError:
            raise
        except Exception as exc:  # the engine's own error for a query it cannot run
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SdgkgError(f"{where}: {engine.name} cannot run the query: {message}") from None
    return render(result, args.format, query.prefixes)


def _warn_missing(engine: Asking, bindings: Mapping[str, Term]) -> None:
    """A warning on stderr for each IRI parameter the graph does not hold."""
    from build_graph.sparql.nearby import missing_parameter_warnings

    for warning in missing_parameter_warnings(engine, bindings):
        print(f"sdgkg: warning: {warning}", file=sys.stderr)


def _notice(message: str) -> None:
    print(f"sdgkg: {message}", file=sys.stderr)


def _update(text: str, args: argparse.Namespace) -> None:
    if args.endpoint:
        from build_graph.sparql.graph_store import Http, discover, send_update
        from build_graph.sparql.remote import Credentials, RetryPolicy

        credentials = Credentials.from_environment()
        http = Http(credentials, args.timeout, RetryPolicy(on_retry=_notice))
        endpoints = discover(
            args.endpoint,
            http,
            update=args.update_endpoint,
            store=args.update_endpoint or args.endpoint,
            authenticated=credentials is not None,
        )
        send_update(endpoints, http, text)
        print(f"Update sent to {endpoints.update}", file=sys.stderr)
        return
    from build_graph.sparql.engines import DEFAULT_ENGINE, open_engine

    engine = open_engine(args.store or DEFAULT_ENGINE, args.graph)
    before = len(engine)
    try:
        engine.update(text)
    except Exception as exc:
        raise SdgkgError(f"{engine.name} cannot run the update: {exc}") from None
    source = ", ".join(str(g) for g in args.graph) if args.graph else "the bundled plan's graph"
    print(
        f"Update run in memory: {before} → {len(engine)} triples ({source} is not changed)",
        file=sys.stderr,
    )


def _listing(queries: object) -> str:
    lines = []
    for query in queries:  # type: ignore[attr-defined]
        params = ", ".join(
            f"{p.name}={p.default}" if p.default is not None else f"{p.name}?"
            for p in query.parameters
        )
        entry = f"{query.name}\n    {query.title}"
        lines.append(entry + (f"\n    parameters: {params}" if params else ""))
    return "\n".join(lines) + "\n"


def write_output(text: str, out: Path | None) -> None:
    """To stdout, or to a file that appears whole (a temporary file renamed into place), with
    the permissions the umask gives a new file (0644 under the usual 022)."""
    from build_graph.runtime.atomic import atomic_write_bytes

    if out is None:
        sys.stdout.write(text)
        return
    out = out.expanduser()
    if out.is_dir():
        raise SdgkgError(f"{out}: is a folder, not a file")
    atomic_write_bytes(out, text.encode("utf-8"))
