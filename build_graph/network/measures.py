"""Per-agency measures, each named for what it measures, computed under one reading of the plan.

Only *agencies* are measured and ranked: collective units ("UBND các quận, huyện") and vague
ones ("Các đơn vị có liên quan") are counted in the accountability findings instead. Work
between a department and its own units (org:unitOf: Health and its centres) is *in-sector*
and kept apart from coordination between agencies in every measure.

* **Own workload**: tasks the agency leads.
* **Demand from other agencies**: tasks led by an agency of another sector that name it as
  partner; and *leads served*, the number of such leads.
* **In-sector tasks**: tasks naming it whose lead is of its own sector (a centre named by its
  department, a department by its own centre): oversight, not coordination.
* **Brokerage**: normalised betweenness on the *co-assignment network* (named units linked
  when one task names both, as lead or partner; ties within a sector dropped; distance =
  1 / shared tasks), taken on its 2-core: units tied to fewer than two others are peeled off
  first, so that no unit earns brokerage from one-off contacts hanging off it. Burt's effective
  size and constraint are given beside it, on the whole co-assignment network.
* **Concentration** (leads only): the share of the lead's tasks that name its most-named
  partner of another sector.
* **Vertical delegation** (leads only): the share of the lead's tasks that name district- or
  commune-level People's Committees.

No measure is scaled to a maximum, so values compare across views and plans.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields

import networkx as nx
import numpy as np

from build_graph.network.data import NetworkData, TaskRow
from build_graph.network.graphs import AGGREGATE_KINDS, node_attributes
from build_graph.network.metrics import betweenness, competition_ranks, structural_holes

LOCAL_KINDS = frozenset({"district-collective", "commune-collective", "district-committee"})
RANKED = (
    "demand_tasks",
    "leads_served",
    "tasks_led",
    "brokerage",
    "effective_size",
    "concentration",
    "delegation",
)
LEAD_ONLY = frozenset({"concentration", "delegation"})


@dataclass
class AgencyMeasures:
    """One agency of one plan under one reading."""

    iri: str
    identifier: str
    label_en: str
    label_vi: str
    kind: str
    plan: str
    tasks_led: int = 0
    demand_tasks: int = 0
    leads_served: int = 0
    in_sector_tasks: int = 0
    brokerage: float = 0.0
    in_core: bool = False
    effective_size: float = math.nan
    constraint: float = math.nan
    concentration: float | None = None
    top_partner: str = ""
    delegation: float | None = None
    delegated_tasks: int = 0
    ranks: dict[str, int | None] = field(default_factory=dict)

    def value(self, measure: str) -> float | None:
        value = getattr(self, measure)
        return None if value is None or (isinstance(value, float) and math.isnan(value)) else value

    def as_row(self) -> dict[str, object]:
        row: dict[str, object] = {
            name: getattr(self, name) for name in _FIELDS if name not in ("ranks",)
        }
        for key, value in row.items():
            if isinstance(value, float):
                row[key] = None if math.isnan(value) else round(value, 6)
        for measure in RANKED:
            row[f"rank_{measure}"] = self.ranks.get(measure)
        return row


_FIELDS = [f.name for f in fields(AgencyMeasures)]


def is_agency(data: NetworkData, iri: str) -> bool:
    """Whether a unit is measured and ranked: not a collective or vague unit."""
    return data.agent(iri).kind not in AGGREGATE_KINDS


def coassignment_network(
    data: NetworkData, partners: dict[str, list[str]], tasks: list[TaskRow] | None = None
) -> nx.Graph:
    """Agencies linked by the number of tasks naming both (as lead or partner), ties within
    one sector left out; per plan (agencies of two plans never share a task)."""
    graph = nx.Graph()
    by_plan: dict[str, list[list[str]]] = defaultdict(list)
    for task in tasks if tasks is not None else data.tasks.values():
        named = [p for p in partners[task.iri] if is_agency(data, p)]
        if is_agency(data, task.lead):
            named.append(task.lead)
        by_plan[task.plan].append(sorted(set(named)))
    for rows in by_plan.values():
        members = sorted({m for row in rows for m in row})
        index = {m: i for i, m in enumerate(members)}
        incidence = np.zeros((len(rows), len(members)), dtype=np.int32)
        for r, row in enumerate(rows):
            incidence[r, [index[m] for m in row]] = 1
        counts = incidence.T @ incidence
        for member in members:
            graph.add_node(member, **node_attributes(data.agent(member)))
        for i, j in zip(*np.nonzero(np.triu(counts, k=1)), strict=True):
            a, b = members[i], members[j]
            if data.sector(a) != data.sector(b):
                graph.add_edge(a, b, weight=int(counts[i, j]))
    return graph


def two_core(network: nx.Graph) -> set[str]:
    """The nodes left when nodes tied to fewer than two others are peeled off, repeatedly."""
    degree = {node: len(network[node]) for node in network}
    queue = [node for node, d in degree.items() if d < 2]
    removed: set[str] = set()
    while queue:
        node = queue.pop()
        if node in removed:
            continue
        removed.add(node)
        for other in network[node]:
            if other not in removed:
                degree[other] -= 1
                if degree[other] < 2:
                    queue.append(other)
    return set(network) - removed


def brokerage(network: nx.Graph) -> tuple[dict[str, float], set[str]]:
    """Normalised betweenness (distance 1 / weight) on the 2-core of ``network``, and the core's
    members; units outside the core get 0."""
    members = two_core(network)
    core = nx.Graph()
    core.add_nodes_from(sorted(members))
    core.add_edges_from(
        (u, v, attrs) for u, v, attrs in network.edges(data=True) if u in members and v in members
    )
    values = betweenness(core) if len(core) else {}
    return {node: values.get(node, 0.0) for node in network}, members


def agency_measures(
    data: NetworkData,
    partners: dict[str, list[str]],
    tasks: list[TaskRow] | None = None,
    networks: dict[str, nx.Graph] | None = None,
    key: str = "",
) -> list[AgencyMeasures]:
    """Every agency named on ``tasks`` (default: all) with ``partners`` (task → partners, one
    reading), ranked by each measure over all the rows returned; the co-assignment network
    built on the way is kept in ``networks[key]`` when ``networks`` is given."""
    tasks = list(data.tasks.values()) if tasks is None else tasks
    rows: dict[str, AgencyMeasures] = {}

    def row(iri: str, plan: str) -> AgencyMeasures:
        found = rows.get(iri)
        if found is None:
            agent = data.agent(iri)
            found = rows[iri] = AgencyMeasures(
                iri, agent.identifier, agent.label_en, agent.label_vi, agent.kind, plan
            )
        return found

    served: dict[str, set[str]] = defaultdict(set)
    named_by_lead: dict[str, Counter[str]] = defaultdict(Counter)
    for task in tasks:
        lead = task.lead
        lead_row = row(lead, task.plan) if is_agency(data, lead) else None
        if lead_row is not None:
            lead_row.tasks_led += 1
        local = False
        for partner in partners[task.iri]:
            if data.agent(partner).kind in LOCAL_KINDS:
                local = True
            if not is_agency(data, partner) or partner == lead:
                continue
            target = row(partner, task.plan)
            if data.sector(partner) == data.sector(lead):
                target.in_sector_tasks += 1
                continue
            target.demand_tasks += 1
            served[partner].add(lead)
            named_by_lead[lead][partner] += 1
        if lead_row is not None and local:
            lead_row.delegated_tasks += 1
    network = coassignment_network(data, partners, tasks)
    if networks is not None:
        networks[key] = network
    between, core = brokerage(network)
    constraint, effective = structural_holes(network)
    for iri, found in rows.items():
        found.leads_served = len(served[iri])
        found.brokerage = between.get(iri, 0.0)
        found.in_core = iri in core
        found.constraint = constraint.get(iri, math.nan)
        found.effective_size = effective.get(iri, math.nan)
        if found.tasks_led:
            named = named_by_lead[iri]
            top = min(named.items(), key=lambda item: (-item[1], item[0]), default=None)
            found.concentration = top[1] / found.tasks_led if top else 0.0
            found.top_partner = top[0] if top else ""
            found.delegation = found.delegated_tasks / found.tasks_led
    ranked = sorted(rows.values(), key=lambda r: (-r.demand_tasks, -r.tasks_led, r.label_en))
    rank_all(ranked)
    return ranked


def rank_all(rows: list[AgencyMeasures]) -> None:
    """Each row's rank by each measure among the rows that have it (largest first)."""
    for measure in RANKED:
        having = [r for r in rows if r.value(measure) is not None]
        ranks = competition_ranks([float(r.value(measure) or 0.0) for r in having])
        for found, rank in zip(having, ranks, strict=True):
            found.ranks[measure] = rank
        for found in rows:
            found.ranks.setdefault(measure, None)


def by_plan(rows: list[AgencyMeasures]) -> dict[str, list[AgencyMeasures]]:
    """The rows of each plan, re-ranked within the plan (copies; the values are the plan's
    own, since every count and network is per plan)."""
    import dataclasses

    plans: dict[str, list[AgencyMeasures]] = defaultdict(list)
    for found in rows:
        plans[found.plan].append(dataclasses.replace(found, ranks={}))
    for plan_rows in plans.values():
        rank_all(plan_rows)
    return dict(sorted(plans.items()))
