"""Read a plan from a document with real tables: HTML, DOCX, XLSX, PDF, text copied from Word.

The document's lines in reading order (its tables flattened as a legal site flattens them) give
the front matter, the appendix list and each appendix's heading and intro, exactly as in a
text copy. The task tables are found by their header row and read by column
(:mod:`.grid_table`). Three layouts are told apart:

- **appendix per lead**: "PHỤ LỤC NN" headings, each with its lead and its table;
- **one table with a lead column**: no appendix; goal rows ("I", "MỤC TIÊU 1: …") split the
  table into sections, and each task names its own lead(s);
- **a table in the body**: no appendix and no lead column; the lead comes from the text before
  the table ("… chủ trì thực hiện các mục tiêu: …").

A table with no header row and as many columns as the task table before it continues that
table (a page break), unless an appendix heading stands between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_graph.document.headers import LEAD, NUMBER, TASK, header_roles, is_header
from build_graph.document.model import Document, Line, Table
from build_graph.errors import InputError
from build_graph.model.plan import Appendix, AppendixListEntry, Irregularity, Plan
from build_graph.read.appendix_front import INTRO, attach_table, new_appendix
from build_graph.read.body import UNNUMBERED, Body, appendix_number, locate_body
from build_graph.read.cross_checks import cross_check
from build_graph.read.front_matter import parse_appendix_list, parse_metadata
from build_graph.read.grid_table import (
    WRITTEN,
    GridCell,
    GridReader,
    GridRow,
    goal_of_row,
    grid_rows,
)
from build_graph.read.partners import Resolver
from build_graph.read.rows import TableResult, parse_target_line
from build_graph.read.targets import collect_targets

_NAMES = {
    "html": "an HTML page",
    "docx": "a DOCX document",
    "xlsx": "an XLSX workbook",
    "pdf": "a PDF",
    "tsv": "a tab-separated text",
}
_COLUMN_NUMBERS = re.compile(r"^\(?\d{1,2}\)?$")


@dataclass
class TaskTable:
    """A table of tasks: its column roles, the extra columns' headers, and where its rows start."""

    table: Table
    roles: dict[int, str]
    headers: dict[int, str]
    first_row: int
    first_line: int

    def rows(self) -> list[GridRow]:
        rows = grid_rows(self.table, self.roles, self.headers)[self.first_row :]
        return [row for row in rows if not _column_numbers(row) and not _header_again(row)]


def _column_numbers(row: GridRow) -> bool:
    """The row "(1) | (2) | (3) | (4)" printed under many headers."""
    texts = [line.text for line in row.lines()]
    return len(texts) >= 3 and all(_COLUMN_NUMBERS.match(text) for text in texts)


def _header_again(row: GridRow) -> bool:
    """A header row repeated at the top of a page."""
    return is_header([line.text for line in row.lines()])


def _row_texts(table: Table, row: int) -> list[str]:
    texts = [""] * table.n_cols
    for cell in table.cells:
        if cell.row == row:
            texts[cell.col] = " ".join(line.text for line in cell.lines)
    return texts


def find_task_tables(document: Document) -> list[TaskTable]:
    """The document's task tables, each with the roles of its columns."""
    found: list[TaskTable] = []
    previous: TaskTable | None = None
    for table in document.tables():
        lines = table.lines()
        if not lines:
            continue
        first_line = min(line.number for line in lines)
        for row in range(min(table.n_rows, 4)):
            texts = _row_texts(table, row)
            if is_header(texts):
                roles = header_roles(texts)
                headers = {c: t for c, t in enumerate(texts) if t and c not in roles}
                previous = TaskTable(table, roles, headers, row + 1, first_line)
                found.append(previous)
                break
        else:
            if previous is not None and table.n_cols == previous.table.n_cols:
                found.append(TaskTable(table, previous.roles, previous.headers, 0, first_line))
    return found


