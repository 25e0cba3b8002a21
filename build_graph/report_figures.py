"""The report's figures: which to draw, and drawing them, in parallel where cores allow."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import networkx as nx

from .analysis import Analysis
from .networks import NAMED_UNITS


def _shown(network: nx.DiGraph) -> str:
    """The caption's note when a network figure draws only the most loaded units."""
    from .figures import NETWORK_MAX_NODES

    if len(network) <= NETWORK_MAX_NODES:
        return ""
    return f" The {NETWORK_MAX_NODES} most loaded of {len(network)} units are drawn."


def figure_jobs(analysis: Analysis) -> list[tuple[str, str, str, str]]:
    """``(stem, drawing, view, caption)`` of every figure of the report."""
    jobs = []
    for name, view in analysis.views.items():
        title = view.view.title
        for colour, what in (("kind", "kind of unit"), ("community", "Louvain community")):
            jobs.append(
                (
                    f"coordination-{name}-{colour}",
                    f"network-{colour}",
                    name,
                    f"Coordination network ({title}): node area = tasks, colour = {what}."
                    + _shown(view.coordination),
                )
            )
        jobs.append((f"partner-load-{name}", "partner-load", name, f"Top partner load ({title})."))
        jobs.append(
            (f"goal-heatmap-{name}", "goal-heatmap", name, f"Agency × SDG goal heatmap ({title}).")
        )
    jobs.append(
        (
            "target-overlap",
            "target-overlap",
            NAMED_UNITS.name,
            "Target-overlap matrix (named units only).",
        )
    )
    jobs.append(("period-timeline", "period-timeline", "", "Implementation periods of the tasks."))
    return jobs  # fmt: skip


def draw(analysis: Analysis, job: tuple[str, str, str, str], folder: Path, lang: str) -> None:
    """Draw one figure of :func:`figure_jobs` into ``folder``."""
    from . import figures

    stem, drawing, name, _ = job
    view = analysis.views.get(name)
    if drawing.startswith("network-") and view is not None:
        figures.network_figure(view.coordination, view.metrics, view.view, folder, stem,
                               colour_by=drawing.split("-", 1)[1], lang=lang)  # fmt: skip
    elif drawing == "partner-load" and view is not None:
        figures.partner_load_figure(view.metrics, view.view, folder, stem, lang=lang)
    elif drawing == "goal-heatmap" and view is not None:
        figures.goal_heatmap(analysis.data, view.metrics, view.view, folder, stem, lang=lang)
    elif drawing == "target-overlap" and view is not None:
        figures.overlap_matrix(analysis.data, view.view, folder, stem, lang=lang)
    elif drawing == "period-timeline":
        figures.period_timeline(analysis.data, folder, stem, lang=lang)


_FORKED: tuple[Analysis, Path, str] | None = None


def _draw_forked(job: tuple[str, str, str, str]) -> str:
    assert _FORKED is not None
    analysis, folder, lang = _FORKED
    draw(analysis, job, folder, lang)
    return job[0]


def write_figures(
    analysis: Analysis, out: Path, lang: str, workers: int | None = None
) -> dict[str, str]:
    """Every figure as PNG and SVG; returns PNG path (relative to ``out``) → caption.

    Drawing is CPU-bound and each figure independent, so on a machine with several cores the
    figures are drawn by forked worker processes, which inherit the analysis instead of being
    sent it. ``workers=1`` (or a platform without ``fork``) draws them one by one.
    """
    global _FORKED
    folder = out / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    jobs = figure_jobs(analysis)
    workers = workers or min(4, os.cpu_count() or 1)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        _FORKED = (analysis, folder, lang)
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                list(pool.map(_draw_forked, jobs))
        finally:
            _FORKED = None
    else:
        for job in jobs:
            draw(analysis, job, folder, lang)
    return {f"figures/{stem}.png": caption for stem, _, _, caption in jobs}
