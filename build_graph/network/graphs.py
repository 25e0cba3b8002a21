"""The coordination networks of the plans, as networkx graphs with agency kinds on the nodes.

* lead → partner (directed): an edge from the lead of a task to each of its partners, weighted
  by the number of tasks they share;
* agency–target (bipartite): an agency and a VSDG target (X.Y, or the goal for tasks filed at
  goal level) are linked when the agency leads or partners a task filed under it;
* agency projection: two agencies linked by the number of targets both work on;
* co-partner: two agencies linked by the number of tasks that name both as partners;
* agency–task (two-mode): each task linked to its lead and to each of its partners.

Each weight comes in both readings of merged cells: ``weight`` counts every link, inherited
from a merged cell or not; ``weight_written`` (``partner_tasks_written``) only the links
printed on the task's own row.

Collective units ("UBND các quận, huyện") and vague units ("Các đơn vị có liên quan") are named
on most tasks and dominate every metric, so each network is built in two views: all units, and
named units only. Pair counts are per plan (agencies of two plans never share a task) and use
numpy incidence matrices, so that 63 plans stay fast.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from build_graph.model.agencies import COLLECTIVE_KINDS
from build_graph.network.data import Agent, NetworkData, TaskRow

AGGREGATE_KINDS = frozenset({"vague", *COLLECTIVE_KINDS})


@dataclass(frozen=True)
class View:
    """Which agents a network keeps: all of them, or all but some kinds."""

    name: str
    title: str
    excluded_kinds: frozenset[str] = frozenset()

    def keeps(self, agent: Agent) -> bool:
        return agent.kind not in self.excluded_kinds


ALL_UNITS = View("all-units", "all units")
NAMED_UNITS = View(
    "named-units", "named units only (collective and vague units left out)", AGGREGATE_KINDS
)
VIEWS = (ALL_UNITS, NAMED_UNITS)


def node_attributes(agent: Agent) -> dict[str, str]:
    """The attributes every agency node carries (strings only: GraphML and GEXF need types)."""
    return {
        "label": agent.label_en,
        "label_en": agent.label_en,
        "label_vi": agent.label_vi,
        "identifier": agent.identifier,
        "kind": agent.kind,
        "iri": agent.iri,
        "node_type": "agency",
    }


def kept_partners(data: NetworkData, task: TaskRow, view: View) -> list[str]:
    """The task's partners the view keeps, other than its own lead."""
    lead = task.lead
    if not view.excluded_kinds:
        return [p for p in task.partners if p != lead]
    excluded, agents = view.excluded_kinds, data.agents
    return [
        p
        for p in task.partners
        if p != lead and (agents.get(p) or data.agent(p)).kind not in excluded
    ]


def _add_agents(graph: nx.Graph, data: NetworkData, iris: set[str]) -> None:
    for iri in sorted(iris):
        graph.add_node(iri, **node_attributes(data.agent(iri)))


def coordination_network(data: NetworkData, view: View = ALL_UNITS) -> nx.DiGraph:
    """Lead → partner, weighted by shared tasks; every lead and kept partner is a node."""
    weights: dict[tuple[str, str], int] = defaultdict(int)
    written: dict[tuple[str, str], int] = defaultdict(int)
    nodes: set[str] = set()
    for task in data.tasks.values():
        if not view.keeps(data.agent(task.lead)):
            continue
        nodes.add(task.lead)
        for partner in kept_partners(data, task, view):
            nodes.add(partner)
            weights[(task.lead, partner)] += 1
            written[(task.lead, partner)] += partner not in task.inherited
    graph = nx.DiGraph(view=view.name)
    _add_agents(graph, data, nodes)
    for pair, weight in sorted(weights.items()):
        graph.add_edge(*pair, weight=weight, weight_written=written[pair])
    return graph


def _by_plan(data: NetworkData) -> dict[str, list[TaskRow]]:
    plans: dict[str, list[TaskRow]] = defaultdict(list)
    for task in data.tasks.values():
        plans[task.plan].append(task)
    return plans


def _pair_counts(rows: list[set[str]]) -> tuple[list[str], np.ndarray]:
    """Co-occurrence counts of the members of ``rows``: ``M.T @ M`` of the incidence matrix."""
    members = sorted(set().union(*rows)) if rows else []
    index = {m: i for i, m in enumerate(members)}
    incidence = np.zeros((len(rows), len(members)), dtype=np.int32)
    for r, row in enumerate(rows):
        incidence[r, [index[m] for m in row]] = 1
    return members, incidence.T @ incidence


def copartner_network(data: NetworkData, view: View = ALL_UNITS) -> nx.Graph:
    """Two agencies linked by the number of tasks that name both as partners."""
    graph = nx.Graph(view=view.name)
    for tasks in _by_plan(data).values():
        rows = [set(kept_partners(data, task, view)) for task in tasks]
        members, counts = _pair_counts([row for row in rows if row])
        written_rows = [row - task.inherited for row, task in zip(rows, tasks, strict=True) if row]
        index = {m: i for i, m in enumerate(members)}
        incidence = np.zeros((len(written_rows), len(members)), dtype=np.int32)
        for r, row in enumerate(written_rows):
            incidence[r, [index[m] for m in row]] = 1
        written = incidence.T @ incidence
        _add_agents(graph, data, set(members))
        for i, j in zip(*np.nonzero(np.triu(counts, k=1)), strict=True):
            graph.add_edge(
                members[i],
                members[j],
                weight=int(counts[i, j]),
                weight_written=int(written[i, j]),
            )
    return graph


