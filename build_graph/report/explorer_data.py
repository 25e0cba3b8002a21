"""What ``explorer.html`` knows, as one JSON document: the units with their names, kinds and
positions, the tasks with their targets, periods, leads and partners, and where each fact of a
task was read. The page computes its networks from the tasks, so that every filter (goal,
target, period, kind, plan, reading of merged cells) is applied to the tasks themselves, as
the report's networks are built.

Compact by design (a national graph: ~33,000 tasks and ~6,200 units): rows are arrays, not
objects, and the cells printed in the source (a merged cell repeats over many tasks) are kept
once in a string table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from build_graph.model.agencies import KIND_LABELS_VI, KINDS
from build_graph.network.analysis import Analysis
from build_graph.network.data import NetworkData, code_key, select
from build_graph.network.graphs import AGGREGATE_KINDS
from build_graph.network.layout import scaled
from build_graph.network.merged import generic_names
from build_graph.network.today import Today, principal_holder
from build_graph.report.layouts import Layouts
from build_graph.report.palette import KIND_GROUPS, kind_group

AGENCY_PATH = "/agency/"
EXTENT = 100.0
FACTS = ("task", "lead", "partner", "period")


def unit_key(iri: str) -> str:
    """A unit's key in the explorer's URLs: its IRI after ``/agency/`` (``hai-phong/so-yte``)."""
    at = iri.find(AGENCY_PATH)
    return iri[at + len(AGENCY_PATH) :] if at >= 0 else iri


class _Strings:
    """A string table: each distinct string once, referred to by its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    @property
    def values(self) -> list[str]:
        return list(self.index)


def _line_place(iri: str) -> tuple[str, int] | None:
    """``(plan slug, line number)`` of a source line's IRI (``…/source/<plan>/line/<n>``)."""
    head, _, number = iri.rpartition("/line/")
    plan = head.rpartition("/source/")[2]
    return (plan, int(number)) if number.isdigit() and plan else None


@dataclass(frozen=True)
class SourceRows:
    """The rows a task's facts are cited with (``task-sources`` and ``source-references``),
    read while the report has the store: the store can be let go before the explorer is made."""

    references: list[dict[str, Any]]
    facts: list[dict[str, Any]]


def read_source_rows(store: ox.Store) -> SourceRows:
    return SourceRows(select(store, "source-references"), select(store, "task-sources"))


def _sources(
    rows: SourceRows, data: NetworkData, units: Mapping[str, int], cells: _Strings
) -> dict[str, list[list[Any]]]:
    """Task IRI → its facts ``[fact, line, reference, cell, inherited, [units]]``: the facts
    printed on one line with the same cell (the partners of one cell) are one entry."""
    references = {}
    for row in rows.references:
        place = _line_place(row["sourceLine"])
        if place is not None:
            references[place] = row["reference"]
    grouped: dict[str, dict[tuple[str, int, str, bool], list[int]]] = defaultdict(dict)
    for row in rows.facts:
        task = data.tasks.get(row["task"])
        if task is None or row["line"] is None:
            continue
        raw = task.text if row["fact"] == "task" else (row["raw"] or "")
        key = (row["fact"], row["line"], raw, bool(row["inherited"]))
        members = grouped[row["task"]].setdefault(key, [])
        if row["agent"] is not None and row["agent"] in units:
            members.append(units[row["agent"]])
    result: dict[str, list[list[Any]]] = {}
    for task_iri, facts in grouped.items():
        plan = data.tasks[task_iri].plan.rsplit("/", 1)[-1]
        ordered = sorted(facts.items(), key=lambda kv: (kv[0][1], FACTS.index(kv[0][0])))
        result[task_iri] = [
            [
                FACTS.index(fact),
                line,
                cells(references.get((plan, line), "")),
                cells(raw),
                int(inherited),
                sorted(members),
            ]
            for (fact, line, raw, inherited), members in ordered
        ]
    return result


def _concepts(data: NetworkData) -> dict[str, list[Any]]:
    """The VSDG goals, targets and sub-targets the tasks are filed under: notation → its
    English and Vietnamese texts and the UN targets it is mapped to."""
    used = {
        n for t in data.tasks.values() for n in (t.notation, t.target_notation, t.goal_notation)
    }
    return {
        notation: [text.text_en, text.text_vi, [code for code, _ in text.un]]
        for notation, text in data.concepts.items()
        if notation in used
    }


def _un_texts(data: NetworkData) -> dict[str, str]:
    return {c.notation: c.text or c.label for c in data.un_concepts.values()}


