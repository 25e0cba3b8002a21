"""``sdgkg report``: the findings as ``report.md`` and a self-contained ``report.html`` (figures
inlined), the networks to explore as ``explorer.html``, with the exports and figures beside
them, written whole into one folder. With several languages, the first one's pages have the
plain names and each other one its own (``report.vi.html``), all linked to each other."""

from __future__ import annotations

import datetime
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from build_graph.errors import SdgkgError
from build_graph.network.analysis import Analysis, Loaded, analyse, load
from build_graph.network.data import select
from build_graph.network.today import Today, read_today
from build_graph.report.document import build_document
from build_graph.report.explorer import explorer_page
from build_graph.report.explorer_data import SourceRows, explorer_payload, read_source_rows
from build_graph.report.exports import write_exports
from build_graph.report.extraction_warnings import ExtractionWarnings, load_warnings
from build_graph.report.figure_jobs import FigureDrawing, merged_views
from build_graph.report.layouts import report_layouts
from build_graph.report.markup import page
from build_graph.report.network_exports import UnitFacts
from build_graph.report.network_files import NetworkWriting
from build_graph.runtime.atomic import atomic_directory
from build_graph.runtime.heap import few_full_collections, return_freed_memory
from build_graph.runtime.progress import Steps

LANGUAGES = ("en", "vi")
EXPLORER = "explorer.html"


@dataclass
class ReportResult:
    out: Path
    analysis: Analysis
    warnings: ExtractionWarnings
    files: list[Path]
    timings: dict[str, float]


def report_name(lang: str, primary: str, suffix: str = "html") -> str:
    """``report.html`` in the first language, ``report.<lang>.html`` in another."""
    return f"report.{suffix}" if lang == primary else f"report.{lang}.{suffix}"


def languages(lang: str | Sequence[str]) -> tuple[str, ...]:
    """The report's languages, the first one primary; each once, each one it speaks."""
    chosen = (lang,) if isinstance(lang, str) else tuple(dict.fromkeys(lang))
    unknown = [x for x in chosen if x not in LANGUAGES]
    if not chosen or unknown:
        raise SdgkgError(f"report languages are en and vi, not {', '.join(unknown) or 'none'}")
    return chosen


def export_day(plan_facts: list[dict[str, Any]]) -> str:
    """The date the exports carry: ``SOURCE_DATE_EPOCH``'s day when it is set (a release
    build), else the day the newest plan was issued (``plan-facts.rq``), so that one graph
    gives the same files."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise SdgkgError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds")
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).strftime("%Y-%m-%d")
    days = [str(row["issued"])[:10] for row in plan_facts if row["issued"]]
    return max(days) if days else "1970-01-01"


def run_report(
    graph_path: Path | None,
    out: Path,
    lang: str | Sequence[str] = "en",
    jaccard: float = 0.5,
    text_similarity: float = 0.5,
    store: ox.Store | None = None,
) -> ReportResult:
    """Load, analyse, and write exports, figures, the report in each language of ``lang`` and
    the explorer into ``out``.

    ``store``: the graph of ``graph_path`` already loaded, as the build that wrote it keeps it
    (``run_build(keep_store=True)``): a national graph is then not loaded a second time. The
    report lets go of the store once it has read what it needs, before the analysis; handed
    over (``store=result.take_store()``), it is then freed: ~1.35 GB at 63 plans, given back
    before the figures' workers fork. A caller that keeps a reference keeps the whole store."""
    options = _Options(languages(lang), jaccard, text_similarity)
    handed = [store] if store is not None else []
    del store  # from here the report's only reference is in ``handed``, then in ``Loaded``
    with few_full_collections():
        return _run_report(graph_path, out, options, handed)


@dataclass(frozen=True)
class _Options:
    langs: tuple[str, ...]
    jaccard: float
    text_similarity: float


@dataclass(frozen=True)
class _StoreReadings:
    """What the report reads from the store besides the network data, read first so that
    the store can be let go before the analysis."""

    plan_facts: list[dict[str, Any]]
    today: Today
    sources: SourceRows

    @property
    def plan_names(self) -> dict[str, str]:
        return {row["plan"]: row["labelVi"] for row in self.plan_facts if row["labelVi"]}


def _source(graph_path: Path | None) -> str:
    """The graph the report read, as the report names it: a file name, never a local path."""
    if graph_path is None:
        return "the bundled Hải Phòng plan, built in process"
    return f"`{graph_path.name}`"


def _read_store(loaded: Loaded) -> _StoreReadings:
    """The plans' facts, today's holders and the explorer's source rows; then the report's
    reference to the store dropped, and the memory freed given back to the system."""
    store = loaded.store
    assert store is not None, "the store is read once"
    readings = _StoreReadings(
        select(store, "plan-facts"), read_today(store, loaded.data), read_source_rows(store)
    )
    del store
    loaded.store = None
    return_freed_memory()
    return readings


