"""The data-quality warnings of the extraction, for the report: where they come from, and what
they say.

Preferred source: ``tables/irregularities.csv`` written by ``sdgkg build`` beside the graph file
(``tables/<plan>/irregularities.csv`` for several plans): it is what the graph was built from.
Otherwise the plan is re-extracted from the source document the graph names (the file name in
the source's ``dcterms:title``), looked up beside the graph and among the bundled sources.
The report says which of the two it used.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from build_graph.model.plan import Irregularity
from build_graph.network.data import NetworkData
from build_graph.resources import data_file


@dataclass
class ExtractionWarnings:
    """The irregularities of every plan, and a sentence saying where they were read."""

    origin: str
    items: list[Irregularity] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    @property
    def available(self) -> bool:
        return bool(self.files) or bool(self.items)


def read_irregularities(path: Path) -> list[Irregularity]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Irregularity(
                row["kind"],
                int(row["line"]) if row.get("line") else None,
                row["message"],
                row.get("raw", ""),
                row.get("reading", ""),
            )
            for row in csv.DictReader(handle)
        ]


def tables_beside(graph_path: Path) -> list[Path]:
    """``irregularities.csv`` files of a ``sdgkg build`` folder holding ``graph_path``."""
    tables = graph_path.parent / "tables"
    direct = tables / "irregularities.csv"
    if direct.is_file():
        return [direct]
    return sorted(tables.glob("*/irregularities.csv")) if tables.is_dir() else []


def source_candidates(graph_path: Path | None, title: str) -> list[Path]:
    """Where the source document named ``title`` may be: beside the graph, then bundled."""
    title = Path(title).name  # a file name, never a path out of the folders searched
    places = []
    if graph_path is not None:
        places += [graph_path.parent / title, graph_path.parent.parent / title]
    places.append(data_file(f"sources/{title}"))
    return [p for p in places if p.is_file()]


def load_warnings(graph_path: Path | None, data: NetworkData) -> ExtractionWarnings:
    """The warnings from the tables beside the graph, else re-extracted from the source."""
    if graph_path is not None:
        files = tables_beside(graph_path)
        if files:
            names = ", ".join(f"`{p.relative_to(graph_path.parent)}`" for p in files)
            return ExtractionWarnings(
                f"read from {names} beside the graph file (written by `sdgkg build` with it)",
                [item for path in files for item in read_irregularities(path)],
                files,
            )
    from build_graph.model.agencies import Registry
    from build_graph.read.partners import Resolver
    from build_graph.read.reader import read_plan

    items: list[Irregularity] = []
    used: list[Path] = []
    missing: list[str] = []
    resolver: Resolver | None = None
    for plan in data.plans.values():
        found = source_candidates(graph_path, plan.source_title) if plan.source_title else []
        if not found:
            missing.append(plan.source_title or plan.iri)
            continue
        resolver = resolver or Resolver(Registry.load())
        items += read_plan(found[0], resolver=resolver).irregularities
        used.append(found[0])
    if not used:
        return ExtractionWarnings(
            "not available: no tables/irregularities.csv beside the graph, and the source "
            f"document(s) it names ({', '.join(missing) or 'none'}) were not found"
        )
    origin = "re-extracted from the source document(s) the graph names: " + ", ".join(
        f"`{p.name}`" for p in used
    )
    if missing:
        origin += f" (not found: {', '.join(missing)})"
    return ExtractionWarnings(origin, items, used)
