"""The networks as Gephi and Cytoscape users open them: each unit named (not its IRI), its
kind and colour class, whether it leads, the goals it works on, a size and a position from the
report's layout; each tie with its weight in both readings of merged cells and the tasks
behind it. GEXF carries colour, size and position as ``viz:`` elements, GraphML as plain
``x``, ``y``, ``size`` and ``colour`` values."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from build_graph.network.data import NetworkData, code_key
from build_graph.network.graphs import View, kept_partners
from build_graph.network.layout import Position, barycentres, scaled
from build_graph.report.palette import kind_colour, kind_group, rgb

EXTENT = 1000.0  # positions span -1000…1000 (Gephi's screen units)
TARGET_COLOUR = "#000000"
TASK_COLOUR = "#FFFFFF"


@dataclass
class UnitFacts:
    """What every exported agency node says, computed once per report."""

    data: NetworkData
    positions: dict[Hashable, Position]  # agency IRI → layout position (scaled)
    lang: str = "en"
    load: Counter[str] = field(default_factory=Counter)
    goals: dict[str, set[str]] = field(default_factory=dict)
    leads: set[str] = field(default_factory=set)
    plan_of: dict[str, str] = field(default_factory=dict)
    several: bool = False  # several plans: each unit says its plan
    max_load: int = 1
    _dressed: dict[str, dict[str, Any]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, data: NetworkData, layout: Mapping[Hashable, Position], lang: str) -> UnitFacts:
        load: Counter[str] = Counter()
        goals: dict[str, set[str]] = defaultdict(set)
        plan_of: dict[str, str] = {}
        for task in data.tasks.values():
            for unit in {task.lead, *task.partners}:
                load[unit] += 1
                plan_of.setdefault(unit, task.plan)
                if task.goal_notation:
                    goals[unit].add(task.goal_notation)
        leads = {task.lead for task in data.tasks.values()}
        peak = max(load.values(), default=1) or 1
        return cls(
            data,
            scaled(layout, EXTENT),
            lang,
            load,
            dict(goals),
            leads,
            plan_of,
            data.several_plans,
            peak,
        )

    def size(self, load: int) -> float:
        """A node's size: area grows with its tasks (led + as partner)."""
        return round(4.0 + 26.0 * math.sqrt(load / self.max_load), 2)

    def dress(self, iri: str) -> dict[str, Any]:
        """Name, lead flag, goals, plan, colour class and viz of an agency node: the same in
        every network, so made once (a national report dresses ~60,000 agency nodes)."""
        dressed = self._dressed.get(iri)
        if dressed is None:
            dressed = self._dressed[iri] = _agency_attributes(iri, self)
        return dressed


def _viz(colour: str, size: float, position: Position) -> dict[str, Any]:
    r, g, b = rgb(colour)
    return {
        "color": {"r": r, "g": g, "b": b, "a": 1.0},
        "size": size,
        "position": {"x": position[0], "y": position[1], "z": 0.0},
    }


def _agency_attributes(iri: str, facts: UnitFacts) -> dict[str, Any]:
    """Name, lead flag, goals, plan, colour class and viz of an agency node, in that order."""
    agent = facts.data.agent(iri)
    attrs: dict[str, Any] = {
        "label": agent.label(facts.lang),
        "lead": iri in facts.leads,
        "goals": ";".join(sorted(facts.goals.get(iri, ()), key=code_key)),
        "colour_class": kind_group(agent.kind).key,
    }
    plan = facts.data.plans.get(facts.plan_of.get(iri, ""))
    if plan is not None and facts.several:
        attrs["plan"] = plan.identifier
    position = facts.positions.get(iri, (0.0, 0.0))
    attrs["viz"] = _viz(kind_colour(agent.kind), facts.size(facts.load[iri]), position)
    return attrs


def _pair(a: str, b: str, directed: bool) -> tuple[str, str]:
    return (a, b) if directed or a <= b else (b, a)


def _joined(ids: Iterable[str]) -> str:
    return ";".join(ids)


