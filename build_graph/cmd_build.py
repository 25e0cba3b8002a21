"""``sdgkg build``: extract → graph → validate, written whole into one folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from .cmd_extract import warn
from .errors import SdgkgError
from .resources import default_source
from .vocab import DEFAULT_BASE

NAME = "build"
HELP = "extract, build the RDF graph, validate it with SHACL, and write it all"
DESCRIPTION = (
    "Extract one or more plan documents (default: the bundled Hải Phòng plan), build the "
    "knowledge graph and validate it against the SHACL shapes. Writes graph.ttl, graph.nt, "
    "graph.jsonld, tables/, validation-report.ttl, validation-summary.md, the ontology and its "
    "JSON-LD context into DIR, replacing it whole once everything is written. Exit code 0: no "
    "SHACL violation (warnings and infos are reported); 1: violations; 2: bad input."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="plan documents")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--base",
        default=DEFAULT_BASE,
        metavar="IRI",
        help=f"base of the minted IRIs (default: {DEFAULT_BASE})",
    )
    parser.add_argument(
        "--validator",
        choices=["fast", "pyshacl"],
        default="fast",
        help="fast: the shapes as whole-graph SPARQL on pyoxigraph (default); pyshacl: the "
        "reference SHACL engine (same results, slower)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    from rdflib.namespace import SH

    from .build import run_build

    if not args.base.startswith(("http://", "https://")) or " " in args.base:
        raise SdgkgError(f"--base {args.base!r} is not an http(s) IRI")
    sources = args.sources or [default_source()]
    result = run_build(sources, args.out, base=args.base, validator=args.validator)
    for plan in result.plans:
        warn(plan.source, plan.irregularities)
    if not args.quiet:
        counts = result.validation.counts
        tasks = sum(len(plan.tasks) for plan in result.plans)
        print(
            f"Built {result.triples} triples from {len(result.plans)} plan(s), {tasks} tasks, "
            f"into {args.out}/; SHACL: {counts[SH.Violation]} violations, "
            f"{counts[SH.Warning]} warnings, {counts[SH.Info]} infos (validation-summary.md)"
        )
    return result.exit_code
