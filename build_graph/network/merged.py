"""The coordination network of several plans with each unit merged across plans by registry id.

Why: every plan has its own agency IRIs, so with 63 plans the coordination network is 63
disconnected copies of one province's network; drawn, it is a ring of clusters whose labels
("Provincial Police", 63 times) say nothing of which is which. Merged by registry id (the
"so-tn-mt" of every province becomes one node), it answers the national reader's question:
which kinds of department carry the load everywhere, and which pairs work together most.
The per-plan networks stay in the exports (GraphML, GEXF) and the per-plan tables.

The registry is the caller's (:attr:`~.per_plan.PlanViews.registry`): nothing here reads a file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence

import networkx as nx

from build_graph.model.agencies import REGISTRY_PLACE, Agency, Registry
from build_graph.network.data import Agent, NetworkData
from build_graph.network.graphs import View, kept_partners
from build_graph.network.metrics import AgencyMetrics, communities

# Hải Phòng's names made place-free, in order: (pattern, replacement).
_GENERIC_EN = (
    (re.compile(rf"^{REGISTRY_PLACE} City (.+)"), r"Provincial \1"),
    (re.compile(rf" of {REGISTRY_PLACE} City$"), " of the province"),
    (re.compile(rf"^{REGISTRY_PLACE} (.+)"), r"Provincial \1"),
    (re.compile(rf" of {REGISTRY_PLACE}\b"), " of the province"),
    (re.compile(REGISTRY_PLACE), "the province"),
)
_GENERIC_VI = (
    (re.compile(rf"thành phố {REGISTRY_PLACE}"), "tỉnh/thành phố"),
    (re.compile(REGISTRY_PLACE), "tỉnh/thành phố"),
)


def generic_names(agency: Agency) -> tuple[str, str]:
    """A registry unit named for any province: "Provincial Police", "People's Committee of the
    province", "Ủy ban nhân dân tỉnh/thành phố"."""
    name_en, name_vi = agency.name_en, agency.name_vi
    for pattern, replacement in _GENERIC_EN:
        name_en = pattern.sub(replacement, name_en)
    for pattern, replacement in _GENERIC_VI:
        name_vi = pattern.sub(replacement, name_vi)
    return name_vi, name_en


def _generic_or(
    registry: Registry, identifier: str, fallback_vi: str, fallback_en: str
) -> tuple[str, str]:
    """The names of registry unit ``identifier`` for any province, else the fallbacks (a unit
    outside the registry: an unresolved name)."""
    agency = registry.agencies.get(identifier)
    return generic_names(agency) if agency else (fallback_vi, fallback_en)


def generic_label(registry: Registry, identifier: str, fallback: str) -> str:
    """The English name of registry unit ``identifier`` for any province, else ``fallback``."""
    return _generic_or(registry, identifier, fallback, fallback)[1]


def merged_by_registry(
    network: nx.DiGraph, rows: Sequence[AgencyMetrics], registry: Registry
) -> tuple[nx.DiGraph, list[AgencyMetrics]]:
    """``network`` with its units merged by registry id, and their metrics rows: loads and task
    counts summed over the plans, edge weights summed, Louvain communities of the merged network.
    A merged unit's label says in how many plans it takes part."""
    metric = {row.iri: row for row in rows}
    members: dict[str, list[AgencyMetrics]] = defaultdict(list)
    for node in network:
        members[metric[node].identifier].append(metric[node])
    merged = nx.DiGraph(**network.graph)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for lead, partner, weight in network.edges(data="weight", default=1):
        weights[(metric[lead].identifier, metric[partner].identifier)] += weight
    merged.add_nodes_from(sorted(members))
    for (lead, partner), weight in sorted(weights.items()):
        merged.add_edge(lead, partner, weight=weight)
    community = communities(merged) if len(merged) else {}
    merged_rows = []
    for key, group in sorted(members.items()):
        first = group[0]
        label_vi, label_en = _generic_or(registry, key, first.label_vi, first.label_en)
        plans = f"{len(group)} plan" + ("s" if len(group) > 1 else "")
        merged_rows.append(
            AgencyMetrics(
                iri=key,
                identifier=key,
                label_en=f"{label_en} ({plans})",
                label_vi=f"{label_vi} ({len(group)} kế hoạch)",
                kind=first.kind,
                tasks_led=sum(r.tasks_led for r in group),
                tasks_partner=sum(r.tasks_partner for r in group),
                tasks_partner_inherited=sum(r.tasks_partner_inherited for r in group),
                load=sum(r.load for r in group),
                community=community.get(key, 0),
            )
        )
    return merged, merged_rows


def merged_portfolios(
    data: NetworkData, view: View, registry: Registry
) -> tuple[dict[str, set[str]], Callable[[str, str], str]]:
    """Registry id → the VSDG targets (notations: X.Y is the same target in every plan) of the
    tasks its units lead or partner in any plan; and the merged units' names."""
    result: dict[str, set[str]] = defaultdict(set)
    fallback: dict[str, Agent] = {}
    for task in data.tasks.values():
        agencies = [task.lead] if view.keeps(data.agent(task.lead)) else []
        for agency in [*agencies, *kept_partners(data, task, view)]:
            agent = data.agent(agency)
            result[agent.identifier].add(task.target_notation)
            fallback.setdefault(agent.identifier, agent)

    def label(unit: str, lang: str) -> str:
        agent = fallback[unit]
        name_vi, name_en = _generic_or(registry, unit, agent.label("vi"), agent.label("en"))
        return name_vi if lang == "vi" else name_en

    return dict(result), label
