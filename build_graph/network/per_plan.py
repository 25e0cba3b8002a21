"""Per-plan and cross-plan views of a graph holding several plans.

Agencies are per jurisdiction (``…/agency/ha-noi/so-y-te``), so the graph-wide bottleneck
ranking compares the departments of 63 provinces with one another. Here each plan is ranked on
its own (maxima taken within the plan), and the plans are then compared through the registry
identifier the agencies share (``so-y-te`` in every province): in how many plans a department
leads, how much it carries, how often it is its plan's top bottleneck.
"""

from __future__ import annotations

import dataclasses
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from build_graph.model.agencies import Registry
from build_graph.network.data import NetworkData, TaskRow, code_key
from build_graph.network.graphs import VIEWS, View, kept_partners
from build_graph.network.measures import AgencyMeasures
from build_graph.network.measures import by_plan as measures_by_plan
from build_graph.network.merged import generic_label
from build_graph.network.metrics import AgencyMetrics, rank_bottlenecks

VAGUE = "vague"


@dataclass
class PlanSummary:
    """One plan at a glance: its size, its top bottlenecks, how vague its partners are."""

    plan: str
    label: str
    tasks: int
    leads: int
    units: int  # units of the plan's coordination network, all units
    named_units: int
    edges: int  # lead → partner pairs, all units
    density: float  # edges / (units × (units − 1))
    vague_only_tasks: int  # tasks whose partners are all vague units ("các đơn vị liên quan")
    top_all: AgencyMetrics | None
    top_named: AgencyMetrics | None

    @property
    def vague_only_share(self) -> float:
        return self.vague_only_tasks / self.tasks if self.tasks else 0.0

    def as_row(self) -> dict[str, object]:
        def top(row: AgencyMetrics | None, prefix: str) -> dict[str, object]:
            return {
                f"{prefix}iri": row.iri if row else None,
                f"{prefix}identifier": row.identifier if row else None,
                f"{prefix}label": row.label_en if row else None,
                f"{prefix}score": row.bottleneck if row else None,
            }

        return {
            "plan": self.plan,
            "label": self.label,
            "tasks": self.tasks,
            "lead_agencies": self.leads,
            "units": self.units,
            "named_units": self.named_units,
            "edges": self.edges,
            "density": round(self.density, 6),
            "vague_only_tasks": self.vague_only_tasks,
            "vague_only_share": round(self.vague_only_share, 6),
            **top(self.top_all, "top_all_units_"),
            **top(self.top_named, "top_named_units_"),
        }


@dataclass
class CrossPlanUnit:
    """One registry identifier (or one kind of unit) over every plan that names it."""

    key: str
    label: str
    kind: str
    units: int  # agencies (one per plan for an identifier; all of the kind for a kind)
    plans: int  # plans in whose network it is
    plans_leading: int  # plans in which it leads at least one task
    tasks_led: int
    load_mean: float
    load_max: int
    top_bottleneck: int  # plans in which it ranks first
    top3: int
    score_mean: float

    def as_row(self) -> dict[str, object]:
        row = dataclasses.asdict(self)
        for name in ("load_mean", "score_mean"):
            row[name] = round(row[name], 3)
        return row


@dataclass(frozen=True)
class LeadSplit:
    """A VSDG target whose leads are not the same in every plan that files tasks under it."""

    notation: str
    plans: int
    lead_sets: tuple[tuple[tuple[str, ...], int], ...]  # (lead identifiers, plans), commonest 1st


@dataclass
class MeasureAcrossPlans:
    """One registry identifier's named measures over every plan that names it: counts summed,
    per-plan values averaged over the plans that name it; shares recomputed from the sums."""

    key: str
    label: str
    kind: str
    plans: int
    tasks_led: int
    demand_tasks: int
    demand_mean: float
    leads_served_mean: float
    in_sector_tasks: int
    brokerage_mean: float
    delegated_tasks: int

    @property
    def delegation(self) -> float | None:
        return self.delegated_tasks / self.tasks_led if self.tasks_led else None

    def as_row(self) -> dict[str, object]:
        row = dataclasses.asdict(self)
        for name in ("demand_mean", "leads_served_mean", "brokerage_mean"):
            row[name] = round(row[name], 6)
        delegation = self.delegation
        row["delegation"] = None if delegation is None else round(delegation, 6)
        return row


