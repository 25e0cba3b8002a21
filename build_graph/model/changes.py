"""Organisational change events, 2017–2025: who holds a 2017 agency's tasks on a later day.

A plan of 2017 names "Sở Tài nguyên và Môi trường"; from 1 March 2025 that body is part of
"Sở Nông nghiệp và Môi trường". ``data/changes/events.csv`` records each such change (a merger,
split, rename, abolition, transfer of functions or creation) with its effective day, its legal
basis, the pages it was read on (``sources.csv``) and whether it was verified;
``functions.csv`` says where each function of a split body went. An event applies to every
province's body of a type (level ``type``), to one province's bodies or to the province itself
(``province``), or to its districts (``district``).

The questions asked of a 2017 plan in 2026 — who holds this task today, which links became
internal to one body, which tasks sit with bodies that ended without a successor — are answered
by following the events from the agency to the bodies of the day asked. Unverified events are
left out unless asked for: no answer rests on a fact nobody has read. Every answer carries the
events it used, so that it can show their legal bases.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from build_graph.model.agencies import AgencyTypes
from build_graph.model.change_files import read_change_files
from build_graph.model.change_records import (
    CURATED_UNTIL,
    Abolished,
    ChangeEvent,
    FunctionMove,
    Holder,
    Internal,
    LegalBasis,
    Source,
)
from build_graph.model.gazetteer import find_province
from build_graph.resources import data_file

# The records are defined in change_records and read in change_files; they are named here too,
# where the questions asked of them are.
__all__ = [
    "CURATED_UNTIL",
    "Abolished",
    "ChangeEvent",
    "ChangeEvents",
    "FunctionMove",
    "Holder",
    "Internal",
    "LegalBasis",
    "Source",
    "abolished_without_successor",
    "holders_today",
    "internal_after",
]


@dataclass
class _Found:
    holders: list[Holder] = field(default_factory=list)
    dead_ends: list[tuple[ChangeEvent, ...]] = field(default_factory=list)


class ChangeEvents:
    """The curated events, and the questions asked of them."""

    def __init__(self, events: Iterable[ChangeEvent], sources: dict[str, Source]) -> None:
        self.events = tuple(sorted(events, key=lambda e: (e.effective, e.event_id)))
        self.sources = sources
        self.by_id = {event.event_id: event for event in self.events}

    @classmethod
    def load(cls, folder: Path | None = None, types: AgencyTypes | None = None) -> ChangeEvents:
        """The events of ``folder`` (default ``data/changes``), checked against the agency types
        and the gazetteer; the first fault raises an InputError naming file:line and reason."""
        return _load(folder or data_file("changes"), types or AgencyTypes.load())

    # ---- which events apply where -------------------------------------------------------------

    def applicable(
        self, province: str, include_unverified: bool = False
    ) -> tuple[ChangeEvent, ...]:
        """The events in force for ``province``'s bodies: the type-level ones, except those the
        province's own records replace, and the province's own (unverified ones only if asked)."""
        name = _province_name(province)
        own = [
            e
            for e in self.events
            if e.province == name and (e.verified or include_unverified) and e.level != "type"
        ]
        replaced = {e.replaces for e in own if e.replaces}
        national = [
            e
            for e in self.events
            if e.level == "type"
            and e.event_id not in replaced
            and (e.verified or include_unverified)
        ]
        return tuple(sorted(national + own, key=lambda e: (e.effective, e.event_id)))

    def events_affecting(
        self, agency_id: str, province: str | None = None, include_unverified: bool = False
    ) -> tuple[ChangeEvent, ...]:
        """The events that name ``agency_id`` as an original or a result: the type-level ones
        (``province`` None) or those in force in ``province``."""
        pool = (
            self.applicable(province, include_unverified)
            if province
            else tuple(e for e in self.events if e.level == "type")
        )
        return tuple(e for e in pool if agency_id in e.originals or agency_id in e.results)

    def province_on(
        self, province: str, on: date, include_unverified: bool = False
    ) -> tuple[str, tuple[ChangeEvent, ...]]:
        """The province ``province``'s territory belongs to on ``on`` (Hải Dương: Hải Phòng from
        1 July 2025), with the place events that made it so."""
        name, moves = _province_name(province), []
        for event in self._place_events(include_unverified):
            if event.effective <= on and name in event.originals:
                name = event.results[0]
                moves.append(event)
        return name, tuple(moves)

    # ---- who holds an agency's functions --------------------------------------------------------

    def holders_today(
        self,
        agency_id: str,
        province: str,
        on: date | None = None,
        include_unverified: bool = False,
    ) -> tuple[Holder, ...]:
        """The bodies that hold ``agency_id``'s functions on ``on`` (default today) in
        ``province``, following every chain of events: the principal holder first. An agency no
        event touched holds its own functions; one abolished without successor has none."""
        found = self._follow(agency_id, province, None, on or date.today(), include_unverified)
        return _merged(found.holders)

    def chain(
        self,
        agency_id: str,
        province: str,
        start: date,
        end: date,
        include_unverified: bool = False,
    ) -> tuple[ChangeEvent, ...]:
        """The events followed from ``agency_id`` as it was on ``start`` to its holders on
        ``end``: its successor chain between the two days, in order."""
        found = self._follow(agency_id, province, start, end, include_unverified)
        used = {e for h in found.holders for e in h.events} | {
            e for path in found.dead_ends for e in path
        }
        return tuple(sorted(used, key=lambda e: (e.effective, e.event_id)))

    def abolished_without_successor(
        self,
        agency_ids: Iterable[str],
        province: str,
        on: date | None = None,
        include_unverified: bool = False,
    ) -> tuple[Abolished, ...]:
        """The agencies of ``agency_ids`` that have no holder on ``on``: their tasks sit with
        bodies that ended and whose functions no event gave to anyone."""
        day = on or date.today()
        out = []
        for agency_id in dict.fromkeys(agency_ids):
            found = self._follow(agency_id, province, None, day, include_unverified)
            if not found.holders and found.dead_ends:
                events = {e for path in found.dead_ends for e in path}
                where, _ = self.province_on(province, day, include_unverified)
                ordered = tuple(sorted(events, key=lambda e: (e.effective, e.event_id)))
                out.append(Abolished(agency_id, where, ordered))
        return tuple(out)

    def internal_after(
        self,
        a: str,
        b: str,
        province: str,
        on: date | None = None,
        include_unverified: bool = False,
    ) -> Internal | None:
        """Whether two distinct agencies' remaining functions are held by one body on ``on``: a
        coordination link between them became a link inside that body (Sở TN&MT and Sở NN&PTNT
        → Sở NN&MT from 1 March 2025). Named functions moved elsewhere do not count."""
        if a == b:
            return None
        day = on or date.today()
        holders_a = self.holders_today(a, province, day, include_unverified)
        holders_b = self.holders_today(b, province, day, include_unverified)
        principal_b = {(h.agency_id, h.province): h for h in holders_b if h.principal}
        for holder in holders_a:
            other = principal_b.get((holder.agency_id, holder.province))
            if holder.principal and other is not None:
                return Internal(holder.agency_id, holder.province, holder.events, other.events)
        return None

    def ended_without_event(
        self, types: AgencyTypes, on: date, include_unverified: bool = False
    ) -> tuple[str, ...]:
        """The types ``agency-types.csv`` ends on or before ``on`` that no type-level event in
        use ends: ``holders_today`` still answers them with themselves (``nhnn``, whose regional
        branches' decision numbers were not read, until unverified events are included)."""
        ending = {
            agency_id
            for e in self.events
            if e.level == "type" and (e.verified or include_unverified)
            for agency_id in e.originals
            if e.ends(agency_id) and e.effective <= on
        }
        return tuple(
            t.type_id
            for t in types.types.values()
            if t.until and date.fromisoformat(t.until) <= on and t.type_id not in ending
        )

    # ---- following the events -------------------------------------------------------------------

    def _place_events(self, include_unverified: bool) -> list[ChangeEvent]:
        return [
            e for e in self.events if e.subject == "place" and (e.verified or include_unverified)
        ]

    def _segments(self, province: str, flag: bool) -> list[tuple[date, str, ChangeEvent]]:
        """The provinces a body of ``province`` moves to: (the day, the new province's name, the
        place event), in order."""
        name = _province_name(province)
        periods: list[tuple[date, str, ChangeEvent]] = []
        for event in self._place_events(flag):
            if name in event.originals:
                name = event.results[0]
                periods.append((event.effective, name, event))
        return periods

    def _events_for(
        self, province: str, flag: bool
    ) -> tuple[list[ChangeEvent], list[tuple[date, str, ChangeEvent]]]:
        """The agency events in force for a body of ``province`` through its province's
        mergers, and the place events with the province it belongs to after each."""
        periods = self._segments(province, flag)
        bounds: list[tuple[date | None, date | None, str]] = []
        start: date | None = None
        name = _province_name(province)
        for day, new_name, _event in periods:
            bounds.append((start, day, name))
            start, name = day, new_name
        bounds.append((start, None, name))
        events = [
            e
            for low, high, where in bounds
            for e in self.applicable(where, flag)
            if e.subject == "agency"
            and (low is None or e.effective >= low)
            and (high is None or e.effective < high)
        ]
        return events, periods

    def _follow(
        self,
        agency_id: str,
        province: str,
        since: date | None,
        on: date,
        flag: bool,
        principal: bool = True,
        functions: tuple[str, ...] = (),
        path: tuple[ChangeEvent, ...] = (),
    ) -> _Found:
        """The holders of ``agency_id`` (as it was after ``since``) on ``on``."""
        events, places = self._events_for(province, flag)
        mine = [
            e
            for e in events
            if agency_id in e.originals
            and e not in path
            and (since is None or e.effective > since)
            and e.effective <= on
        ]
        end = min((e.effective for e in mine if e.ends(agency_id)), default=None)
        last = end or on
        moved = tuple(
            event
            for day, _where, event in places
            if (since is None or day > since) and day <= last and event not in path
        )
        where = self.province_on(province, last, flag)[0]
        found = _Found()
        for event in mine:
            if event.kind != "transfer" or (end is not None and event.effective > end):
                continue
            for move in event.moves_from(agency_id):
                if principal or (move.principal and event.effective == end):
                    self._add(
                        found,
                        move.resulting,
                        province,
                        event,
                        on,
                        flag,
                        principal and move.principal and event.effective == end,
                        functions or (move.function_en,),
                        (*path, *moved, event),
                    )
        if end is None:
            found.holders.insert(0, Holder(agency_id, where, principal, functions, (*path, *moved)))
            return found
        for event in (e for e in mine if e.effective == end and e.ends(agency_id)):
            moves = event.moves_from(agency_id)
            targets: list[tuple[str, bool, tuple[str, ...]]] = (
                [(m.resulting, m.principal, (m.function_en,)) for m in moves]
                if moves
                else [(r, len(event.results) == 1, ()) for r in event.results]
            )
            if not principal and any(p for _r, p, _f in targets):
                targets = [t for t in targets if t[1]]  # a named function follows the rest
            if not targets and not any(h.principal for h in found.holders):
                before = tuple(m for m in moved if m.effective < end)  # it did not go on
                found.dead_ends.append((*path, *before, event))
            for target, is_principal, named in targets:
                self._add(
                    found,
                    target,
                    province,
                    event,
                    on,
                    flag,
                    principal and is_principal,
                    functions or named,
                    (*path, *moved, event),
                )
        return found

    def _add(
        self,
        found: _Found,
        agency_id: str,
        province: str,
        event: ChangeEvent,
        on: date,
        flag: bool,
        principal: bool,
        functions: tuple[str, ...],
        path: tuple[ChangeEvent, ...],
    ) -> None:
        where = self.province_on(province, event.effective, flag)[0]
        further = self._follow(
            agency_id, where, event.effective, on, flag, principal, functions, path
        )
        found.holders += further.holders
        found.dead_ends += further.dead_ends


def _merged(holders: list[Holder]) -> tuple[Holder, ...]:
    """One holder per body: principal if any path made it so, all functions if any path gave
    them all, and the events of every path."""
    by_body: dict[tuple[str, str], list[Holder]] = {}
    for holder in holders:
        by_body.setdefault((holder.agency_id, holder.province), []).append(holder)
    out = []
    for (agency_id, province), group in by_body.items():
        whole = any(not h.functions for h in group)
        functions = () if whole else tuple(dict.fromkeys(f for h in group for f in h.functions))
        events = sorted(
            {e for h in group for e in h.events}, key=lambda e: (e.effective, e.event_id)
        )
        out.append(
            Holder(agency_id, province, any(h.principal for h in group), functions, tuple(events))
        )
    return tuple(sorted(out, key=lambda h: (not h.principal, h.agency_id)))


def _province_name(province: str) -> str:
    found = find_province(province)
    return found.name if found else province


# ---- module-level queries on the bundled events -----------------------------------------------


def holders_today(
    agency_id: str, province: str, on: date | None = None, include_unverified: bool = False
) -> tuple[Holder, ...]:
    """``ChangeEvents.holders_today`` on the bundled events."""
    return ChangeEvents.load().holders_today(agency_id, province, on, include_unverified)


def abolished_without_successor(
    agency_ids: Iterable[str],
    province: str,
    on: date | None = None,
    include_unverified: bool = False,
) -> tuple[Abolished, ...]:
    """``ChangeEvents.abolished_without_successor`` on the bundled events."""
    return ChangeEvents.load().abolished_without_successor(
        agency_ids, province, on, include_unverified
    )


def internal_after(
    a: str, b: str, province: str, on: date | None = None, include_unverified: bool = False
) -> Internal | None:
    """``ChangeEvents.internal_after`` on the bundled events."""
    return ChangeEvents.load().internal_after(a, b, province, on, include_unverified)


@functools.cache
def _load(folder: Path, types: AgencyTypes) -> ChangeEvents:
    events, sources = read_change_files(folder, types)
    return ChangeEvents(events, sources)