def portfolios(data: NetworkData, view: View = ALL_UNITS) -> dict[str, dict[str, set[str]]]:
    """Plan → agency → the VSDG targets (IRIs) of the tasks it leads or partners."""
    result: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for task in data.tasks.values():
        agencies = [task.lead] if view.keeps(data.agent(task.lead)) else []
        for agency in [*agencies, *kept_partners(data, task, view)]:
            result[task.plan][agency].add(task.target)
    return {plan: dict(agencies) for plan, agencies in result.items()}


def bipartite_network(data: NetworkData, view: View = ALL_UNITS) -> nx.Graph:
    """Agencies (``bipartite=0``) and VSDG targets (``bipartite=1``), weighted by tasks."""
    graph = nx.Graph(view=view.name)
    lead_tasks: dict[tuple[str, str], int] = defaultdict(int)
    partner_tasks: dict[tuple[str, str], int] = defaultdict(int)
    written_tasks: dict[tuple[str, str], int] = defaultdict(int)
    targets: dict[str, str] = {}
    for task in data.tasks.values():
        targets[task.target] = task.target_notation
        if view.keeps(data.agent(task.lead)):
            lead_tasks[(task.lead, task.target)] += 1
        for partner in kept_partners(data, task, view):
            partner_tasks[(partner, task.target)] += 1
            written_tasks[(partner, task.target)] += partner not in task.inherited
    agencies = {a for a, _ in lead_tasks} | {a for a, _ in partner_tasks}
    for iri in sorted(agencies):
        graph.add_node(iri, bipartite=0, **node_attributes(data.agent(iri)))
    for iri, notation in sorted(targets.items()):
        graph.add_node(
            iri,
            bipartite=1,
            label=f"VSDG {notation}",
            label_en=f"VSDG {notation}",
            label_vi=f"Mục tiêu {notation}",
            identifier=notation,
            kind="target",
            iri=iri,
            node_type="target",
        )
    for pair in sorted(set(lead_tasks) | set(partner_tasks)):
        led, partnered = lead_tasks.get(pair, 0), partner_tasks.get(pair, 0)
        graph.add_edge(
            *pair,
            weight=led + partnered,
            lead_tasks=led,
            partner_tasks=partnered,
            partner_tasks_written=written_tasks.get(pair, 0),
        )
    return graph


def agency_projection(data: NetworkData, view: View = ALL_UNITS) -> nx.Graph:
    """Agencies linked by the number of targets both work on, with the Jaccard index."""
    graph = nx.Graph(view=view.name)
    for agencies in portfolios(data, view).values():
        names = sorted(agencies)
        targets = sorted(set().union(*agencies.values())) if agencies else []
        index = {t: i for i, t in enumerate(targets)}
        incidence = np.zeros((len(names), len(targets)), dtype=np.int32)
        for r, name in enumerate(names):
            incidence[r, [index[t] for t in agencies[name]]] = 1
        shared = incidence @ incidence.T
        sizes = np.diag(shared)
        _add_agents(graph, data, set(names))
        for node, size in zip(names, sizes, strict=True):
            graph.nodes[node]["targets"] = int(size)
        for i, j in zip(*np.nonzero(np.triu(shared, k=1)), strict=True):
            union = int(sizes[i] + sizes[j] - shared[i, j])
            graph.add_edge(
                names[i],
                names[j],
                weight=int(shared[i, j]),
                jaccard=round(float(shared[i, j]) / union, 6),
            )
    return graph


def agency_task_network(data: NetworkData, view: View = ALL_UNITS) -> nx.Graph:
    """The two-mode network of agencies (``bipartite=0``) and tasks (``bipartite=1``): an edge
    from each task to its lead (``role`` lead) and to each partner the view keeps (``role``
    partner, ``inherited`` when taken from a merged cell). A task node carries its plan,
    appendix, target, goal, periods and source line; its text is in ``tables/tasks.csv``
    (``task_id``), not repeated here (63 plans: 6 M characters)."""
    graph = nx.Graph(view=view.name)
    agencies: set[str] = set()
    edges: list[tuple[str, str, dict[str, object]]] = []
    for task in data.tasks.values():
        lead_kept = view.keeps(data.agent(task.lead))
        partners = kept_partners(data, task, view)
        if not lead_kept and not partners:
            continue
        if lead_kept:
            agencies.add(task.lead)
            edges.append((task.lead, task.iri, {"role": "lead", "inherited": False}))
        for partner in partners:
            agencies.add(partner)
            edges.append(
                (partner, task.iri, {"role": "partner", "inherited": partner in task.inherited})
            )
    for iri in sorted(agencies):
        graph.add_node(iri, bipartite=0, **node_attributes(data.agent(iri)))
    plans = data.plans
    tasks = {task for _, task, _ in edges}
    for iri in sorted(tasks):
        task = data.tasks[iri]
        plan = plans.get(task.plan)
        graph.add_node(
            iri,
            bipartite=1,
            label=task.task_id,
            task_id=task.task_id,
            iri=iri,
            node_type="task",
            kind="task",
            plan=plan.identifier if plan is not None else task.plan,
            appendix=task.appendix_number,
            target=task.target_notation,
            goal=task.goal_notation,
            period="; ".join(p.label for p in task.periods),
            line=task.line,
        )
    for agency, task_iri, attrs in edges:
        graph.add_edge(agency, task_iri, **attrs)
    return graph