def measures_across(rows: list[AgencyMeasures], registry: Registry) -> list[MeasureAcrossPlans]:
    """The rows of every plan grouped by registry identifier; most demanded first."""
    groups: dict[str, list[AgencyMeasures]] = defaultdict(list)
    for row in rows:
        groups[row.identifier].append(row)
    result = [
        MeasureAcrossPlans(
            key,
            generic_label(registry, key, group[0].label_en),
            group[0].kind,
            len({r.plan for r in group}),
            sum(r.tasks_led for r in group),
            sum(r.demand_tasks for r in group),
            statistics.fmean(r.demand_tasks for r in group),
            statistics.fmean(r.leads_served for r in group),
            sum(r.in_sector_tasks for r in group),
            statistics.fmean(r.brokerage for r in group),
            sum(r.delegated_tasks for r in group),
        )
        for key, group in groups.items()
    ]
    return sorted(result, key=lambda u: (-u.demand_tasks, -u.tasks_led, u.key))


@dataclass
class PlanViews:
    """Everything per plan and across plans, for both views."""

    ranked: dict[str, dict[str, list[AgencyMetrics]]]  # view → plan → rows, best first
    summaries: list[PlanSummary]
    units: dict[str, list[CrossPlanUnit]]  # view → by registry identifier
    kinds: dict[str, list[CrossPlanUnit]]  # view → by kind
    lead_splits: list[LeadSplit]
    registry: Registry  # whose identifiers group (and name) the units across plans
    measures: dict[str, dict[str, list[AgencyMeasures]]] = dataclasses.field(
        default_factory=dict
    )  # reading → plan → agencies ranked within the plan
    measures_across: dict[str, list[MeasureAcrossPlans]] = dataclasses.field(
        default_factory=dict
    )  # reading → by registry identifier


def by_plan(data: NetworkData) -> dict[str, list[TaskRow]]:
    plans: dict[str, list[TaskRow]] = defaultdict(list)
    for task in data.tasks.values():
        plans[task.plan].append(task)
    return dict(sorted(plans.items()))


def plan_rows(
    data: NetworkData, view: View, tasks: list[TaskRow], rows: dict[str, AgencyMetrics]
) -> tuple[list[AgencyMetrics], int]:
    """The plan's units ranked within the plan (load and leads served counted on its own tasks;
    betweenness is the graph-wide value, which is per component, so per plan); and its number
    of lead → partner pairs."""
    led: Counter[str] = Counter()
    partner: Counter[str] = Counter()
    inherited: Counter[str] = Counter()
    served: dict[str, set[str]] = defaultdict(set)
    engaged: dict[str, set[str]] = defaultdict(set)
    for task in tasks:
        lead_kept = task.lead in rows and view.keeps(data.agent(task.lead))
        for name in kept_partners(data, task, view):
            if name not in rows:
                continue
            partner[name] += 1
            inherited[name] += name in task.inherited
            if lead_kept:
                served[name].add(task.lead)
                engaged[task.lead].add(name)
        if lead_kept:
            led[task.lead] += 1
    members = set(led) | set(partner)
    ranked = [
        dataclasses.replace(
            rows[iri],
            tasks_led=led[iri],
            tasks_partner=partner[iri],
            tasks_partner_inherited=inherited[iri],
            load=led[iri] + partner[iri],
            leads_served=len(served[iri]),
            partners_engaged=len(engaged[iri]),
            points={},
        )
        for iri in members
    ]
    leads = {task.lead for task in tasks}
    edges = sum(len(names) for names in engaged.values())
    return rank_bottlenecks(ranked, n_leads=len(leads)), edges


def _vague_only(data: NetworkData, task: TaskRow) -> bool:
    partners = [p for p in task.partners if p != task.lead]
    return bool(partners) and all(data.agent(p).kind == VAGUE for p in partners)


