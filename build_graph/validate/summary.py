"""The validation report files of a build: ``validation-report.ttl`` (standard SHACL) and
``validation-summary.md``, the same findings grouped for a human reader with the focus
nodes' labels."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDFS, SH

from build_graph.errors import InputError
from build_graph.graph.nt_terms import lit
from build_graph.graph.stable_turtle import write_turtle
from build_graph.resources import resource_dir
from build_graph.validate.fastshacl.store import query_solutions
from build_graph.validate.result import ValidationResult


def _write_validation_reports(
    staging: Path,
    validation: ValidationResult,
    store: ox.Store,
    refused: Sequence[InputError] = (),
) -> None:
    write_turtle(validation.report, staging / "validation-report.ttl")
    summary = render_validation_summary(validation, focus_labels(store, validation))
    (staging / "validation-summary.md").write_text(
        summary + render_refused(refused), encoding="utf-8"
    )
    ontology = resource_dir("ontology")
    for name in ("sdgkg.ttl", "context.jsonld"):
        shutil.copyfile(ontology / name, staging / name)


def focus_labels(store: ox.Store, validation: ValidationResult) -> dict[str, str]:
    """Focus node → English label (else any label), for a readable summary.

    Asked of the store for the focus nodes only (a few thousand; the national graph has
    millions of triples). Labels are taken in the order of graph.nt's lines, as before."""
    focus = sorted({str(f.focus) for f in validation.findings if isinstance(f.focus, URIRef)})
    if not focus:
        return {}
    values = " ".join(f"<{iri}>" for iri in focus)
    found: dict[str, list[tuple[str, str, str]]] = {}
    query = f"SELECT ?s ?label WHERE {{ VALUES ?s {{ {values} }} ?s <{RDFS.label}> ?label }}"
    for row in query_solutions(store.query(query)):
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


def render_refused(refused: Sequence[InputError]) -> str:
    """The plans a build left out (``--keep-going``), each with its one-line reason."""
    if not refused:
        return ""
    lines = [
        "",
        f"## Plans refused ({len(refused)})",
        "",
        "These documents could not be read as plans and are not in the graph "
        "(`sdgkg build --keep-going`; exit code 3):",
        "",
    ]
    lines += [f"- `{error}`" for error in refused]
    return "\n".join(lines) + "\n"


def render_validation_summary(validation: ValidationResult, labels: dict[str, str]) -> str:
    counts = validation.counts
    lines = [
        "# Validation summary",
        "",
        "Conforms (no result but warnings and infos): "
        f"**{'yes' if validation.conforms else 'no'}** — "
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
