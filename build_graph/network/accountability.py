"""Who is answerable for each task: the findings a reader of the plan can check line by line.

* tasks that name no partner at all, only vague units ("Các đơn vị có liên quan"), or only
  vague and collective units ("UBND các quận, huyện", "Các tổ chức chính trị - xã hội"): no
  named agency shares the work;
* vertical delegation: the share of each lead's tasks that name district- or commune-level
  People's Committees;
* when tasks run: tasks counted by the periods they name (one count per task), those running
  over the plan's whole horizon, and those with no period;
* the collective and vague units themselves, counted here and kept out of every ranking.

Each count is given for both readings of merged cells (:mod:`.readings`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from build_graph.network.data import NetworkData, TaskRow
from build_graph.network.graphs import AGGREGATE_KINDS
from build_graph.network.measures import LOCAL_KINDS, is_agency
from build_graph.network.readings import READINGS, Choice, partners_under

VAGUE = "vague"
NO_PERIOD = "no period"


@dataclass
class PartnerProfile:
    """How the tasks of one plan (or all) name their partners, under one reading."""

    tasks: int
    none: int = 0
    only_vague: int = 0
    only_aggregate: int = 0  # only vague or collective units (vague-only included)
    named: int = 0  # at least one named agency

    def share(self, count: int) -> float:
        return count / self.tasks if self.tasks else 0.0


@dataclass
class Delegation:
    lead: str
    plan: str
    tasks_led: int
    delegated: dict[str, int]  # reading → tasks naming district/commune People's Committees

    def share(self, reading: str) -> float:
        return self.delegated[reading] / self.tasks_led if self.tasks_led else 0.0


@dataclass
class AggregateUnit:
    iri: str
    kind: str
    tasks: dict[str, int]  # reading → tasks naming it
    leads: int  # leads naming it (inherited reading)


@dataclass
class Accountability:
    profiles: dict[str, dict[str, PartnerProfile]]  # reading → plan ("" = all) → profile
    delegation: list[Delegation]
    periods: Counter[str]  # period combination → tasks
    whole_horizon: list[TaskRow]
    whole_horizon_by_text: Counter[str]
    horizon: tuple[int, int] | None
    without_period: list[TaskRow]
    aggregates: list[AggregateUnit]

    def profile(self, reading: str) -> PartnerProfile:
        return self.profiles[reading][""]


def classify(data: NetworkData, partners: list[str]) -> str:
    """none | only-vague | only-aggregate | named, for a task's partner list."""
    if not partners:
        return "none"
    kinds = {data.agent(p).kind for p in partners}
    if kinds == {VAGUE}:
        return "only-vague"
    if kinds <= AGGREGATE_KINDS:
        return "only-aggregate"
    return "named"


def _profiles(data: NetworkData, partners: dict[str, list[str]]) -> dict[str, PartnerProfile]:
    plans: dict[str, PartnerProfile] = {"": PartnerProfile(len(data.tasks))}
    for task in data.tasks.values():
        profile = plans.setdefault(task.plan, PartnerProfile(0))
        profile.tasks += 1
        kind = classify(data, partners[task.iri])
        for found in (profile, plans[""]):
            if kind == "none":
                found.none += 1
            elif kind == "only-vague":
                found.only_vague += 1
                found.only_aggregate += 1
            elif kind == "only-aggregate":
                found.only_aggregate += 1
            else:
                found.named += 1
    return plans


def period_label(task: TaskRow) -> str:
    """The task's periods as one label ("2017-2020 + 2021-2030"), or "no period"."""
    return " + ".join(p.label for p in task.periods) or NO_PERIOD


def years(task: TaskRow) -> set[int]:
    """The years the task's spans of years cover (named periods such as "annual" cover none)."""
    covered: set[int] = set()
    for period in task.periods:
        if period.begin is not None and period.end is not None:
            covered |= set(range(period.begin, period.end + 1))
    return covered


def horizon(data: NetworkData) -> tuple[int, int] | None:
    """The plan's horizon: the first and last year any task's period names."""
    bounds = [
        (p.begin, p.end)
        for task in data.tasks.values()
        for p in task.periods
        if p.begin is not None and p.end is not None
    ]
    if not bounds:
        return None
    return min(b for b, _ in bounds), max(e for _, e in bounds)


def accountability(data: NetworkData) -> Accountability:
    """Every count of the accountability findings, in both readings."""
    readings = {reading: partners_under(data, Choice(reading)) for reading in READINGS}
    profiles = {reading: _profiles(data, partners) for reading, partners in readings.items()}
    led: Counter[str] = Counter(task.lead for task in data.tasks.values())
    delegated: dict[str, Counter[str]] = {reading: Counter() for reading in READINGS}
    naming: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(READINGS, 0))
    leads_naming: dict[str, set[str]] = defaultdict(set)
    for reading, partners in readings.items():
        for task in data.tasks.values():
            names = partners[task.iri]
            if any(data.agent(p).kind in LOCAL_KINDS for p in names):
                delegated[reading][task.lead] += 1
            for partner in names:
                if not is_agency(data, partner):
                    naming[partner][reading] += 1
                    if reading == READINGS[-1]:
                        leads_naming[partner].add(task.lead)
    plan_of = {task.lead: task.plan for task in data.tasks.values()}
    delegation = sorted(
        (
            Delegation(lead, plan_of[lead], count, {r: delegated[r][lead] for r in READINGS})
            for lead, count in led.items()
        ),
        key=lambda d: (d.plan, -d.share(READINGS[-1]), data.agent(d.lead).label_en),
    )
    span = horizon(data)
    whole = (
        [t for t in data.tasks.values() if set(range(span[0], span[1] + 1)) <= years(t)]
        if span
        else []
    )
    aggregates = sorted(
        (
            AggregateUnit(iri, data.agent(iri).kind, counts, len(leads_naming[iri]))
            for iri, counts in naming.items()
        ),
        key=lambda a: (-a.tasks[READINGS[-1]], data.agent(a.iri).label_en),
    )
    return Accountability(
        profiles,
        delegation,
        Counter(period_label(task) for task in data.tasks.values()),
        whole,
        Counter(period_label(task) for task in whole),
        span,
        [task for task in data.tasks.values() if not task.periods],
        aggregates,
    )
