"""Read one appendix's task table from its flattened lines.

The HTML table TT | Nhiệm vụ | Đơn vị phối hợp | Giai đoạn thực hiện arrives one cell per line.
Rows are told apart by their TT cell: a bare integer followed by "Mục tiêu X.Y: …" opens a group,
a dotted number opens a task row, or a sub-target heading when "Mục tiêu X.Y.z:" follows it.
Merged cells are printed once, on the first row they cover; rows below inherit them until the
next group or sub-target heading.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

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
from build_graph.read.decoding import Line
from build_graph.read.partners import Resolver

_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,3})*\.?$")
_TARGET = re.compile(rf"^Mục tiêu\s+(?P<code>{CODE_PATTERN})(?P<punct>[\s.:]*)(?P<text>.*)$")
_HEADER_CELLS = {"tt", "stt", "nhiệm vụ", "đơn vị phối hợp", "giai đoạn thực hiện"}


@dataclass
class _Section:
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
    match = _TARGET.match(text)
    if not match:
        return None
    code = parse_code(match["code"])
    if code is None:
        return None
    raw = (match["code"] + match["punct"]).strip()
    return TargetCode(code.code, raw), match["text"].strip()


def _group_target(code: TargetCode) -> TargetCode:
    """The target a group row opens: a sub-target code's parent target, else the code."""
    if code.level == "subtarget" and code.parent is not None:
        return TargetCode(code.parent, code.raw)
    return code


