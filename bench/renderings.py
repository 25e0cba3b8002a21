"""Render an extracted plan back into the forms plans are published in, for tests and benchmarks.

From a :class:`~build_graph.model.plan.Plan` read from the bundled text (our own extraction),
this writes the same plan as a legal site's HTML page (tables with rowspan and colspan), as a
DOCX (w:vMerge, w:gridSpan), as an XLSX workbook (merged ranges; one sheet per appendix), and as
text copied from Word (tab-separated; a merged cell's rows left empty). Two layouts:

- ``appendix``: as the plan is, an appendix per lead agency;
- ``one-table``: ONE table for the whole plan with a "Cơ quan chủ trì" (lead) column, its tasks
  grouped under goal rows ("I", "MỤC TIÊU 1: …") and renumbered within each goal.

``on_one_sheet`` puts a layout's XLSX sheets on one sheet, in order.

A merged cell is printed once, with a row span over the rows that inherit it, which is what the
reader of the text inferred. Not a reader of anything: it only writes.
"""

from __future__ import annotations

import csv
import html
import io
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from build_graph.model import Plan, Registry, Task

ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]
APPENDIX_HEADER = ["TT", "Nhiệm vụ", "Đơn vị phối hợp", "Giai đoạn thực hiện"]
ONE_TABLE_HEADER = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


# -- the rendering model: paragraphs and tables of spanned cells, whatever the format --------
@dataclass
class Cell:
    lines: list[str]
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    """Rows of cells placed left to right; spanned slots are left out, as HTML does."""

    n_cols: int
    rows: list[dict[int, Cell]] = field(default_factory=list)
    header_rows: int = 1

    def add_row(self) -> dict[int, Cell]:
        self.rows.append({})
        return self.rows[-1]


@dataclass
class Rendering:
    title: str
    blocks: list[str | Grid] = field(default_factory=list)
    sheets: list[tuple[str, list[str | Grid]]] = field(default_factory=list)  # XLSX


# -- layouts -----------------------------------------------------------------------------------
def _line(plan: Plan, number: int | None) -> str:
    return plan.line_texts.get(number, "") if number is not None else ""


def _front_lines(plan: Plan) -> tuple[list[str], list[str], int]:
    """The body before the first appendix: paragraphs before the appendix list, its title
    lines, and where the list's cells start."""
    first = min(a.line for a in plan.appendices)
    numbers = sorted(n for n in plan.line_texts if plan.body_first_line <= n < first)
    texts = [plan.line_texts[n] for n in numbers]
    title = next((i for i, t in enumerate(texts) if t.startswith("DANH MỤC CÁC PHỤ LỤC")), None)
    if title is None:
        return texts, [], len(texts)
    header = next(i for i in range(title, len(texts)) if texts[i] == "TT")
    return texts[:title], texts[title:header], header


def _appendix_list(plan: Plan) -> Grid:
    grid = Grid(3)
    row = grid.add_row()
    for c, text in enumerate(["TT", "Tên cơ quan, đơn vị", "Phụ lục"]):
        row[c] = Cell([text])
    for entry in plan.appendix_list:
        row = grid.add_row()
        row[0], row[1], row[2] = (
            Cell([str(entry.order)]),
            Cell([entry.raw_name]),
            Cell([f"{entry.appendix:02d}"]),
        )
    return grid


def _appendix_paragraphs(plan: Plan, appendix: object, table_start: int) -> list[str]:
    line = appendix.line  # type: ignore[attr-defined]
    return [plan.line_texts[n] for n in sorted(plan.line_texts) if line <= n < table_start]


def _table_start(plan: Plan, appendix: object) -> int:
    """The line of the table's header cell "TT" (or of its first row when it has none)."""
    firsts = [h.line for h in appendix.headings] + [t.line for t in appendix.tasks]  # type: ignore[attr-defined]
    first_row = min(firsts) if firsts else appendix.line + 1  # type: ignore[attr-defined]
    for n in sorted(plan.line_texts):
        if appendix.line < n < first_row and plan.line_texts[n] in {"TT", "STT"}:  # type: ignore[attr-defined]
            return n
    return first_row


@dataclass
class _Row:
    """A table row to render: its kind, line (for order), number and text lines."""

    kind: str
    line: int
    number: str
    text: list[str]
    task: Task | None = None
    lead: str = ""


