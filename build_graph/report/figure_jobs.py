"""The report's figures: which to draw, and drawing them, in parallel where cores allow."""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import networkx as nx

from build_graph.network.analysis import Analysis
from build_graph.network.graphs import NAMED_UNITS
from build_graph.network.merged import merged_by_registry, merged_portfolios
from build_graph.report.layouts import NETWORK_MAX_NODES, Layouts, Merged, report_layouts
from build_graph.runtime.forked import fork_jobs


def _shown(network: nx.DiGraph, lang: str) -> str:
    """The caption's note when a network figure draws only the most loaded units."""
    if len(network) <= NETWORK_MAX_NODES:
        return ""
    if lang == "vi":
        return f" Vẽ {NETWORK_MAX_NODES} trên {len(network)} đơn vị có khối lượng lớn nhất."
    return f" The {NETWORK_MAX_NODES} most loaded of {len(network)} units are drawn."


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


_CAPTIONS = {
    "en": {
        "network": "Coordination network ({title}){note}: an arrow points from a lead to its "
        "partner; node area = tasks; a dark ring marks a lead; colour = {what}.",
        "kind": "kind of unit (eight groups)",
        "community": "Louvain community (the seven largest; grey: the others)",
        "partner-load": "The agencies named as partner on the most tasks ({title}){note}; "
        "collective and vague units, where the view holds them, are drawn apart, not ranked.",
        "goal-heatmap": "Agency × SDG goal heatmap ({title}){note}.",
        "target-overlap": "Target-overlap matrix (named units only){note}.",
        "period-timeline": "Tasks by the periods they name, each task counted once (tasks "
        "without a period included).",
        "rank-ranges": "Rank ranges of the top agencies by demand, leads served and brokerage "
        "over every reading of the plan (bar: best to worst rank; circle: inherited reading; "
        "square: written reading).",
        "merged": ", each unit merged across the {n} plans by its registry id",
        "all-units": "all units",
        "named-units": "named units only (collective and vague units left out)",
    },
    "vi": {
        "network": "Mạng lưới phối hợp ({title}){note}: mũi tên chỉ từ cơ quan chủ trì đến "
        "đơn vị phối hợp; diện tích nút = số nhiệm vụ; viền đậm đánh dấu cơ quan chủ trì; "
        "màu = {what}.",
        "kind": "loại đơn vị (tám nhóm)",
        "community": "cộng đồng Louvain (bảy cộng đồng lớn nhất; màu xám: các cộng đồng khác)",
        "partner-load": "Các cơ quan được giao phối hợp nhiều nhất ({title}){note}; đơn vị "
        "tập thể và chung chung, nếu có trong chế độ xem, được vẽ riêng, không xếp hạng.",
        "goal-heatmap": "Bản đồ nhiệt đơn vị × mục tiêu phát triển bền vững ({title}){note}.",
        "target-overlap": "Ma trận trùng lặp mục tiêu (chỉ đơn vị cụ thể){note}.",
        "period-timeline": "Nhiệm vụ theo giai đoạn thực hiện, mỗi nhiệm vụ tính một lần (kể cả "
        "nhiệm vụ không ghi giai đoạn).",
        "rank-ranges": "Khoảng thứ hạng của các cơ quan đứng đầu về nhu cầu phối hợp, số cơ "
        "quan chủ trì được phục vụ và vai trò cầu nối, theo mọi cách đọc kế hoạch (thanh: từ "
        "hạng cao nhất đến thấp nhất; hình tròn: cách đọc kế thừa; hình vuông: cách đọc ghi "
        "trực tiếp).",
        "merged": ", mỗi đơn vị được gộp giữa {n} kế hoạch theo mã danh mục",
        "all-units": "tất cả đơn vị",
        "named-units": "chỉ đơn vị cụ thể (bỏ đơn vị tập thể, chung chung)",
    },
}


