"""Overlapping responsibilities: one target with several leads, agencies with similar target
portfolios, near-duplicate task texts under different leads, and agencies named as partners on
their own tasks."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from build_graph.network.data import NetworkData, TaskRow, code_key
from build_graph.network.graphs import View, agency_projection

JACCARD_THRESHOLD = 0.5
MIN_PORTFOLIO = 3
TEXT_THRESHOLD = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LeadShare:
    lead: str
    appendix_number: int
    tasks: int
    concepts: tuple[str, ...]  # the notations its tasks are filed under


@dataclass(frozen=True)
class SharedTarget:
    """A VSDG concept whose tasks come from more than one lead agency."""

    plan: str
    notation: str
    leads: tuple[LeadShare, ...]
    declared_by: tuple[int, ...]  # appendices that declare it


def _shared(data: NetworkData, key: str) -> list[SharedTarget]:
    groups: dict[tuple[str, str], dict[tuple[str, int], list[TaskRow]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for task in data.tasks.values():
        notation = task.notation if key == "concept" else task.target_notation
        groups[(task.plan, notation)][(task.lead, task.appendix_number)].append(task)
    # a target (X.Y) is declared by the appendices declaring it or any of its sub-targets
    declared: dict[tuple[str, str], set[int]] = defaultdict(set)
    for item in data.declared:
        notation = item.notation if key == "concept" else ".".join(item.notation.split(".")[:2])
        declared[(item.plan, notation)].add(item.appendix_number)
    result = []
    for (plan, notation), leads in groups.items():
        if len({lead for lead, _ in leads}) < 2:
            continue
        shares = tuple(
            LeadShare(
                lead, number, len(tasks), tuple(sorted({t.notation for t in tasks}, key=code_key))
            )
            for (lead, number), tasks in sorted(leads.items(), key=lambda item: item[0][1])
        )
        result.append(
            SharedTarget(plan, notation, shares, tuple(sorted(declared[(plan, notation)])))
        )
    return sorted(result, key=lambda s: (s.plan, code_key(s.notation)))


def targets_with_several_leads(data: NetworkData) -> list[SharedTarget]:
    """Concepts (target or sub-target, as filed) whose tasks come from several lead agencies."""
    return _shared(data, "concept")


def split_targets(data: NetworkData) -> list[SharedTarget]:
    """VSDG targets (X.Y) shared out between leads by sub-target (3.8.a to one lead, 3.8.b to
    another): several leads, not all filing under the very same concepts.

    A target whose leads all file under one and the same concept (6.4 and 16.8 in the bundled
    plan: two leads on the target itself) is not split; it is an overlap, counted once among
    :func:`targets_with_several_leads` (see :func:`co_filed_targets`).
    """
    return [s for s in _shared(data, "target") if _divided(s)]


def co_filed_targets(data: NetworkData) -> list[SharedTarget]:
    """VSDG targets (X.Y) with several leads who all file under the same concepts."""
    return [s for s in _shared(data, "target") if not _divided(s)]


def _divided(target: SharedTarget) -> bool:
    return len({share.concepts for share in target.leads}) > 1


@dataclass(frozen=True)
class PortfolioPair:
    """Two agencies whose sets of VSDG targets overlap (Jaccard ≥ the threshold)."""

    a: str
    b: str
    shared: int
    size_a: int
    size_b: int
    jaccard: float


def similar_portfolios(
    data: NetworkData,
    view: View,
    threshold: float = JACCARD_THRESHOLD,
    min_targets: int = MIN_PORTFOLIO,
    projection: nx.Graph | None = None,
) -> list[PortfolioPair]:
    """Pairs of agencies with at least ``min_targets`` targets each and Jaccard ≥ threshold
    (on ``projection``, the view's :func:`agency_projection`, when already built)."""
    if projection is None:
        projection = agency_projection(data, view)
    pairs = []
    for u, v, attrs in projection.edges(data=True):
        size_u, size_v = projection.nodes[u]["targets"], projection.nodes[v]["targets"]
        if attrs["jaccard"] >= threshold and min(size_u, size_v) >= min_targets:
            a, b = sorted((u, v))
            size_a, size_b = (size_u, size_v) if a == u else (size_v, size_u)
            pairs.append(PortfolioPair(a, b, attrs["weight"], size_a, size_b, attrs["jaccard"]))
    return sorted(pairs, key=lambda p: (-p.jaccard, -p.shared, p.a, p.b))


def words(text: str) -> list[str]:
    """Lower-case syllables of a Vietnamese text (NFC), punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


@lru_cache(maxsize=65536)
def shingles(text: str) -> frozenset[str]:
    """Pairs of consecutive syllables: close to Vietnamese words, which are mostly two syllables.

    Cached: plans of one template repeat most task texts."""
    tokens = words(text)
    if len(tokens) < 2:
        return frozenset(tokens)
    return frozenset(f"{a} {b}" for a, b in itertools.pairwise(tokens))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


@dataclass(frozen=True)
class TextPair:
    """Two tasks of different lead agencies whose texts are nearly the same."""

    a: str
    b: str
    similarity: float


def near_duplicate_tasks(data: NetworkData, threshold: float = TEXT_THRESHOLD) -> list[TextPair]:
    """Task pairs of one plan, under different leads, whose word-pair Jaccard ≥ ``threshold``.

    Prefix filtering (Bayardo et al., "Scaling up all pairs similarity search"): with the word
    pairs of every text ordered rarest first, two sets with Jaccard ≥ t share one of the first
    ``|A| − ⌈t·|A|⌉ + 1`` items of each. Only those prefixes are indexed, so the candidates are
    few and the result is exact, without comparing every pair of tasks.
    """
    by_plan: dict[str, list[TaskRow]] = defaultdict(list)
    for task in data.tasks.values():
        if task.text:
            by_plan[task.plan].append(task)
    pairs = []
    for tasks in by_plan.values():
        sets = [shingles(task.text) for task in tasks]
        frequency: dict[str, int] = defaultdict(int)
        for items in sets:
            for item in items:
                frequency[item] += 1
        index: dict[str, list[int]] = defaultdict(list)
        candidates: set[tuple[int, int]] = set()
        for i, items in enumerate(sets):
            ordered = sorted(items, key=lambda item: (frequency[item], item))
            prefix = len(ordered) - math.ceil(threshold * len(ordered)) + 1
            for item in ordered[: max(prefix, 1)]:
                for j in index[item]:
                    if tasks[i].lead != tasks[j].lead:
                        candidates.add((j, i))
                index[item].append(i)
        for i, j in candidates:
            score = jaccard(sets[i], sets[j])
            if score >= threshold:
                a, b = sorted((tasks[i].iri, tasks[j].iri))
                pairs.append(TextPair(a, b, round(score, 4)))
    return sorted(pairs, key=lambda p: (-p.similarity, p.a, p.b))


@dataclass(frozen=True)
class SelfPartner:
    task: str
    agency: str


def self_partnered(data: NetworkData) -> list[SelfPartner]:
    """Tasks that name their own lead agency among the partners."""
    return [
        SelfPartner(task.iri, task.lead)
        for task in data.tasks.values()
        if task.lead in task.partners
    ]
