"""Exports for other tools: the networks as GraphML and GEXF (Gephi, Cytoscape), the metrics
and findings as CSV and JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from build_graph.network.analysis import Analysis
from build_graph.network.data import Declared, NetworkData, TaskRow
from build_graph.network.gaps import UnCoverage
from build_graph.network.graphs import VIEWS
from build_graph.network.metrics import BOTTLENECK_FORMULA, LOUVAIN_SEED
from build_graph.network.overlaps import PortfolioPair, SharedTarget, TextPair
from build_graph.report.extraction_warnings import ExtractionWarnings
from build_graph.report.findings_exports import write_findings
from build_graph.report.graphml import exportable, plain, write_network
from build_graph.tables.write import write_rows

__all__ = ["exportable", "plain", "write_csv", "write_exports", "write_json", "write_network"]


def write_csv(
    path: Path, rows: Sequence[Mapping[str, Any]], columns: Iterable[str] | None = None
) -> Path:
    """Rows as CSV (UTF-8, header first); None is written as an empty cell."""
    path.parent.mkdir(parents=True, exist_ok=True)
    names = list(columns) if columns is not None else list(rows[0]) if rows else []
    with path.open("w", encoding="utf-8", newline="") as handle:
        write_rows(handle, names, rows, lineterminator="\r\n")  # the csv module's default
    return path


def _compact(value: Any) -> str:
    return json.dumps(
        value, ensure_ascii=False, allow_nan=False, default=str, separators=(",", ":")
    )


def write_json(path: Path, payload: Any) -> Path:
    """JSON whose top-level entries are one per line, each written compact: ``indent`` would
    take Python's slow encoder instead of the C one (a national report's metrics and findings,
    20 MB: 2.6 s against ~0.3 s)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(payload, dict) and payload:
        entries = (_compact({key: value})[1:-1] for key, value in payload.items())
        text = "{\n" + ",\n".join(entries) + "\n}"
    else:
        text = _compact(payload)
    path.write_text(text + "\n", encoding="utf-8")
    return path


Rows = list[dict[str, Any]]


def _finding_rows(analysis: Analysis) -> dict[str, Rows]:
    """Every finding as table rows, by the name of the file they are written to."""
    data = analysis.data
    rows: dict[str, Rows] = {
        "shared-targets": _shared_target_rows(data, analysis.shared_targets),
        "split-targets": _shared_target_rows(data, analysis.split_targets),
        "near-duplicate-tasks": _near_duplicate_rows(data, analysis.near_duplicates),
        "self-partners": [
            {"task": s.task, "task_id": data.tasks[s.task].task_id, "agency": s.agency}
            for s in analysis.self_partners
        ],
        "un-gaps": _un_gap_rows(analysis.un_coverage),
        "declared-targets": _declared_target_rows(data.declared),
    }
    for view in VIEWS:
        pairs = analysis.views[view.name].similar_portfolios
        rows[f"similar-portfolios-{view.name}"] = _portfolio_rows(data, pairs)
    return rows


def _shared_target_rows(data: NetworkData, targets: list[SharedTarget]) -> Rows:
    """One row per target and lead sharing it."""
    return [
        {
            "plan": s.plan,
            "target": s.notation,
            "lead": share.lead,
            "lead_label": data.agent(share.lead).label_en,
            "appendix": share.appendix_number,
            "tasks": share.tasks,
            "filed_under": ";".join(share.concepts),
            "declared_by": ";".join(str(n) for n in s.declared_by),
        }
        for s in targets
        for share in s.leads
    ]


def _task_cells(prefix: str, task: TaskRow) -> dict[str, Any]:
    return {
        f"{prefix}task_id": task.task_id,
        f"{prefix}task": task.iri,
        f"{prefix}lead": task.lead,
        f"{prefix}line": task.line,
        f"{prefix}text": task.text,
    }


def _near_duplicate_rows(data: NetworkData, pairs: list[TextPair]) -> Rows:
    return [
        {
            "similarity": p.similarity,
            **_task_cells("a_", data.tasks[p.a]),
            **_task_cells("b_", data.tasks[p.b]),
        }
        for p in pairs
    ]


def _un_gap_rows(coverage: list[UnCoverage]) -> Rows:
    """One row per UN goal or target that no task reaches."""
    return [
        {
            "plan": c.plan,
            "un_concept": u.iri,
            "notation": u.notation,
            "level": "goal" if u.goal is None else "target",
            "goal": u.goal or u.notation,
            "label": u.label,
            "text": u.text,
            "means_of_implementation": u.means_of_implementation,
        }
        for c in coverage
        for u in (*c.untouched_goals, *c.untouched_targets)
    ]


def _declared_target_rows(declared: list[Declared]) -> Rows:
    return [
        {
            "plan": d.plan,
            "appendix": d.appendix_number,
            "lead": d.lead,
            "target": d.notation,
            "status": d.status,
            "via": ";".join(d.via),
        }
        for d in declared
    ]


def _portfolio_rows(data: NetworkData, pairs: list[PortfolioPair]) -> Rows:
    return [
        {
            "a": p.a,
            "a_label": data.agent(p.a).label_en,
            "b": p.b,
            "b_label": data.agent(p.b).label_en,
            "shared": p.shared,
            "targets_a": p.size_a,
            "targets_b": p.size_b,
            "jaccard": p.jaccard,
        }
        for p in pairs
    ]


