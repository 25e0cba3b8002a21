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

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from build_graph.errors import InputError
from build_graph.model.agencies import AgencyTypes, slug
from build_graph.model.gazetteer import UNIT_ID, districts_on, find_province
from build_graph.resources import data_file

# The day after the last change curated: events take effect on or before 1 July 2025 (the two-tier
# local government). The pages were read in the project's stored copies (see the README).
CURATED_UNTIL = date(2025, 7, 1)

LEVELS = ("type", "province", "district")
SUBJECTS = ("agency", "place")
STATUSES = ("verified", "unverified")
# What each kind does to its originals: those of a merger, split, rename or abolition that are not
# also among its results end that day; a transfer moves some functions and its originals go on.
KINDS = {
    "merger": "several bodies become one (a continuing body may be among the originals)",
    "split": "a body's functions go to several bodies",
    "rename": "one body continues under another identity",
    "abolition": "bodies end; the results, if any, take over their functions",
    "transfer": "some functions move; the originals continue",
    "creation": "a body begins with no predecessor",
}
EVENT_COLUMNS = (
    "event_id",
    "date",
    "level",
    "province",
    "subject",
    "kind",
    "original",
    "resulting",
    "basis",
    "basis_dates",
    "status",
    "sources",
    "replaces",
    "note",
)
FUNCTION_COLUMNS = (
    "event_id",
    "original",
    "resulting",
    "function_en",
    "function_vi",
    "principal",
    "sources",
    "note",
)
SOURCE_COLUMNS = ("key", "url", "read_for", "what")
READ_FOR = ("changes", "agency-types")
EVERY_ORIGINAL = "*"  # a function row whose original is "*" applies to each of the event's

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Source:
    """A page a fact was read on: it becomes the event's ``dcterms:source``."""

    key: str
    url: str
    read_for: str  # changes (read for these events) | agency-types (read for agency-types.csv)
    what: str


@dataclass(frozen=True)
class LegalBasis:
    """One legal document an event rests on, with the day it was issued when that was read."""

    document: str
    issued: date | None

    def __str__(self) -> str:
        return f"{self.document} ({self.issued:%d/%m/%Y})" if self.issued else self.document


@dataclass(frozen=True)
class FunctionMove:
    """One function (or group of functions) that went from an original to a resulting body.

    ``principal`` marks the body that took the rest: the one a 2017 task follows when nothing
    says which function it concerns."""

    event_id: str
    original: str
    resulting: str
    function_en: str
    function_vi: str
    principal: bool
    sources: tuple[Source, ...]
    note: str
    where: str


@dataclass(frozen=True)
class ChangeEvent:
    """One dated change (W3C ORG ``org:ChangeEvent``), with its legal basis and sources."""

    event_id: str
    effective: date
    level: str  # type | province | district
    province: str  # the gazetteer's name of the province; "" for a type-level event
    subject: str  # agency (ids of agencies) | place (names of provinces)
    kind: str
    originals: tuple[str, ...]
    results: tuple[str, ...]
    basis: tuple[LegalBasis, ...]
    status: str
    sources: tuple[Source, ...]
    replaces: str  # the type-level event this province's own record replaces there, or ""
    note: str
    where: str  # "events.csv:12"
    functions: tuple[FunctionMove, ...] = ()

    @property
    def verified(self) -> bool:
        return self.status == "verified"

    @property
    def legal_basis(self) -> str:
        """ "Nghị định 45/2025/NĐ-CP, Điều 8 (28/02/2025)": how an answer cites the event."""
        return "; ".join(str(basis) for basis in self.basis)

    def ends(self, agency_id: str) -> bool:
        """Whether ``agency_id`` no longer exists after this event."""
        if self.kind in ("transfer", "creation") or agency_id not in self.originals:
            return False
        return agency_id not in self.results

    def moves_from(self, agency_id: str) -> tuple[FunctionMove, ...]:
        return tuple(move for move in self.functions if move.original == agency_id)