def cross_plan(
    ranked: dict[str, list[AgencyMetrics]], key: str, registry: Registry
) -> list[CrossPlanUnit]:
    """Group the per-plan rows by ``identifier`` or by ``kind``; most often top bottleneck
    first. A registry identifier is named by ``registry`` for any province."""
    groups: dict[str, list[tuple[str, AgencyMetrics]]] = defaultdict(list)
    for plan, rows in ranked.items():
        for row in rows:
            groups[getattr(row, key)].append((plan, row))
    result = []
    for name, items in groups.items():
        rows = [row for _, row in items]
        label = Counter(r.label_en for r in rows).most_common(1)[0][0]
        if key == "identifier":  # each plan's label names its own province
            label = generic_label(registry, name, label)
        result.append(
            CrossPlanUnit(
                name,
                label if key == "identifier" else name,
                Counter(r.kind for r in rows).most_common(1)[0][0],
                len(rows),
                len({plan for plan, _ in items}),
                len({plan for plan, row in items if row.tasks_led}),
                sum(r.tasks_led for r in rows),
                statistics.fmean(r.load for r in rows),
                max(r.load for r in rows),
                sum(1 for r in rows if r.bottleneck_rank == 1),
                sum(1 for r in rows if r.bottleneck_rank is not None and r.bottleneck_rank <= 3),
                statistics.fmean(r.bottleneck for r in rows),
            )
        )
    return sorted(result, key=lambda u: (-u.top_bottleneck, -u.top3, -u.load_mean, u.key))


def lead_splits(data: NetworkData, plans: dict[str, list[TaskRow]]) -> list[LeadSplit]:
    """VSDG targets (X.Y) whose set of lead identifiers differs between the plans."""
    sets: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for plan, tasks in plans.items():
        for task in tasks:
            sets[task.target_notation][plan].add(data.agent(task.lead).identifier)
    result = []
    for notation, per_plan in sets.items():
        counted = Counter(tuple(sorted(leads)) for leads in per_plan.values())
        if len(counted) > 1:
            ordered = tuple(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
            result.append(LeadSplit(notation, len(per_plan), ordered))
    return sorted(result, key=lambda s: (-len(s.lead_sets), code_key(s.notation)))


def plan_views(
    data: NetworkData,
    metrics: dict[str, list[AgencyMetrics]],
    registry: Registry,
    measures: dict[str, list[AgencyMeasures]] | None = None,
) -> PlanViews:
    """Per-plan rankings and summaries, and the cross-plan tables, from the view metrics and
    the named measures (``measures``: reading → graph-wide rows); ``registry``: the agency
    registry, whose identifiers the plans' agencies share."""
    plans = by_plan(data)
    ranked: dict[str, dict[str, list[AgencyMetrics]]] = {}
    edges: dict[str, int] = {}
    for view in VIEWS:
        rows = {row.iri: row for row in metrics[view.name]}
        ranked[view.name] = {}
        for plan, tasks in plans.items():
            ranked[view.name][plan], count = plan_rows(data, view, tasks, rows)
            if view.name == "all-units":
                edges[plan] = count
    summaries = []
    for plan, tasks in plans.items():
        all_rows, named_rows = ranked["all-units"][plan], ranked["named-units"][plan]
        n = len(all_rows)
        info = data.plans.get(plan)
        summaries.append(
            PlanSummary(
                plan,
                (info.label or info.identifier) if info else plan,
                len(tasks),
                len({task.lead for task in tasks}),
                n,
                len(named_rows),
                edges[plan],
                edges[plan] / (n * (n - 1)) if n > 1 else 0.0,
                sum(1 for task in tasks if _vague_only(data, task)),
                all_rows[0] if all_rows else None,
                named_rows[0] if named_rows else None,
            )
        )
    measures = measures or {}
    return PlanViews(
        ranked,
        summaries,
        {name: cross_plan(per_plan, "identifier", registry) for name, per_plan in ranked.items()},
        {name: cross_plan(per_plan, "kind", registry) for name, per_plan in ranked.items()},
        lead_splits(data, plans),
        registry,
        {reading: measures_by_plan(rows) for reading, rows in measures.items()},
        {reading: measures_across(rows, registry) for reading, rows in measures.items()},
    )
