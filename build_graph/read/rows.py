"""What every task-table reader shares: the rows' roles, the section a row belongs to, and how a
cell becomes facts.

A table is a sequence of rows: group rows ("1 | Mục tiêu 1.3: …") open a target, sub-target
rows ("Mục tiêu 1.3.b:") narrow it, task rows carry a number, a text, and partner and period
cells. Merged cells are printed once, on the first row they cover; the rows below inherit them
until the next group or sub-target heading, and every inherited value is flagged with the line
it was printed on. Two readers find the rows: :mod:`.text_table` in a flattened text, where cells
are told apart by their content, and :mod:`.grid_table` in a real table, where columns are known.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from build_graph.document.model import Line
from build_graph.model.codes import CODE_PATTERN, TargetCode, parse_code
from build_graph.model.periods import Period, is_period_line, parse_period_lines, raw_period_repeats
from build_graph.model.plan import (
    Appendix,
    Assignment,
    Cell,
    Heading,
    Irregularity,
    PartnerMention,
    Task,
)
from build_graph.read.partners import Resolver

_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
TARGET = re.compile(rf"^Mục tiêu\s+(?P<code>{CODE_PATTERN})(?P<punct>[\s.:]*)(?P<text>.*)$")


@dataclass
class Section:
    """What the rows below a heading share: target, sub-target and inheritable cells."""

    target: TargetCode
    group_number: int
    subtarget: TargetCode | None = None
    heading_number: str | None = None
    partner: tuple[Cell, list[PartnerMention]] | None = None
    period: tuple[Cell, list[Period]] | None = None


@dataclass
class TableResult:
    headings: list[Heading] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    has_header_row: bool = False
    ends_incomplete: int | None = None  # line of an unfinished last row, if any
    agency_mentions: list[tuple[PartnerMention, int]] = field(default_factory=list)


def is_row_number(text: str) -> bool:
    """A TT cell: "3", "1.2" or "2.2.4.1", but not a year standing alone as a period cell."""
    return bool(_NUMBER.match(text)) and not is_period_line(text)


def parse_target_line(text: str) -> tuple[TargetCode, str] | None:
    """ "Mục tiêu 3.5.b.: text" → (3.5.b, text); None for any other line."""
    match = TARGET.match(text)
    if not match:
        return None
    code = parse_code(match["code"])
    if code is None:
        return None
    raw = (match["code"] + match["punct"]).strip()
    return TargetCode(code.code, raw), match["text"].strip()


def group_target(code: TargetCode) -> TargetCode:
    """The target a group row opens: a sub-target code's parent target, else the code."""
    if code.level == "subtarget" and code.parent is not None:
        return TargetCode(code.parent, code.raw)
    return code


def is_text(text: str) -> bool:
    """Neither a number, a period nor a 'Mục tiêu' line: task text or a partner cell."""
    return not is_period_line(text) and not is_row_number(text) and not TARGET.match(text)