@dataclass(frozen=True)
class Holder:
    """A body that holds (some of) a former agency's functions on the day asked."""

    agency_id: str
    province: str
    principal: bool  # it holds the agency's remaining functions, not only named ones
    functions: tuple[str, ...]  # the functions it holds (English); () means all it received
    events: tuple[ChangeEvent, ...]  # the events followed from the agency to it, in order

    @property
    def provenance(self) -> tuple[str, ...]:
        """Each event used, with its legal basis: what an answer shows beside the holder."""
        return tuple(f"{e.event_id} ({e.effective}): {e.legal_basis}" for e in self.events)


@dataclass(frozen=True)
class Abolished:
    """An agency none of whose functions has a named holder on the day asked."""

    agency_id: str
    province: str
    events: tuple[ChangeEvent, ...]  # the events that ended it (and its successors)


@dataclass(frozen=True)
class Internal:
    """Two agencies whose remaining functions are held by one body on the day asked."""

    body: str
    province: str
    events_a: tuple[ChangeEvent, ...]
    events_b: tuple[ChangeEvent, ...]


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


# ---- loading and checking ---------------------------------------------------------------------


@functools.cache
def _load(folder: Path, types: AgencyTypes) -> ChangeEvents:
    sources = _read_sources(folder / "sources.csv")
    events = _read_events(folder / "events.csv", sources, types)
    moves = _read_functions(folder / "functions.csv", events, sources)
    _check_moves(folder / "events.csv", events, moves)
    with_moves = [
        _with_functions(event, tuple(m for m in moves if m.event_id == event.event_id))
        for event in events.values()
    ]
    return ChangeEvents(with_moves, sources)


def _with_functions(event: ChangeEvent, moves: tuple[FunctionMove, ...]) -> ChangeEvent:
    return ChangeEvent(
        event.event_id,
        event.effective,
        event.level,
        event.province,
        event.subject,
        event.kind,
        event.originals,
        event.results,
        event.basis,
        event.status,
        event.sources,
        event.replaces,
        event.note,
        event.where,
        moves,
    )


