"""The typed model of one plan: what the reader extracts, with the source line of every fact."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from build_graph.model.codes import TargetCode
from build_graph.model.periods import Period


@dataclass(frozen=True)
class Cell:
    """A partner or period cell as printed: its lines joined, and the line it starts on."""

    raw: str
    line: int
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartnerMention:
    """One canonical agency named by a partner cell, and the part of the cell that named it."""

    agency_id: str
    raw: str
    how: str = "alias"  # alias | list-expansion | fuzzy | unresolved


@dataclass
class Assignment:
    """A cell value attached to a task, either printed on the task's row or inherited.

    A merged cell (rowspan) is printed once, on the first row it covers; the rows below inherit
    it. ``inherited_from`` is the line where the inherited cell was printed.
    """

    cell: Cell | None
    inherited: bool = False

    @property
    def source_line(self) -> int | None:
        return self.cell.line if self.cell else None


@dataclass
class Task:
    """One task row of an appendix table."""

    appendix: int
    number: str
    text: str
    line: int
    target: TargetCode
    subtarget: TargetCode | None
    group_number: int
    heading_number: str | None = None
    parent_number: str | None = None
    partners: list[PartnerMention] = field(default_factory=list)
    partner_cell: Assignment = field(default_factory=lambda: Assignment(None))
    periods: list[Period] = field(default_factory=list)
    period_cell: Assignment = field(default_factory=lambda: Assignment(None))
    text_lines: tuple[int, ...] = ()
    suffix: str = ""

    @property
    def task_id(self) -> str:
        return f"A{self.appendix:02d}-T{self.number}{self.suffix}"

    @property
    def effective_target(self) -> TargetCode:
        """The most specific target the task serves."""
        return self.subtarget or self.target


@dataclass
class Heading:
    """A group row, a sub-target line, or a numbered row that is really a sub-target heading."""

    appendix: int
    kind: str  # group | subtarget | numbered-subtarget
    code: TargetCode
    line: int
    number: str | None = None
    text: str = ""


@dataclass
class Appendix:
    """One appendix: one lead agency, its declared targets and its task table."""

    number: int
    line: int
    lead_agency_id: str
    lead_heading_raw: str
    lead_intro_raw: str
    declared_targets: list[TargetCode] = field(default_factory=list)
    declared_line: int | None = None
    headings: list[Heading] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    has_header_row: bool = True


@dataclass(frozen=True)
class TargetInfo:
    """A VSDG goal, target or sub-target seen in the document."""

    code: str
    level: str
    parent: str | None
    text_vi: str
    line: int | None


@dataclass(frozen=True)
class Irregularity:
    """Something in the document a careful reader would flag, and the reading chosen for it."""

    kind: str
    line: int | None
    message: str
    raw: str = ""
    reading: str = ""


@dataclass
class DecisionRef:
    """A legal document cited by number and date."""

    number: str
    date: dt.date | None
    issuer: str
    line: int | None


@dataclass
class PlanMetadata:
    number: str
    issuer: str
    place: str
    date: dt.date | None
    signer: str
    signer_title: str
    title: str
    implements: DecisionRef | None
    number_line: int | None = None
    date_line: int | None = None
    signer_line: int | None = None


@dataclass
class AppendixListEntry:
    """A row of the appendix list: agency → appendix number."""

    order: int
    raw_name: str
    agency_id: str
    appendix: int
    line: int


@dataclass
class Plan:
    """Everything extracted from one plan document."""

    source: str
    metadata: PlanMetadata
    appendix_list: list[AppendixListEntry]
    appendices: list[Appendix]
    targets: dict[str, TargetInfo]
    irregularities: list[Irregularity]
    body_first_line: int
    body_last_line: int
    junk_lines: int
    line_texts: dict[int, str] = field(default_factory=dict)  # line number → normalised text

    @property
    def tasks(self) -> list[Task]:
        return [task for appendix in self.appendices for task in appendix.tasks]
