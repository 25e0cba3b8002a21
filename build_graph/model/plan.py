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
    # Where the plan has a lead column, each task names its own lead(s) (co-leads are a list);
    # in the appendix-per-lead layout these stay empty and the appendix's lead leads the task.
    leads: list[PartnerMention] = field(default_factory=list)
    lead_cell: Assignment = field(default_factory=lambda: Assignment(None))
    extra: dict[str, str] = field(default_factory=dict)  # columns kept as printed: header → text

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
    kind: str  # goal | group | subtarget | numbered-subtarget
    code: TargetCode
    line: int
    number: str | None = None
    text: str = ""


@dataclass
class Appendix:
    """A part of the plan with its own task table and numbering.

    In the appendix-per-lead layout, one appendix per lead agency (``lead_agency_id``). Where the
    plan is one table with a lead column, each goal section is a part (``kind="section"``), its
    tasks name their own leads and ``lead_agency_id`` is empty.
    """

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
    kind: str = "appendix"  # appendix | section (a goal section of a one-table plan) | table
    title: str = ""
    lead_line: int | None = None  # the line that names the lead (heading, intro or list)

    def task_leads(self, task: Task) -> list[str]:
        """The agency ids that lead ``task``: its own lead cell, else the appendix's lead."""
        if task.leads:
            return [mention.agency_id for mention in task.leads]
        return [self.lead_agency_id] if self.lead_agency_id else []


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
    # Where each line stands in its file, for formats whose lines are not the file's own lines
    # (tables, pages): line number → "table 3, row 5, column 2". Empty for plain text.
    source_refs: dict[int, str] = field(default_factory=dict)
    format: str = "text"
    layout: str = "appendix-per-lead"  # appendix-per-lead | lead-column | body-table

    @property
    def tasks(self) -> list[Task]:
        return [task for appendix in self.appendices for task in appendix.tasks]