class RowReader:
    """Turns rows into headings and tasks; the subclasses find the rows."""

    def __init__(self, appendix: Appendix, resolver: Resolver, issues: list[Irregularity]) -> None:
        self.appendix = appendix
        self.resolver = resolver
        self.issues = issues
        self.result = TableResult()
        self.section: Section | None = None

    def _link_hierarchy(self) -> None:
        """Nested numbers make a tree: 1.1.2.1 is a sub-task of task 1.1.2.

        A number whose parent is a numbered sub-target heading (1.1 in "1.1 Mục tiêu 3.5.a")
        has no parent task; the heading is recorded instead. Repeated numbers get a suffix.
        """
        headings = {h.number for h in self.result.headings if h.kind == "numbered-subtarget"}
        seen: dict[str, int] = {}
        for task in self.result.tasks:
            count = seen.get(task.number, 0)
            seen[task.number] = count + 1
            if count:
                task.suffix = f"-{count + 1}"
                self._issue(
                    "repeated-task-number",
                    task.line,
                    f"task number {task.number} is used again",
                    task.number,
                    f"the repeat gets id {task.task_id}",
                )
        numbers = set(seen)
        for task in self.result.tasks:
            parts = task.number.split(".")
            for cut in range(len(parts) - 1, 0, -1):
                ancestor = ".".join(parts[:cut])
                if ancestor in headings:
                    task.heading_number = ancestor
                    break
                if ancestor in numbers and task.parent_number is None:
                    task.parent_number = ancestor

    def _subtarget_line(self, code: TargetCode, line: int, number: str | None = None) -> None:
        assert self.section is not None
        if code.parent != self.section.target.code:
            self._issue(
                "subtarget-outside-group",
                line,
                f"sub-target {code.code} under group target {self.section.target.code}",
                code.raw,
                f"kept as sub-target {code.code}",
            )
        self.section.subtarget = code
        self.section.heading_number = number
        self.section.partner = self.section.period = None
        self._heading("numbered-subtarget" if number else "subtarget", code, line, number, "")

    def _partner_cell(self, lines: list[Line]) -> tuple[Cell, list[PartnerMention]]:
        unique: list[Line] = []
        for line in lines:
            if unique and line.text.rstrip(". ") == unique[-1].text.rstrip(". "):
                self._issue(
                    "cell-printed-twice",
                    line.number,
                    "partner cell printed twice",
                    line.text[:80],
                    "second copy ignored",
                )
                continue
            unique.append(line)
        # The resolver reads the lines as one list; a line break without ';' separates items.
        logical = unique[0].text
        for line in unique[1:]:
            logical += (" " if logical.rstrip().endswith((";", ",")) else "; ") + line.text
        if len(unique) > 1:
            self._issue(
                "cell-spans-lines",
                unique[1].number,
                f"partner cell spans {len(unique)} lines",
                " / ".join(line.text for line in unique)[:120],
                "lines joined into one list",
            )
        reading = self.resolver.resolve_cell(logical)
        raw = "\n".join(line.text for line in unique)
        for note in reading.notes:
            reading_chosen = (
                "read as a further item of the list before it"
                if "continued" in note
                else "the parts before and after ':' read as separate items"
            )
            self._issue("partner-list", unique[0].number, note, logical[:120], reading_chosen)
        for mention in reading.mentions:
            self.result.agency_mentions.append((mention, unique[0].number))
        cell = Cell(raw, unique[0].number, tuple(line.text for line in unique))
        return cell, reading.mentions

    def _period_cell(self, lines: list[Line]) -> tuple[Cell, list[Period]]:
        texts = [line.text for line in lines]
        periods = parse_period_lines(texts)
        half = len(texts) // 2
        printed_twice = len(texts) % 2 == 0 and parse_period_lines(
            texts[:half]
        ) == parse_period_lines(texts[half:])
        if printed_twice:
            texts = texts[:half]
        if raw_period_repeats([line.text for line in lines]):
            self._issue(
                "cell-printed-twice",
                lines[0].number,
                "period cell printed twice",
                " / ".join(line.text for line in lines),
                "duplicates dropped: " + ", ".join(p.label for p in periods),
            )
        years = sorted((p.start, p.end) for p in periods if p.kind == "years")
        for (_, end), (start, _) in itertools.pairwise(years):
            if start is not None and end is not None and start <= end:
                self._issue(
                    "overlapping-periods",
                    lines[0].number,
                    "the periods of one cell overlap",
                    " / ".join(texts),
                    "kept as written",
                )
                break
        for period in periods:
            if period.kind == "years" and (period.start or 0) > (period.end or 0):
                self._issue(
                    "reversed-period",
                    lines[0].number,
                    f"period {period.start}-{period.end} ends before it starts",
                    " / ".join(texts),
                    "kept as written",
                )
        return Cell("\n".join(texts), lines[0].number, tuple(texts)), periods

    def _assign_cells(
        self, task: Task, partner_lines: list[Line], period_lines: list[Line]
    ) -> None:
        assert self.section is not None
        if partner_lines:
            self.section.partner = self._partner_cell(partner_lines)
            task.partner_cell = Assignment(self.section.partner[0])
            task.partners = list(self.section.partner[1])
        elif self.section.partner:
            task.partner_cell = Assignment(self.section.partner[0], inherited=True)
            task.partners = list(self.section.partner[1])
        if period_lines:
            self.section.period = self._period_cell(period_lines)
            task.period_cell = Assignment(self.section.period[0])
            task.periods = list(self.section.period[1])
        elif self.section.period:
            task.period_cell = Assignment(self.section.period[0], inherited=True)
            task.periods = list(self.section.period[1])

    def _check_number(self, task: Task) -> None:
        first = task.number.split(".")[0]
        if first != str(task.group_number):
            self._issue(
                "task-number-outside-group",
                task.line,
                f"task {task.number} sits under group {task.group_number}",
                task.number,
                f"kept under group {task.group_number}",
            )

    def _heading(
        self, kind: str, code: TargetCode, line: int, number: str | None, text: str
    ) -> None:
        self.result.headings.append(Heading(self.appendix.number, kind, code, line, number, text))
        if code.loosely_written and code.raw.rstrip(":") != code.code:
            self._issue(
                "loose-target-code",
                line,
                f"target code written {code.raw!r}",
                code.raw,
                f"read as {code.code}",
            )

    def _stray(self, line: Line) -> None:
        self._issue(
            "stray-line",
            line.number,
            "a line outside any row of the table",
            line.text[:80],
            "ignored",
        )

    def _issue(self, kind: str, line: int | None, message: str, raw: str, reading: str) -> None:
        self.issues.append(
            Irregularity(
                kind, line, f"appendix {self.appendix.number:02d}: {message}", raw, reading
            )
        )