def _warnings(loaded: Loaded, graph_path: Path | None) -> ExtractionWarnings:
    """The extraction's warnings: of the plan extracted in process, or from the graph's
    folder (``tables/``)."""
    if not loaded.plans:
        return load_warnings(graph_path, loaded.data)
    items = [item for plan in loaded.plans for item in plan.irregularities]
    return ExtractionWarnings(
        "re-extracted in process from the bundled source `"
        f"{Path(loaded.plans[0].source).name}` (no --graph was given)",
        items,
    )


def _run_report(
    graph_path: Path | None, out: Path, options: _Options, handed: list[ox.Store]
) -> ReportResult:
    return_freed_memory()  # what the caller freed (a query's results) before the rows are read
    loaded: Loaded = load(graph_path, handed.pop() if handed else None)
    timings = dict(loaded.timings)
    clock = time.perf_counter()
    readings = _read_store(loaded)
    timings["SPARQL queries"] += time.perf_counter() - clock
    several = loaded.data.several_plans
    steps = Steps("report", total=5, enabled=several)  # a national report takes ~30 s
    analysis = analyse(
        loaded.data, jaccard=options.jaccard, text_similarity=options.text_similarity
    )
    steps.done("analysis")
    timings.update(analysis.timings)
    clock = time.perf_counter()  # the analysis times itself
    warnings = _warnings(loaded, graph_path)
    timings["extraction warnings"] = time.perf_counter() - clock
    clock = time.perf_counter()
    merged = merged_views(analysis)
    layouts = report_layouts(analysis, merged)
    timings["layouts"] = time.perf_counter() - clock
    langs = options.langs
    reports = {lang: report_name(lang, langs[0]) for lang in langs}
    with atomic_directory(out) as staging:
        clock = time.perf_counter()
        facts = UnitFacts.of(analysis.data, layouts.units, langs[0])
        drawing = FigureDrawing(analysis, staging, langs, merged=merged, layouts=layouts)
        day = export_day(readings.plan_facts)
        networks = NetworkWriting(analysis, staging, facts, day, several)
        try:  # figures and networks are drawn and written while the tables and the explorer are
            files = write_exports(analysis, warnings, staging)
            timings["exports"] = time.perf_counter() - clock
            steps.done("exports")
            clock = time.perf_counter()
            payload = explorer_payload(
                analysis,
                readings.sources,
                layouts,
                langs[0],
                reports,
                readings.plan_names,
                readings.today,
            )
            (staging / EXPLORER).write_text(explorer_page(payload), encoding="utf-8")
            timings["explorer"] = time.perf_counter() - clock
            steps.done("explorer")
            clock = time.perf_counter()
            captions = drawing.wait()
            timings["figures (after the exports)"] = time.perf_counter() - clock
            steps.done("figures")
            # the pages are written while the forked workers finish the network files: they
            # name those files by their planned paths (a national report: ~2 s of one core)
            clock = time.perf_counter()
            planned = files + networks.paths()
            _write_pages(
                staging, analysis, warnings, captions, planned, graph_path, reports, readings
            )
            timings["report"] = time.perf_counter() - clock
            clock = time.perf_counter()
            files += networks.wait()
            timings["networks (after the report)"] = time.perf_counter() - clock
            if files != planned:
                raise RuntimeError("the network files written are not the ones planned")
        finally:  # after an error: no worker left writing into the staging folder
            networks.close()
            drawing.close()
        steps.done("report")
        written = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
    steps.close()
    return ReportResult(out, analysis, warnings, [out / p for p in written], timings)


def _write_pages(
    staging: Path,
    analysis: Analysis,
    warnings: ExtractionWarnings,
    captions: dict[str, dict[str, str]],
    files: list[Path],
    graph_path: Path | None,
    reports: dict[str, str],
    readings: _StoreReadings,
) -> None:
    """The report in each language of ``reports`` (language → its HTML page, the primary
    first), as Markdown and as HTML, every file it names listed."""
    langs = tuple(reports)
    primary = langs[0]
    names = sorted(
        {str(p.relative_to(staging)) for p in files}
        | {str(p.relative_to(staging)) for p in (staging / "figures").iterdir()}
        | {EXPLORER}
        | {report_name(lang, primary, suffix) for lang in langs for suffix in ("md", "html")}
    )
    for lang in langs:
        doc = build_document(
            analysis,
            warnings,
            captions[lang],
            names,
            _source(graph_path),
            lang,
            readings.plan_names,
            readings.today,
        )
        (staging / report_name(lang, primary, "md")).write_text(doc.markdown(), encoding="utf-8")
        html_page = page(doc, staging, lang, reports, EXPLORER)
        (staging / reports[lang]).write_text(html_page, encoding="utf-8")
