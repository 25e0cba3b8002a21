"""Communities of the co-assignment network: how good the partition is (modularity), how much
it depends on Louvain's random seed (stability), and what each community works on.

Louvain gives a different partition for each seed when the network has no clear structure, so
one seed's "community 3" says little by itself. The partition of the reference seed is compared
with those of :data:`SEEDS` other seeds by the adjusted Rand index (1: the same partition, 0:
no more alike than chance), and each community is described by its members' goals and kinds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np

from build_graph.network.data import NetworkData
from build_graph.network.metrics import LOUVAIN_SEED, communities

SEEDS = tuple(range(20))


def adjusted_rand(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """The adjusted Rand index of two partitions of the same nodes (Hubert and Arabie 1985)."""
    nodes = sorted(a, key=str)
    if len(nodes) < 2:
        return 1.0
    rows = {c: i for i, c in enumerate(sorted(set(a.values())))}
    cols = {c: i for i, c in enumerate(sorted(set(b.values())))}
    table = np.zeros((len(rows), len(cols)), dtype=np.int64)
    for node in nodes:
        table[rows[a[node]], cols[b[node]]] += 1

    def pairs(x: np.ndarray) -> float:
        return float((x * (x - 1) // 2).sum())

    index = pairs(table)
    expected = (
        pairs(table.sum(axis=1)) * pairs(table.sum(axis=0)) / (len(nodes) * (len(nodes) - 1) / 2)
    )
    best = (pairs(table.sum(axis=1)) + pairs(table.sum(axis=0))) / 2
    return 1.0 if best == expected else (index - expected) / (best - expected)


def modularity(graph: nx.Graph, partition: Mapping[str, int]) -> float:
    """Newman's weighted modularity of ``partition``."""
    if graph.number_of_edges() == 0:
        return 0.0
    groups: dict[int, set[Hashable]] = {}
    for node, group in partition.items():
        groups.setdefault(group, set()).add(node)
    return float(nx.community.modularity(graph, list(groups.values()), weight="weight"))


@dataclass
class Community:
    number: int
    members: list[str]  # by tasks, most first
    goals: list[tuple[str, int]]  # the goals its members' tasks serve, most first
    kinds: list[tuple[str, int]]


@dataclass
class CommunityFindings:
    """The reference partition, its modularity and its stability over seeds."""

    network_name: str
    partition: dict[str, int]
    modularity: float
    modularity_range: tuple[float, float]
    rand_mean: float
    rand_min: float
    communities_range: tuple[int, int]
    described: list[Community]
    node_stability: dict[str, float]  # share of seeds keeping the node with its reference peers


def _peer_stability(reference: dict[str, int], others: list[dict[str, int]]) -> dict[str, float]:
    """For each node, the mean over seeds of the Jaccard index between its reference community
    and its community under the seed."""
    ref_groups: dict[int, set[str]] = {}
    for node, group in reference.items():
        ref_groups.setdefault(group, set()).add(node)
    result = dict.fromkeys(reference, 0.0)
    for other in others:
        groups: dict[int, set[str]] = {}
        for node, group in other.items():
            groups.setdefault(group, set()).add(node)
        for node in reference:
            mine, theirs = ref_groups[reference[node]], groups[other[node]]
            result[node] += len(mine & theirs) / len(mine | theirs)
    return {node: value / len(others) for node, value in result.items()} if others else result


def _by_count(counts: Counter[str]) -> list[tuple[str, int]]:
    """Most common first, ties by name: ``Counter.most_common`` keeps ties in the order they
    were first counted, which follows the members' order and so varied from run to run."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def community_findings(
    graph: nx.Graph,
    name: str,
    goals_of: dict[str, Counter[str]],
    kind_of: dict[str, str],
    tasks_of: dict[str, int],
    seeds: tuple[int, ...] = SEEDS,
) -> CommunityFindings:
    """Louvain on ``graph`` with the reference seed and with ``seeds``; described by the goals
    (``goals_of``: node → goal → tasks) and kinds of each community's members."""
    reference = (
        {str(k): v for k, v in communities(graph, LOUVAIN_SEED).items()} if len(graph) else {}
    )
    others = (
        [{str(k): v for k, v in communities(graph, seed).items()} for seed in seeds]
        if len(graph)
        else []
    )
    mods = [modularity(graph, other) for other in others] or [0.0]
    rands = [adjusted_rand(reference, other) for other in others] or [1.0]
    groups: dict[int, list[str]] = {}
    for node, group in reference.items():
        groups.setdefault(group, []).append(node)
    described = []
    for number, members in sorted(groups.items()):
        goals: Counter[str] = Counter()
        for member in members:
            goals.update(goals_of.get(member, Counter()))
        described.append(
            Community(
                number,
                sorted(members, key=lambda m: (-tasks_of.get(m, 0), m)),
                _by_count(goals)[:3],
                _by_count(Counter(kind_of.get(m, "") for m in members)),
            )
        )
    sizes = [len(set(other.values())) for other in others] or [len(groups)]
    return CommunityFindings(
        name,
        reference,
        modularity(graph, reference) if reference else 0.0,
        (min(mods), max(mods)),
        float(np.mean(rands)),
        min(rands),
        (min(sizes), max(sizes)),
        described,
        _peer_stability(reference, others),
    )


def reading_communities(
    data: NetworkData,
    partners: dict[str, list[str]],
    network: nx.Graph,
    name: str,
    merged: bool,
) -> CommunityFindings:
    """The communities of ``network``, the co-assignment network under one reading (its
    ``partners``; built by the measures, ``Sensitivity.networks``); with ``merged``, its
    units merged across plans by registry id (the national view: one node per department
    type, weights summed)."""
    key = (lambda iri: data.agent(iri).identifier) if merged else (lambda iri: iri)
    graph = nx.Graph()
    for node in sorted(network):
        graph.add_node(key(node))
    for u, v, weight in network.edges(data="weight"):
        a, b = key(u), key(v)
        if a != b:
            graph.add_edge(a, b, weight=graph.get_edge_data(a, b, {"weight": 0})["weight"] + weight)
    goals: dict[str, Counter[str]] = {}
    tasks: Counter[str] = Counter()
    for task in data.tasks.values():
        for unit in {task.lead, *partners[task.iri]}:
            if unit in network:
                goals.setdefault(key(unit), Counter())[task.goal_notation] += 1
                tasks[key(unit)] += 1
    kinds = {key(node): data.agent(node).kind for node in network}
    return community_findings(graph, name, goals, kinds, dict(tasks))
