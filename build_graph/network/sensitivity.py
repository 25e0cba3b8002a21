"""How far each agency's rank moves over the reasonable readings of the plan.

The choices: merged cells read as written or inherited (:mod:`.readings`), and each documented
other reading of an ambiguous phrase, one at a time. Every measure of :mod:`.measures` is
recomputed under each choice and each agency's rank range taken over them. The old composite
"bottleneck score" is given its own range: over the 66 weightings of its three terms on a
0.1 grid (w_load + w_reach + w_brokerage = 1), under both readings of merged cells.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from build_graph.network.data import NetworkData
from build_graph.network.measures import RANKED, AgencyMeasures, agency_measures, is_agency
from build_graph.network.metrics import betweenness, competition_ranks
from build_graph.network.readings import (
    AMBIGUITIES,
    BASELINES,
    INHERITED,
    READINGS,
    WRITTEN,
    Choice,
    choices,
    partners_under,
)

GRID = 10  # weights in steps of 1/GRID


def weightings(grid: int = GRID) -> list[tuple[float, float, float]]:
    """Every (load, reach, brokerage) weighting on a 1/grid lattice of the simplex: 66 for 10."""
    return [
        (a / grid, b / grid, (grid - a - b) / grid)
        for a in range(grid + 1)
        for b in range(grid + 1 - a)
    ]


@dataclass
class RankRange:
    """One agency's ranks by one measure under every choice."""

    iri: str
    measure: str
    ranks: dict[str, int] = field(default_factory=dict)  # choice label → rank

    @property
    def low(self) -> int:
        return min(self.ranks.values())

    @property
    def high(self) -> int:
        return max(self.ranks.values())


@dataclass
class Sensitivity:
    """The measures under every choice, and what they do to the ranks."""

    tables: dict[Choice, list[AgencyMeasures]]
    ranges: dict[str, dict[str, RankRange]]  # measure → iri → range
    composite: dict[str, RankRange]  # iri → range of the old composite's rank
    ambiguity_effects: list[tuple[str, str, str, str, int | None, int | None]]
    # (ambiguity key, alternative, iri, measure, rank as extracted, rank under the other)
    networks: dict[str, nx.Graph] = field(default_factory=dict)  # reading → co-assignment

    def baseline(self, reading: str) -> list[AgencyMeasures]:
        return self.tables[Choice(reading)]


def _composite_terms(
    data: NetworkData, partners: dict[str, list[str]]
) -> dict[str, tuple[float, float, float]]:
    """The old composite's terms for every named unit: load (tasks led + as partner), other
    leads naming it, betweenness on the named units' lead → partner network."""
    load: dict[str, int] = defaultdict(int)
    served: dict[str, set[str]] = defaultdict(set)
    network = nx.DiGraph()
    for task in data.tasks.values():
        if not is_agency(data, task.lead):
            continue
        load[task.lead] += 1
        network.add_node(task.lead)
        for partner in partners[task.iri]:
            if not is_agency(data, partner):
                continue
            load[partner] += 1
            served[partner].add(task.lead)
            weight = network.get_edge_data(task.lead, partner, {"weight": 0})["weight"]
            network.add_edge(task.lead, partner, weight=weight + 1)
    between = betweenness(network)
    return {iri: (float(load[iri]), float(len(served[iri])), between.get(iri, 0.0)) for iri in load}


def composite_ranges(data: NetworkData) -> dict[str, RankRange]:
    """Each named unit's rank by the old composite, over every weighting and both readings."""
    ranges: dict[str, RankRange] = {}
    for reading in READINGS:
        terms = _composite_terms(data, partners_under(data, Choice(reading)))
        iris = sorted(terms)
        maxima = [max((terms[i][k] for i in iris), default=0.0) or 1.0 for k in range(3)]
        for weights in weightings():
            scores = [sum(w * terms[i][k] / maxima[k] for k, w in enumerate(weights)) for i in iris]
            label = f"{reading}; weights {weights[0]:.1f}/{weights[1]:.1f}/{weights[2]:.1f}"
            for iri, rank in zip(iris, competition_ranks(scores), strict=True):
                ranges.setdefault(iri, RankRange(iri, "composite")).ranks[label] = rank
    return ranges


def sensitivity(data: NetworkData, full: bool = True) -> Sensitivity:
    """Every measure under every choice, the rank ranges, and the effect of each documented
    ambiguous reading on the ranks; not ``full``: the two readings of merged cells only, and
    no composite."""
    chosen = choices() if full else list(BASELINES)
    networks: dict[str, nx.Graph] = {}
    tables = {
        choice: agency_measures(
            data,
            partners_under(data, choice),
            networks=networks if not choice.ambiguity else None,
            key=choice.reading,
        )
        for choice in chosen
    }
    ranges: dict[str, dict[str, RankRange]] = {measure: {} for measure in RANKED}
    for choice, rows in tables.items():
        for found in rows:
            for measure in RANKED:
                rank = found.ranks.get(measure)
                if rank is not None:
                    ranges[measure].setdefault(found.iri, RankRange(found.iri, measure)).ranks[
                        choice.label
                    ] = rank
    effects = []
    for ambiguity in AMBIGUITIES if full else ():
        for name, _ in ambiguity.alternatives:
            base = {r.iri: r for r in tables[Choice(INHERITED)]}
            other = {r.iri: r for r in tables[Choice(INHERITED, ambiguity.key, name)]}
            for iri in sorted(set(base) | set(other)):
                for measure in RANKED:
                    before = base[iri].ranks.get(measure) if iri in base else None
                    after = other[iri].ranks.get(measure) if iri in other else None
                    if before != after:
                        effects.append((ambiguity.key, name, iri, measure, before, after))
    return Sensitivity(tables, ranges, composite_ranges(data) if full else {}, effects, networks)


def rank_changes(
    sens: Sensitivity, measure: str
) -> list[tuple[AgencyMeasures, int | None, int | None]]:
    """Agencies whose rank by ``measure`` differs between the written and the inherited
    reading: (row as inherited, rank written, rank inherited), largest moves first."""
    written = {r.iri: r for r in sens.baseline(WRITTEN)}
    changed = []
    for found in sens.baseline(INHERITED):
        before = written[found.iri].ranks.get(measure) if found.iri in written else None
        after = found.ranks.get(measure)
        if before != after:
            changed.append((found, before, after))
    return sorted(
        changed,
        key=lambda item: (
            -abs((item[1] or 0) - (item[2] or 0)),
            item[2] or 10**6,
            item[0].label_en,
        ),
    )


def top_units(sens: Sensitivity, measures: tuple[str, ...], top: int) -> list[str]:
    """The agencies in the first ``top`` of any of ``measures`` in either reading."""
    chosen: dict[str, None] = {}
    for reading, measure in itertools.product((INHERITED, WRITTEN), measures):
        rows = sorted(
            (r for r in sens.baseline(reading) if r.ranks.get(measure)),
            key=lambda r: (r.ranks[measure], r.label_en),
        )
        for found in rows[:top]:
            chosen.setdefault(found.iri)
    return list(chosen)
