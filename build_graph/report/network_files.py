"""The report's networks as GraphML and GEXF files, dressed for Gephi and Cytoscape
(:mod:`.network_exports`): four networks in each view, the agency–task two-mode network, and
the co-assignment network of each reading of merged cells.

With several plans they are written by two forked workers while the figures are drawn and the
report process writes its tables and the explorer: at 63 plans the eleven networks hold
~230,000 ties, ~20 CPU-s of dressing and writing, and with one worker the report then waited
6-13 s for it alone, one core idle (a report of the 63-plan graph: 55.3 and 57.2 s with one,
51.1 and 54.6 s with two, alternated)."""

from __future__ import annotations

from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import networkx as nx

from build_graph.network.analysis import Analysis
from build_graph.network.graphs import ALL_UNITS, View, agency_task_network
from build_graph.network.readings import READINGS
from build_graph.report.findings_exports import coassignment
from build_graph.report.graphml import SUFFIXES, write_network
from build_graph.report.network_exports import UnitFacts, decorated
from build_graph.runtime.forked import fork_jobs

KINDS = ("coordination", "copartner", "agency-target", "agency-projection")
TWO_MODE = "agency-task"
WORKERS = 2  # the largest (agency-task, ~40 % of the work) beside all the others


def network_names(analysis: Analysis) -> list[str]:
    """The file names (without suffix) of every network the report writes, largest first."""
    names = [TWO_MODE]
    names += [f"{kind}-{view}" for view in analysis.views for kind in KINDS]
    if analysis.findings is not None:
        names += [f"coassignment-{reading}" for reading in READINGS]
    return names


def _network(name: str, analysis: Analysis) -> tuple[nx.Graph, str, View | None, bool]:
    """The network of a file name, its kind, its view (None for the co-assignments), and
    whether it was built here (not one of the analysis's own networks)."""
    if name == TWO_MODE:
        return agency_task_network(analysis.data, ALL_UNITS), TWO_MODE, None, True
    if name.startswith("coassignment-"):
        return coassignment(analysis, name.removeprefix("coassignment-")), name, None, True
    for view_name, view in analysis.views.items():
        if name.endswith(f"-{view_name}"):
            kind = name.removesuffix(f"-{view_name}")
            return view.networks()[kind], kind, view.view, False
    raise ValueError(f"no network is named {name}")


def write_named(
    name: str, analysis: Analysis, folder: Path, facts: UnitFacts | None, day: str | None
) -> list[Path]:
    """Build, dress and write one network; its two files."""
    graph, kind, view, own = _network(name, analysis)
    shown = decorated(graph, kind, view, facts, own) if facts is not None else graph
    return write_network(shown, folder, name, day)


class NetworkWriting:
    """The network files being written, by one forked worker when ``forked`` (several plans),
    else in :meth:`wait`; :meth:`wait` for their paths."""

    def __init__(
        self,
        analysis: Analysis,
        out: Path,
        facts: UnitFacts | None,
        day: str | None,
        forked: bool,
    ) -> None:
        self.analysis, self.facts, self.day = analysis, facts, day
        self.folder = out / "networks"
        self.names = network_names(analysis)
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[Future[list[Path]]] = []
        if forked:
            started = fork_jobs(
                write_named, (analysis, self.folder, facts, day), self.names, WORKERS
            )
            if started is not None:
                self.pool, self.pending = started

    def paths(self) -> list[Path]:
        """The files :meth:`wait` gives, in its order, known before they are written."""
        return [self.folder / f"{name}.{suffix}" for name in self.names for suffix in SUFFIXES]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def wait(self) -> list[Path]:
        if self.pool is None:
            return [
                path
                for name in self.names
                for path in write_named(name, self.analysis, self.folder, self.facts, self.day)
            ]
        with self.pool:
            return [path for future in self.pending for path in future.result()]