def _rows(plan: Plan, appendix: object) -> list[_Row]:
    rows: list[_Row] = []
    for heading in appendix.headings:  # type: ignore[attr-defined]
        text = [_line(plan, heading.line)]
        if heading.kind == "numbered-subtarget":
            from build_graph.read.rows import parse_target_line

            parsed = parse_target_line(text[0])
            after = parsed[1] if parsed else ""
            rest = heading.text[len(after) :].strip() if after else heading.text
            if rest:
                text.append(rest)
        rows.append(_Row(heading.kind, heading.line, heading.number or "", text))
    for task in appendix.tasks:  # type: ignore[attr-defined]
        text = [_line(plan, n) for n in task.text_lines]
        rows.append(_Row("task", task.line, task.number, text, task))
    return sorted(rows, key=lambda r: r.line)


def _spans(rows: list[_Row], attribute: str) -> dict[int, tuple[list[str], int]]:
    """Row index → (cell lines, row span) where a partner or period cell is printed."""
    printed: dict[int, int] = {}  # cell line → row index that prints it
    last: dict[int, int] = {}  # cell line → last row index inheriting it
    lines_of: dict[int, list[str]] = {}
    for index, row in enumerate(rows):
        if row.task is None:
            continue
        assignment = getattr(row.task, attribute)
        if assignment.cell is None:
            continue
        key = assignment.cell.line
        lines_of[key] = list(assignment.cell.lines) or assignment.cell.raw.split("\n")
        if not assignment.inherited:
            printed[key] = index
        last[key] = index
    spans: dict[int, tuple[list[str], int]] = {}
    for key, end in last.items():
        start = printed.get(key)
        if start is None:  # printed on the heading row just above the first row inheriting it
            first = min(
                i
                for i, r in enumerate(rows)
                if r.task is not None
                and getattr(r.task, attribute).cell is not None
                and getattr(r.task, attribute).cell.line == key
            )
            start = max(i for i in range(first) if rows[i].kind != "task")
        spans[start] = (lines_of[key], end - start + 1)
    return spans


def _fill(grid: Grid, rows: list[_Row], columns: dict[str, int], lead_spans=None) -> None:
    partner = _spans(rows, "partner_cell")
    period = _spans(rows, "period_cell")
    for index, row in enumerate(rows):
        cells = grid.add_row()
        if row.number:
            cells[columns["number"]] = Cell([row.number])
        cells[columns["text"]] = Cell(row.text)
        if lead_spans and index in lead_spans:
            lines, span = lead_spans[index]
            cells[columns["lead"]] = Cell(lines, rowspan=span)
        if index in partner:
            lines, span = partner[index]
            cells[columns["partner"]] = Cell(lines, rowspan=span)
        if index in period:
            lines, span = period[index]
            cells[columns["period"]] = Cell(lines, rowspan=span)


def appendix_layout(plan: Plan) -> Rendering:
    """The plan as it is: front matter, appendix list, an appendix per lead with its table."""
    before, title, _ = _front_lines(plan)
    rendering = Rendering(plan.metadata.title or "Kế hoạch hành động")
    blocks: list[str | Grid] = [*before, *title]
    if plan.appendix_list:
        blocks.append(_appendix_list(plan))
    rendering.sheets.append(("Quyết định", list(blocks)))
    columns = {"number": 0, "text": 1, "partner": 2, "period": 3}
    for appendix in plan.appendices:
        start = _table_start(plan, appendix)
        paragraphs = _appendix_paragraphs(plan, appendix, start)
        grid = Grid(4)
        header = grid.add_row()
        for c, text in enumerate(APPENDIX_HEADER):
            header[c] = Cell([text])
        _fill(grid, _rows(plan, appendix), columns)
        part = [*paragraphs, grid]
        blocks.extend(part)
        rendering.sheets.append((f"PL{appendix.number:02d}", part))
    rendering.blocks = blocks
    return rendering


def on_one_sheet(rendering: Rendering, name: str = "Kế hoạch") -> Rendering:
    """The same rendering with every sheet's blocks, in order, on ONE sheet (for XLSX): a
    workbook that keeps all the appendices on one sheet, as some provinces publish."""
    blocks = [block for _, sheet in rendering.sheets for block in sheet]
    return replace(rendering, sheets=[(name, blocks)])


