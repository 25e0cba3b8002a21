"""Read a task table whose columns are known: HTML, DOCX, XLSX, PDF, text copied from Word.

Each column has a role from its header (:mod:`build_graph.document.headers`). A row is then
read by what its cells hold, not by guessing where a cell ends: the number cell and the task
cell say whether the row is a goal, a target group, a sub-target heading or a task; the lead,
partner and period cells are read as printed. A cell may be

- written on the row;
- covered by a merged cell printed above it (a row span): the row inherits it, and that is a
  fact of the table's layout;
- empty: "not printed", as text copied from Word leaves a merged cell's rows. It is read as a
  merged cell is (the reading a flattened page forces), and so flagged as inherited.

An unknown name in a partner or lead cell is an unresolved agent, never part of the task text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_graph.document.headers import LEAD, NUMBER, PARTNERS, PERIOD, TASK
from build_graph.document.model import Line, Table
from build_graph.model.codes import TargetCode
from build_graph.model.plan import Assignment, Cell, PartnerMention, Task
from build_graph.read.rows import RowReader, Section, group_target, parse_target_line

WRITTEN, SPANNED, EMPTY = "written", "spanned", "empty"
_DOTTED = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_LETTER = re.compile(r"^([a-zđ])[).]$", re.IGNORECASE)
_BULLET = re.compile(r"^[-+•*–]$")
_BULLET_TEXT = re.compile(r"^[-+•*–]\s")
ROMAN = re.compile(r"^(?=[IVXL])(X{0,3})(IX|IV|V?I{0,3})\.?$")
GOAL = re.compile(
    r"^MỤC TIÊU\s+(?P<goal>\d{1,2})(?!\.?\d)\s*(?:[:.\-–]\s*)?(?P<text>.*)$", re.IGNORECASE
)


@dataclass(frozen=True)
class GridCell:
    """A cell of a row by its role: written here, spanned from above, or empty."""

    state: str
    lines: tuple[Line, ...] = ()

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass
class GridRow:
    """One table row, its cells by role, and the columns kept as printed."""

    cells: dict[str, GridCell]
    extras: dict[str, str] = field(default_factory=dict)

    def cell(self, role: str) -> GridCell:
        return self.cells.get(role, GridCell(EMPTY))

    def lines(self) -> list[Line]:
        return [line for c in self.cells.values() if c.state == WRITTEN for line in c.lines]

    @property
    def first_line(self) -> int | None:
        lines = self.lines()
        return min(line.number for line in lines) if lines else None


def roman_value(text: str) -> int | None:
    """ "XVII" → 17 (goal rows of one-table plans are numbered I, II, …)."""
    if not ROMAN.match(text.strip()):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total, previous = 0, 0
    for char in reversed(text.strip().rstrip(".").upper()):
        value = values[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None


def goal_of_row(row: GridRow) -> tuple[int | None, str] | None:
    """(goal number, text) when the row opens a goal: "II | MỤC TIÊU 2: …", else None.

    A Roman number opens a goal; so does "MỤC TIÊU N" in capitals, or in any case on a row with
    no number. "1 | Mục tiêu 16: …" is a target group that names a goal (read as a group)."""
    number = row.cell(NUMBER).text.strip()
    text = row.cell(TASK).text.strip()
    match = GOAL.match(text) or GOAL.match(number)
    roman = roman_value(number) is not None
    if match and (roman or not number or text[: len("MỤC TIÊU")].isupper()):
        return int(match["goal"]), match["text"].strip()
    if roman and not parse_target_line(text):
        return None, text
    return None


def grid_rows(table: Table, roles: dict[int, str], headers: dict[int, str]) -> list[GridRow]:
    """The table's rows with their cells by role; vertical spans make inherited cells."""
    rows: list[GridRow] = []
    for grid_row in table.grid():
        cells: dict[str, GridCell] = {}
        extras: dict[str, str] = {}
        for col, slot in enumerate(grid_row):
            role = roles.get(col)
            state: str
            lines: tuple[Line, ...]
            if slot is None:
                state, lines = EMPTY, ()
            elif slot.origin:
                state, lines = (EMPTY, ()) if slot.cell.empty else (WRITTEN, slot.cell.lines)
            elif slot.cell.col == col and not slot.cell.empty:  # merged from above
                state, lines = SPANNED, slot.cell.lines
            else:  # a cell widened over this column from the left: not this column's value
                state, lines = EMPTY, ()
            if role is not None:
                cells[role] = GridCell(state, lines)
            elif state == WRITTEN and col in headers:
                extras[headers[col]] = "\n".join(line.text for line in lines)
        rows.append(GridRow(cells, extras))
    return rows


