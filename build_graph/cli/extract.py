"""``sdgkg extract``: the plan's tables and extraction report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from build_graph.model.agencies import Registry
from build_graph.model.plan import Irregularity
from build_graph.read.partners import Resolver
from build_graph.read.reader import read_plan
from build_graph.resources import default_source
from build_graph.runtime.atomic import atomic_directory
from build_graph.tables.extraction_report import render_extraction_report
from build_graph.tables.write import write_tables

NAME = "extract"
HELP = "read a plan document and write its tables and extraction report"
DESCRIPTION = (
    "Read a plan document (default: the bundled Hải Phòng plan) and write tasks.csv, "
    "task_partners.csv, agencies.csv, targets.csv, appendices.csv, headings.csv, "
    "irregularities.csv, plan.json and extraction-report.md into DIR. DIR is replaced as a "
    "whole, and only once everything has been written."
)

# Irregularities worth a warning on the terminal: the plan was read, but parts are missing.
WARN_KINDS = {
    "missing-appendix",
    "duplicate-appendix",
    "appendix-without-table",
    "table-without-header",
    "missing-metadata",
    "missing-appendix-list",
    "unresolved-partner",
    "lead-missing",
    "encoding-repaired",
}


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source",
        nargs="?",
        type=Path,
        help="plan document: text or HTML, DOCX, XLSX, tab-separated text, PDF with a text "
        "layer; DOC, ODT or RTF through LibreOffice",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")


def warn(
    source: object, irregularities: list[Irregularity], refs: dict[int, str] | None = None
) -> None:
    """Warnings name the file and the place (a text's line; a table cell, a page), like errors,
    but the command goes on."""
    refs = refs or {}
    for issue in irregularities:
        if issue.kind in WARN_KINDS:
            if issue.line is not None and issue.line in refs:
                where = f"{source} ({refs[issue.line]})"
            else:
                where = f"{source}:{issue.line}" if issue.line else str(source)
            print(f"sdgkg: warning: {where}: {issue.message}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    source = args.source or default_source()
    registry = Registry.load()
    plan = read_plan(source, resolver=Resolver(registry))
    with atomic_directory(args.out) as staging:
        write_tables(plan, registry, staging)
        (staging / "extraction-report.md").write_text(
            render_extraction_report(plan, registry), encoding="utf-8"
        )
    warn(source, plan.irregularities, plan.source_refs)
    if not args.quiet:
        partners = sum(len(t.partners) for t in plan.tasks)
        print(
            f"Extracted {len(plan.appendices)} appendices, {len(plan.tasks)} tasks and "
            f"{partners} partner links from {source} into {args.out}/ "
            f"({len(plan.irregularities)} irregularities in extraction-report.md)"
        )
    return 0
