"""Positions for drawing the coordination networks: one layout per report, shared by the
figures, the GEXF exports (``viz:position``) and the explorer, so that a unit sits in the same
place wherever a reader meets it.

A force-directed layout of a few hundred nodes takes a fraction of a second, but it is
quadratic in the nodes: a graph of several plans (63 plans: ~6,200 units, which never share a
task across plans) is laid out plan by plan, and the plans are placed on a grid.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np

Position = tuple[float, float]


# networkx lays out 500 nodes or more with scipy's sparse matrices, which the project does not
# need otherwise: larger graphs are laid out on their best-tied nodes, the rest placed beside
# their neighbours.
MAX_FORCED = 450


def spread_layout(
    graph: nx.Graph, seed: int = 7, gamma: float = 0.55, iterations: int = 300
) -> dict[Hashable, Position]:
    """Force-directed positions centred on 0, then pulled in radially (``r → r^gamma``): the
    dense core opens up and the long spokes of one-tie units shrink, leaving room for labels.
    Edge weights enter as their square roots (a strong tie pulls, without collapsing). Of a
    graph larger than :data:`MAX_FORCED`, the nodes with the most tasks in their ties are laid
    out, the others put beside their neighbours (:func:`barycentres`)."""
    if len(graph) == 0:
        return {}
    if len(graph) > MAX_FORCED:
        strength = dict(graph.degree(weight="weight"))
        core = sorted(graph, key=lambda n: (-strength[n], str(n)))[:MAX_FORCED]
        placed = spread_layout(graph.subgraph(core), seed, gamma, iterations)
        return {**placed, **barycentres(graph, placed, seed)}
    weighted = nx.Graph()
    weighted.add_nodes_from(sorted(graph, key=str))
    weighted.add_edges_from(
        (u, v, {"w": math.sqrt(w)}) for u, v, w in graph.edges(data="weight", default=1) if u != v
    )
    pos = nx.spring_layout(
        weighted,
        weight="w",
        seed=seed,
        iterations=iterations,
        k=3.0 / math.sqrt(len(weighted)),
    )
    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    xy -= xy.mean(axis=0)
    radius = np.linalg.norm(xy, axis=1)
    scale = np.where(radius > 0, radius**gamma / np.where(radius > 0, radius, 1), 0.0)
    xy = xy * scale[:, None]
    return {n: (float(xy[i, 0]), float(xy[i, 1])) for i, n in enumerate(nodes)}


def grouped_layout(
    graph: nx.Graph,
    group_of: Mapping[Any, str],
    iterations: int = 120,
) -> dict[Hashable, Position]:
    """Each group's units (a plan's) laid out on their own, the groups on a square grid in the
    order of their names; one group is laid out as :func:`spread_layout` does with its default
    iterations. Units of no group form a group of their own, last."""
    groups: dict[str, list[Hashable]] = defaultdict(list)
    for node in graph:
        groups[group_of.get(node, "\uffff")].append(node)
    if len(groups) <= 1:
        return spread_layout(graph)
    names = sorted(groups)
    columns = math.ceil(math.sqrt(len(names)))
    placed: dict[Hashable, Position] = {}
    for index, name in enumerate(names):
        part = spread_layout(graph.subgraph(groups[name]), iterations=iterations)
        row, column = divmod(index, columns)
        cx, cy = column * 3.0, -row * 3.0
        for node, (x, y) in part.items():
            placed[node] = (cx + x, cy + y)
    return placed


def scaled(positions: Mapping[Hashable, Position], extent: float) -> dict[Hashable, Position]:
    """Positions moved and scaled so that they span ``[-extent, extent]`` on their longer
    axis, rounded to 0.01 (Gephi reads screen units; the exports stay byte-stable)."""
    if not positions:
        return {}
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    span = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    factor = extent / span
    return {
        node: (round((x - cx) * factor, 2), round((y - cy) * factor, 2))
        for node, (x, y) in positions.items()
    }


def barycentres(
    graph: nx.Graph, placed: Mapping[Hashable, Position], seed: int = 7
) -> dict[Hashable, Position]:
    """Positions for the nodes of ``graph`` not in ``placed`` (targets, tasks): the mean of
    their placed neighbours' positions, nudged by a small seeded offset so that nodes with the
    same neighbours do not sit on one another. A node with no placed neighbour goes to 0."""
    rng = np.random.default_rng(seed)
    xs = [x for x, _ in placed.values()] or [0.0]
    ys = [y for _, y in placed.values()] or [0.0]
    jitter = 0.015 * max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    result: dict[Hashable, Position] = {}
    for node in sorted((n for n in graph if n not in placed), key=str):
        around = [placed[m] for m in graph.neighbors(node) if m in placed]
        if around:
            x = sum(p[0] for p in around) / len(around)
            y = sum(p[1] for p in around) / len(around)
        else:
            x = y = 0.0
        dx, dy = rng.normal(0.0, jitter, 2)
        result[node] = (float(x + dx), float(y + dy))
    return result
