"""``sdgkg build``: extract → graph → validate, written whole into one folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_graph.cli.extract import warn
from build_graph.errors import SdgkgError
from build_graph.graph.vocab import DEFAULT_BASE, is_iri_base
from build_graph.publish.facts import DEFAULT_PUBLISHER, BundleSettings, check_email, check_http_url
from build_graph.resources import default_source

# The documents a folder given to --sources holds (the formats read_plan reads).
PLAN_SUFFIXES = {
    ".txt",
    ".html",
    ".htm",
    ".docx",
    ".xlsx",
    ".pdf",
    ".tsv",
    ".doc",
    ".odt",
    ".rtf",
    ".xls",
}
# What a publisher chooses for the bundle: (option, metavar, default, help).
PUBLICATION_OPTIONS = (
    (
        "--download-base",
        "URL",
        None,
        "where the files of DIR will be published: every download URL of the catalogue is this "
        "URL plus the file's path (default: BASE + download/)",
    ),
    (
        "--sparql-endpoint",
        "URL",
        None,
        "a SPARQL endpoint serving the graph, described in the catalogue and in VoID",
    ),
    (
        "--publisher",
        "NAME",
        DEFAULT_PUBLISHER,
        f"publisher and contact of the data set (default: {DEFAULT_PUBLISHER})",
    ),
    ("--contact-email", "ADDRESS", None, "e-mail address of the contact point"),
)
NAME = "build"
HELP = "extract, build the RDF graph, validate it with SHACL, and write it all"
DESCRIPTION = (
    "Extract one or more plan documents (default: the bundled Hải Phòng plan), build the "
    "knowledge graph and validate it against the SHACL shapes. Writes graph.ttl, graph.nt, "
    "graph.jsonld, tables/, validation-report.ttl, validation-summary.md, the ontology and its "
    "JSON-LD context into DIR, with the open-data bundle that describes them (catalog.ttl in "
    "DCAT-AP 3, void.ttl, CSVW metadata, datapackage.json, index.html and a ZIP of it all), "
    "replacing DIR whole once everything is written. Dates come from SOURCE_DATE_EPOCH when "
    "it is set, else from the plan's date. Exit code 0: no SHACL violation (warnings and "
    "infos are reported); 1: violations; 2: bad input; 3: with --keep-going, built without "
    "the plans that could not be read."
)


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="plan documents")
    parser.add_argument(
        "--sources",
        dest="sources_dir",
        type=Path,
        metavar="DIR",
        help="also build every plan document in DIR (any supported format; sorted by name)",
    )
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
    parser.add_argument(
        "--shapes",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="also validate against these SHACL shapes (any RDF syntax; repeatable); when the "
        "fast validator cannot run them, pyshacl does, with a notice",
    )
    for flag, metavar, default, text in PUBLICATION_OPTIONS:
        parser.add_argument(flag, metavar=metavar, default=default, help=text)
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="leave out a plan that cannot be read (named on stderr and in "
        "validation-summary.md; exit code 3) instead of stopping the build",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    from rdflib.namespace import SH

    from build_graph.pipeline.build import run_build

    if not is_iri_base(args.base):
        raise SdgkgError(f"--base {args.base!r} is not an http(s) IRI")
    bundle = bundle_settings(args)
    sources = list(args.sources)
    if args.sources_dir is not None:
        if not args.sources_dir.is_dir():
            raise SdgkgError(f"{args.sources_dir}: --sources needs a folder of plan documents")
        found = sorted(p for p in args.sources_dir.iterdir() if p.suffix.lower() in PLAN_SUFFIXES)
        if not found:
            raise SdgkgError(
                f"{args.sources_dir}: no plan document in the folder "
                f"({', '.join(sorted(PLAN_SUFFIXES))})"
            )
        sources += found
    sources = sources or [default_source()]
    result = run_build(
        sources,
        args.out,
        base=args.base,
        validator=args.validator,
        bundle=bundle,
        keep_going=args.keep_going,
        shapes=args.shapes,
    )
    for plan in result.plans:
        warn(plan.source, plan.irregularities, plan.source_refs)
    for error in result.refused:
        print(f"sdgkg: refused: {error}", file=sys.stderr)
    if not args.quiet:
        counts = result.validation.counts
        tasks = sum(len(plan.tasks) for plan in result.plans)
        print(
            f"Built {result.triples} triples from {len(result.plans)} plan(s), {tasks} tasks, "
            f"into {args.out}/; SHACL: {counts[SH.Violation]} violations, "
            f"{counts[SH.Warning]} warnings, {counts[SH.Info]} infos (validation-summary.md)"
        )
    return result.exit_code


def bundle_settings(args: argparse.Namespace) -> BundleSettings:
    """The publication settings, checked before anything is built."""
    for option, value in (
        ("--download-base", args.download_base),
        ("--sparql-endpoint", args.sparql_endpoint),
    ):
        if value is not None:
            check_http_url(option, value)
    if args.contact_email is not None:
        check_email(args.contact_email)
    if not args.publisher.strip():
        raise SdgkgError("--publisher must not be empty")
    return BundleSettings(
        base=args.base,
        download_base=args.download_base or "",
        sparql_endpoint=args.sparql_endpoint,
        publisher=args.publisher.strip(),
        contact_email=args.contact_email,
    )
