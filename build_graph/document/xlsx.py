"""XLSX workbooks: one sheet per appendix, or the whole plan on one sheet.

A sheet is a grid whose merged ranges are cells with spans. The rows above a table (an
appendix's title, its lead agency, the intro sentence) are usually one merged cell wide: they
are read as paragraphs. A table starts at its header row, a row that names a task column
("Nhiệm vụ", "Nội dung"…) beside a number column ("TT", "STT"), and ends where the next
appendix's rows begin, so a sheet holding every appendix reads as a sheet per appendix does;
a sheet without a header row is read as paragraphs only.

Numbers are a trap: a TT cell typed as a number ("1.10" stored as 1.1) loses its written form.
Cells are read as displayed where the workbook stores text, and integral numbers lose their
".0"; a fractional TT number is kept as Python prints it and flagged in the notes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from build_graph.document.damaged import failed_to_open
from build_graph.document.decoding import normalise_line
from build_graph.document.headers import NUMBER, TASK, fold, header_roles
from build_graph.document.model import Document, LineCounter, SourceRef, Table, TableCell

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


def read_xlsx(path: str, data: bytes) -> Document:
    """The document of an XLSX workbook; one-line :class:`InputError` when it is damaged."""
    counter = LineCounter()
    document = Document(path, "xlsx")
    for sheet in _workbook(path, data).worksheets:
        grid = _grid(sheet, document)
        if grid.texts:
            _read_sheet(grid, counter, document)
    document.refs = counter.refs
    return document


@dataclass
class _Grid:
    """A sheet's text by (row, column), with its merged ranges as spans at their origins."""

    title: str
    texts: dict[tuple[int, int], list[str]]
    spans: dict[tuple[int, int], tuple[int, int]]
    covered: set[tuple[int, int]]
    by_row: dict[int, list[int]] = field(default_factory=dict)  # row → its columns with text

    def __post_init__(self) -> None:
        for r, c in sorted(self.texts):
            self.by_row.setdefault(r, []).append(c)

    def row_texts(self, r: int) -> list[str]:
        return [" ".join(self.texts[(r, c)]) for c in self.by_row.get(r, [])]


def _grid(sheet: Worksheet, document: Document) -> _Grid:
    spans = {
        (rng.min_row, rng.min_col): (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        for rng in sheet.merged_cells.ranges
    }
    covered = {
        (r, c)
        for (r0, c0), (rows, cols) in spans.items()
        for r in range(r0, r0 + rows)
        for c in range(c0, c0 + cols)
        if (r, c) != (r0, c0)
    }
    texts: dict[tuple[int, int], list[str]] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in covered:
                continue
            value = _text(cell.value, document, sheet.title, cell.coordinate)
            lines = [t for t in (normalise_line(x) for x in value.split("\n")) if t]
            if lines:
                texts[(cell.row, cell.column)] = lines
    return _Grid(sheet.title, texts, spans, covered)


def _read_sheet(grid: _Grid, counter: LineCounter, document: Document) -> None:
    """The sheet's paragraphs and tables in order, one table per header row.

    A table runs from its header row to the row before the next header, less the rows at its
    end that are no part of it: the next appendix's title ("PHỤ LỤC …"), its lead and intro,
    one cell each in the first column. Rows outside every table (titles, the appendix list)
    are read cell by cell, as a flattened page reads them. So a workbook with every appendix
    on one sheet gives the same document as one with a sheet per appendix.
    """
    rows = sorted(grid.by_row)
    headers = [r for r in rows if _is_header(grid.row_texts(r))]
    start = rows[0]
    for index, header in enumerate(headers):
        end = headers[index + 1] - 1 if index + 1 < len(headers) else rows[-1]
        last = _table_end(grid, header, end)
        _paragraphs(grid, [r for r in rows if start <= r < header], counter, document)
        _table(grid, header, last, counter, document)
        start = last + 1
    _paragraphs(grid, [r for r in rows if r >= start], counter, document)


def _is_header(row: list[str]) -> bool:
    roles = header_roles(row).values()
    return NUMBER in roles and TASK in roles


def _table_end(grid: _Grid, header: int, end: int) -> int:
    """The table's last row: before an appendix title, and above the lone cells before it."""
    first_col = grid.by_row[header][0]
    titles = (r for r in range(header + 1, end + 1) if _appendix_title(grid, r, first_col))
    end = next(titles, end + 1) - 1
    while end > header and (end not in grid.by_row or _outside_table(grid, end, first_col)):
        end -= 1
    return end


def _appendix_title(grid: _Grid, r: int, first_col: int) -> bool:
    """ "PHỤ LỤC 02" alone on its row: the next appendix, whatever rows stand before its table."""
    return _outside_table(grid, r, first_col) and fold(grid.row_texts(r)[0]).startswith("phu luc")


def _outside_table(grid: _Grid, r: int, first_col: int) -> bool:
    """A row of one cell standing in (or left of) the table's first column: a paragraph."""
    columns = grid.by_row.get(r, [])
    return len(columns) == 1 and columns[0] <= first_col


def _paragraphs(grid: _Grid, rows: list[int], counter: LineCounter, document: Document) -> None:
    """Rows outside a table, cell by cell (a small table such as the appendix list included)."""
    from openpyxl.utils import get_column_letter

    for r in rows:
        for c in grid.by_row[r]:
            ref = SourceRef(sheet=grid.title, cell=f"{get_column_letter(c)}{r}")
            document.blocks.extend(counter.line(text, ref) for text in grid.texts[(r, c)])


def _table(grid: _Grid, first: int, last: int, counter: LineCounter, document: Document) -> None:
    """Rows ``first`` (the header) to ``last`` as a table; every slot from column A is a cell."""
    from openpyxl.utils import get_column_letter

    n_cols = max(c for r in range(first, last + 1) for c in grid.by_row.get(r, []))
    number = len(document.tables()) + 1
    cells = []
    for r in range(first, last + 1):
        for c in range(1, n_cols + 1):
            if (r, c) in grid.covered:
                continue
            rows, cols = grid.spans.get((r, c), (1, 1))
            ref = SourceRef(table=number, sheet=grid.title, cell=f"{get_column_letter(c)}{r}")
            lines = tuple(counter.line(t, ref) for t in grid.texts.get((r, c), []))
            cells.append(TableCell(r - first, c - 1, lines, rows, cols))
    document.blocks.append(Table(number, last - first + 1, n_cols, cells))


def _workbook(path: str, data: bytes) -> Workbook:
    """The workbook as openpyxl loads it (every sheet parsed); whatever fails there is damage.

    A damaged workbook raises ``BadZipFile``, ``InvalidFileException``, ``KeyError`` (a part
    missing), ``OSError`` (no workbook part), ``ValueError`` (a sheet it cannot read), lxml's
    ``XMLSyntaxError`` or ElementTree's ``ParseError`` (a part cut short), among others.
    """
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl trips on damage in many ways (see .damaged)
        raise failed_to_open(path, "XLSX", exc) from None


def _text(value: object, document: Document, sheet: str, address: str) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        document.notes.append(
            f"sheet {sheet!r}, cell {address}: the number {value!r} is stored as a number; "
            "a TT number such as 1.10 cannot be told from 1.1 once stored so"
        )
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