def _task_pairs(data: NetworkData, view: View, kind: str) -> dict[tuple[str, str], list[str]]:
    """The task ids behind each tie of one network kind of a view."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task in data.tasks.values():
        partners = kept_partners(data, task, view)
        task_id = task.task_id
        if kind == "coordination":
            if view.keeps(data.agent(task.lead)):
                for partner in partners:
                    found[(task.lead, partner)].append(task_id)
        elif kind == "copartner":
            for i, a in enumerate(partners):
                for b in partners[i + 1 :]:
                    found[_pair(a, b, False)].append(task_id)
        elif kind == "agency-target":
            units = [task.lead] if view.keeps(data.agent(task.lead)) else []
            for unit in dict.fromkeys([*units, *partners]):
                found[(unit, task.target)].append(task_id)
    return found


def decorated(
    graph: nx.Graph, kind: str, view: View | None, facts: UnitFacts, own: bool = False
) -> nx.Graph:
    """A plain copy of one network of the report, dressed for Gephi and Cytoscape; ``own``:
    the graph was built for this export alone, and is dressed in place (the agency–task
    network of 63 plans, 159,674 ties, is not copied)."""
    data = facts.data
    copy = graph if own else graph.copy()  # the writers skip what has no value (None, NaN)
    directed = copy.is_directed()
    placed: dict[Hashable, Position] = {}
    for node, attrs in copy.nodes(data=True):
        if attrs.get("node_type", "agency") == "agency" and node in data.agents:
            attrs.update(facts.dress(node))  # the viz dict is shared: the writers only read it
            placed[node] = facts.positions.get(node, (0.0, 0.0))
    others = barycentres(copy, placed)
    counts: Counter[Hashable] = Counter()
    for u, v, attrs in copy.edges(data=True):
        counts[u] += int(attrs.get("weight", 1))
        counts[v] += int(attrs.get("weight", 1))
    peak = max((counts[n] for n in others), default=1) or 1
    for node, position in others.items():
        attrs = copy.nodes[node]
        colour = TARGET_COLOUR if attrs.get("node_type") == "target" else TASK_COLOUR
        size = round(3.0 + 12.0 * math.sqrt(counts[node] / peak), 2)
        attrs["viz"] = _viz(colour, size, (round(position[0], 2), round(position[1], 2)))
    if view is not None and kind in ("coordination", "copartner", "agency-target"):
        pairs = _task_pairs(data, view, kind)
        for u, v, attrs in copy.edges(data=True):
            key = (u, v) if kind != "copartner" else _pair(u, v, directed)
            if kind == "agency-target" and u not in data.agents:
                key = (v, u)
            attrs["tasks"] = _joined(pairs.get(key, ()))
            _readings(attrs, kind)
    elif kind.startswith("coassignment"):
        _coassignment_tasks(copy, data)
    elif kind.startswith("agency-projection"):
        _shared_targets(copy, data, view)
    return copy


def _readings(attrs: dict[str, Any], kind: str) -> None:
    """Both readings of merged cells on a tie: ``weight_written`` (links printed on the task's
    own row) and ``weight_inherited`` (with the links of merged cells above); and how many
    links came from merged cells."""
    if kind == "agency-target":
        written = attrs.get("lead_tasks", 0) + attrs.get("partner_tasks_written", 0)
        attrs["weight_written"] = written
    attrs["weight_inherited"] = attrs.get("weight", 0)
    attrs["merged_cell_links"] = attrs["weight_inherited"] - attrs.get("weight_written", 0)


def _coassignment_tasks(graph: nx.Graph, data: NetworkData) -> None:
    """The tasks naming both ends of each co-assignment tie (as lead or partner)."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for task in data.tasks.values():
        units = sorted({task.lead, *task.partners} & graph.nodes.keys())
        task_id = task.task_id
        for i, a in enumerate(units):
            for b in units[i + 1 :]:
                if graph.has_edge(a, b):
                    found[(a, b)].append(task_id)
    for u, v, attrs in graph.edges(data=True):
        attrs["tasks"] = _joined(found.get(_pair(u, v, False), ()))


def _shared_targets(graph: nx.Graph, data: NetworkData, view: View | None) -> None:
    """The VSDG targets two agencies of the projection share, by notation."""
    from build_graph.network.graphs import ALL_UNITS, portfolios

    held: dict[str, set[str]] = {}
    for agencies in portfolios(data, view or ALL_UNITS).values():
        held.update(agencies)
    notation = {task.target: task.target_notation for task in data.tasks.values()}
    for u, v, attrs in graph.edges(data=True):
        shared = held.get(u, set()) & held.get(v, set())
        attrs["targets"] = _joined(sorted((notation.get(t, t) for t in shared), key=code_key))
