"""``sdgkg names``: the names of a plan the registry did not know, or knew only by a close
spelling, to check a province's names and grow its supplement (data/provinces/<province>.csv)."""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from build_graph.resources import default_source

NAME = "names"
HELP = "list the names of a plan that matched no agency, or matched by a close spelling"
DESCRIPTION = (
    "Read plan documents (default: the bundled plan) and list every partner or lead name that "
    "matched no agency of the plan's province (unresolved, with the nearest agency as a "
    "suggestion) or matched only by a close spelling (fuzzy). Add what is right to the "
    "province's supplement, data/provinces/<province>.csv, and run again. Exit code 0."
)
COLUMNS = ["source", "province", "how", "raw", "agency_id", "agency", "nearest", "count", "where"]


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("sources", nargs="*", type=Path, metavar="SOURCE", help="plan documents")
    parser.add_argument("--format", choices=["table", "csv"], default="table", help="output")


def rows(source: Path) -> list[dict[str, object]]:
    """The unresolved and fuzzy names of one plan, most frequent first."""
    from build_graph.model.agencies import Registry
    from build_graph.read.partners import Resolver
    from build_graph.read.reader import read_plan

    plan = read_plan(source, resolver=Resolver(Registry.load()))
    registry = Registry.load().for_plan(plan.metadata)
    counts: Counter[tuple[str, str, str]] = Counter()
    first: dict[tuple[str, str, str], int] = {}
    for task in plan.tasks:
        for cell, mentions in ((task.partner_cell, task.partners), (task.lead_cell, task.leads)):
            for mention in mentions:
                if mention.how in ("unresolved", "fuzzy"):
                    key = (mention.how, mention.raw, mention.agency_id)
                    counts[key] += 1
                    line = cell.cell.line if cell.cell else task.line
                    first.setdefault(key, line)
    out: list[dict[str, object]] = []
    for (how, raw, agency_id), count in counts.most_common():
        agency = registry.agencies.get(agency_id)
        nearest = registry.nearest(raw) if how == "unresolved" else None
        line = first[(how, raw, agency_id)]
        out.append(
            {
                "source": str(source),
                "province": registry.place,
                "how": how,
                "raw": raw,
                "agency_id": agency_id,
                "agency": agency.name_vi if agency else "",
                "nearest": f"{nearest.name_vi} ({nearest.agency_id})" if nearest else "",
                "count": count,
                "where": plan.source_refs.get(line) or f"line {line}",
            }
        )
    return out


def run(args: argparse.Namespace) -> int:
    found = [row for source in (args.sources or [default_source()]) for row in rows(source)]
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(found)
        return 0
    if not found:
        print("Every name resolved exactly.")
        return 0
    for row in found:
        target = row["agency"] or row["nearest"]
        label = "read as" if row["how"] == "fuzzy" else "nearest"
        print(
            f"{row['how']:<10} ×{row['count']:<3} {row['raw']!r} ({row['province']}, "
            f"{row['where']}) — {label}: {target or '–'}"
        )
    return 0
