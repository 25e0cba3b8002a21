"""Reading and checking ``data/changes/`` (events.csv, functions.csv, sources.csv): every
row against its columns, the agency types and the gazetteer of its day, so that a fault is
reported as file:line and reason before any answer rests on it."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from build_graph.errors import InputError
from build_graph.model.agencies import AgencyTypes, slug
from build_graph.model.change_records import (
    _ID,
    _ISO_DAY,
    EVENT_COLUMNS,
    EVERY_ORIGINAL,
    FUNCTION_COLUMNS,
    KINDS,
    LEVELS,
    READ_FOR,
    SOURCE_COLUMNS,
    STATUSES,
    SUBJECTS,
    ChangeEvent,
    FunctionMove,
    LegalBasis,
    Source,
)
from build_graph.model.gazetteer import UNIT_ID, districts_on, find_province


def read_change_files(
    folder: Path, types: AgencyTypes
) -> tuple[list[ChangeEvent], dict[str, Source]]:
    """The events of ``folder`` with their function moves, and the sources they cite; the first
    fault raises an InputError naming file:line and reason."""
    sources = _read_sources(folder / "sources.csv")
    events = _read_events(folder / "events.csv", sources, types)
    moves = _read_functions(folder / "functions.csv", events, sources)
    _check_moves(folder / "events.csv", events, moves)
    with_moves = [
        _with_functions(event, tuple(m for m in moves if m.event_id == event.event_id))
        for event in events.values()
    ]
    return with_moves, sources


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
