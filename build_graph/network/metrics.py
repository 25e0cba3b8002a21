"""Per-agency metrics of the coordination network, and the bottleneck score that ranks them.

networkx's ``constraint`` took 762 s on 200 nodes / 7,973 edges and its ``pagerank`` needs
scipy, so Burt's constraint, effective size and PageRank are computed here with numpy on the
weighted adjacency matrix of each connected component (the same values; tests compare them
with networkx on small graphs).

Bottleneck score (0–100), within one view of one analysis::

    bottleneck = 100 × (0.5 × load / max load
                        + 0.3 × leads served / max leads served
                        + 0.2 × betweenness / max betweenness)

* load: the tasks the agency is on (tasks it leads + tasks naming it as partner): the work the
  plan piles onto it;
* leads served: the distinct other lead agencies that name it as partner: how many separate
  chains of work wait on it;
* betweenness: its share of the shortest coordination paths between other agencies (undirected
  lead–partner network, distance = 1 / shared tasks): how much coordination must pass through it.

A component whose maximum is 0 contributes 0. Ties are broken by load, then by name.
Collective and vague units are scored (the maxima are the view's) but never ranked: they are no
agencies. Their rank is None, and the agencies' ranks and ordinals count agencies only.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, fields
from typing import TypeVar

import networkx as nx
import numpy as np

from build_graph.network.data import NetworkData
from build_graph.network.graphs import AGGREGATE_KINDS, View, kept_partners

GraphT = TypeVar("GraphT", bound=nx.Graph)

BOTTLENECK_WEIGHTS = {"load": 0.5, "reach": 0.3, "brokerage": 0.2}
BOTTLENECK_FORMULA = (
    "bottleneck = 100 × (0.5 × load / max load + 0.3 × leads served / max leads served "
    "+ 0.2 × betweenness / max betweenness); load = tasks led + tasks as partner; leads served "
    "= distinct other lead agencies naming the unit as partner; betweenness = share of shortest "
    "coordination paths (undirected lead–partner network, distance 1/shared tasks) through it"
)
LOUVAIN_SEED = 42


# -- numpy kernels -----------------------------------------------------------------------------
def _components(graph: nx.Graph) -> list[list[Hashable]]:
    if graph.is_directed():
        parts = nx.weakly_connected_components(graph)
    else:
        parts = nx.connected_components(graph)
    return [sorted(part, key=str) for part in parts]


def mutual_weights(graph: nx.Graph, nodes: list[Hashable], weight: str = "weight") -> np.ndarray:
    """``W[i, j] = a_ij + a_ji``, self-loops dropped: Burt's ties, whatever their direction."""
    index = {node: i for i, node in enumerate(nodes)}
    matrix = np.zeros((len(nodes), len(nodes)))
    for u, v, w in graph.edges(nodes, data=weight, default=1):  # a component: all its edges
        if u != v:
            matrix[index[u], index[v]] += w
            if not graph.is_directed():
                matrix[index[v], index[u]] += w
    return matrix if not graph.is_directed() else matrix + matrix.T