def one_table_layout(plan: Plan, registry: Registry) -> Rendering:
    """ONE table with a lead column: goal rows, then each lead's groups and tasks renumbered."""
    from build_graph.model.sdg import goals

    titles = {number: goal.title_vi for number, goal in goals().items()}
    before, _, _ = _front_lines(plan)
    grid = Grid(5)
    header = grid.add_row()
    for c, text in enumerate(ONE_TABLE_HEADER):
        header[c] = Cell([text])
    columns = {"number": 0, "text": 1, "lead": 2, "partner": 3, "period": 4}
    by_goal: dict[int, list[tuple[object, list[_Row]]]] = defaultdict(list)
    for appendix in plan.appendices:
        block: list[_Row] = []
        goal = None
        for row in _rows(plan, appendix):
            row_goal = _goal_of(row)
            if row.kind == "group" and block and row_goal != goal:
                by_goal[goal or 0].append((appendix, block))
                block = []
            goal = row_goal if row.kind == "group" else goal
            block.append(row)
        if block:
            by_goal[goal or 0].append((appendix, block))
    for goal in sorted(by_goal):
        goal_row = grid.add_row()
        goal_row[0] = Cell([ROMAN[goal - 1] if 0 < goal <= 17 else str(goal)])
        goal_row[1] = Cell([f"MỤC TIÊU {goal}: {titles.get(goal, '')}".rstrip(": ")])
        group = 0
        for appendix, block in by_goal[goal]:
            renumbered, group = _renumber(block, group)
            lead = registry.agencies[appendix.lead_agency_id].name_vi  # type: ignore[attr-defined]
            _fill(grid, renumbered, columns, {0: ([lead], len(renumbered))})
    rendering = Rendering(plan.metadata.title or "Kế hoạch hành động")
    rendering.blocks = [*before, grid]
    rendering.sheets = [("Kế hoạch", [*before, grid])]
    return rendering


def _goal_of(row: _Row) -> int | None:
    from build_graph.read.rows import parse_target_line

    parsed = parse_target_line(row.text[0]) if row.text else None
    return int(parsed[0].code.split(".")[0]) if parsed else None


def _renumber(block: list[_Row], group: int) -> tuple[list[_Row], int]:
    """Group numbers continue within the goal section; task numbers follow their group."""
    out: list[_Row] = []
    current = None
    for row in block:
        number = row.number
        if row.kind == "group" and number:
            group += 1
            current = (number, str(group))
            number = str(group)
        elif number and current and (number == current[0] or number.startswith(current[0] + ".")):
            number = current[1] + number[len(current[0]) :]
        out.append(_Row(row.kind, row.line, number, row.text, row.task))
    return out, group


# -- formats -----------------------------------------------------------------------------------
def _slots(grid: Grid) -> list[list[tuple[Cell, bool] | None]]:
    """The grid with spans expanded: (cell, is origin) per slot."""
    slots: list[list[tuple[Cell, bool] | None]] = [[None] * grid.n_cols for _ in grid.rows]
    for r, row in enumerate(grid.rows):
        for c, cell in row.items():
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if r + dr < len(slots):
                        slots[r + dr][c + dc] = (cell, dr == 0 and dc == 0)
    return slots


def to_html(rendering: Rendering, cell_breaks: str = "p") -> str:
    """A legal site's page: site chrome around the document, cells with <p> or <br>."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>{html.escape(rendering.title)}</title>",
        "<script>var site = 'thư viện văn bản';</script><style>td{border:1px solid}</style>",
        "</head><body>",
        '<nav><a href="/">Trang chủ</a> <a href="/van-ban">Văn bản</a></nav>',
        '<div class="noi-dung">',
    ]
    for block in rendering.blocks:
        if isinstance(block, str):
            out.append(f"<p>{html.escape(block)}</p>")
            continue
        out.append('<table border="1" cellspacing="0">')
        slots = _slots(block)
        for r in range(len(block.rows)):
            tag = "th" if r < block.header_rows else "td"
            out.append("<tr>")
            for c in range(block.n_cols):
                slot = slots[r][c]
                if slot is None:
                    out.append(f"<{tag}></{tag}>")
                    continue
                cell, origin = slot
                if not origin:
                    continue
                attrs = ""
                if cell.rowspan > 1:
                    attrs += f' rowspan="{cell.rowspan}"'
                if cell.colspan > 1:
                    attrs += f' colspan="{cell.colspan}"'
                if cell_breaks == "br":
                    inner = "<br>".join(html.escape(line) for line in cell.lines)
                else:
                    inner = "".join(f"<p>{html.escape(line)}</p>" for line in cell.lines)
                out.append(f"<{tag}{attrs}>{inner}</{tag}>")
            out.append("</tr>")
        out.append("</table>")
    out += [
        "</div>",
        "<footer><p>Văn bản này chưa cập nhật nội dung Tiếng Anh</p></footer>",
        "</body></html>",
    ]
    return "\n".join(out)


def to_tsv(rendering: Rendering) -> str:
    """Text copied from Word: a merged cell on its first row only, empty fields below it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", quotechar='"', lineterminator="\n")
    for block in rendering.blocks:
        if isinstance(block, str):
            buffer.write(block + "\n")
            continue
        slots = _slots(block)
        for r in range(len(block.rows)):
            fields = []
            for c in range(block.n_cols):
                slot = slots[r][c]
                fields.append("\n".join(slot[0].lines) if slot and slot[1] else "")
            writer.writerow(fields)
        buffer.write("\n")
    return buffer.getvalue()


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r></w:p>'