FINDING_COLUMNS = {
    "shared-targets": [
        "plan",
        "target",
        "lead",
        "lead_label",
        "appendix",
        "tasks",
        "filed_under",
        "declared_by",
    ],
    "near-duplicate-tasks": [
        "similarity",
        *(f"{p}{c}" for p in ("a_", "b_") for c in ("task_id", "task", "lead", "line", "text")),
    ],
    "self-partners": ["task", "task_id", "agency"],
    "un-gaps": [
        "plan",
        "un_concept",
        "notation",
        "level",
        "goal",
        "label",
        "text",
        "means_of_implementation",
    ],
    "declared-targets": ["plan", "appendix", "lead", "target", "status", "via"],
    "similar-portfolios": [
        "a",
        "a_label",
        "b",
        "b_label",
        "shared",
        "targets_a",
        "targets_b",
        "jaccard",
    ],
}
FINDING_COLUMNS["split-targets"] = FINDING_COLUMNS["shared-targets"]


PLAN_BOTTLENECK_COLUMNS = [
    "plan",
    "bottleneck_rank",
    "bottleneck",
    "iri",
    "identifier",
    "label_en",
    "kind",
    "load",
    "tasks_led",
    "tasks_partner",
    "leads_served",
    "betweenness",
    "points_load",
    "points_reach",
    "points_brokerage",
    "why",
]


def _plan_exports(analysis: Analysis, out: Path) -> tuple[list[Path], dict[str, Any]]:
    """Per-plan rankings and summary, cross-plan tables: CSV files, and their JSON."""
    views = analysis.per_plan
    assert views is not None
    summary = [s.as_row() for s in views.summaries]
    paths = [write_csv(out / "metrics" / "plan-summary.csv", summary)]
    payload: dict[str, Any] = {"plans": summary, "views": {}}
    for name, per_plan in views.ranked.items():
        rows = [
            {"plan": plan, **row.as_row()} for plan, ranked in per_plan.items() for row in ranked
        ]
        paths.append(
            write_csv(
                out / "metrics" / f"plan-bottlenecks-{name}.csv", rows, PLAN_BOTTLENECK_COLUMNS
            )
        )
        units = [u.as_row() for u in views.units[name]]
        kinds = [k.as_row() for k in views.kinds[name]]
        paths.append(write_csv(out / "metrics" / f"cross-plan-units-{name}.csv", units))
        paths.append(write_csv(out / "metrics" / f"cross-plan-kinds-{name}.csv", kinds))
        payload["views"][name] = {"units": units, "kinds": kinds}
    splits = [
        {
            "target": split.notation,
            "plans": split.plans,
            "lead_sets": len(split.lead_sets),
            "leads": "; ".join(f"{'+'.join(ids)}: {n}" for ids, n in split.lead_sets),
        }
        for split in views.lead_splits
    ]
    columns = ["target", "plans", "lead_sets", "leads"]
    paths.append(write_csv(out / "findings" / "lead-differs-across-plans.csv", splits, columns))
    payload["lead_differs_across_plans"] = splits
    return paths, payload


def write_exports(analysis: Analysis, warnings: ExtractionWarnings, out: Path) -> list[Path]:
    """Metrics and findings as CSV and JSON (the networks: :mod:`.network_files`)."""
    paths: list[Path] = []
    metrics_json: dict[str, Any] = {
        "bottleneck_formula": BOTTLENECK_FORMULA,
        "louvain_seed": LOUVAIN_SEED,
        "views": {},
    }
    for name, view in analysis.views.items():
        # these metrics count a merged cell's partners on every row it covers
        rows = [{**row.as_row(), "reading": "inherited"} for row in view.metrics]
        paths.append(write_csv(out / "metrics" / f"agency-metrics-{name}.csv", rows))
        metrics_json["views"][name] = {"title": view.view.title, "agencies": rows}
    if analysis.per_plan is not None:
        plan_files, metrics_json["per_plan"] = _plan_exports(analysis, out)
        paths += plan_files
    found: dict[str, Any] = {}
    if analysis.findings is not None:
        found_files, found = write_findings(analysis, out, write_csv)
        paths += found_files
        metrics_json["measures"] = {
            key: found.pop(key)
            for key in ("measures", "rank-changes", "rank-ranges", "communities")
        }
    paths.append(write_json(out / "metrics" / "metrics.json", metrics_json))
    findings = _finding_rows(analysis)
    for name, rows in findings.items():
        columns = FINDING_COLUMNS.get(name) or FINDING_COLUMNS["similar-portfolios"]
        paths.append(write_csv(out / "findings" / f"{name}.csv", rows, columns))
    warning_rows = [
        {"kind": w.kind, "line": w.line, "message": w.message, "raw": w.raw, "reading": w.reading}
        for w in warnings.items
    ]
    paths.append(
        write_csv(
            out / "findings" / "extraction-warnings.csv",
            warning_rows,
            ["kind", "line", "message", "raw", "reading"],
        )
    )
    paths.append(
        write_json(
            out / "findings" / "findings.json",
            {
                "thresholds": {
                    "jaccard": analysis.jaccard_threshold,
                    "text": analysis.text_threshold,
                },
                "extraction_warnings_origin": warnings.origin,
                **findings,
                **found,
                "extraction_warnings": warning_rows,
            },
        )
    )
    return paths
