"""The findings' exports: every measure in both readings of merged cells, rank changes and
ranges, communities, accountability counts, briefing cases, overlaps and national gaps, as CSV
(and their JSON), and the co-assignment network of each reading as GraphML and GEXF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from build_graph.network.analysis import Analysis, Findings
from build_graph.network.data import NetworkData
from build_graph.network.measures import RANKED
from build_graph.network.readings import READINGS
from build_graph.network.sensitivity import rank_changes

Rows = list[dict[str, Any]]


def measure_rows(found: Findings) -> Rows:
    """One row per reading × agency."""
    return [
        {"reading": reading, **row.as_row()}
        for reading in READINGS
        for row in found.sensitivity.baseline(reading)
    ]


def rank_change_rows(found: Findings) -> Rows:
    return [
        {
            "measure": measure,
            "iri": row.iri,
            "identifier": row.identifier,
            "label_en": row.label_en,
            "rank_written": before,
            "rank_inherited": after,
        }
        for measure in RANKED
        for row, before, after in rank_changes(found.sensitivity, measure)
    ]


def rank_range_rows(found: Findings, data: NetworkData) -> Rows:
    rows = []
    for measure, ranges in found.sensitivity.ranges.items():
        for iri, found_range in sorted(ranges.items()):
            rows.append(
                {
                    "measure": measure,
                    "iri": iri,
                    "label_en": data.agent(iri).label_en,
                    "low": found_range.low,
                    "high": found_range.high,
                    "choices": len(found_range.ranks),
                    "ranks": "; ".join(f"{k}: {v}" for k, v in sorted(found_range.ranks.items())),
                }
            )
    for iri, found_range in sorted(found.sensitivity.composite.items()):
        rows.append(
            {
                "measure": "composite",
                "iri": iri,
                "label_en": data.agent(iri).label_en,
                "low": found_range.low,
                "high": found_range.high,
                "choices": len(found_range.ranks),
                "ranks": "",
            }
        )
    return rows


def community_rows(found: Findings) -> Rows:
    rows = []
    for reading, communities in found.communities.items():
        for node, number in sorted(communities.partition.items()):
            rows.append(
                {
                    "reading": reading,
                    "unit": node,
                    "community": number,
                    "stability": round(communities.node_stability.get(node, 0.0), 6),
                    "modularity": round(communities.modularity, 6),
                    "rand_mean": round(communities.rand_mean, 6),
                }
            )
    return rows


def accountability_rows(found: Findings, data: NetworkData) -> dict[str, Rows]:
    acc = found.accountability
    profiles = [
        {
            "reading": reading,
            "plan": plan or "all",
            "tasks": profile.tasks,
            "no_partner": profile.none,
            "only_vague": profile.only_vague,
            "only_vague_or_collective": profile.only_aggregate,
            "named_agency": profile.named,
        }
        for reading, plans in acc.profiles.items()
        for plan, profile in sorted(plans.items())
    ]
    delegation = [
        {
            "plan": d.plan,
            "lead": d.lead,
            "lead_label": data.agent(d.lead).label_en,
            "tasks_led": d.tasks_led,
            **{f"delegated_{r}": d.delegated[r] for r in READINGS},
            **{f"share_{r}": round(d.share(r), 6) for r in READINGS},
        }
        for d in acc.delegation
    ]
    periods = [{"periods": label, "tasks": count} for label, count in acc.periods.most_common()]
    horizon = [
        {
            "task_id": t.task_id,
            "task": t.iri,
            "line": t.line,
            "periods": "; ".join(p.label for p in t.periods),
        }
        for t in acc.whole_horizon
    ]
    aggregates = [
        {
            "unit": a.iri,
            "label_en": data.agent(a.iri).label_en,
            "kind": a.kind,
            **{f"tasks_{r}": a.tasks[r] for r in READINGS},
            "leads": a.leads,
        }
        for a in acc.aggregates
    ]
    return {
        "partner-profile": profiles,
        "vertical-delegation": delegation,
        "periods-by-task": periods,
        "whole-horizon-tasks": horizon,
        "collective-and-vague-units": aggregates,
    }


def briefing_rows(found: Findings, data: NetworkData) -> Rows:
    rows = []
    for case in found.briefing_cases:
        text = case.text
        for side in case.sides:
            for task in side.tasks:
                rows.append(
                    {
                        "plan": case.plan,
                        "target": case.notation,
                        "text_of": case.text_of,
                        "text_vi": text.text_vi if text else "",
                        "text_en": text.text_en if text else "",
                        "un": "; ".join(code for code, _ in text.un) if text else "",
                        "un_text_en": " | ".join(t for _, t in text.un) if text else "",
                        "lead": side.lead,
                        "lead_label": data.agent(side.lead).label_en,
                        "task_id": task.task_id,
                        "line": task.line,
                        "names_other_lead": task in side.names_other,
                        "names_other_lead_written": task in side.names_other_written,
                        "best_similarity": max(
                            (s for a, b, s in case.similarity if task.iri in (a, b)), default=None
                        ),
                        "text": task.text,
                    }
                )
    return rows


def overlap_rows(found: Findings, data: NetworkData) -> Rows:
    return [
        {
            "reading": reading,
            "plan": p.plan,
            "a": p.a,
            "a_label": data.agent(p.a).label_en,
            "b": p.b,
            "b_label": data.agent(p.b).label_en,
            "targets_a": p.size_a,
            "targets_b": p.size_b,
            "shared": p.shared,
            "co_listed": p.co_listed,
            "separate": p.separate,
            "expected": round(p.expected, 6),
            "p_value": round(p.p_value, 8),
            "genuine": p.genuine,
        }
        for reading, pairs in found.overlap_pairs.items()
        for p in pairs
    ]


def national_rows(found: Findings) -> Rows:
    return [
        {"plan": gap.plan, "target": t.code, "text_vi": t.text_vi, "text_en": t.text_en}
        for gap in found.national_gaps
        for t in gap.not_adopted
    ]


def findings_tables(analysis: Analysis) -> dict[str, Rows]:
    """Every table of the findings, by its path under the report folder (without .csv)."""
    found = analysis.findings
    assert found is not None
    data = analysis.data
    tables: dict[str, Rows] = {
        "metrics/measures": measure_rows(found),
        "metrics/rank-changes": rank_change_rows(found),
        "metrics/rank-ranges": rank_range_rows(found, data),
        "metrics/communities": community_rows(found),
        "findings/briefing-cases": briefing_rows(found, data),
        "findings/portfolio-overlaps": overlap_rows(found, data),
        "findings/national-gaps": national_rows(found),
    }
    for name, rows in accountability_rows(found, data).items():
        tables[f"findings/{name}"] = rows
    per_plan = analysis.per_plan
    if per_plan is not None:
        for reading, plans in per_plan.measures.items():
            tables[f"metrics/plan-measures-{reading}"] = [
                row.as_row() for rows in plans.values() for row in rows
            ]
        for reading, units in per_plan.measures_across.items():
            tables[f"metrics/cross-plan-measures-{reading}"] = [u.as_row() for u in units]
    return tables


def coassignment(analysis: Analysis, reading: str) -> nx.Graph:
    """The co-assignment network of one reading, its nodes carrying that reading's measures."""
    found = analysis.findings
    assert found is not None
    network = found.sensitivity.networks[reading].copy()  # built by the measures: annotated here
    for row in found.sensitivity.baseline(reading):
        if row.iri in network:
            attrs = network.nodes[row.iri]
            for key, value in row.as_row().items():
                if key not in attrs and value is not None and key != "iri":
                    attrs[key] = value
    return network


def coassignment_networks(analysis: Analysis) -> dict[str, Any]:
    """The co-assignment network of each reading, by file name."""
    return {f"coassignment-{reading}": coassignment(analysis, reading) for reading in READINGS}


def write_findings(
    analysis: Analysis, out: Path, write_csv: Callable[..., Path]
) -> tuple[list[Path], dict[str, Any]]:
    """Write the findings' tables (their networks: :mod:`.network_files`); return the paths
    and the JSON payload."""
    paths: list[Path] = []
    payload: dict[str, Any] = {}
    empty_columns = {"findings/national-gaps": ["plan", "target", "text_vi", "text_en"]}
    for name, rows in findings_tables(analysis).items():
        columns = list(rows[0]) if rows else empty_columns.get(name, [])
        paths.append(write_csv(out / f"{name}.csv", rows, columns))
        payload[name.split("/", 1)[1]] = rows
    return paths, payload