class TableReader:
    """Reads the rows of one appendix table; irregularities go to ``issues``."""

    def __init__(self, appendix: Appendix, resolver: Resolver, issues: list[Irregularity]) -> None:
        self.appendix = appendix
        self.resolver = resolver
        self.issues = issues
        self.result = TableResult()
        self.section: _Section | None = None

    # -- entry point -------------------------------------------------------------------------
    def read(self, lines: list[Line]) -> TableResult:
        index = self._skip_header(lines)
        while index < len(lines):
            line = lines[index]
            nxt = lines[index + 1] if index + 1 < len(lines) else None
            target_next = nxt is not None and parse_target_line(nxt.text) is not None
            if is_row_number(line.text) and "." not in line.text.rstrip(".") and target_next:
                index = self._group(lines, index)
            elif is_row_number(line.text) and target_next:
                index = self._numbered_heading(lines, index)
            elif is_row_number(line.text):
                index = self._task(lines, index)
            elif parse_target_line(line.text):
                index = self._bare_target(lines, index)
            else:
                self._stray(line)
                index += 1
        self._link_hierarchy()
        return self.result

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

    # -- rows --------------------------------------------------------------------------------
    def _skip_header(self, lines: list[Line]) -> int:
        index = 0
        while index < len(lines) and lines[index].text.lower().rstrip(".") in _HEADER_CELLS:
            self.result.has_header_row = True
            index += 1
        return index

    def _group(self, lines: list[Line], index: int) -> int:
        number = int(lines[index].text.rstrip("."))
        parsed = parse_target_line(lines[index + 1].text)
        assert parsed is not None, "a group row is followed by its 'Mục tiêu' line"
        code, text = parsed
        target = _group_target(code)
        self.section = _Section(target=target, group_number=number)
        self._heading("group", code, lines[index + 1].number, str(number), text)
        if code.level == "subtarget":
            self.section.subtarget = code
            self._issue(
                "group-holds-subtarget",
                lines[index + 1].number,
                f"group {number} names sub-target {code.code} directly",
                lines[index + 1].text[:80],
                f"group target {target.code}, sub-target {code.code}",
            )
        if code.level == "goal":
            self._issue(
                "goal-level-group",
                lines[index + 1].number,
                f"group {number} names goal {code.code}, not a target",
                lines[index + 1].text[:80],
                f"its tasks serve goal {code.code} (target left at goal level)",
            )
        index += 2
        while index < len(lines):
            parsed = parse_target_line(lines[index].text)
            if not parsed or parsed[1]:
                break
            self._subtarget_line(parsed[0], lines[index].number)
            index += 1
        return self._heading_cells(lines, index)

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

    def _numbered_heading(self, lines: list[Line], index: int) -> int:
        number = lines[index].text.rstrip(".")
        code, text = parse_target_line(lines[index + 1].text)  # type: ignore[misc]
        if self.section is None:
            self.section = _Section(TargetCode(code.parent or code.code), int(number.split(".")[0]))
        self._subtarget_line(code, lines[index + 1].number, number)
        index += 2
        description: list[str] = [text] if text else []
        while (
            index < len(lines)
            and _is_text(lines[index].text)
            and not self.resolver.looks_like_partner_cell(lines[index].text)
        ):
            description.append(lines[index].text)
            index += 1
        heading = self.result.headings[-1]
        heading.text = " ".join(description)
        self._issue(
            "numbered-heading",
            lines[index - 1].number if description else heading.line,
            f"row {number} is a sub-target heading ({code.raw}), not a task",
            heading.text[:80],
            "read as a heading; its numbered children are tasks of sub-target " + code.code,
        )
        return self._heading_cells(lines, index)

    def _bare_target(self, lines: list[Line], index: int) -> int:
        code, text = parse_target_line(lines[index].text)  # type: ignore[misc]
        line = lines[index].number
        if self.section is not None and code.level == "subtarget" and not text:
            self._subtarget_line(code, line)
            return self._heading_cells(lines, index + 1)
        number = self.section.group_number + 1 if self.section else 1
        self._issue(
            "target-without-number",
            line,
            "a 'Mục tiêu' row without its TT number",
            lines[index].text[:80],
            f"read as group {number}",
        )
        target = _group_target(code)
        self.section = _Section(target=target, group_number=number)
        if code.level == "subtarget":
            self.section.subtarget = code
        self._heading("group", code, line, None, text)
        return self._heading_cells(lines, index + 1)

    def _heading_cells(self, lines: list[Line], index: int) -> int:
        """Partner and period cells printed on a heading row apply to all its tasks."""
        assert self.section is not None
        partner_lines, period_lines, index = self._cells(lines, index, allow_text=False)
        if partner_lines:
            self.section.partner = self._partner_cell(partner_lines)
        if period_lines:
            self.section.period = self._period_cell(period_lines)
        if partner_lines or period_lines:
            heading = self.result.headings[-1]
            self._issue(
                "cells-on-heading",
                (partner_lines or period_lines)[0].number,
                f"a {'partner' if partner_lines else 'period'} cell sits on the heading of "
                f"{heading.code.code}",
                " / ".join(line.text for line in (partner_lines or period_lines))[:120],
                "applied to every task under the heading",
            )
        return index

    def _task(self, lines: list[Line], index: int) -> int:
        number_line = lines[index]
        number = number_line.text.rstrip(".")
        index += 1
        text_lines: list[Line] = []
        if index < len(lines) and _is_text(lines[index].text):
            text_lines.append(lines[index])
            index += 1
            while (
                index < len(lines)
                and _is_text(lines[index].text)
                and not self.resolver.looks_like_partner_cell(lines[index].text)
            ):
                text_lines.append(lines[index])
                index += 1
        if not text_lines:
            self.result.ends_incomplete = number_line.number
            self._issue(
                "task-without-text",
                number_line.number,
                f"row {number} has no task text",
                number,
                "row skipped",
            )
            return index
        self.result.ends_incomplete = None
        if len(text_lines) > 1:
            self._issue(
                "cell-spans-lines",
                text_lines[1].number,
                f"task {number}'s text spans {len(text_lines)} lines",
                text_lines[1].text[:80],
                "lines joined into one task text",
            )
        if self.section is None:
            self._issue(
                "task-before-group",
                number_line.number,
                f"task {number} comes before any group row",
                number,
                "attached to goal-less target 0",
            )
            self.section = _Section(TargetCode("0"), 0)
        partner_lines, period_lines, index = self._cells(lines, index, allow_text=True)
        task = Task(
            appendix=self.appendix.number,
            number=number,
            text=" ".join(line.text for line in text_lines),
            line=number_line.number,
            target=self.section.target,
            subtarget=self.section.subtarget,
            group_number=self.section.group_number,
            text_lines=tuple(line.number for line in text_lines),
        )
        self._check_number(task)
        self._assign_cells(task, partner_lines, period_lines)
        self.result.tasks.append(task)
        return index

    # -- cells -------------------------------------------------------------------------------
    def _cells(
        self, lines: list[Line], index: int, allow_text: bool
    ) -> tuple[list[Line], list[Line], int]:
        partner_lines: list[Line] = []
        period_lines: list[Line] = []
        while index < len(lines):
            line = lines[index]
            if is_period_line(line.text):
                period_lines.append(line)
            elif _is_text(line.text) and not parse_target_line(line.text):
                if not allow_text and not self.resolver.looks_like_partner_cell(line.text):
                    break
                if period_lines:
                    self._issue(
                        "partner-after-period",
                        line.number,
                        "a partner cell printed after the period cell",
                        line.text[:80],
                        "read as part of the same row's partner cell",
                    )
                partner_lines.append(line)
            else:
                break
            index += 1
        return partner_lines, period_lines, index

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

    # -- checks and records ------------------------------------------------------------------
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


def _is_text(text: str) -> bool:
    return not is_period_line(text) and not is_row_number(text) and not _TARGET.match(text)
