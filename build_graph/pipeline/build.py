"""``sdgkg build``: extract → graph → validate, written whole into one output folder."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from build_graph.errors import InputError, SdgkgError
from build_graph.graph.serialize import write_graph_files
from build_graph.graph.vocab import DEFAULT_BASE, is_iri_base
from build_graph.model.agencies import Registry
from build_graph.model.plan import Plan
from build_graph.pipeline.plans import read_build_and_write
from build_graph.publish.bundle import write_bundle
from build_graph.publish.facts import BundleSettings
from build_graph.publish.void import store_statistics
from build_graph.runtime.atomic import atomic_directory
from build_graph.runtime.heap import few_full_collections, return_freed_memory
from build_graph.runtime.progress import Steps
from build_graph.validate.fastshacl.engine import validate_fast
from build_graph.validate.fastshacl.store import (
    drop_layout,
    load_validation_store,
    load_validation_store_files,
)
from build_graph.validate.pyshacl_reference import validate_pyshacl
from build_graph.validate.result import ValidationResult, load_shapes
from build_graph.validate.summary import _write_validation_reports

REFUSED_PLANS = 3  # the exit code of a build that left out plans it could not read


@dataclass
class BuildResult:
    plans: list[Plan]
    triples: int
    validation: ValidationResult
    timings: dict[str, float] = field(default_factory=dict)
    store: ox.Store | None = None  # the graph, loaded (``keep_store``): for the next steps
    refused: list[InputError] = field(default_factory=list)  # plans left out (``keep_going``)

    @property
    def exit_code(self) -> int:
        """1: SHACL violations; 3: built, but plans were refused (``keep_going``); else 0."""
        if self.validation.violations:
            return 1
        return REFUSED_PLANS if self.refused else 0

    def take_store(self) -> ox.Store:
        """The kept store, handed over: this result forgets it, so that the store's memory goes
        back once its new holder lets it go (``run_report(store=result.take_store())``: ~1.35
        GB at 63 plans). pyoxigraph's ``Store.clear()`` frees nothing (measured: 1,255 MB
        resident before and after); only dropping the last reference does."""
        if self.store is None:
            raise ValueError("no store was kept: build with keep_store=True")
        store, self.store = self.store, None
        return store


def run_build(
    sources: list[Path],
    out: Path,
    base: str = DEFAULT_BASE,
    registry: Registry | None = None,
    validator: str = "fast",
    bundle: BundleSettings | None = None,
    keep_store: bool = False,
    keep_going: bool = False,
    shapes: Sequence[Path] = (),
) -> BuildResult:
    """Extract every source, build one graph, validate it, and write everything into ``out``.

    ``validator="fast"`` runs the shapes as whole-graph SPARQL on pyoxigraph;
    ``"pyshacl"`` is the reference path (same results, tested to agree, slower).
    ``bundle`` holds the publication settings (download base, SPARQL endpoint, publisher) of
    the open-data bundle written last (``bundle.py``); by default, under ``base``.
    ``keep_store``: return the graph loaded in pyoxigraph, so that queries and the report of
    the same run need not load it again. ``keep_going``: a plan that cannot be read is left
    out, named in validation-summary.md and in ``BuildResult.refused`` (exit code 3), instead
    of stopping the build. ``shapes``: a user's own SHACL files, validated beside the
    project's (read first: a bad file stops the build before anything is written).
    """
    if not is_iri_base(base):
        raise SdgkgError(f"base {base!r} is not an http(s) IRI")
    shapes_graph = load_shapes(shapes)
    bundle = bundle or BundleSettings(base=base)
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    steps = Steps("build", total=6, enabled=len(sources) > 1)

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now
        steps.done(name)

    registry = registry or Registry.load()
    try:
        with (
            few_full_collections(),
            atomic_directory(out) as staging,
            tempfile.TemporaryDirectory() as folder,
        ):
            # Several plans (fast validator): the workers' sorted runs are merged into graph.nt
            # by the child that then writes Turtle and JSON-LD, while this process loads the
            # runs themselves into the store (the same triples; the store drops duplicates).
            runs = Path(folder) if validator == "fast" else None
            graphs = read_build_and_write(sources, registry, base, staging, runs, keep_going)
            plans = graphs.plans
            nt_path = staging / "graph.nt"
            lap("read, build graph and tables")
            background = len(plans) > 1
            if not background:
                write_graph_files(nt_path, staging, graphs.prefixes)
                lap("write turtle and json-ld")
            with ThreadPoolExecutor(max_workers=1) as counting:
                with other_formats(nt_path, staging, graphs.prefixes, background, graphs.runs):
                    # one store: validation, bundle, and the caller's
                    store = (
                        load_validation_store_files(graphs.runs)
                        if graphs.runs
                        else load_validation_store(nt_path)
                    )
                    lap("load store")
                    validation = _validate(store, nt_path, validator, shapes_graph)
                    drop_layout(store)  # the plain graph from here on
                    lap("validate")
                    # the bundle's VoID counts: whole-graph scans that pyoxigraph runs without the
                    # GIL, so they use the core the reports leave idle
                    counted = counting.submit(store_statistics, store, bundle.base)
                    _write_validation_reports(staging, validation, store, graphs.refused)
                    lap("write validation reports")
                if background:
                    lap("write turtle and json-ld")  # what is left of it once the rest is done
                write_bundle(staging, bundle, plans, registry, store=store, counted=counted)
                lap("write bundle")
    finally:
        steps.close()
    triples = len(store) if graphs.triples is None else graphs.triples
    kept = store if keep_store else None
    del store  # a store not kept is freed here; a kept one lives on in ``kept``
    # what the build freed (the runs' bytes loaded in batches, the bundle's buffers, a store not
    # kept) goes back to the system before the caller's next step: 60 MB of a national build's
    # 1.78 GB when the store is kept
    return_freed_memory()
    return BuildResult(plans, triples, validation, timings, kept, graphs.refused)


@contextmanager
def other_formats(
    nt_path: Path,
    out: Path,
    prefixes: dict[str, str],
    background: bool,
    runs: list[Path] | None = None,
) -> Iterator[None]:
    """graph.ttl and graph.jsonld from graph.nt in a second process while the body runs
    (validation and tables: the two cores share the national build); nothing if not
    ``background`` (the caller writes them inline). ``runs``: sorted N-Triples files the child
    first merges into graph.nt (``plangraphs.merge_runs``).

    A plain child process (``python -m build_graph.graph.serialize``), not multiprocessing: its
    "spawn" re-runs the caller's main script, and "fork" would copy a process holding the
    graph."""
    if not background:
        yield
        return
    command = ["-m", "build_graph.graph.serialize", str(nt_path), str(out), json.dumps(prefixes)]
    command += [str(run) for run in runs or []]
    child = subprocess.Popen(
        [sys.executable, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield
    except BaseException:
        child.kill()
        child.wait()
        raise
    _, errors = child.communicate()
    if child.returncode != 0:
        last = (errors.strip().splitlines() or ["no message"])[-1]
        raise SdgkgError(f"{nt_path}: writing graph.ttl and graph.jsonld failed: {last}")


def _validate(
    store: ox.Store, nt_path: Path, validator: str, shapes: Graph | None = None
) -> ValidationResult:
    """The graph against the shapes: with the fast engine, unless it refuses the shapes (a
    feature it does not run: it says so before any work), then with pyshacl, with a notice
    (on the store's data: graph.nt may still be being merged)."""
    if validator not in ("fast", "pyshacl"):
        raise ValueError(f"unknown validator {validator!r}")
    shapes = shapes if shapes is not None else load_shapes()
    if validator == "fast":
        try:
            return validate_fast(store, shapes)
        except NotImplementedError as refusal:
            from build_graph.validate.fastshacl.store import data_graph

            print(
                f"sdgkg: validating with pyshacl: the fast validator refused: {refusal}",
                file=sys.stderr,
            )
            return validate_pyshacl(data_graph(store), shapes)
    from build_graph.graph.terms import from_oxigraph

    graph = Graph()
    quads = ox.parse(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
    graph.addN(
        (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object), graph)  # type: ignore[misc]
        for q in quads
    )
    return validate_pyshacl(graph, shapes)
