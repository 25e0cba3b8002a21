"""The report's layouts, computed once: the units of the whole graph (exports and explorer),
the units merged across plans (the explorer's national view), and the nodes each network
figure draws (shared by its two colourings and by every language)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import networkx as nx

from build_graph.network.analysis import Analysis
from build_graph.network.layout import Position, spread_layout
from build_graph.network.metrics import AgencyMetrics, undirected

NETWORK_MAX_NODES = 200  # network figures draw the most loaded units only
MERGED_ITERATIONS = 120  # the units merged across plans (its 450 best-tied: ~0.6 s)

Merged = dict[str, tuple[nx.DiGraph, list[AgencyMetrics]]]


@dataclass
class Layouts:
    units: dict[Hashable, Position]  # agency IRI → position (plans side by side)
    merged: dict[Hashable, Position] = field(default_factory=dict)  # registry id → position
    figures: dict[str, dict[Hashable, Position]] = field(default_factory=dict)  # by view


def drawn_nodes(network: nx.DiGraph, rows: Sequence[AgencyMetrics], max_nodes: int) -> list[str]:
    """The units a network figure draws: the ``max_nodes`` most loaded."""
    load = {row.iri: row.load for row in rows}
    return sorted(network, key=lambda n: (-load.get(n, 0), n))[:max_nodes]


def report_layouts(
    analysis: Analysis, merged: Merged, max_nodes: int = NETWORK_MAX_NODES
) -> Layouts:
    """Every layout of the report; ``merged``: the coordination networks of the views with
    units merged across plans (empty for one plan), as the figures draw them."""
    first = analysis.views["all-units"]
    several = analysis.data.several_plans
    # one plan: its units spread; several: laid out plan by plan by the all-units view's job
    whole = None if several else undirected(first.coordination)
    units = first.plan_positions if whole is None else spread_layout(whole)
    assert units is not None, "the all-units view of several plans carries its plan_layout"
    layouts = Layouts(units)
    if merged:
        layouts.merged = spread_layout(
            undirected(merged["all-units"][0]), iterations=MERGED_ITERATIONS
        )
    cache: dict[frozenset[Hashable], dict[Hashable, Position]] = {}
    for name, view in analysis.views.items():
        network, rows = merged[name] if merged else (view.coordination, view.metrics)
        keep = drawn_nodes(network, rows, max_nodes)
        key = frozenset(keep)
        if key not in cache:
            if whole is not None and key == frozenset(whole):
                cache[key] = {n: units[n] for n in keep}
            elif several and name == "all-units" and all(n in layouts.merged for n in keep):
                # the explorer's national view, as the figure draws its most loaded units
                cache[key] = {n: layouts.merged[n] for n in keep}
            else:
                cache[key] = spread_layout(undirected(network.subgraph(keep)))
        layouts.figures[name] = cache[key]
    return layouts
