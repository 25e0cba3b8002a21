"""The plan read with today's structure: who holds its tasks after the 2025 reorganisation.

The graph holds, for each agency whose functions moved, the bodies that hold them on the
cut-off day of the curated change events (``sdgkg:Succession``), and the agencies that ended
with no holder (``sdgkg:endedBy`` without ``sdgkg:heldBy``), each with the legal documents of
the events followed (``build_graph/graph/change_events.py``). From them and the tasks:

* the lead→partner links that became links inside one body (both sides' remaining functions
  are held by the same body: Sở TN&MT and Sở NN&PTNT → Sở NN&MT);
* the tasks whose lead or a partner ended without a named successor, while the task's period
  runs past that day;
* the load of today's bodies: the 2017 tasks each now leads or supports as principal holder.

Every item carries the legal bases of the events it used.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from build_graph.network.data import NetworkData, TaskRow, select


@dataclass(frozen=True)
class Basis:
    """One legal document of one event: "t-so-nn-mt (01/03/2025): Nghị định 45/2025/NĐ-CP …"."""

    event_id: str
    day: str  # ISO
    document: str
    issued: str  # ISO

    def text(self) -> str:
        return f"{self.event_id} ({_day(self.day)}): {self.document} ({_day(self.issued)})"


@dataclass
class Holding:
    """A body that holds (some of) an agency's functions today."""

    holder: str
    principal: bool
    functions: list[str] = field(default_factory=list)
    bases: set[Basis] = field(default_factory=set)


@dataclass
class Ended:
    """An agency that ended with no holder, with the legal bases of its end."""

    agency: str
    day: str
    bases: set[Basis] = field(default_factory=set)


@dataclass(frozen=True)
class InternalLink:
    task: TaskRow
    lead: str
    partner: str
    body: str
    bases: tuple[Basis, ...]


@dataclass(frozen=True)
class EndedTask:
    task: TaskRow
    agency: str
    role: str  # lead | partner
    ended: Ended


@dataclass
class BodyLoad:
    """One of today's bodies and the 2017 tasks it holds as principal successor."""

    body: str
    formerly: set[str] = field(default_factory=set)  # the 2017 agencies whose rest it holds
    led: set[str] = field(default_factory=set)  # task IRIs
    partner: set[str] = field(default_factory=set)
    named: set[str] = field(default_factory=set)  # agencies it holds only named functions of
    bases: set[Basis] = field(default_factory=set)


@dataclass
class Today:
    holdings: dict[str, list[Holding]]
    ended: dict[str, Ended]
    internal: list[InternalLink]
    ended_tasks: list[EndedTask]
    loads: list[BodyLoad]

    @property
    def empty(self) -> bool:
        return not self.holdings and not self.ended


def read_today(store: ox.Store, data: NetworkData) -> Today:
    """The holdings and ends the graph states, and what they mean for the plan's tasks."""
    holdings: dict[str, dict[str, Holding]] = defaultdict(dict)
    for row in select(store, "today-successions"):
        holding = holdings[row["agency"]].setdefault(
            row["holder"], Holding(row["holder"], bool(row["principal"]))
        )
        if row["function"] and row["function"] not in holding.functions:
            holding.functions.append(row["function"])
        if row["eventId"]:
            holding.bases.add(Basis(row["eventId"], row["day"], row["document"], row["issued"]))
    ended: dict[str, Ended] = {}
    for row in select(store, "today-ended"):
        end = ended.setdefault(row["agency"], Ended(row["agency"], row["day"]))
        end.day = max(end.day, row["day"])  # the day the last body it became ended
        end.bases.add(Basis(row["eventId"], row["day"], row["document"], row["issued"]))
    held = {agency: sorted(h.values(), key=_holding_key) for agency, h in holdings.items()}
    return Today(
        held,
        ended,
        _internal(data, held, ended),
        _ended_tasks(data, ended),
        _loads(data, held, ended),
    )