def read_structured_plan(document: Document, resolver: Resolver) -> Plan:
    """A plan from a document with tables; :class:`InputError` when it holds none."""
    lines = document.lines()
    body = locate_body(lines)
    if not body.lines:
        raise InputError(document.path, "holds no text")
    first, last = body.lines[0].number, body.lines[-1].number
    tables = [t for t in find_task_tables(document) if first <= t.first_line <= last]
    if not tables:
        kind = _NAMES.get(document.format.split()[0], document.format)
        if not document.tables() and document.format != "xlsx":
            raise InputError(document.path, f"{kind} with no table: the plan's tasks are missing")
        raise InputError(
            document.path,
            f"{kind} with no task table: no table has a header row naming a task column "
            "('Nhiệm vụ', 'Nội dung'…) beside a number, lead, partner or period column",
        )
    issues: list[Irregularity] = [
        Irregularity("document-note", None, note, "", "read") for note in document.notes
    ]
    starts = _appendix_starts(body)
    pdf = document.format == "pdf"
    if starts:
        front = [line for line in body.lines if line.number < starts[0][0]]
        layout = "appendix-per-lead"
    else:
        front = [line for line in body.lines if line.number < tables[0].first_line]
        layout = "lead-column" if any(LEAD in t.roles.values() for t in tables) else "body-table"
    metadata = parse_metadata(front, issues)
    resolver = resolver.for_plan(metadata)  # names are matched within the plan's province
    appendix_list = parse_appendix_list(front, resolver, issues) if starts else []
    if not starts:
        issues[:] = [i for i in issues if i.kind != "missing-appendix-list"]
    if starts:
        appendices, mentions = _read_appendices(
            pdf, body, starts, tables, appendix_list, resolver, issues
        )
    else:
        appendices, mentions = _read_sections(pdf, front, tables, layout, resolver, issues)
    targets = collect_targets(appendices)
    cross_check(appendices, appendix_list, resolver.registry, mentions, issues)
    return Plan(
        source=document.path,
        metadata=metadata,
        appendix_list=appendix_list,
        appendices=appendices,
        targets=targets,
        irregularities=issues,
        body_first_line=first,
        body_last_line=last,
        junk_lines=body.header_junk + body.footer_junk,
        line_texts={line.number: line.text for line in body.lines},
        source_refs={line.number: document.label(line.number) for line in lines},
        format=document.format,
        layout=layout,
    )


def _appendix_starts(body: Body) -> list[tuple[int, int]]:
    """(line number, appendix number) of each "PHỤ LỤC" heading; bare ones numbered in turn."""
    starts: list[tuple[int, int]] = []
    for line in body.lines:
        number = appendix_number(line.text)
        if number is None:
            continue
        if number == UNNUMBERED:
            number = (starts[-1][1] + 1) if starts else 1
        starts.append((line.number, number))
    return starts


def _read_appendices(
    pdf: bool,
    body: Body,
    starts: list[tuple[int, int]],
    tables: list[TaskTable],
    appendix_list: list[AppendixListEntry],
    resolver: Resolver,
    issues: list[Irregularity],
) -> tuple[list[Appendix], list]:
    listed = {entry.appendix: entry for entry in appendix_list}
    appendices: list[Appendix] = []
    mentions: list = []
    seen: dict[int, int] = {}
    for position, (line, number) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else body.lines[-1].number + 1
        mine = [t for t in tables if line <= t.first_line < end]
        stop = mine[0].first_line if mine else end
        chunk = [ln for ln in body.lines if line <= ln.number < stop]
        if number in seen:
            issues.append(
                Irregularity(
                    "duplicate-appendix",
                    line,
                    f"appendix {number:02d} appears again (first at line {seen[number]})",
                    chunk[0].text,
                    "the second copy is ignored",
                )
            )
            continue
        seen[number] = line
        appendix, _ = new_appendix(chunk, number, listed, resolver, issues)
        rows = _joined_rows(mine, pdf)
        result = _read_rows(appendix, rows, resolver, issues)
        table_line = mine[0].first_line if mine else line
        attach_table(appendix, result, issues, table_line, chunk[0].text)
        appendices.append(appendix)
        mentions.extend(result.agency_mentions)
    return appendices, mentions


def _joined_rows(tables: list[TaskTable], pages: bool) -> list[GridRow]:
    """The rows of consecutive task tables; in a PDF, a row a page break cut in two is one row.

    The part on the new page has no number and is no heading: its cells go on with the cells of
    the row above (text, partners and periods alike). A merged cell cut so is one cell again,
    for every row it covers on either page."""
    rows: list[GridRow] = []
    for position, table in enumerate(tables):
        table_rows = table.rows()
        if pages and position and rows and table_rows and _cut_row(table_rows[0], rows[-1]):
            cut = table_rows.pop(0)
            for role, below in cut.cells.items():
                if below.state != WRITTEN:
                    continue
                if role == NUMBER:  # "1.1." + "4": one number, no space
                    above_number = rows[-1].cell(NUMBER)
                    joined = Line(above_number.lines[0].number, above_number.text + below.text)
                    rows[-1].cells[role] = GridCell(WRITTEN, (joined,))
                    continue
                above = rows[-1].cell(role)
                whole = _glued(above.lines, below.lines) if above.lines else below.lines
                state = above.state if above.lines else WRITTEN
                for earlier in (rows, table_rows):
                    for index, row in enumerate(earlier):
                        earlier[index] = _replaced(row, role, (above.lines, below.lines), whole)
                rows[-1].cells[role] = GridCell(state, whole)
            rows[-1].extras.update(cut.extras)
        rows.extend(table_rows)
    return rows


