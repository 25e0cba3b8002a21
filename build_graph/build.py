"""``sdgkg build``: extract → graph → validate, written whole into one output folder."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, SH

from .agencies import Registry
from .atomic import atomic_directory
from .bundle import BundleSettings, write_bundle
from .errors import SdgkgError
from .fastshacl import drop_layout, load_store, load_store_files, validate_fast
from .heap import few_full_collections
from .model import Plan
from .ntterms import lit
from .plangraphs import read_build_and_write
from .progress import Steps
from .reproducible import write_turtle
from .resources import resource_dir
from .serialize import write_graph_files
from .validate import ValidationResult, load_shapes, validate
from .vocab import DEFAULT_BASE, is_iri_base
from .void import store_statistics


@dataclass
class BuildResult:
    plans: list[Plan]
    triples: int
    validation: ValidationResult
    timings: dict[str, float] = field(default_factory=dict)
    store: ox.Store | None = None  # the graph, loaded (``keep_store``): for the next steps

    @property
    def exit_code(self) -> int:
        return 1 if self.validation.violations else 0


def run_build(
    sources: list[Path],
    out: Path,
    base: str = DEFAULT_BASE,
    registry: Registry | None = None,
    validator: str = "fast",
    bundle: BundleSettings | None = None,
    keep_store: bool = False,
) -> BuildResult:
    """Extract every source, build one graph, validate it, and write everything into ``out``.

    ``validator="fast"`` runs the shapes as whole-graph SPARQL on pyoxigraph;
    ``"pyshacl"`` is the reference path (same results, tested to agree, slower).
    ``bundle`` holds the publication settings (download base, SPARQL endpoint, publisher) of
    the open-data bundle written last (``bundle.py``); by default, under ``base``.
    ``keep_store``: return the graph loaded in pyoxigraph, so that queries and the report of
    the same run need not load it again.
    """
    if not is_iri_base(base):
        raise SdgkgError(f"base {base!r} is not an http(s) IRI")
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
            graphs = read_build_and_write(sources, registry, base, staging, runs)
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
                    store = load_store_files(graphs.runs) if graphs.runs else load_store(nt_path)
                    lap("load store")
                    validation = _validate(store, nt_path, validator)
                    drop_layout(store)  # the plain graph from here on
                    lap("validate")
                    # the bundle's VoID counts: whole-graph scans that pyoxigraph runs without the
                    # GIL, so they use the core the reports leave idle
                    counted = counting.submit(store_statistics, store, bundle.base)
                    _write_validation_reports(staging, validation, store)
                    lap("write validation reports")
                if background:
                    lap("write turtle and json-ld")  # what is left of it once the rest is done
                write_bundle(staging, bundle, plans, registry, store=store, counted=counted)
                lap("write bundle")
    finally:
        steps.close()
    triples = len(store) if graphs.triples is None else graphs.triples
    return BuildResult(plans, triples, validation, timings, store if keep_store else None)


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

    A plain child process (``python -m build_graph.serialize``), not multiprocessing: its
    "spawn" re-runs the caller's main script, and "fork" would copy a process holding the
    graph."""
    if not background:
        yield
        return
    command = ["-m", "build_graph.serialize", str(nt_path), str(out), json.dumps(prefixes)]
    command += [str(run) for run in runs or []]
    child = subprocess.Popen(
        [sys.executable, *command],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
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


def _write_validation_reports(staging: Path, validation: ValidationResult, store: ox.Store) -> None:
    write_turtle(validation.report, staging / "validation-report.ttl")
    (staging / "validation-summary.md").write_text(
        render_validation_summary(validation, focus_labels(store, validation)),
        encoding="utf-8",
    )
    ontology = resource_dir("ontology")
    for name in ("sdgkg.ttl", "context.jsonld"):
        shutil.copyfile(ontology / name, staging / name)


def _validate(store: ox.Store, nt_path: Path, validator: str) -> ValidationResult:
    if validator == "pyshacl":
        from .engines import from_oxigraph

        graph = Graph()
        quads = ox.parse(path=str(nt_path), format=ox.RdfFormat.N_TRIPLES)
        graph.addN(
            (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object), graph)  # type: ignore[misc]
            for q in quads
        )
        return validate(graph)
    if validator != "fast":
        raise ValueError(f"unknown validator {validator!r}")
    return validate_fast(store, load_shapes())


def focus_labels(store: ox.Store, validation: ValidationResult) -> dict[str, str]:
    """Focus node → English label (else any label), for a readable summary.

    Asked of the store for the focus nodes only (a few thousand; the national graph has
    millions of triples). Labels are taken in the order of graph.nt's lines, as before."""
    focus = sorted({str(f.focus) for f in validation.findings if isinstance(f.focus, URIRef)})
    if not focus:
        return {}
    values = " ".join(f"<{iri}>" for iri in focus)
    found: dict[str, list[tuple[str, str, str]]] = {}
    for row in store.query(
        f"SELECT ?s ?label WHERE {{ VALUES ?s {{ {values} }} ?s <{RDFS.label}> ?label }}"
    ):  # type: ignore[union-attr]
        label = row["label"]
        language = getattr(label, "language", None) or ""
        term = lit(label.value) + (f"@{language}" if language else "")
        found.setdefault(row["s"].value, []).append((term, language, label.value))
    labels: dict[str, str] = {}
    for subject, candidates in found.items():
        for _, language, value in sorted(candidates):
            if language == "en" or subject not in labels:
                labels[subject] = value
    return labels


def _label(labels: dict[str, str], node: object) -> str:
    label = labels.get(str(node))
    return f"{node} ({label})" if label else str(node)


def render_validation_summary(validation: ValidationResult, labels: dict[str, str]) -> str:
    counts = validation.counts
    lines = [
        "# Validation summary",
        "",
        f"Conforms (no Violation): **{'yes' if validation.conforms else 'no'}** — "
        f"{counts[SH.Violation]} violations, {counts[SH.Warning]} warnings, "
        f"{counts[SH.Info]} infos. The full report is `validation-report.ttl` (SHACL).",
        "",
        "Violations mean the graph is wrong; warnings flag irregularities of the source "
        "document; infos are findings about the plan itself (overlaps, vague assignments).",
        "",
    ]
    groups: dict[tuple[str, str], list] = {}
    for finding in validation.findings:
        severity = str(finding.severity).rsplit("#", 1)[-1]
        message = finding.message
        if "{" not in message and finding.value is not None and str(finding.value) in message:
            message = message.replace(str(finding.value), "{value}")
        groups.setdefault((severity, message), []).append(finding)
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    for (severity, message), findings in sorted(
        groups.items(), key=lambda item: (order.get(item[0][0], 3), -len(item[1]), item[0][1])
    ):
        lines += [f"## {severity}: {message} ({len(findings)})", ""]
        focus_counts = Counter(str(f.focus) for f in findings)
        for focus, count in sorted(focus_counts.items())[:25]:
            suffix = f" ×{count}" if count > 1 else ""
            node = next(f.focus for f in findings if str(f.focus) == focus)
            lines.append(f"- {_label(labels, node)}{suffix}")
        if len(focus_counts) > 25:
            lines.append(f"- … and {len(focus_counts) - 25} more (see validation-report.ttl)")
        lines.append("")
    return "\n".join(lines)