def explorer_payload(
    analysis: Analysis,
    source_rows: SourceRows,
    layouts: Layouts,
    lang: str,
    report_files: Mapping[str, str],
    plan_names: Mapping[str, str] | None = None,
    today: Today | None = None,
) -> dict[str, Any]:
    """The JSON document of ``explorer.html``. ``layouts``: the report's positions of the units
    and of the units merged across plans; ``report_files``: language → the report page in it,
    for the page's links back; ``plan_names``: plan IRI → its Vietnamese name; ``today``: who
    holds each unit's remaining functions today (the page's switch to today's structure)."""
    data = analysis.data
    positions, merged_positions = layouts.units, layouts.merged
    plan_names = plan_names or {}
    plans = sorted(data.plans.values(), key=lambda p: p.identifier or p.iri)
    plan_index = {p.iri: i for i, p in enumerate(plans)}
    kinds = list(KINDS)
    used = {a for t in data.tasks.values() for a in (t.lead, *t.partners)}
    agents = sorted(used, key=lambda iri: (data.agent(iri).label_vi or iri, iri))
    units = {iri: i for i, iri in enumerate(agents)}
    plan_of: dict[str, str] = {}
    for task in data.tasks.values():
        for unit in (task.lead, *task.partners):
            plan_of.setdefault(unit, task.plan)
    place = scaled(positions, EXTENT)
    cells = _Strings()
    sources = _sources(source_rows, data, units, cells)
    periods = sorted(
        {p.label for t in data.tasks.values() for p in t.periods},
        key=lambda label: (not label[:1].isdigit(), label),
    )
    period_index = {label: i for i, label in enumerate(periods)}
    unit_rows = _unit_rows(
        data, agents, place, [plan_index.get(plan_of.get(iri, ""), 0) for iri in agents]
    )
    task_rows = _task_rows(data, plan_index, period_index, units, sources)
    merged = _merged_units(analysis, agents, merged_positions)
    goals = sorted({t.goal_notation for t in data.tasks.values() if t.goal_notation}, key=code_key)
    today_units, today_bodies = _today(today, data, agents, unit_rows) if today else ({}, {})
    return {
        "lang": lang,
        "reports": dict(report_files),
        "plans": [
            [
                p.identifier or p.iri,
                p.label or p.identifier,
                plan_names.get(p.iri) or p.label or p.identifier,
            ]
            for p in plans
        ],
        "kinds": [
            [kind, KINDS[kind], KIND_LABELS_VI.get(kind, KINDS[kind]), _group_index(kind)]
            for kind in kinds
        ],
        "aggregate": sorted(kinds.index(k) for k in AGGREGATE_KINDS if k in kinds),
        "groups": [[g.key, g.name_en, g.name_vi, g.colour] for g in KIND_GROUPS],
        "goals": goals,
        "concepts": _concepts(data),
        "un": _un_texts(data),
        "periods": periods,
        "units": unit_rows,
        "merged": merged,
        "tasks": task_rows,
        "cells": cells.values,
        "today": today_units,
        "todayBodies": today_bodies,
    }


def _unit_rows(
    data: NetworkData,
    agents: list[str],
    place: Mapping[Hashable, tuple[float, float]],
    plan_numbers: list[int],
) -> list[list[Any]]:
    """One row per unit: IRI, names, kind, plan, registry id, position."""
    kinds = list(KINDS)
    rows = []
    for iri, plan_number in zip(agents, plan_numbers, strict=True):
        agent = data.agent(iri)
        x, y = place.get(iri, (0.0, 0.0))
        rows.append(
            [
                iri,
                agent.label_en,
                agent.label_vi or agent.label_en,
                kinds.index(agent.kind) if agent.kind in kinds else kinds.index("unresolved"),
                plan_number,
                agent.identifier,
                x,
                y,
            ]
        )
    return rows


def _task_rows(
    data: NetworkData,
    plan_index: Mapping[str, int],
    period_index: Mapping[str, int],
    units: Mapping[str, int],
    sources: Mapping[str, list[list[Any]]],
) -> list[list[Any]]:
    """One row per task: number, plan, text, codes, periods, lead, partners (all, then the
    inherited ones) and where each fact was read."""
    return [
        [
            task.task_id,
            plan_index.get(task.plan, 0),
            task.text,
            task.notation,
            task.target_notation,
            task.goal_notation,
            [period_index[p.label] for p in task.periods],
            units[task.lead],
            [units[p] for p in task.partners],
            [units[p] for p in task.partners if p in task.inherited],
            sources.get(task.iri, []),
        ]
        for task in data.tasks.values()
    ]


def _merged_units(
    analysis: Analysis, agents: list[str], positions: Mapping[Hashable, tuple[float, float]]
) -> dict[str, list[Any]]:
    """With several plans, registry id → the unit merged across plans: its generic names and
    position (the national view)."""
    data = analysis.data
    merged: dict[str, list[Any]] = {}
    if not data.several_plans or analysis.per_plan is None:
        return merged
    registry = analysis.per_plan.registry
    spot = scaled(positions, EXTENT)
    for iri in agents:
        key = data.agent(iri).identifier
        if key in merged:
            continue
        agency = registry.agencies.get(key)
        agent = data.agent(iri)
        name_vi, name_en = generic_names(agency) if agency else (agent.label_vi, agent.label_en)
        x, y = spot.get(key, (0.0, 0.0))
        merged[key] = [name_en, name_vi, x, y]
    return merged


def _today(
    today: Today, data: NetworkData, agents: list[str], unit_rows: list[list[Any]]
) -> tuple[dict[str, str], dict[str, list[Any]]]:
    """Unit index → the key of the body that holds its remaining functions today, for every
    unit whose functions moved and every unit that took some in; and each such body's names
    and place (the mean of its units' places). A unit that ended without a successor, or that
    nothing touched, keeps its own node."""
    holders = {
        iri: holding.holder
        for iri in agents
        if (holding := principal_holder(iri, today.holdings, today.ended)) is not None
    }
    takers = {h for iri, h in holders.items() if h != iri}
    units: dict[str, str] = {}
    members: dict[str, list[int]] = defaultdict(list)
    for index, iri in enumerate(agents):
        holder = holders.get(iri)
        if holder is not None and (holder != iri or iri in takers):
            units[str(index)] = unit_key(holder)
            members[holder].append(index)
    bodies = {}
    for holder, indices in sorted(members.items()):
        agent = data.agent(holder)
        x = sum(unit_rows[i][6] for i in indices) / len(indices)
        y = sum(unit_rows[i][7] for i in indices) / len(indices)
        bodies[unit_key(holder)] = [agent.label_en, agent.label_vi or agent.label_en, x, y]
    return units, bodies


def _group_index(kind: str) -> int:
    return KIND_GROUPS.index(kind_group(kind))
