"""``sdgkg report``: coordination networks, metrics, figures and a report, from the graph."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from build_graph.errors import SdgkgError

if TYPE_CHECKING:
    from build_graph.report.run import ReportResult

NAME = "report"
HELP = "analyse the coordination networks of the graph: exports, figures, report.md and .html"
DESCRIPTION = (
    "Read the knowledge graph (a file written by `sdgkg build`, such as dist/graph.nt; default: "
    "the bundled Hải Phòng plan, built in process), build its coordination networks through "
    "SPARQL, and write into DIR, replacing it whole once everything is written: GraphML and "
    "GEXF networks (named, coloured, sized and laid out for Gephi and Cytoscape), metrics and "
    "findings as CSV and JSON, figures as PNG and SVG, report.md and a self-contained "
    "report.html (accountability, the named measures, overlaps, gaps, the extraction's "
    "data-quality warnings; for a graph of several plans, each plan ranked on its own and the "
    "agencies compared across plans), and explorer.html, the networks to explore in a browser, "
    "offline. With --lang en vi, the report in both languages (report.html and report.vi.html, "
    "linked to each other). Exit code 0: written; 2: bad input."
)


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not in (0, 1]")
    return value


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--graph",
        type=Path,
        metavar="FILE",
        help="RDF graph file (.nt, .ttl, .nq, .trig, .rdf, .jsonld); default: "
        "the bundled plan, built in process",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--lang",
        choices=("en", "vi"),
        nargs="+",
        default=["en"],
        metavar="LANG",
        help="language(s) of the report, its figures and the explorer's first view: en or vi; "
        "several write the first as report.html and each other as report.LANG.html "
        "(default: en)",
    )
    parser.add_argument(
        "--jaccard",
        type=_fraction,
        default=0.5,
        metavar="X",
        help="report agency pairs whose target portfolios have a Jaccard index "
        "of at least X (default: 0.5)",
    )
    parser.add_argument(
        "--text-similarity",
        type=_fraction,
        default=0.5,
        metavar="X",
        help="report task pairs whose texts are at least X similar (default: 0.5)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def run(args: argparse.Namespace) -> int:
    from build_graph.report.run import run_report

    if args.out.exists() and not args.out.is_dir():
        raise SdgkgError(f"{args.out}: exists and is not a folder")
    if args.graph is not None and args.graph.resolve().is_relative_to(args.out.resolve()):
        raise SdgkgError(
            f"{args.out}: holds the graph file {args.graph} and would be replaced "
            f"whole; choose another folder, such as {args.graph.parent / 'report'}"
        )
    result = run_report(
        args.graph,
        args.out,
        lang=args.lang,
        jaccard=args.jaccard,
        text_similarity=args.text_similarity,
    )
    if not args.quiet:
        print(_summary(result, args.out))
    return 0


def _summary(result: ReportResult, out: Path) -> str:
    """One line: what was written, and the first agency by demand from other agencies in both
    readings (the old composite's first unit was a collective: no agency to brief on)."""
    analysis = result.analysis
    tops = []
    if analysis.findings is not None:
        for reading in ("inherited", "written"):
            rows = analysis.findings.sensitivity.baseline(reading)
            first = [r.label_en for r in rows if r.ranks.get("demand_tasks") == 1]
            tops.append(f"{', '.join(first) or '–'} ({reading})")
    demand = f"; most demanded agency: {' / '.join(tops)}" if tops else ""
    return (
        f"Report on {len(analysis.data.tasks)} tasks written to {out}/report.html "
        f"({len(result.files)} files; explorer: {out}/explorer.html){demand}; "
        f"{len(result.warnings.items)} extraction warnings"
    )
