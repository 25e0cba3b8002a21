"""What a change event is made of: the event, its legal basis, the pages it was read on, the
functions it moved, and the answers built from events (a holder, an internal link, an
abolition); with the values each column of ``data/changes/*.csv`` may take."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

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
