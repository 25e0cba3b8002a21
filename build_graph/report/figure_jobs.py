"""The report's figures: which to draw, and drawing them, in parallel where cores allow."""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import networkx as nx

from build_graph.network.analysis import Analysis
from build_graph.network.graphs import NAMED_UNITS
from build_graph.network.merged import merged_by_registry, merged_portfolios
from build_graph.network.metrics import AgencyMetrics
from build_graph.runtime.forked import fork_jobs


def _shown(network: nx.DiGraph) -> str:
    """The caption's note when a network figure draws only the most loaded units."""
    from build_graph.report.network_plot import NETWORK_MAX_NODES

    if len(network) <= NETWORK_MAX_NODES:
        return ""
    return f" The {NETWORK_MAX_NODES} most loaded of {len(network)} units are drawn."


Merged = dict[str, tuple[nx.DiGraph, list[AgencyMetrics]]]


def merged_views(analysis: Analysis) -> Merged:
    """View name → its coordination network and metrics rows with units merged across plans
    (``merged_by_registry``), which the figures of several plans draw; empty for one plan.
    Computed once, before the figures are drawn."""
    if analysis.per_plan is None:
        return {}
    registry = analysis.per_plan.registry
    return {
        name: merged_by_registry(view.coordination, view.metrics, registry)
        for name, view in analysis.views.items()
    }


def figure_jobs(
    analysis: Analysis, merged: Merged | None = None
) -> list[tuple[str, str, str, str]]:
    """``(stem, drawing, view, caption)`` of every figure of the report."""
    merged = merged_views(analysis) if merged is None else merged
    jobs = []
    note = (
        f", each unit merged across the {len(analysis.data.plans)} plans by its registry id"
        if merged
        else ""
    )
    for name, view in analysis.views.items():
        title = view.view.title
        shown = _shown(merged[name][0] if merged else view.coordination)
        for colour, what in (("kind", "kind of unit"), ("community", "Louvain community")):
            jobs.append(
                (
                    f"coordination-{name}-{colour}",
                    f"network-{colour}",
                    name,
                    f"Coordination network ({title}){note}: node area = tasks, colour = "
                    f"{what}." + shown,
                )
            )
        jobs.append(
            (f"partner-load-{name}", "partner-load", name, f"Top partner load ({title}){note}.")
        )
        jobs.append(
            (
                f"goal-heatmap-{name}",
                "goal-heatmap",
                name,
                f"Agency × SDG goal heatmap ({title}){note}.",
            )
        )
    jobs.append(
        (
            "target-overlap",
            "target-overlap",
            NAMED_UNITS.name,
            f"Target-overlap matrix (named units only){note}.",
        )
    )
    jobs.append(
        (
            "period-timeline",
            "period-timeline",
            "",
            "Tasks by the periods they name, each task counted once (tasks without a period "
            "included).",
        )
    )
    if analysis.findings is not None:
        jobs.append(
            (
                "rank-ranges",
                "rank-ranges",
                "",
                "Rank ranges of the top agencies by demand, leads served and brokerage over every "
                "reading of the plan (bar: best to worst rank; circle: inherited reading; square: "
                "written reading).",
            )
        )
    return jobs


def draw(
    job: tuple[str, str, str, str], analysis: Analysis, folder: Path, lang: str, merged: Merged
) -> None:
    """Draw one figure of :func:`figure_jobs` into ``folder``; ``merged``: :func:`merged_views`."""
    from build_graph.report import charts, network_plot

    stem, drawing, name, _ = job
    view = analysis.views.get(name)
    if view is not None and drawing.startswith(("network-", "partner-load")):
        network, rows = merged[name] if merged else (view.coordination, view.metrics)
        if drawing == "partner-load":
            charts.partner_load_figure(rows, view.view, folder, stem, lang=lang)
        else:
            network_plot.network_figure(
                network,
                rows,
                view.view,
                folder,
                stem,
                colour_by=drawing.split("-", 1)[1],
                lang=lang,
            )
    elif drawing == "goal-heatmap" and view is not None:
        data = analysis.data
        if merged:
            charts.goal_heatmap(
                data,
                merged[name][1],
                view.view,
                folder,
                stem,
                lang=lang,
                key=lambda iri: data.agent(iri).identifier,
            )
        else:
            charts.goal_heatmap(data, view.metrics, view.view, folder, stem, lang=lang)
    elif drawing == "target-overlap" and view is not None:
        per_plan = analysis.per_plan
        units = (
            merged_portfolios(analysis.data, view.view, per_plan.registry)
            if merged and per_plan is not None
            else None
        )
        charts.overlap_matrix(analysis.data, view.view, folder, stem, lang=lang, units=units)
    elif drawing == "period-timeline":
        charts.period_timeline(analysis.data, folder, stem, lang=lang)
    elif drawing == "rank-ranges":
        from build_graph.report.rank_figure import rank_range_figure

        rank_range_figure(analysis, folder, stem, lang=lang)


# a drawing's relative cost (national report: networks, heatmaps and the overlap matrix take
# 1.1-2.0 CPU-s each, the partner loads and the timeline 0.4-0.6)
_COST = {"network-kind": 3, "network-community": 3, "goal-heatmap": 3, "target-overlap": 3}


class FigureDrawing:
    """Figures being drawn while the caller does other work; :meth:`wait` for the captions.

    Drawing is CPU-bound and each figure independent, so on a machine with several cores the
    figures are drawn by forked worker processes, which inherit the analysis instead of being
    sent it, while the report process writes its exports (a national report: ~14 CPU-s of
    drawing beside ~6 s of exports). ``workers=1`` (or a platform without ``fork``) draws them
    one by one in :meth:`wait`.
    """

    def __init__(
        self, analysis: Analysis, out: Path, lang: str, workers: int | None = None
    ) -> None:
        self.analysis, self.lang = analysis, lang
        self.folder = out / "figures"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.merged = merged_views(analysis)
        self.jobs = figure_jobs(analysis, self.merged)
        workers = workers or min(4, os.cpu_count() or 1)
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[Future[str]] = []
        if workers > 1:
            # the slow drawings first, so that the last one to finish is a short one
            slow_first = sorted(self.jobs, key=lambda job: -_COST.get(job[1], 1))
            arguments = (analysis, self.folder, lang, self.merged)
            started = fork_jobs(draw, arguments, slow_first, workers)
            if started is not None:
                self.pool, self.pending = started

    def close(self) -> None:
        """Stop the workers (after an error on the way: the figures not started are dropped)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def wait(self) -> dict[str, str]:
        """Every figure drawn as PNG and SVG; PNG path (relative to ``out``) → caption."""
        if self.pool is None:
            for job in self.jobs:
                draw(job, self.analysis, self.folder, self.lang, self.merged)
        else:
            with self.pool:
                for future in self.pending:
                    future.result()
        return {f"figures/{stem}.png": caption for stem, _, _, caption in self.jobs}