def _holding_key(holding: Holding) -> tuple[bool, str]:
    return (not holding.principal, holding.holder)


def principal_holder(
    agency: str, holdings: dict[str, list[Holding]], ended: dict[str, Ended]
) -> Holding | None:
    """The body that holds the rest of ``agency``'s functions today: its principal successor,
    itself when nothing moved its remaining functions, or none when it ended without one."""
    for holding in holdings.get(agency, []):
        if holding.principal:
            return holding
    if agency in ended:
        return None
    return Holding(agency, True)


def _internal(
    data: NetworkData, holdings: dict[str, list[Holding]], ended: dict[str, Ended]
) -> list[InternalLink]:
    links = []
    for task in sorted(data.tasks.values(), key=lambda t: t.iri):
        lead = principal_holder(task.lead, holdings, ended)
        if lead is None:
            continue
        for partner in sorted(set(task.partners)):
            other = principal_holder(partner, holdings, ended)
            if partner == task.lead or other is None or other.holder != lead.holder:
                continue
            bases = tuple(sorted(lead.bases | other.bases, key=_basis_key))
            links.append(InternalLink(task, task.lead, partner, lead.holder, bases))
    return links


def runs_past(task: TaskRow, day: str) -> bool:
    """Whether the task's period runs past ``day``: a span of years ending in that year or
    later, a named period (no end), or no period (the plan's own, to 2030)."""
    if not task.periods:
        return True
    year = int(day[:4])
    return any(p.end is None or p.end >= year for p in task.periods)


def _ended_tasks(data: NetworkData, ended: dict[str, Ended]) -> list[EndedTask]:
    found = []
    for task in sorted(data.tasks.values(), key=lambda t: t.iri):
        for agency, role in [(task.lead, "lead")] + [(p, "partner") for p in sorted(task.partners)]:
            end = ended.get(agency)
            if end is not None and runs_past(task, end.day):
                found.append(EndedTask(task, agency, role, end))
    return found


def _loads(
    data: NetworkData, holdings: dict[str, list[Holding]], ended: dict[str, Ended]
) -> list[BodyLoad]:
    """Today's bodies that took over some 2017 agency, with the tasks they now hold."""
    loads: dict[str, BodyLoad] = {}
    for agency, held in holdings.items():
        for holding in held:
            if holding.holder == agency:
                continue
            load = loads.setdefault(holding.holder, BodyLoad(holding.holder))
            (load.formerly if holding.principal else load.named).add(agency)
            load.bases |= holding.bases
    for task in data.tasks.values():
        lead = principal_holder(task.lead, holdings, ended)
        if lead is not None and lead.holder in loads:
            loads[lead.holder].led.add(task.iri)
        for partner in task.partners:
            other = principal_holder(partner, holdings, ended)
            if other is not None and other.holder in loads:
                loads[other.holder].partner.add(task.iri)
    # the body's own 2017 tasks, when it existed in 2017: one pass over the tasks, not one per
    # body (63 plans: ~700 bodies × 33,477 tasks took 2.4 s)
    for task in data.tasks.values():
        own = loads.get(task.lead)
        if own is not None:
            own.led.add(task.iri)
        for partner in task.partners:
            own = loads.get(partner)
            if own is not None:
                own.partner.add(task.iri)
    return sorted(loads.values(), key=lambda b: (-(len(b.led) + len(b.partner)), b.body))


def _basis_key(basis: Basis) -> tuple[str, str, str]:
    return (basis.day, basis.event_id, basis.document)


def bases_text(bases: set[Basis] | tuple[Basis, ...]) -> str:
    """The legal bases of an answer, in the order the events took effect."""
    return "; ".join(b.text() for b in sorted(bases, key=_basis_key))


def _day(iso: str) -> str:
    """ "2025-03-01" → "01/03/2025", as Vietnamese documents write days."""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
