"""``sdgkg report``: the findings as ``report.md`` and a self-contained ``report.html`` (figures
inlined), with the exports and figures beside them, written whole into one folder."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from build_graph.network.analysis import Analysis, Loaded, analyse, load
from build_graph.report.document import build_document
from build_graph.report.exports import write_exports
from build_graph.report.extraction_warnings import ExtractionWarnings, load_warnings
from build_graph.report.figure_jobs import FigureDrawing
from build_graph.report.markup import page
from build_graph.runtime.atomic import atomic_directory
from build_graph.runtime.heap import few_full_collections
from build_graph.runtime.progress import Steps


@dataclass
class ReportResult:
    out: Path
    analysis: Analysis
    warnings: ExtractionWarnings
    files: list[Path]
    timings: dict[str, float]


def run_report(
    graph_path: Path | None,
    out: Path,
    lang: str = "en",
    jaccard: float = 0.5,
    text_similarity: float = 0.5,
    store: ox.Store | None = None,
) -> ReportResult:
    """Load, analyse, and write exports, figures, report.md and report.html into ``out``.

    ``store``: the graph of ``graph_path`` already loaded, as the build that wrote it keeps it
    (``run_build(keep_store=True)``): a national graph is then not loaded a second time."""
    with few_full_collections():
        return _run_report(graph_path, out, lang, jaccard, text_similarity, store)


def _run_report(
    graph_path: Path | None,
    out: Path,
    lang: str,
    jaccard: float,
    text_similarity: float,
    store: ox.Store | None,
) -> ReportResult:
    loaded: Loaded = load(graph_path, store)
    timings = dict(loaded.timings)
    clock = time.perf_counter()
    several = loaded.data.several_plans
    steps = Steps("report", total=4, enabled=several)  # a national report takes ~30 s
    analysis = analyse(loaded.data, jaccard=jaccard, text_similarity=text_similarity)
    steps.done("analysis")
    timings.update(analysis.timings)
    clock = time.perf_counter()  # the analysis times itself
    if loaded.plans:
        items = [item for plan in loaded.plans for item in plan.irregularities]
        warnings = ExtractionWarnings(
            "re-extracted in process from the bundled source `"
            f"{Path(loaded.plans[0].source).name}` (no --graph was given)",
            items,
        )
    else:
        warnings = load_warnings(graph_path, loaded.data)
    timings["extraction warnings"] = time.perf_counter() - clock
    source = (
        f"`{graph_path}`"
        if graph_path is not None
        else "the bundled Hải Phòng plan, built in process"
    )
    with atomic_directory(out) as staging:
        clock = time.perf_counter()
        drawing = FigureDrawing(analysis, staging, lang)  # drawn while the exports are written
        try:
            files = write_exports(analysis, warnings, staging)
            timings["exports"] = time.perf_counter() - clock
            steps.done("exports")
            clock = time.perf_counter()
            captions = drawing.wait()
            timings["figures (after the exports)"] = time.perf_counter() - clock
        finally:
            drawing.close()  # after an error: no worker left drawing into the staging folder
        steps.done("figures")
        clock = time.perf_counter()
        names = sorted(
            {str(p.relative_to(staging)) for p in files}
            | {str(p.relative_to(staging)) for p in (staging / "figures").iterdir()}
            | {"report.md", "report.html"}
        )
        doc = build_document(analysis, warnings, captions, names, source, lang)
        (staging / "report.md").write_text(doc.markdown(), encoding="utf-8")
        html_page = page(doc.html(staging), lang, "Coordination analysis")
        (staging / "report.html").write_text(html_page, encoding="utf-8")
        timings["report"] = time.perf_counter() - clock
        steps.done("report")
        written = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
    steps.close()
    return ReportResult(out, analysis, warnings, [out / p for p in written], timings)
