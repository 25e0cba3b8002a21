"""One analysis of the graph: the networks of both views, their metrics, the overlaps and gaps.

This is what ``sdgkg report`` writes out and what the notebooks explore; it draws nothing, so
it never imports matplotlib.
"""

from __future__ import annotations

import time
from collections.abc import Hashable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from build_graph.errors import InputError
from build_graph.graph.stores import store_from_triples
from build_graph.model.agencies import Registry
from build_graph.network import gaps, overlaps
from build_graph.network.accountability import Accountability, accountability
from build_graph.network.briefs import BriefingCase, OverlapPair, briefing_cases, portfolio_overlaps
from build_graph.network.communities import CommunityFindings, reading_communities
from build_graph.network.data import (
    NetworkData,
    load_network_store,
    network_terms,
    read_network_data,
)
from build_graph.network.graphs import (
    VIEWS,
    View,
    agency_projection,
    bipartite_network,
    coordination_network,
    copartner_network,
)
from build_graph.network.layout import Position, grouped_layout
from build_graph.network.metrics import AgencyMetrics, agency_metrics, undirected
from build_graph.network.national import NationalGaps, NationalList, load_national, national_gaps
from build_graph.network.per_plan import PlanViews, plan_views
from build_graph.network.readings import READINGS, Choice, partners_under
from build_graph.network.sensitivity import Sensitivity, sensitivity
from build_graph.runtime.forked import fork_jobs


@dataclass
class ViewAnalysis:
    """The networks and metrics of one view (all units, or named units only)."""

    view: View
    coordination: nx.DiGraph
    copartner: nx.Graph
    bipartite: nx.Graph
    projection: nx.Graph
    metrics: list[AgencyMetrics]
    similar_portfolios: list[overlaps.PortfolioPair]
    # several plans, all units: the units laid out plan by plan (:func:`plan_layout`), by the
    # worker that computes the view, beside the rest of the analysis
    plan_positions: dict[Hashable, Position] | None = None

    def networks(self) -> dict[str, nx.Graph]:
        return {
            "coordination": self.coordination,
            "copartner": self.copartner,
            "agency-target": self.bipartite,
            "agency-projection": self.projection,
        }


@dataclass
class Analysis:
    data: NetworkData
    views: dict[str, ViewAnalysis]
    shared_targets: list[overlaps.SharedTarget]
    split_targets: list[overlaps.SharedTarget]
    near_duplicates: list[overlaps.TextPair]
    self_partners: list[overlaps.SelfPartner]
    un_coverage: list[gaps.UnCoverage]
    declared_gaps: gaps.DeclaredGaps
    jaccard_threshold: float
    text_threshold: float
    timings: dict[str, float] = field(default_factory=dict)
    per_plan: PlanViews | None = None  # with several plans: per-plan and cross-plan views
    findings: Findings | None = None  # the measures, accountability, briefs and gaps


@dataclass
class Findings:
    """What an analyst briefs on: the named measures under every reading, the accountability
    counts, the overlap briefs, the communities and the gaps against the national plan."""

    sensitivity: Sensitivity
    accountability: Accountability
    briefing_cases: list[BriefingCase]
    overlap_pairs: dict[str, list[OverlapPair]]  # reading → pairs of agencies
    co_filed: list[overlaps.SharedTarget]  # targets with several leads on the same concepts
    communities: dict[str, CommunityFindings]  # reading → communities
    national: NationalList
    national_gaps: list[NationalGaps]
    full_sensitivity: bool  # False with several plans: both readings, no other choices


def findings(data: NetworkData, shared: list[overlaps.SharedTarget]) -> Findings:
    """Every finding of :class:`Findings`. With several plans the sensitivity covers the two
    readings of merged cells only (the documented ambiguous phrases are the bundled plan's),
    and communities are those of the units merged across plans."""
    several = data.several_plans
    readings = {reading: partners_under(data, Choice(reading)) for reading in READINGS}
    national = load_national()
    measured = sensitivity(data, full=not several)  # keeps each reading's co-assignment network
    return Findings(
        measured,
        accountability(data),
        briefing_cases(data, shared),
        {reading: portfolio_overlaps(data, partners) for reading, partners in readings.items()},
        overlaps.co_filed_targets(data),
        {
            reading: reading_communities(
                data, partners, measured.networks[reading], reading, merged=several
            )
            for reading, partners in readings.items()
        },
        national,
        national_gaps(data, national),
        not several,
    )


def _annotate(graph: nx.DiGraph, rows: list[AgencyMetrics]) -> None:
    """Put the metrics on the nodes, so that Gephi and Cytoscape can size and colour by them."""
    for row in rows:
        attrs = graph.nodes[row.iri]
        for key, value in row.as_row().items():
            if key not in attrs and key not in ("iri", "why") and value is not None:
                attrs[key] = value


def analyse_view(data: NetworkData, view: View, jaccard: float) -> ViewAnalysis:
    coordination = coordination_network(data, view)
    rows = agency_metrics(data, view, coordination)
    _annotate(coordination, rows)
    projection = agency_projection(data, view)
    return ViewAnalysis(
        view,
        coordination,
        copartner_network(data, view),
        bipartite_network(data, view),
        projection,
        rows,
        overlaps.similar_portfolios(data, view, threshold=jaccard, projection=projection),
    )


NEAR_DUPLICATES = "near-duplicates"
FINDINGS = "findings"


GROUP_ITERATIONS = 60  # a plan's units among many plans (63 plans: ~1.3 s in all)


def plan_of_units(data: NetworkData) -> dict[str, str]:
    """Each unit's plan (units never span plans: each plan has its own agencies)."""
    found: dict[str, str] = {}
    for task in data.tasks.values():
        for unit in (task.lead, *task.partners):
            found.setdefault(unit, task.plan)
    return found


