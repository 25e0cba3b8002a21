"""The ``sdgkg`` command line. Every error on bad input is one line on stderr and exit code 2."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rdflib.namespace import SH

from . import __version__
from .agencies import Registry, Resolver
from .atomic import atomic_directory
from .errors import SdgkgError
from .reader import read_plan
from .report import render_report
from .resources import default_source
from .tables import write_tables
from .vocab import DEFAULT_BASE

# Irregularities worth a warning on the terminal: the plan was read, but parts are missing.
WARN_KINDS = {
    "missing-appendix", "duplicate-appendix", "appendix-without-table", "table-without-header",
    "missing-metadata", "missing-appendix-list", "unresolved-partner", "lead-missing",
}  # fmt: skip


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sdgkg",
        description="Viet Nam's SDG action plans as a knowledge graph of agencies, targets and "
        "tasks.",
    )
    parser.add_argument("--version", action="version", version=f"sdgkg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser(
        "extract",
        help="read a plan document and write its tables and extraction report",
        description="Read a plan document (default: the bundled Hải Phòng plan) and write "
        "tasks.csv, task_partners.csv, agencies.csv, targets.csv, appendices.csv, headings.csv, "
        "irregularities.csv, plan.json and extraction-report.md into DIR. DIR is replaced as a "
        "whole, and only once everything has been written.",
    )
    extract.add_argument("source", nargs="?", type=Path, help="plan document (UTF-8 or UTF-16)")
    extract.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    extract.add_argument("-q", "--quiet", action="store_true", help="print errors only")

    build = commands.add_parser(
        "build",
        help="extract, build the RDF graph, validate it with SHACL, and write it all",
        description="Extract one or more plan documents (default: the bundled Hải Phòng plan), "
        "build the knowledge graph and validate it against the SHACL shapes. Writes graph.ttl, "
        "graph.nt, graph.jsonld, tables/, validation-report.ttl, validation-summary.md, the "
        "ontology and its JSON-LD context into DIR, replacing it whole once everything is "
        "written. Exit code 0: no SHACL violation (warnings and infos are reported); 1: "
        "violations; 2: bad input.",
    )
    build.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="plan documents")
    build.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    build.add_argument(
        "--base",
        default=DEFAULT_BASE,
        metavar="IRI",
        help=f"base of the minted IRIs (default: {DEFAULT_BASE})",
    )
    build.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    return parser


def _extract(args: argparse.Namespace) -> int:
    source = args.source or default_source()
    registry = Registry.load()
    plan = read_plan(source, resolver=Resolver(registry))
    with atomic_directory(args.out) as staging:
        write_tables(plan, registry, staging)
        (staging / "extraction-report.md").write_text(
            render_report(plan, registry), encoding="utf-8"
        )
    _warn(source, plan.irregularities)
    if not args.quiet:
        partners = sum(len(t.partners) for t in plan.tasks)
        print(
            f"Extracted {len(plan.appendices)} appendices, {len(plan.tasks)} tasks and "
            f"{partners} partner links from {source} into {args.out}/ "
            f"({len(plan.irregularities)} irregularities in extraction-report.md)"
        )
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import run_build

    if not args.base.startswith(("http://", "https://")) or " " in args.base:
        raise SdgkgError(f"--base {args.base!r} is not an http(s) IRI")
    sources = args.sources or [default_source()]
    result = run_build(sources, args.out, base=args.base)
    for plan in result.plans:
        _warn(plan.source, plan.irregularities)
    if not args.quiet:
        counts = result.validation.counts
        tasks = sum(len(plan.tasks) for plan in result.plans)
        print(
            f"Built {result.triples} triples from {len(result.plans)} plan(s), {tasks} tasks, "
            f"into {args.out}/; SHACL: {counts[SH.Violation]} violations, "
            f"{counts[SH.Warning]} warnings, {counts[SH.Info]} infos (validation-summary.md)"
        )
    return result.exit_code


def _warn(source: object, irregularities: list) -> None:
    for issue in irregularities:
        if issue.kind in WARN_KINDS:
            where = f"{source}:{issue.line}" if issue.line else str(source)
            print(f"sdgkg: warning: {where}: {issue.message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "build":
            return _build(args)
    except SdgkgError as exc:
        print(f"sdgkg: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        name = exc.filename or ""
        print(f"sdgkg: error: {name}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: still one line, with the traceback on request
        if os.environ.get("SDGKG_DEBUG"):
            raise
        print(
            f"sdgkg: internal error: {type(exc).__name__}: {exc} "
            "(set SDGKG_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 70
    return 2


if __name__ == "__main__":
    sys.exit(main())
