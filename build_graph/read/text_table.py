"""Read one appendix's task table from its flattened lines.

The HTML table TT | Nhiệm vụ | Đơn vị phối hợp | Giai đoạn thực hiện arrives one cell per line.
Rows are told apart by their TT cell: a bare integer followed by "Mục tiêu X.Y: …" opens a group,
a dotted number opens a task row, or a sub-target heading when "Mục tiêu X.Y.z:" follows it.
Merged cells are printed once, on the first row they cover; rows below inherit them until the
next group or sub-target heading.
"""

from __future__ import annotations

from build_graph.document.model import Line
from build_graph.model.codes import TargetCode
from build_graph.model.periods import is_period_line
from build_graph.model.plan import Task
from build_graph.read.rows import (
    RowReader,
    Section,
    TableResult,
    group_target,
    is_row_number,
    is_text,
    parse_target_line,
)

_HEADER_CELLS = {"tt", "stt", "nhiệm vụ", "đơn vị phối hợp", "giai đoạn thực hiện"}


class TableReader(RowReader):
    """Reads the rows of one appendix table from its flattened lines."""

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
        target = group_target(code)
        self.section = Section(target=target, group_number=number)
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

    def _numbered_heading(self, lines: list[Line], index: int) -> int:
        number = lines[index].text.rstrip(".")
        code, text = parse_target_line(lines[index + 1].text)  # type: ignore[misc]
        if self.section is None:
            self.section = Section(TargetCode(code.parent or code.code), int(number.split(".")[0]))
        self._subtarget_line(code, lines[index + 1].number, number)
        index += 2
        description: list[str] = [text] if text else []
        while (
            index < len(lines)
            and is_text(lines[index].text)
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
        target = group_target(code)
        self.section = Section(target=target, group_number=number)
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
        if index < len(lines) and is_text(lines[index].text):
            text_lines.append(lines[index])
            index += 1
            while (
                index < len(lines)
                and is_text(lines[index].text)
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
            self.section = Section(TargetCode("0"), 0)
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
            elif is_text(line.text) and not parse_target_line(line.text):
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

    # -- checks and records ------------------------------------------------------------------
