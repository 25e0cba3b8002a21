"""Overlaps an analyst can brief on, and portfolio overlaps told apart from co-listing.

A *briefing case* is a target or sub-target under which two lead agencies file tasks: its text
(VSDG, and the UN targets it maps to), each lead's tasks side by side with the similarity of
their texts, and whether each lead names the other as partner.

Two agencies' target portfolios overlap for two reasons. *Co-listing*: they are named together
in one partner cell, so every target of those tasks is shared. *Genuine overlap*: they work on
the same targets through different tasks. Only the second says two agencies hold the same
remit. A pair is reported as genuine overlap when both hold at least
:data:`~.overlaps.MIN_PORTFOLIO` targets and they share at least that many through different
tasks, more than chance allows: under the null model that each holds a random set of targets
of its size among the plan's targets (hypergeometric), the probability of sharing as many is
below :data:`P_THRESHOLD`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from build_graph.network.data import ConceptText, NetworkData, TaskRow, code_key
from build_graph.network.measures import is_agency
from build_graph.network.overlaps import (
    MIN_PORTFOLIO,
    SharedTarget,
    jaccard,
    shingles,
)

P_THRESHOLD = 0.01


@dataclass
class LeadSide:
    """One lead's tasks under a shared target, and how often it names the other lead: in the
    inherited reading (a merged cell's partners on every row it covers) and the written one."""

    lead: str
    tasks: list[TaskRow]
    names_other: list[TaskRow]  # its tasks under the target that name the other lead
    names_other_anywhere: int  # its tasks anywhere in the plan that name the other lead
    names_other_written: list[TaskRow] = field(default_factory=list)  # … on the task's own row
    names_other_anywhere_written: int = 0


@dataclass
class BriefingCase:
    plan: str
    notation: str
    text: ConceptText | None  # the concept's own text, or its parent's when it has none
    text_of: str  # the notation whose text is given
    sides: list[LeadSide]
    similarity: list[tuple[str, str, float]]  # (task A, task B, Jaccard) for every pair
    declared_by: tuple[int, ...]

    @property
    def best(self) -> tuple[str, str, float] | None:
        return max(self.similarity, key=lambda s: s[2], default=None)


def concept_text(data: NetworkData, notation: str) -> tuple[ConceptText | None, str]:
    """The text of a VSDG concept, or of the nearest broader one that has a text."""
    parts = notation.split(".")
    while parts:
        code = ".".join(parts)
        found = data.concepts.get(code)
        if found is not None and (found.text_en or found.text_vi):
            return found, code
        parts.pop()
    return None, notation


def _names(task: TaskRow, others: set[str], written: bool = False) -> bool:
    """Whether the task names one of ``others`` as partner (``written``: on its own row, not
    through a merged cell above)."""
    named = others.intersection(task.partners)
    return bool(named - task.inherited if written else named)


def briefing_cases(data: NetworkData, shared: list[SharedTarget]) -> list[BriefingCase]:
    """One case per concept with tasks of several leads (``targets_with_several_leads``)."""
    # the tasks indexed once, in their order (63 plans: ~200 cases each scanned all 33,477
    # tasks three times)
    by_concept: dict[tuple[str, str], list[TaskRow]] = defaultdict(list)
    by_lead: dict[tuple[str, str], list[TaskRow]] = defaultdict(list)
    for t in data.tasks.values():
        by_concept[(t.plan, t.notation)].append(t)
        by_lead[(t.plan, t.lead)].append(t)
    cases = []
    for item in shared:
        tasks = by_concept.get((item.plan, item.notation), [])
        leads = [share.lead for share in item.leads]
        sides = []
        for lead in leads:
            mine = [t for t in tasks if t.lead == lead]
            others = {other for other in leads if other != lead}
            plan_tasks = by_lead.get((item.plan, lead), [])
            sides.append(
                LeadSide(
                    lead,
                    mine,
                    [t for t in mine if _names(t, others)],
                    sum(1 for t in plan_tasks if _names(t, others)),
                    [t for t in mine if _names(t, others, written=True)],
                    sum(1 for t in plan_tasks if _names(t, others, written=True)),
                )
            )
        similarity = [
            (a.iri, b.iri, round(jaccard(shingles(a.text), shingles(b.text)), 4))
            for i, side in enumerate(sides)
            for other in sides[i + 1 :]
            for a in side.tasks
            for b in other.tasks
        ]
        text, text_of = concept_text(data, item.notation)
        cases.append(
            BriefingCase(
                item.plan, item.notation, text, text_of, sides, similarity, item.declared_by
            )
        )
    return cases


def hypergeometric_tail(population: int, a: int, b: int, k: int) -> float:
    """P(X ≥ k) for the overlap X of a random a-set and a random b-set of ``population``."""
    if k <= 0:
        return 1.0
    total = math.comb(population, b)
    return (
        sum(math.comb(a, x) * math.comb(population - a, b - x) for x in range(k, min(a, b) + 1))
        / total
    )


@dataclass(frozen=True)
class OverlapPair:
    plan: str
    a: str
    b: str
    size_a: int
    size_b: int
    shared: int  # targets both work on
    co_listed: int  # of those, targets where one task names both
    separate: int  # targets both work on through different tasks only
    expected: float  # the null model's expected overlap
    p_value: float  # P(overlap ≥ separate) under the null model
    population: int

    @property
    def genuine(self) -> bool:
        return self.separate >= MIN_PORTFOLIO and self.p_value < P_THRESHOLD


def portfolio_overlaps(
    data: NetworkData, partners: dict[str, list[str]] | None = None
) -> list[OverlapPair]:
    """Every pair of agencies of a plan with at least MIN_PORTFOLIO targets each sharing a
    target, split into co-listed and separate shared targets, with the null model's p-value."""
    holdings: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(dict))
    targets_of_plan: dict[str, set[str]] = defaultdict(set)
    for task in data.tasks.values():
        names = partners[task.iri] if partners is not None else task.partners
        units = {u for u in (task.lead, *names) if is_agency(data, u)}
        targets_of_plan[task.plan].add(task.target)
        for unit in units:
            holdings[task.plan][unit].setdefault(task.target, set()).add(task.iri)
    pairs = []
    for plan, held in holdings.items():
        population = len(targets_of_plan[plan])
        big = sorted(u for u, targets in held.items() if len(targets) >= MIN_PORTFOLIO)
        for i, a in enumerate(big):
            for b in big[i + 1 :]:
                shared = set(held[a]) & set(held[b])
                if not shared:
                    continue
                co_listed = sum(1 for t in shared if held[a][t] & held[b][t])
                separate = len(shared) - co_listed
                size_a, size_b = len(held[a]), len(held[b])
                pairs.append(
                    OverlapPair(
                        plan,
                        a,
                        b,
                        size_a,
                        size_b,
                        len(shared),
                        co_listed,
                        separate,
                        size_a * size_b / population,
                        hypergeometric_tail(population, size_a, size_b, separate)
                        if separate
                        else 1.0,
                        population,
                    )
                )
    return sorted(pairs, key=lambda p: (p.plan, p.p_value, -p.separate, p.a, p.b))


def sorted_by_code(cases: list[BriefingCase]) -> list[BriefingCase]:
    return sorted(cases, key=lambda c: (c.plan, code_key(c.notation)))