def _docx_table(grid: Grid) -> str:
    slots = _slots(grid)
    parts = [f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>']
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        parts.append(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>')
    widths = {3: [800, 5000, 2500], 4: [800, 4600, 2800, 1400], 5: [700, 3800, 1800, 2400, 1200]}
    parts.append("</w:tblBorders></w:tblPr><w:tblGrid>")
    for width in widths.get(grid.n_cols, [9000 // grid.n_cols] * grid.n_cols):
        parts.append(f'<w:gridCol w:w="{width}"/>')
    parts.append("</w:tblGrid>")
    for r in range(len(grid.rows)):
        parts.append("<w:tr>")
        if r < grid.header_rows:
            parts[-1] = "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        c = 0
        while c < grid.n_cols:
            slot = slots[r][c]
            if slot is None:
                parts.append("<w:tc><w:p/></w:tc>")
                c += 1
                continue
            cell, origin = slot
            properties = ""
            if cell.colspan > 1:
                properties += f'<w:gridSpan w:val="{cell.colspan}"/>'
            if cell.rowspan > 1:
                properties += '<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>"
            body = "".join(_docx_paragraph(line) for line in cell.lines) if origin else "<w:p/>"
            parts.append(f"<w:tc><w:tcPr>{properties}</w:tcPr>{body or '<w:p/>'}</w:tc>")
            c += cell.colspan
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def to_docx(rendering: Rendering, path: Path) -> None:
    """A Word document: paragraphs, and tables merged with w:vMerge and w:gridSpan."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    body = document.element.body
    sect = body[-1]
    for block in rendering.blocks:
        if isinstance(block, str):
            element = parse_xml(
                f'<w:p xmlns:w="{_W}"><w:r><w:t xml:space="preserve">'
                f"{html.escape(block, quote=False)}</w:t></w:r></w:p>"
            )
        else:
            element = parse_xml(_docx_table(block))
        sect.addprevious(element)
    # Word ends a document with a paragraph, never a table (a DOC made from it loses the table)
    sect.addprevious(parse_xml(f'<w:p xmlns:w="{_W}"/>'))
    document.save(str(path))


def to_xlsx(rendering: Rendering, path: Path) -> None:
    """A workbook: a sheet per appendix (or one), paragraphs merged across, tables merged."""
    import openpyxl
    from openpyxl.styles import Alignment

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, blocks in rendering.sheets:
        sheet = book.create_sheet(name[:31])
        width = max((b.n_cols for b in blocks if isinstance(b, Grid)), default=4)
        r = 1
        for block in blocks:
            if isinstance(block, str):
                sheet.cell(r, 1, block)
                if width > 1:
                    sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
                r += 1
                continue
            slots = _slots(block)
            for gr in range(len(block.rows)):
                for c in range(block.n_cols):
                    slot = slots[gr][c]
                    if slot is None or not slot[1]:
                        continue
                    cell, _ = slot
                    target = sheet.cell(r + gr, c + 1, "\n".join(cell.lines))
                    target.data_type = "s"
                    target.alignment = Alignment(wrap_text=True, vertical="top")
                    if cell.rowspan > 1 or cell.colspan > 1:
                        sheet.merge_cells(
                            start_row=r + gr,
                            start_column=c + 1,
                            end_row=r + gr + cell.rowspan - 1,
                            end_column=c + cell.colspan,
                        )
            r += len(block.rows) + 1
    book.save(str(path))


def write(
    rendering: Rendering, folder: Path, stem: str, formats: tuple[str, ...]
) -> dict[str, Path]:
    """Write ``rendering`` in each of ``formats`` (html, docx, xlsx, tsv) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in formats:
        path = folder / f"{stem}.{fmt}"
        if fmt == "html":
            path.write_text(to_html(rendering), encoding="utf-8")
        elif fmt == "tsv":
            path.write_text(to_tsv(rendering), encoding="utf-8")
        elif fmt == "docx":
            to_docx(rendering, path)
        elif fmt == "xlsx":
            to_xlsx(rendering, path)
        else:
            raise ValueError(f"unknown format {fmt!r}")
        written[fmt] = path
    return written