def _rows(path: Path, columns: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    """Each row with its line number; a missing file or a wrong header is an InputError."""
    if not path.exists():
        raise InputError(path, "file not found")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = tuple(reader.fieldnames or ())
        if header != columns:
            raise InputError(path, f"header must be {','.join(columns)}, not {','.join(header)}", 1)
        try:
            for row in reader:
                if None in row or any(value is None for value in row.values()):
                    raise InputError(path, f"expected {len(columns)} fields", reader.line_num)
                yield reader.line_num, row
        except csv.Error as error:
            raise InputError(path, f"not CSV: {error}", reader.line_num) from error


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _day(text: str, path: Path, line: int, what: str) -> date:
    if not _ISO_DAY.match(text):
        raise InputError(path, f"{what} {text!r} is not an ISO date (YYYY-MM-DD)", line)
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise InputError(path, f"{what} {text!r} is no such day", line) from error


def _read_sources(path: Path) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for line, row in _rows(path, SOURCE_COLUMNS):
        key = row["key"].strip()
        if not _ID.match(key):
            raise InputError(path, f"source key {key!r} is not lower-case-with-hyphens", line)
        if key in sources:
            raise InputError(path, f"duplicate source key {key!r}", line)
        if not row["url"].startswith(("http://", "https://")):
            raise InputError(path, f"source {key}: url {row['url']!r} is not http(s)", line)
        if row["read_for"] not in READ_FOR:
            raise InputError(path, f"source {key}: read_for must be one of {READ_FOR}", line)
        if not row["what"].strip():
            raise InputError(path, f"source {key}: 'what' (what was read there) is empty", line)
        sources[key] = Source(key, row["url"], row["read_for"], row["what"].strip())
    return sources


def _known_sources(
    keys: tuple[str, ...], sources: dict[str, Source], path: Path, line: int
) -> tuple[Source, ...]:
    unknown = [key for key in keys if key not in sources]
    if unknown:
        raise InputError(path, f"unknown source {', '.join(unknown)} (not in sources.csv)", line)
    return tuple(sources[key] for key in keys)


def _read_events(
    path: Path, sources: dict[str, Source], types: AgencyTypes
) -> dict[str, ChangeEvent]:
    events: dict[str, ChangeEvent] = {}
    for line, row in _rows(path, EVENT_COLUMNS):
        event = _event(row, path, line, sources, types)
        if event.event_id in events:
            raise InputError(path, f"duplicate event_id {event.event_id!r}", line)
        events[event.event_id] = event
    for event in events.values():
        line = int(event.where.rsplit(":", 1)[1])
        if not event.replaces:
            continue
        replaced = events.get(event.replaces)
        if replaced is None or replaced.level != "type":
            raise InputError(path, f"replaces {event.replaces!r}: no type-level event", line)
    return events


def _event(
    row: dict[str, str], path: Path, line: int, sources: dict[str, Source], types: AgencyTypes
) -> ChangeEvent:
    event_id = row["event_id"].strip()
    if not _ID.match(event_id):
        raise InputError(path, f"event_id {event_id!r} is not lower-case-with-hyphens", line)
    effective = _day(row["date"].strip(), path, line, "date")
    for column, allowed in (
        ("level", LEVELS),
        ("subject", SUBJECTS),
        ("kind", tuple(KINDS)),
        ("status", STATUSES),
    ):
        if row[column] not in allowed:
            raise InputError(path, f"{column} {row[column]!r} is not one of {allowed}", line)
    level, subject, kind, status = row["level"], row["subject"], row["kind"], row["status"]
    province = _event_province(row["province"].strip(), level, subject, path, line)
    originals, results = _split(row["original"]), _split(row["resulting"])
    _check_shape(kind, originals, results, path, line)
    if subject == "place":
        _check_places((*originals, *results), path, line)
    else:
        _check_agencies(originals, results, level, province, effective, types, path, line)
    basis = _basis(row["basis"], row["basis_dates"], status, path, line)
    keys = _split(row["sources"])
    if not keys:
        raise InputError(path, f"event {event_id} names no source", line)
    replaces = row["replaces"].strip()
    if replaces and level == "type":
        raise InputError(path, "a type-level event replaces nothing (replaces must be empty)", line)
    return ChangeEvent(
        event_id,
        effective,
        level,
        province,
        subject,
        kind,
        originals,
        results,
        basis,
        status,
        _known_sources(keys, sources, path, line),
        replaces,
        row["note"].strip(),
        f"{path.name}:{line}",
    )


def _event_province(name: str, level: str, subject: str, path: Path, line: int) -> str:
    if level == "type":
        if name or subject != "agency":
            raise InputError(path, "a type-level event has no province and names agencies", line)
        return ""
    if subject == "place" and level != "province":
        raise InputError(path, "only a province-level event may name places", line)
    found = find_province(name) if name else None
    if found is None:
        raise InputError(path, f"province {name!r} is not in the gazetteer", line)
    return found.name


def _check_shape(
    kind: str, originals: tuple[str, ...], results: tuple[str, ...], path: Path, line: int
) -> None:
    """How many originals and results each kind takes."""
    if len(set(originals)) != len(originals) or len(set(results)) != len(results):
        raise InputError(path, "an id is listed twice", line)
    rules = {
        "merger": bool(originals) and len(results) == 1,
        "split": bool(originals) and len(results) >= 2,
        "rename": len(originals) == 1 and len(results) == 1 and originals != results,
        "abolition": bool(originals),
        "transfer": bool(originals) and bool(results) and not set(originals) & set(results),
        "creation": not originals and bool(results),
    }
    if not rules[kind]:
        raise InputError(
            path,
            f"a {kind} cannot have {len(originals)} original(s) and {len(results)} result(s)",
            line,
        )


def _check_places(names: tuple[str, ...], path: Path, line: int) -> None:
    for name in names:
        found = find_province(name)
        if found is None or found.name != name:
            raise InputError(path, f"place {name!r} is not a province of the gazetteer", line)


def _district_ids(province: str, day: date) -> set[str]:
    """The agency ids of the province's district People's Committees on ``day`` (as
    ``agencies.Registry.build`` names them)."""
    found = find_province(province)
    units = districts_on(found, day) if found else ()
    return {f"ubnd-{UNIT_ID[d.unit]}-{slug(d.name)}" for d in units}


def _check_agencies(
    originals: tuple[str, ...],
    results: tuple[str, ...],
    level: str,
    province: str,
    effective: date,
    types: AgencyTypes,
    path: Path,
    line: int,
) -> None:
    """Each id is a national type, or (for a province's event) one of its own bodies or one of its
    districts: an original on the day before the event, a result on its day."""
    own = {row["agency_id"] for row in types.supplement(province)} if province else set()
    for ids, day, role in (
        (originals, effective - timedelta(days=1), "original"),
        (results, effective, "result"),
    ):
        districts = _district_ids(province, day) if level == "district" else set()
        for agency_id in ids:
            if agency_id in types.types or agency_id in own or agency_id in districts:
                continue
            where = "agency-types.csv" if level == "type" else f"the registry of {province}"
            raise InputError(path, f"{role} {agency_id!r} on {day} is not in {where}", line)


def _basis(documents: str, days: str, status: str, path: Path, line: int) -> tuple[LegalBasis, ...]:
    """The legal documents and their days; a verified event dates every document."""
    names, dates = _split(documents), _split(days)
    if not names:
        raise InputError(path, "no legal basis (basis is empty)", line)
    if status == "verified" and len(dates) != len(names):
        raise InputError(
            path,
            f"a verified event dates each of its {len(names)} legal documents "
            f"(basis_dates has {len(dates)})",
            line,
        )
    if dates and len(dates) != len(names):
        raise InputError(path, f"{len(names)} legal documents but {len(dates)} dates", line)
    issued: list[date | None] = [_day(d, path, line, "basis date") for d in dates]
    issued += [None] * (len(names) - len(issued))
    return tuple(LegalBasis(name, day) for name, day in zip(names, issued, strict=True))


def _read_functions(
    path: Path, events: dict[str, ChangeEvent], sources: dict[str, Source]
) -> list[FunctionMove]:
    moves: list[FunctionMove] = []
    for line, row in _rows(path, FUNCTION_COLUMNS):
        event = events.get(row["event_id"])
        if event is None:
            raise InputError(path, f"unknown event_id {row['event_id']!r}", line)
        if event.kind == "creation":
            raise InputError(path, f"{event.event_id}: a creation moves no functions", line)
        original, resulting = row["original"].strip(), row["resulting"].strip()
        if original != EVERY_ORIGINAL and original not in event.originals:
            raise InputError(path, f"{original!r} is no original of {event.event_id}", line)
        if resulting not in event.results:
            raise InputError(path, f"{resulting!r} is no result of {event.event_id}", line)
        if not row["function_en"].strip() or not row["function_vi"].strip():
            raise InputError(path, "function_en and function_vi must both be given", line)
        if row["principal"] not in ("yes", ""):
            raise InputError(path, f"principal is 'yes' or empty, not {row['principal']!r}", line)
        keys = _split(row["sources"])
        cited = _known_sources(keys, sources, path, line) if keys else event.sources
        for each in event.originals if original == EVERY_ORIGINAL else (original,):
            moves.append(
                FunctionMove(
                    event.event_id,
                    each,
                    resulting,
                    row["function_en"].strip(),
                    row["function_vi"].strip(),
                    row["principal"] == "yes",
                    cited,
                    row["note"].strip(),
                    f"{path.name}:{line}",
                )
            )
    return moves


def _check_moves(path: Path, events: dict[str, ChangeEvent], moves: list[FunctionMove]) -> None:
    """A body split among several results says which function went where, with one principal
    successor; a transfer names the functions it moves."""
    for event in events.values():
        line = int(event.where.rsplit(":", 1)[1])
        for original in event.originals:
            own = [m for m in moves if m.event_id == event.event_id and m.original == original]
            principals = {m.resulting for m in own if m.principal}
            if len(principals) > 1:
                raise InputError(path, f"{original}: two principal successors", line)
            if event.kind == "transfer" and not own:
                raise InputError(
                    path, f"transfer from {original}: no function in functions.csv", line
                )
            if event.ends(original) and len(event.results) > 1 and not principals:
                raise InputError(
                    path,
                    f"{original} ends among {len(event.results)} results: functions.csv must "
                    "name its principal successor",
                    line,
                )