def structural_holes(
    graph: nx.Graph, weight: str = "weight"
) -> tuple[dict[Hashable, float], dict[Hashable, float]]:
    """Burt's constraint and effective size of every node (NaN for an isolated node).

    With ``p_ij = w_ij / Σ_k w_ik`` and ``m_jq = w_jq / max_k w_jk`` over mutual weights:
    ``constraint_i = Σ_{j∈N(i)} (p_ij + Σ_q p_iq p_qj)²`` and
    ``effective size_i = Σ_{j∈N(i)} (1 − Σ_q p_iq m_jq)``, as networkx defines them.
    """
    constraint: dict[Hashable, float] = {}
    effective: dict[Hashable, float] = {}
    for nodes in _components(graph):
        w = mutual_weights(graph, nodes, weight)
        neighbours = w > 0
        totals = w.sum(axis=1, keepdims=True)
        maxima = w.max(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            p = np.where(totals > 0, w / totals, 0.0)
            m = np.where(maxima > 0, w / maxima, 0.0)
        local = (p + p @ p) ** 2
        con = np.where(neighbours, local, 0.0).sum(axis=1)
        redundancy = np.where(neighbours, p @ m.T, 0.0).sum(axis=1)
        esize = neighbours.sum(axis=1) - redundancy
        isolated = ~neighbours.any(axis=1)
        con[isolated] = math.nan
        esize[isolated] = math.nan
        for i, node in enumerate(nodes):
            constraint[node] = float(con[i])
            effective[node] = float(esize[i])
    return constraint, effective


def pagerank(
    graph: nx.DiGraph,
    alpha: float = 0.85,
    weight: str = "weight",
    tol: float = 1e-12,
    max_iter: int = 1000,
) -> dict[Hashable, float]:
    """Weighted PageRank by power iteration on edge arrays (no scipy, no dense matrix).

    Dangling nodes spread their rank evenly over all nodes, as networkx does by default.
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = list(graph.edges(data=weight, default=1))
    if not graph.is_directed():
        edges += [(v, u, w) for u, v, w in edges if u != v]
    src = np.array([index[u] for u, _, _ in edges], dtype=np.int64)
    dst = np.array([index[v] for _, v, _ in edges], dtype=np.int64)
    wts = np.array([float(w) for _, _, w in edges])
    out = np.bincount(src, weights=wts, minlength=n)
    share = wts / out[src] if len(edges) else wts
    dangling = out == 0
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        flow = np.bincount(dst, weights=rank[src] * share, minlength=n)
        new = alpha * (flow + rank[dangling].sum() / n) + (1 - alpha) / n
        done = np.abs(new - rank).sum() < tol
        rank = new
        if done:
            break
    return {node: float(rank[i]) for i, node in enumerate(nodes)}


def undirected(graph: nx.Graph, weight: str = "weight") -> nx.Graph:
    """One undirected edge per linked pair, weights of both directions summed, no self-loops;
    ``distance = 1 / weight`` for path-based metrics (a strong tie is a short path).

    Nodes and edges come in one canonical order (by name), whatever order the network was
    built in: betweenness sums floats in visiting order, and Louvain's seeded moves follow node
    order. Built from rows in another order, two equal betweenness values of two plans' units
    differed in the last bit, and their ranks swapped from run to run."""
    weights: dict[tuple[Hashable, Hashable], float] = {}
    for u, v, w in graph.edges(data=weight, default=1):
        if u == v:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        weights[pair] = weights.get(pair, 0) + w
    result = nx.Graph()
    result.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: str(item[0])))
    for u, v in sorted(weights, key=lambda pair: (str(pair[0]), str(pair[1]))):
        result.add_edge(u, v, **{weight: weights[u, v], "distance": 1.0 / weights[u, v]})
    return result


def betweenness(graph: nx.Graph) -> dict[Hashable, float]:
    """Normalised betweenness on the undirected network, with distance = 1 / weight.

    Computed per connected component and normalised by the component's size: with several
    plans in one graph, each plan's agencies form their own component, and their values stay
    those of the plan alone. Exact (every node a source), with :func:`brandes`."""
    network = undirected(graph)
    result: dict[Hashable, float] = {}
    for nodes in _components(network):
        if len(nodes) < 3:
            result.update(dict.fromkeys(nodes, 0.0))
            continue
        result.update(brandes(induced(network, nodes)))
    return result


def induced(graph: GraphT, nodes: Iterable[Hashable]) -> GraphT:
    """The subgraph ``nodes`` induce, a copy with the nodes in ``graph``'s order.

    Not ``graph.subgraph(nodes)``: a subgraph under half its graph's size iterates its node
    *set*, in an order that follows PYTHONHASHSEED and so changes from run to run (the float
    sums of betweenness, the drawing order of a figure's ties, with it)."""
    kept = set(nodes)
    order = [n for n in graph if n in kept]
    sub = graph.__class__()
    sub.graph.update(graph.graph)
    sub.add_nodes_from((n, graph.nodes[n]) for n in order)
    sub.add_edges_from((u, v, attrs) for u, v, attrs in graph.edges(order, data=True) if v in kept)
    return sub


def brandes(graph: nx.Graph, weight: str = "distance") -> dict[Hashable, float]:
    """networkx's weighted ``betweenness_centrality(normalized=True)`` on an undirected graph,
    step for step (same visiting order, same float operations, so the same values), on integer
    indices and lists instead of dicts: about three times faster, which 63 plans need."""
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = [[(index[w], data.get(weight, 1)) for w, data in graph[v].items()] for v in nodes]
    n = len(nodes)
    between = [0.0] * n
    infinity = math.inf
    for s in range(n):
        order, preds, sigma = _dijkstra_paths(adjacency, s, infinity)
        delta: dict[int, float] = dict.fromkeys(order, 0)
        while order:
            w = order.pop()
            coeff = (1 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * coeff
            if w != s:
                between[w] += delta[w]
    if n > 2:
        scale = 1 / ((n - 1) * (n - 2))
        between = [value * scale for value in between]
    return {node: between[i] for i, node in enumerate(nodes)}


def _dijkstra_paths(
    adjacency: list[list[tuple[int, float]]], s: int, infinity: float
) -> tuple[list[int], dict[int, list[int]], list[float]]:
    """Shortest paths from ``s``: visiting order, predecessors and path counts (Brandes)."""
    n = len(adjacency)
    order: list[int] = []
    preds: dict[int, list[int]] = {s: []}
    sigma = [0.0] * n
    sigma[s] = 1.0
    done = [False] * n
    seen = [infinity] * n
    seen[s] = 0
    counter = itertools.count()
    queue: list[tuple[float, int, int, int]] = [(0, next(counter), s, s)]
    pop, push = heapq.heappop, heapq.heappush
    while queue:
        dist, _, pred, v = pop(queue)
        if done[v]:
            continue
        sigma[v] += sigma[pred]
        order.append(v)
        done[v] = True
        for w, length in adjacency[v]:
            vw_dist = dist + length
            if not done[w] and vw_dist < seen[w]:
                seen[w] = vw_dist
                push(queue, (vw_dist, next(counter), v, w))
                sigma[w] = 0.0
                preds[w] = [v]
            elif vw_dist == seen[w]:
                sigma[w] += sigma[v]
                preds[w].append(v)
    return order, preds, sigma


def core_numbers(graph: nx.Graph) -> dict[Hashable, int]:
    """k-core number on the undirected network without self-loops."""
    return nx.core_number(undirected(graph))


def communities(graph: nx.Graph, seed: int = LOUVAIN_SEED) -> dict[Hashable, int]:
    """Louvain communities (fixed seed), numbered 1, 2, … from the largest."""
    found = nx.community.louvain_communities(undirected(graph), weight="weight", seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(str(n) for n in c)))
    return {node: number for number, group in enumerate(ordered, 1) for node in group}


# -- per-agency table --------------------------------------------------------------------------
@dataclass
class AgencyMetrics:
    """One row of the metrics table: an agency in one view of the coordination network."""

    iri: str
    identifier: str
    label_en: str
    label_vi: str
    kind: str
    tasks_led: int = 0
    tasks_partner: int = 0
    tasks_partner_inherited: int = 0
    load: int = 0
    leads_served: int = 0
    partners_engaged: int = 0
    in_strength: int = 0
    out_strength: int = 0
    betweenness: float = 0.0
    pagerank: float = 0.0
    k_core: int = 0
    constraint: float = math.nan
    effective_size: float = math.nan
    community: int = 0
    goals: int = 0
    targets: int = 0
    bottleneck: float = 0.0
    bottleneck_rank: int | None = None  # None: a collective or vague unit, never ranked
    points: dict[str, float] = field(default_factory=dict)
    why: str = ""

    def as_row(self) -> dict[str, object]:
        """Flat values for CSV and JSON (NaN becomes None)."""
        row = {name: getattr(self, name) for name in _FIELDS}
        points = self.points
        for name in BOTTLENECK_WEIGHTS:
            row[f"points_{name}"] = round(points.get(name, 0.0), 2)
        for key, value in row.items():
            if isinstance(value, float):
                row[key] = None if math.isnan(value) else round(value, 6)
        return row


_FIELDS = [f.name for f in fields(AgencyMetrics) if f.name != "points"]


def agency_metrics(data: NetworkData, view: View, network: nx.DiGraph) -> list[AgencyMetrics]:
    """Every node of the coordination ``network`` (one view), ranked by bottleneck score."""
    rows = {
        node: AgencyMetrics(
            node, attrs["identifier"], attrs["label_en"], attrs["label_vi"], attrs["kind"]
        )
        for node, attrs in network.nodes(data=True)
    }
    goals: dict[str, set[str]] = {node: set() for node in rows}
    targets: dict[str, set[str]] = {node: set() for node in rows}
    for task in data.tasks.values():
        involved = [p for p in kept_partners(data, task, view) if p in rows]
        for partner in involved:
            rows[partner].tasks_partner += 1
            rows[partner].tasks_partner_inherited += partner in task.inherited
        if task.lead in rows:
            rows[task.lead].tasks_led += 1
            involved.append(task.lead)
        for agency in involved:
            goals[agency].add(task.goal)
            targets[agency].add(task.target)
    rank = pagerank(network)
    between = betweenness(network)
    cores = core_numbers(network)
    constraint, effective = structural_holes(network)
    groups = communities(network)
    for node, row in rows.items():
        row.load = row.tasks_led + row.tasks_partner
        row.leads_served = sum(1 for lead in network.predecessors(node) if lead != node)
        row.partners_engaged = sum(1 for p in network.successors(node) if p != node)
        row.in_strength = int(network.in_degree(node, weight="weight"))
        row.out_strength = int(network.out_degree(node, weight="weight"))
        row.betweenness = between.get(node, 0.0)
        row.pagerank = rank.get(node, 0.0)
        row.k_core = cores.get(node, 0)
        row.constraint = constraint.get(node, math.nan)
        row.effective_size = effective.get(node, math.nan)
        row.community = groups.get(node, 0)
        row.goals = len(goals[node])
        row.targets = len(targets[node])
    return rank_bottlenecks(list(rows.values()), n_leads=len(data.leads))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def competition_ranks(values: list[float]) -> list[int]:
    """1 + the number of strictly larger values, for each value (ties share a rank)."""
    ordered = sorted(values)
    return [1 + len(ordered) - bisect.bisect_right(ordered, value) for value in values]


def rank_bottlenecks(rows: list[AgencyMetrics], n_leads: int | None = None) -> list[AgencyMetrics]:
    """Score, rank and explain every row (see the module docstring for the formula)."""
    values = {
        "load": [float(r.load) for r in rows],
        "reach": [float(r.leads_served) for r in rows],
        "brokerage": [r.betweenness for r in rows],
    }
    maxima = {name: max(v, default=0.0) for name, v in values.items()}
    ranked = [i for i, row in enumerate(rows) if row.kind not in AGGREGATE_KINDS]
    ordinals: dict[str, dict[int, str]] = {
        name: {
            i: _ordinal(rank)
            for i, rank in zip(ranked, competition_ranks([v[i] for i in ranked]), strict=True)
        }
        for name, v in values.items()
    }
    for i, row in enumerate(rows):
        row.points = {
            name: 100 * weight * (values[name][i] / maxima[name] if maxima[name] > 0 else 0.0)
            for name, weight in BOTTLENECK_WEIGHTS.items()
        }
        row.bottleneck = round(sum(row.points.values()), 2)
        others = f" of {n_leads - (1 if row.tasks_led else 0)} other leads" if n_leads else ""
        load, reach, brokerage = (
            (ordinals[name][i] + (" by load" if name == "load" else "") + ", ")
            if i in ordinals[name]
            else ""
            for name in ("load", "reach", "brokerage")
        )
        row.why = (
            f"on {row.load} tasks ({row.tasks_led} led, {row.tasks_partner} as partner; "
            f"{load}{row.points['load']:.1f} pts); "
            f"partner of {row.leads_served}{others} ({reach}"
            f"{row.points['reach']:.1f} pts); betweenness {row.betweenness:.3f} "
            f"({brokerage}{row.points['brokerage']:.1f} pts)"
        )
        if i not in ordinals["load"]:
            row.why = "not ranked: a collective or vague unit; " + row.why
    rows.sort(key=lambda r: (-r.bottleneck, -r.load, r.label_en))
    agencies = (row for row in rows if row.kind not in AGGREGATE_KINDS)
    for position, row in enumerate(agencies, 1):
        row.bottleneck_rank = position
    return rows