def plan_layout(data: NetworkData, coordination: nx.DiGraph) -> dict[Hashable, Position]:
    """The units of several plans laid out plan by plan, the plans side by side: the
    positions of the explorer and of the network files."""
    return grouped_layout(undirected(coordination), plan_of_units(data), GROUP_ITERATIONS)


def _job(name: str, data: NetworkData, jaccard: float, threshold: float) -> Any:
    """One job of :class:`_Beside`: a view's analysis (the all-units view of several plans
    with its :func:`plan_layout`), the near-duplicate texts, or the findings."""
    if name == NEAR_DUPLICATES:
        return overlaps.near_duplicate_tasks(data, threshold)
    if name == FINDINGS:
        return findings(data, overlaps.targets_with_several_leads(data))
    view = analyse_view(data, next(view for view in VIEWS if view.name == name), jaccard)
    if name == VIEWS[0].name and data.several_plans:
        view.plan_positions = plan_layout(data, view.coordination)
    return view


class _Beside:
    """Jobs of the analysis done by forked processes while this one computes the rest: with
    several plans, each view's networks and metrics take seconds and need none of the others.
    The workers inherit the rows instead of being sent them; only the results come back (the
    national all-units view: 11 MB pickled, 0.5 s). Inline, when asked for, with one plan or
    without ``fork``."""

    def __init__(
        self, data: NetworkData, jaccard: float, threshold: float, jobs: list[str], forked: bool
    ) -> None:
        self.data, self.jaccard, self.threshold = data, jaccard, threshold
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[str, Future] = {}
        started = (
            fork_jobs(_job, (data, jaccard, threshold), jobs, len(jobs))
            if forked and jobs
            else None
        )
        if started is not None:
            self.pool, futures = started
            self.pending = dict(zip(jobs, futures, strict=True))

    def __enter__(self) -> _Beside:
        return self

    def __exit__(self, *_: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def result(self, name: str) -> Any:
        if name in self.pending:
            return self.pending[name].result()
        return _job(name, self.data, self.jaccard, self.threshold)


def analyse(
    data: NetworkData,
    jaccard: float = overlaps.JACCARD_THRESHOLD,
    text_similarity: float = overlaps.TEXT_THRESHOLD,
    registry: Registry | None = None,
) -> Analysis:
    """Every network, metric and finding of the report, for both views.

    ``registry``: the agency registry whose identifiers group the units of several plans; only
    a graph of several plans needs one, and without it the bundled ``agencies.csv`` is read
    here, once (the modules below are given it and read no file)."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    several = data.several_plans
    # The all-units view is the largest job (national: 3.5 CPU-s, against 1.6 for the named
    # units and 0.9 for the near-duplicate texts): one forked worker takes it while this process
    # does the rest. (With all but the first view forked, this process was left alone with the
    # largest one for its last 2 s, and two workers and it shared the two cores before that.)
    first = VIEWS[0].name
    with _Beside(data, jaccard, text_similarity, [first, FINDINGS], forked=several) as jobs:
        others = {view.name: jobs.result(view.name) for view in VIEWS[1:]}
        texts = jobs.result(NEAR_DUPLICATES)
        shared, split = overlaps.targets_with_several_leads(data), overlaps.split_targets(data)
        self_partners = overlaps.self_partnered(data)
        un_coverage, declared_gaps = gaps.un_coverage(data), gaps.declared_gaps(data)
        views = {first: jobs.result(first), **others}
        found = jobs.result(FINDINGS)
    timings["networks, metrics, overlaps and gaps"] = time.perf_counter() - clock
    result = Analysis(
        data,
        views,
        shared,
        split,
        texts,
        self_partners,
        un_coverage,
        declared_gaps,
        jaccard,
        text_similarity,
        timings,
        findings=found,
    )
    if several:
        clock = time.perf_counter()
        metrics = {name: v.metrics for name, v in views.items()}
        measures = {reading: found.sensitivity.baseline(reading) for reading in READINGS}
        result.per_plan = plan_views(data, metrics, registry or Registry.load(), measures)
        timings["per-plan and cross-plan views"] = time.perf_counter() - clock
    return result


@dataclass
class Loaded:
    """The store, the rows read from it, and what the analysis was given."""

    store: ox.Store | None  # None once the report has read it and let it go
    data: NetworkData
    graph_path: Path | None
    plans: list = field(default_factory=list)  # in-process extractions, when no file was given
    timings: dict[str, float] = field(default_factory=dict)


def load(graph_path: Path | None = None, store: ox.Store | None = None) -> Loaded:
    """Read a graph file, or build the bundled plan's graph in process when none is given;
    ``store``: that graph already loaded (``run_build(keep_store=True)``), read as it is."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    plans = []
    if store is not None:
        pass
    elif graph_path is None:
        from build_graph.graph.builder import GraphBuilder
        from build_graph.graph.bundled import bundled_plan

        plan, registry = bundled_plan()
        plans.append(plan)
        store = store_from_triples(GraphBuilder(plan, registry).build_triples())
    else:
        store = load_network_store(graph_path, needed=network_terms())
    timings["load graph"] = time.perf_counter() - clock
    clock = time.perf_counter()
    data = read_network_data(store)
    timings["SPARQL queries"] = time.perf_counter() - clock
    if not data.tasks:
        where = graph_path if graph_path is not None else "bundled plan"
        raise InputError(
            where,
            "holds no sdgkg:Task with a lead agency: not a graph of an "
            "action plan (build one with `sdgkg build`)",
        )
    return Loaded(store, data, graph_path, plans, timings)
