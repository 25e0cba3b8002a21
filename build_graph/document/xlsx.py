"""XLSX workbooks: one sheet per appendix, or the whole plan on one sheet.

A sheet is a grid whose merged ranges are cells with spans. The rows above a table (an
appendix's title, its lead agency, the intro sentence) are usually one merged cell wide: they
are read as paragraphs. A table starts at its header row, a row that names a task column
("Nhiệm vụ", "Nội dung"…) beside a number column ("TT", "STT"), and ends where the next
appendix's rows begin, so a sheet holding every appendix reads as a sheet per appendix does;
a sheet without a header row is read as paragraphs only.

Numbers are a trap: a TT cell typed as a number ("1.10" stored as 1.1) loses its written form.
Cells are read as displayed where the workbook stores text, and integral numbers lose their
".0". A fractional TT number is read as 1.10 where the number before it at its level is 1.9
(the sequence proves it), else kept as Python prints it; either way the notes say so.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from build_graph.document.damaged import failed_to_open
from build_graph.document.decoding import normalise_line
from build_graph.document.headers import NUMBER, TASK, fold, header_roles
from build_graph.document.model import Document, LineCounter, SourceRef, Table, TableCell

_DOTTED = re.compile(r"^(\d+(?:\.\d+)*)\.?$")  # a TT number: 4, 4.9, 1.1.2, "4.9."

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


def read_xlsx(path: str, data: bytes) -> Document:
    """The document of an XLSX workbook; one-line :class:`InputError` when it is damaged."""
    counter = LineCounter()
    document = Document(path, "xlsx")
    for sheet in _workbook(path, data).worksheets:
        grid = _grid(sheet)
        if grid.texts:
            _read_sheet(grid, counter, document)
            document.notes.extend(_number_notes(grid))
    document.refs = counter.refs
    return document


@dataclass
class _Grid:
    """A sheet's text by (row, column), with its merged ranges as spans at their origins."""

    title: str
    texts: dict[tuple[int, int], list[str]]
    spans: dict[tuple[int, int], tuple[int, int]]
    covered: set[tuple[int, int]]
    numbers: dict[tuple[int, int], float]  # cells holding a fractional number
    by_row: dict[int, list[int]] = field(default_factory=dict)  # row → its columns with text
    repaired: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # (before, as)

    def __post_init__(self) -> None:
        for r, c in sorted(self.texts):
            self.by_row.setdefault(r, []).append(c)

    def row_texts(self, r: int) -> list[str]:
        return [" ".join(self.texts[(r, c)]) for c in self.by_row.get(r, [])]


def _grid(sheet: Worksheet) -> _Grid:
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
    numbers: dict[tuple[int, int], float] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in covered:
                continue
            if isinstance(cell.value, float) and not cell.value.is_integer():
                numbers[(cell.row, cell.column)] = cell.value
            value = _text(cell.value)
            lines = [t for t in (normalise_line(x) for x in value.split("\n")) if t]
            if lines:
                texts[(cell.row, cell.column)] = lines
    return _Grid(sheet.title, texts, spans, covered, numbers)


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
        _repair_numbers(grid, header, last)
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
        with warnings.catch_warnings():
            # openpyxl warns on stderr about what it does not read (styles, data validation):
            # nothing of the plan's, and a refusal must stay one line
            warnings.simplefilter("ignore", UserWarning)
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl trips on damage in many ways (see .damaged)
        raise failed_to_open(path, "XLSX", exc) from None


def _text(value: object) -> str:
    """A cell as displayed: integral numbers without ".0", dates as Vietnamese write them."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _repair_numbers(grid: _Grid, header: int, last: int) -> None:
    """Read a TT number Excel stored as a number (4.10 typed, 4.1 kept) as the sequence proves.

    Excel turns "4.10" typed in a cell into the number 4.1. Where the number before it at its
    level, in the same group of the same table, is 4.9, the cell can only have been 4.10 (4.2
    after 4.19: 4.20). Other numbers keep their reading; every fractional one is noted.
    """
    roles = header_roles(grid.row_texts(header))
    index = next((i for i, role in roles.items() if role == NUMBER), None)
    if index is None:
        return
    column = grid.by_row[header][index]
    earlier: list[str] = []
    for r in range(header + 1, last + 1):
        lines = grid.texts.get((r, column))
        if not lines:
            continue
        if (r, column) in grid.numbers and _DOTTED.match(lines[0]):
            before = _sibling_before(lines[0], earlier)
            reading = _as_sibling(lines[0], before)
            if before is not None and reading is not None:
                grid.repaired[(r, column)] = (before, reading)
                grid.texts[(r, column)] = lines = [reading]
        earlier.append(lines[0])


def _sibling_before(number: str, earlier: list[str]) -> str | None:
    """The last number before ``number`` at its level, unless a shallower one (a new group,
    or a goal section renumbering its groups from 1) stands between them."""
    depth = number.count(".")
    for text in reversed(earlier):
        match = _DOTTED.match(text)
        if match is None:  # "a)", "-", a Roman goal number: no step of the sequence
            continue
        if match.group(1).count(".") == depth:
            return match.group(1)
        if match.group(1).count(".") < depth:
            return None
    return None


def _as_sibling(number: str, before: str | None) -> str | None:
    """``4.10`` for the number 4.1 after 4.9 (``4.20`` for 4.2 after 4.19), else None."""
    if before is None:
        return None
    head, _, tail = number.rpartition(".")
    before_head, _, before_tail = before.rpartition(".")
    if not head or head != before_head:
        return None
    for zeros in ("0", "00"):
        if int(tail + zeros) == int(before_tail) + 1:
            return f"{head}.{tail}{zeros}"
    return None


def _number_notes(grid: _Grid) -> list[str]:
    """A note for each fractional number of the sheet: read as repaired, or kept as stored."""
    from openpyxl.utils import get_column_letter

    notes = []
    kept: list[str] = []
    for (r, c), value in sorted(grid.numbers.items()):
        cell = f"{get_column_letter(c)}{r}"
        if (r, c) in grid.repaired:
            before, reading = grid.repaired[(r, c)]
            notes.append(
                f"sheet {grid.title!r}, cell {cell}: the TT number stored as the number "
                f"{value!r} is read as {reading}, repaired from the sequence: the number before "
                f"it at its level is {before}"
            )
        else:
            kept.append(f"{cell} ({value!r})")
    if kept:  # one note for the sheet: a workbook typed so holds hundreds of them
        shown = ", ".join(kept[:NUMBERS_NAMED]) + (", …" if len(kept) > NUMBERS_NAMED else "")
        notes.append(
            f"sheet {grid.title!r}: {len(kept)} cells hold numbers stored as numbers ({shown}); "
            "a TT number such as 1.10 cannot be told from 1.1 once stored so, and these are read "
            "as stored"
        )
    return notes


NUMBERS_NAMED = 5  # cells named in a sheet's note on numbers stored as numbers