def _replaced(
    row: GridRow,
    role: str,
    parts: tuple[tuple[Line, ...], tuple[Line, ...]],
    whole: tuple[Line, ...],
) -> GridRow:
    """``row`` with its ``role`` cell made whole if it held either part of a cut cell."""
    cell = row.cells.get(role)
    if cell is None or not cell.lines or cell.lines not in parts:
        return row
    return GridRow({**row.cells, role: GridCell(cell.state, whole)}, row.extras)


def _cut_row(row: GridRow, above: GridRow) -> bool:
    """The first row of a table on a new page goes on with the last row of the page before.

    It has no number and is no heading; or its number ends a number the page cut ("1.1." above,
    "4" below) while its text goes on mid-sentence."""
    number, text = row.cell(NUMBER), row.cell(TASK)
    if not row.lines():
        return False
    first = text.lines[0].text if text.state == WRITTEN and text.lines else ""
    if first and (parse_target_line(first) or goal_of_row(row)):
        return False
    if number.state != WRITTEN:
        return True
    written_above = above.cell(NUMBER)
    return (
        written_above.state == WRITTEN
        and written_above.text.endswith(".")
        and number.text.isdigit()
        and first[:1].islower()
    )


def _glued(first: tuple[Line, ...], second: tuple[Line, ...]) -> tuple[Line, ...]:
    """A paragraph cut by the page break goes on in the first line below it, unless the line
    above ended a sentence or an item, or the line below opens a number or a year."""
    last, nxt = first[-1], second[0]
    if last.text.endswith("-") and not last.text.endswith(" -"):  # "2017-" / "2020"
        return (*first[:-1], Line(last.number, last.text + nxt.text), *second[1:])
    if last.text.endswith((".", ";", ":")) or nxt.text[:1].isdigit() or nxt.text[:1] in "-+•":
        return first + second
    return (*first[:-1], Line(last.number, f"{last.text} {nxt.text}"), *second[1:])


def _read_rows(
    appendix: Appendix, rows: list[GridRow], resolver: Resolver, issues: list[Irregularity]
) -> TableResult:
    result = GridReader(appendix, resolver, issues).read(rows)
    assert isinstance(result, TableResult)
    return result


def _read_sections(
    pdf: bool,
    front: list[Line],
    tables: list[TaskTable],
    layout: str,
    resolver: Resolver,
    issues: list[Irregularity],
) -> tuple[list[Appendix], list]:
    """One table for the whole plan: a part per goal row (or one part), leads per task."""
    rows = _joined_rows(tables, pdf)
    parts: list[tuple[GridRow | None, list[GridRow]]] = []
    for row in rows:
        if goal_of_row(row) is not None:
            parts.append((row, [row]))
        elif parts:
            parts[-1][1].append(row)
        else:
            parts.append((None, [row]))
    lead_id, lead_raw, lead_line = _lead_from_text(front, resolver)
    if layout == "body-table" and not lead_id:
        issues.append(
            Irregularity(
                "lead-missing",
                tables[0].first_line,
                "the plan's table has no lead column and no sentence names its lead",
                "",
                "tasks left without a lead",
            )
        )
    appendices: list[Appendix] = []
    mentions: list = []
    for index, (goal_row, part_rows) in enumerate(parts, start=1):
        goal = goal_of_row(goal_row) if goal_row is not None else None
        number = index
        title = goal[1] if goal else ""
        first = next((r.first_line for r in part_rows if r.first_line is not None), 0) or 0
        appendix = Appendix(
            number=number,
            line=first,
            lead_agency_id=lead_id if layout == "body-table" else "",
            lead_heading_raw="",
            lead_intro_raw=lead_raw if layout == "body-table" else "",
            kind="section" if goal_row is not None else "table",
            title=title,
            lead_line=lead_line if layout == "body-table" else None,
        )
        result = _read_rows(appendix, part_rows, resolver, issues)
        appendix.headings, appendix.tasks = result.headings, result.tasks
        appendices.append(appendix)
        mentions.extend(result.agency_mentions)
    return appendices, mentions


def _lead_from_text(front: list[Line], resolver: Resolver) -> tuple[str, str, int | None]:
    """The lead named by a sentence before the table ("X chủ trì thực hiện các mục tiêu …")."""
    for line in reversed(front):
        match = INTRO.match(line.text)
        if match:
            mentions = resolver.resolve_cell(match["lead"]).mentions
            if mentions:
                return mentions[0].agency_id, match["lead"], line.number
    return "", "", None