class GridReader(RowReader):
    """Reads the rows of one part of a plan (an appendix, or a goal section) from its grid."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # RowReader's own arguments
        self.lead: tuple[Cell, list[PartnerMention]] | None = None
        self.last_number: str | None = None
        self.bullets = 0

    def read(self, rows: list[GridRow]) -> object:
        self.result.has_header_row = True
        for row in rows:
            self._row(row)
        self._link_hierarchy()
        return self.result

    def _row(self, row: GridRow) -> None:
        number = row.cell(NUMBER)
        text = row.cell(TASK)
        first_text = text.lines[0].text if text.state == WRITTEN and text.lines else ""
        target = parse_target_line(first_text) if first_text else None
        number_text = number.text.strip() if number.state == WRITTEN else ""
        if goal_of_row(row) is not None:
            self._goal(row)
        elif (
            target
            and number_text
            and "." not in number_text.rstrip(".")
            and number_text[0].isdigit()
        ):
            self._group(row, int(number_text.rstrip(".")), target)
        elif target and number_text and _DOTTED.match(number_text):
            self._numbered_heading(row, number_text.rstrip("."), target)
        elif target:
            self._bare_target(row, target)
        elif text.state == WRITTEN and (task_number := self._task_number(number_text, first_text)):
            self._task(row, task_number)
        elif text.state == WRITTEN and not number_text and self.result.tasks:
            self._continuation(row)
        elif number_text and text.state != WRITTEN and _DOTTED.match(number_text):
            line = number.lines[0].number
            self.result.ends_incomplete = line
            self._issue(
                "task-without-text",
                line,
                f"row {number_text} has no task text",
                number_text,
                "row skipped",
            )
        else:
            for stray in row.lines():
                self._stray(stray)

    # -- numbers -----------------------------------------------------------------------------
    def _task_number(self, written: str, text: str) -> str | None:
        """The task's number: as printed ("1.2."), or made from its parent for "a)" and bullets."""
        if written and _DOTTED.match(written):
            self.bullets = 0
            self.last_number = written.rstrip(".")
            return self.last_number
        parent = self.last_number or (str(self.section.group_number) if self.section else "0")
        if written and (letter := _LETTER.match(written)):
            return f"{parent}.{letter[1].lower()}"
        if _BULLET.match(written) or (not written and _BULLET_TEXT.match(text)):
            self.bullets += 1
            return f"{parent}.b{self.bullets}"
        return None

    # -- headings ----------------------------------------------------------------------------
    def _goal(self, row: GridRow) -> None:
        goal, text = goal_of_row(row) or (None, "")
        line = row.first_line or 0
        code = TargetCode(str(goal)) if goal else None
        if code is not None:
            self.section = Section(target=code, group_number=0)
            self._heading("goal", code, line, row.cell(NUMBER).text or None, text)
        self.lead = None
        self.last_number = None
        self._heading_cells(row)

    def _group(self, row: GridRow, number: int, target: tuple[TargetCode, str]) -> None:
        code, text = target
        text_lines = row.cell(TASK).lines
        line = text_lines[0].number
        opened = group_target(code)
        self.section = Section(target=opened, group_number=number)
        self.last_number = None
        rest = list(text_lines[1:])
        while rest and (parsed := parse_target_line(rest[0].text)) and not parsed[1]:
            break  # sub-target lines in the same cell are handled below
        description = [text] + [r.text for r in rest if not parse_target_line(r.text)]
        self._heading("group", code, line, str(number), " ".join(d for d in description if d))
        if code.level == "subtarget":
            self.section.subtarget = code
            self._issue(
                "group-holds-subtarget",
                line,
                f"group {number} names sub-target {code.code} directly",
                text_lines[0].text[:80],
                f"group target {opened.code}, sub-target {code.code}",
            )
        if code.level == "goal":
            self._issue(
                "goal-level-group",
                line,
                f"group {number} names goal {code.code}, not a target",
                text_lines[0].text[:80],
                f"its tasks serve goal {code.code} (target left at goal level)",
            )
        for extra in rest:
            parsed = parse_target_line(extra.text)
            if parsed and not parsed[1]:
                self._subtarget_line(parsed[0], extra.number)
        self._heading_cells(row)

    def _numbered_heading(self, row: GridRow, number: str, target: tuple[TargetCode, str]) -> None:
        code, text = target
        text_lines = row.cell(TASK).lines
        if self.section is None:
            self.section = Section(TargetCode(code.parent or code.code), int(number.split(".")[0]))
        self._subtarget_line(code, text_lines[0].number, number)
        self.last_number = number
        description = [text] if text else []
        description += [line.text for line in text_lines[1:]]
        heading = self.result.headings[-1]
        heading.text = " ".join(description)
        last = (
            text_lines[-1].number if len(description) > (1 if text else 0) or text else heading.line
        )
        self._issue(
            "numbered-heading",
            last if description else heading.line,
            f"row {number} is a sub-target heading ({code.raw}), not a task",
            heading.text[:80],
            "read as a heading; its numbered children are tasks of sub-target " + code.code,
        )
        self._heading_cells(row)

    def _bare_target(self, row: GridRow, target: tuple[TargetCode, str]) -> None:
        code, text = target
        line = row.cell(TASK).lines[0].number
        if self.section is not None and code.level == "subtarget" and not text:
            self._subtarget_line(code, line)
            self._heading_cells(row)
            return
        number = self.section.group_number + 1 if self.section else 1
        self._issue(
            "target-without-number",
            line,
            "a 'Mục tiêu' row without its TT number",
            row.cell(TASK).lines[0].text[:80],
            f"read as group {number}",
        )
        self.section = Section(target=group_target(code), group_number=number)
        self.last_number = None
        if code.level == "subtarget":
            self.section.subtarget = code
        self._heading("group", code, line, None, text)
        self._heading_cells(row)

    def _heading_cells(self, row: GridRow) -> None:
        """Cells printed on a heading row apply to every task under it (as merged cells do)."""
        assert self.section is not None or not row.lines()
        partner, period, lead = row.cell(PARTNERS), row.cell(PERIOD), row.cell(LEAD)
        if self.section is None:
            return
        if partner.state == WRITTEN:
            self.section.partner = self._partner_cell(list(partner.lines))
        if period.state == WRITTEN:
            self.section.period = self._period_cell(list(period.lines))
        if lead.state == WRITTEN:
            self.lead = self._lead_cell(list(lead.lines))
        written = [c for c in (partner, period) if c.state == WRITTEN]
        if written:
            heading = self.result.headings[-1]
            kind = "partner" if partner.state == WRITTEN else "period"
            self._issue(
                "cells-on-heading",
                written[0].lines[0].number,
                f"a {kind} cell sits on the heading of {heading.code.code}",
                " / ".join(line.text for line in written[0].lines)[:120],
                "applied to every task under the heading",
            )

    # -- tasks -------------------------------------------------------------------------------
    def _task(self, row: GridRow, number: str) -> None:
        text = row.cell(TASK)
        first = row.cell(NUMBER).lines[0] if row.cell(NUMBER).state == WRITTEN else text.lines[0]
        if len(text.lines) > 1:
            self._issue(
                "cell-spans-lines",
                text.lines[1].number,
                f"task {number}'s text spans {len(text.lines)} lines",
                text.lines[1].text[:80],
                "lines joined into one task text",
            )
        if self.section is None:
            self._issue(
                "task-before-group",
                first.number,
                f"task {number} comes before any group row",
                number,
                "attached to goal-less target 0",
            )
            self.section = Section(TargetCode("0"), 0)
        task = Task(
            appendix=self.appendix.number,
            number=number,
            text=" ".join(line.text for line in text.lines),
            line=first.number,
            target=self.section.target,
            subtarget=self.section.subtarget,
            group_number=self.section.group_number,
            text_lines=tuple(line.number for line in text.lines),
            extra=dict(row.extras),
        )
        if self.section.group_number:
            self._check_number(task)
        self._cells_of(task, row)
        self.result.tasks.append(task)

    def _cells_of(self, task: Task, row: GridRow) -> None:
        assert self.section is not None
        partner, period = row.cell(PARTNERS), row.cell(PERIOD)
        if partner.state == SPANNED:
            self._spanned(partner, "partner")
        if period.state == SPANNED:
            self._spanned(period, "period")
        partner_lines = list(partner.lines) if partner.state == WRITTEN else []
        period_lines = list(period.lines) if period.state == WRITTEN else []
        self._assign_cells(task, partner_lines, period_lines)
        if LEAD in row.cells:
            self._assign_lead(task, row.cell(LEAD))

    def _spanned(self, cell: GridCell, kind: str) -> None:
        """A merged cell from above: the section must hold it, even across a heading."""
        assert self.section is not None
        held = self.section.partner if kind == "partner" else self.section.period
        if held is not None and held[0].line == cell.lines[0].number:
            return
        line = cell.lines[0].number
        self._issue(
            "span-crosses-heading",
            line,
            f"a merged {kind} cell reaches past a heading",
            cell.text[:80],
            "its rows below the heading inherit it too, as the table shows",
        )
        if kind == "partner":
            self.section.partner = self._partner_cell(list(cell.lines))
        else:
            self.section.period = self._period_cell(list(cell.lines))

    def _lead_cell(self, lines: list[Line]) -> tuple[Cell, list[PartnerMention]]:
        logical = "; ".join(line.text for line in lines)
        reading = self.resolver.resolve_cell(logical)
        for mention in reading.mentions:
            self.result.agency_mentions.append((mention, lines[0].number))
        cell = Cell(
            "\n".join(line.text for line in lines),
            lines[0].number,
            tuple(line.text for line in lines),
        )
        return cell, reading.mentions

    def _assign_lead(self, task: Task, cell: GridCell) -> None:
        if cell.state == WRITTEN:
            self.lead = self._lead_cell(list(cell.lines))
            task.lead_cell = Assignment(self.lead[0])
        elif cell.state == SPANNED and (
            self.lead is None or self.lead[0].line != cell.lines[0].number
        ):
            self.lead = self._lead_cell(list(cell.lines))
            task.lead_cell = Assignment(self.lead[0], inherited=True)
        elif self.lead is not None:
            task.lead_cell = Assignment(self.lead[0], inherited=True)
        if self.lead is None:
            self._issue(
                "task-without-lead",
                task.line,
                f"task {task.number} names no lead agency",
                task.number,
                "left without a lead",
            )
            return
        task.leads = list(self.lead[1])

    def _continuation(self, row: GridRow) -> None:
        """A row with text and no number goes on with the task above (a page break split it)."""
        task = self.result.tasks[-1]
        text = row.cell(TASK)
        task.text += " " + " ".join(line.text for line in text.lines)
        task.text_lines += tuple(line.number for line in text.lines)
        self._issue(
            "row-continues",
            text.lines[0].number,
            f"a row without a number continues task {task.number}",
            text.text[:80],
            "its text joined to the task above",
        )
