"""The report's figures: which to draw, and drawing them, in parallel where cores allow."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import networkx as nx

from .analysis import Analysis
from .merged_network import merged_by_registry, merged_portfolios
from .networks import NAMED_UNITS


def _shown(network: nx.DiGraph) -> str:
    """The caption's note when a network figure draws only the most loaded units."""
    from .figures import NETWORK_MAX_NODES

    if len(network) <= NETWORK_MAX_NODES:
        return ""
    return f" The {NETWORK_MAX_NODES} most loaded of {len(network)} units are drawn."


def _merged(analysis: Analysis) -> bool:
    """With several plans, the network and partner-load figures merge units across plans."""
    return analysis.per_plan is not None


def figure_jobs(analysis: Analysis) -> list[tuple[str, str, str, str]]:
    """``(stem, drawing, view, caption)`` of every figure of the report."""
    jobs = []
    plans = len(analysis.data.plans)
    merged = (
        f", each unit merged across the {plans} plans by its registry id"
        if _merged(analysis)
        else ""
    )
    for name, view in analysis.views.items():
        title = view.view.title
        shown = (
            _shown(merged_by_registry(view.coordination, view.metrics)[0])
            if merged
            else (_shown(view.coordination))
        )
        for colour, what in (("kind", "kind of unit"), ("community", "Louvain community")):
            jobs.append(
                (
                    f"coordination-{name}-{colour}",
                    f"network-{colour}",
                    name,
                    f"Coordination network ({title}){merged}: node area = tasks, colour = "
                    f"{what}." + shown,
                )
            )
        jobs.append(
            (f"partner-load-{name}", "partner-load", name, f"Top partner load ({title}){merged}.")
        )
        jobs.append(
            (
                f"goal-heatmap-{name}",
                "goal-heatmap",
                name,
                f"Agency × SDG goal heatmap ({title}){merged}.",
            )
        )
    jobs.append(
        (
            "target-overlap",
            "target-overlap",
            NAMED_UNITS.name,
            f"Target-overlap matrix (named units only){merged}.",
        )
    )
    jobs.append(("period-timeline", "period-timeline", "", "Implementation periods of the tasks."))
    return jobs  # fmt: skip


def draw(analysis: Analysis, job: tuple[str, str, str, str], folder: Path, lang: str) -> None:
    """Draw one figure of :func:`figure_jobs` into ``folder``."""
    from . import figures

    stem, drawing, name, _ = job
    view = analysis.views.get(name)
    if view is not None and drawing.startswith(("network-", "partner-load")):
        network, rows = view.coordination, view.metrics
        if _merged(analysis):
            network, rows = merged_by_registry(network, rows)
        if drawing == "partner-load":
            figures.partner_load_figure(rows, view.view, folder, stem, lang=lang)
        else:
            figures.network_figure(network, rows, view.view, folder, stem,
                                   colour_by=drawing.split("-", 1)[1], lang=lang)  # fmt: skip
    elif drawing == "goal-heatmap" and view is not None:
        data = analysis.data
        if _merged(analysis):
            rows = merged_by_registry(view.coordination, view.metrics)[1]
            figures.goal_heatmap(data, rows, view.view, folder, stem, lang=lang,
                                 key=lambda iri: data.agent(iri).identifier)  # fmt: skip
        else:
            figures.goal_heatmap(data, view.metrics, view.view, folder, stem, lang=lang)
    elif drawing == "target-overlap" and view is not None:
        units = merged_portfolios(analysis.data, view.view) if _merged(analysis) else None
        figures.overlap_matrix(analysis.data, view.view, folder, stem, lang=lang, units=units)
    elif drawing == "period-timeline":
        figures.period_timeline(analysis.data, folder, stem, lang=lang)


_FORKED: tuple[Analysis, Path, str] | None = None


def _draw_forked(job: tuple[str, str, str, str]) -> str:
    assert _FORKED is not None
    analysis, folder, lang = _FORKED
    draw(analysis, job, folder, lang)
    return job[0]


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
        global _FORKED
        self.analysis, self.lang = analysis, lang
        self.folder = out / "figures"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.jobs = figure_jobs(analysis)
        workers = workers or min(4, os.cpu_count() or 1)
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[Future[str]] = []
        if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
            _FORKED = (analysis, self.folder, lang)
            try:  # the workers fork when the jobs are submitted, inheriting _FORKED
                context = multiprocessing.get_context("fork")
                self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
                self.pending = [self.pool.submit(_draw_forked, job) for job in self.jobs]
            finally:
                _FORKED = None

    def wait(self) -> dict[str, str]:
        """Every figure drawn as PNG and SVG; PNG path (relative to ``out``) → caption."""
        if self.pool is None:
            for job in self.jobs:
                draw(self.analysis, job, self.folder, self.lang)
        else:
            with self.pool:
                for future in self.pending:
                    future.result()
        return {f"figures/{stem}.png": caption for stem, _, _, caption in self.jobs}
