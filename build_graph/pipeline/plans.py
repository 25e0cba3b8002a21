"""Read the plans, build their graphs and write the one canonical graph.nt, a core per worker.

A national build has 63 plans and 2.7 M triples. Each worker reads a plan, builds its N-Triples
lines, writes its tables, and leaves its lines sorted in a run file; the parent merges the runs
(dropping the triples plans share: the VSDG and UN concepts, the kinds) into graph.nt. The
parent never holds the lines: Python keeps the memory of millions of freed small objects, and
the sorting is shared by the cores.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from build_graph.errors import InputError
from build_graph.graph.builder import GraphBuilder, plan_slug
from build_graph.graph.ntriples import _write_lines, merge_runs
from build_graph.model.agencies import Registry
from build_graph.model.plan import Plan
from build_graph.read.partners import Resolver
from build_graph.read.reader import read_plan
from build_graph.runtime.progress import progress
from build_graph.tables.extraction_report import render_extraction_report
from build_graph.tables.links import link_values
from build_graph.tables.write import write_tables


@dataclass
class PlanGraphs:
    """What the build needs after this step: the plans, the Turtle prefixes, the triples."""

    plans: list[Plan]
    prefixes: dict[str, str]
    triples: int | None  # None: graph.nt is not merged yet (``runs``)
    runs: list[Path] = field(default_factory=list)  # the plans' sorted lines, to merge
    refused: list[InputError] = field(default_factory=list)  # with ``keep_going`` only


@dataclass(frozen=True)
class _Job:
    registry: Registry
    base: str
    staging: Path
    runs: Path | None  # where workers leave their sorted lines; None: hand them back
    single: bool  # one plan: tables/ itself, not tables/<plan>/
    keep_going: bool = False  # a plan that cannot be read is left out, not the end of the build


_job: tuple[_Job, Resolver] | None = None


def read_build_and_write(
    sources: list[Path],
    registry: Registry,
    base: str,
    staging: Path,
    runs: Path | None = None,
    keep_going: bool = False,
) -> PlanGraphs:
    """Every plan read, its tables written under ``staging/tables``, and ``staging/graph.nt``
    written sorted and without duplicates (the same triples always give the same bytes).

    Several plans go to one worker process per core ("spawn": a script calling ``run_build``
    needs the usual ``if __name__ == "__main__"`` guard). The first plan that cannot be read
    stops the build with its one-line message, unless ``keep_going``: then the plans that
    cannot be read are left out and named (``PlanGraphs.refused``). ``runs``: with several
    workers, leave the sorted run files in this folder, unmerged (``PlanGraphs.runs``), for the
    caller to merge into graph.nt with :func:`merge_runs` while it loads them elsewhere."""
    single = len(sources) == 1
    workers = min(os.cpu_count() or 1, len(sources))
    if workers < 2:
        job = _Job(registry, base, staging, None, single, keep_going)
        resolver = Resolver(registry)
        results = [_guarded(job, resolver, s) for s in progress(sources, "read")]
        read = _read(results)
        lines = set().union(*(r[2] for r in read))
        _write_lines(sorted(lines), staging / "graph.nt")
        return _graphs(results, len(lines))
    if runs is not None:
        job = _Job(registry, base, staging, runs, single, keep_going)
        results = _read_in_workers(sources, job, workers)
        return _graphs(results, None, [Path(r[2]) for r in _read(results)])
    with tempfile.TemporaryDirectory(prefix="sdgkg-runs-") as folder:
        job = _Job(registry, base, staging, Path(folder), single, keep_going)
        results = _read_in_workers(sources, job, workers)
        count = merge_runs([Path(r[2]) for r in _read(results)], staging / "graph.nt")
    return _graphs(results, count)


def _read(results: list[tuple | InputError]) -> list[tuple]:
    """The plans read; every one refused is an error unless a plan is left to build."""
    read = [r for r in results if not isinstance(r, InputError)]
    if not read:
        refused = [r for r in results if isinstance(r, InputError)]
        raise (
            refused[0]
            if len(refused) == 1
            else InputError(
                refused[0].path,
                f"no plan could be read ({len(refused)} refused; the first: {refused[0].reason})",
                refused[0].line,
            )
        )
    return read


def _guarded(job: _Job, resolver: Resolver, source: Path) -> tuple | InputError:
    """The plan read, or (with ``keep_going``) the reason it was refused."""
    try:
        return _read_one(job, resolver, source)
    except InputError as error:
        if not job.keep_going:
            raise
        return error


def _read_in_workers(sources: list[Path], job: _Job, workers: int) -> list[tuple | InputError]:
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(job,)
    )
    try:
        return list(progress(pool.map(_work, sources), "read", len(sources)))
    finally:
        pool.shutdown(cancel_futures=True)  # after an error, the rest is not read


def _graphs(
    results: list[tuple | InputError], triples: int | None, runs: list[Path] | None = None
) -> PlanGraphs:
    read = _read(results)
    prefixes: dict[str, str] = {}
    for _, plan_prefixes, _ in read:
        prefixes.update(plan_prefixes)
    refused = [r for r in results if isinstance(r, InputError)]
    return PlanGraphs([r[0] for r in read], prefixes, triples, runs or [], refused)


def _start_worker(job: _Job) -> None:
    global _job
    _job = (job, Resolver(job.registry))


def _work(source: Path) -> tuple | InputError:
    assert _job is not None
    return _guarded(*_job, source)


def _read_one(job: _Job, resolver: Resolver, source: Path) -> tuple:
    """(plan, prefixes, lines) — or the path of the sorted run file instead of the lines."""
    plan = read_plan(source, resolver=resolver)
    tables = job.staging / "tables" if job.single else job.staging / "tables" / plan_slug(plan)
    try:
        tables.mkdir(parents=True)
    except FileExistsError:
        raise InputError(
            source,
            f"holds plan {plan_slug(plan)}, which another source holds too: give each plan once",
        ) from None
    builder = GraphBuilder(plan, job.registry, job.base)
    write_tables(plan, job.registry, tables, link_values(plan, builder.iris))
    (tables / "extraction-report.md").write_text(
        render_extraction_report(plan, job.registry), encoding="utf-8"
    )
    lines = builder.build_lines()
    if job.runs is None:
        return plan, builder.prefixes(), lines
    run = job.runs / f"{plan_slug(plan)}.nt"
    _write_lines(sorted(lines), run)
    return plan, builder.prefixes(), str(run)