def figure_jobs(
    analysis: Analysis, merged: Merged | None = None, lang: str = "en"
) -> list[tuple[str, str, str, str]]:
    """``(stem, drawing, view, caption)`` of every figure of the report, captions in ``lang``."""
    merged = merged_views(analysis) if merged is None else merged
    words = _CAPTIONS["vi" if lang == "vi" else "en"]
    jobs = []
    note = words["merged"].format(n=len(analysis.data.plans)) if merged else ""
    for name, view in analysis.views.items():
        title = words.get(name, view.view.title)
        shown = _shown(merged[name][0] if merged else view.coordination, lang)
        for colour in ("kind", "community"):
            jobs.append(
                (
                    f"coordination-{name}-{colour}",
                    f"network-{colour}",
                    name,
                    words["network"].format(title=title, note=note, what=words[colour]) + shown,
                )
            )
        for drawing in ("partner-load", "goal-heatmap"):
            jobs.append(
                (f"{drawing}-{name}", drawing, name, words[drawing].format(title=title, note=note))
            )
    jobs.append(
        (
            "target-overlap",
            "target-overlap",
            NAMED_UNITS.name,
            words["target-overlap"].format(note=note),
        )
    )
    jobs.append(("period-timeline", "period-timeline", "", words["period-timeline"]))
    if analysis.findings is not None:
        jobs.append(("rank-ranges", "rank-ranges", "", words["rank-ranges"]))
    return jobs


def figure_stem(stem: str, lang: str, primary: str) -> str:
    """A figure's file stem in a language: the report's first language has the plain name,
    another one a suffix (``goal-heatmap-all-units.vi``)."""
    return stem if lang == primary else f"{stem}.{lang}"


Job = tuple[str, str, str, str]  # (file stem, drawing, view, language)


def draw(job: Job, analysis: Analysis, folder: Path, merged: Merged, layouts: Layouts) -> None:
    """Draw one figure into ``folder``; ``merged``: :func:`merged_views`; ``layouts``: the
    positions of the network figures' units."""
    from build_graph.report import charts, network_plot

    stem, drawing, name, lang = job
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
                positions=layouts.figures.get(name),
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
    one by one in :meth:`wait`. Every figure is drawn in each of ``langs``: the first one's
    files have the plain names, the others' a language suffix (:func:`figure_stem`).
    """

    def __init__(
        self,
        analysis: Analysis,
        out: Path,
        langs: tuple[str, ...] = ("en",),
        workers: int | None = None,
        merged: Merged | None = None,
        layouts: Layouts | None = None,
    ) -> None:
        self.analysis, self.langs = analysis, langs
        self.folder = out / "figures"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.merged = merged_views(analysis) if merged is None else merged
        self.layouts = layouts or report_layouts(analysis, self.merged)
        self.captions = {lang: figure_jobs(analysis, self.merged, lang) for lang in langs}
        self.jobs: list[Job] = [
            (figure_stem(stem, lang, langs[0]), drawing, view, lang)
            for lang in langs
            for stem, drawing, view, _ in self.captions[lang]
        ]
        workers = workers or min(4, os.cpu_count() or 1)
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[Future[str]] = []
        if workers > 1:
            # the slow drawings first, so that the last one to finish is a short one
            slow_first = sorted(self.jobs, key=lambda job: -_COST.get(job[1], 1))
            arguments = (analysis, self.folder, self.merged, self.layouts)
            started = fork_jobs(draw, arguments, slow_first, workers)
            if started is not None:
                self.pool, self.pending = started

    def close(self) -> None:
        """Stop the workers (after an error on the way: the figures not started are dropped)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def wait(self) -> dict[str, dict[str, str]]:
        """Every figure drawn as PNG and SVG; by language, PNG path (relative to ``out``) →
        caption."""
        if self.pool is None:
            for job in self.jobs:
                draw(job, self.analysis, self.folder, self.merged, self.layouts)
        else:
            with self.pool:
                for future in self.pending:
                    future.result()
        primary = self.langs[0]
        return {
            lang: {
                f"figures/{figure_stem(stem, lang, primary)}.png": caption
                for stem, _, _, caption in jobs
            }
            for lang, jobs in self.captions.items()
        }
