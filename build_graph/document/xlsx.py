"""XLSX workbooks: one sheet per appendix, or the whole plan on one sheet.

A sheet is a grid whose merged ranges are cells with spans. The rows above a sheet's table
(an appendix's title, its lead agency, the intro sentence) are usually one merged cell wide:
they are read as paragraphs. The table starts at its header row, the first row that names a
task column ("Nhiệm vụ", "Nội dung"…) beside a number column ("TT", "STT"); a sheet without one
is read as paragraphs only.

Numbers are a trap: a TT cell typed as a number ("1.10" stored as 1.1) loses its written form.
Cells are read as displayed where the workbook stores text, and integral numbers lose their
".0"; a fractional TT number is kept as Python prints it and flagged in the notes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

from build_graph.document.damaged import failed_to_open
from build_graph.document.decoding import normalise_line
from build_graph.document.headers import header_roles
from build_graph.document.model import Document, LineCounter, SourceRef, Table, TableCell

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook


def read_xlsx(path: str, data: bytes) -> Document:
    """The document of an XLSX workbook; one-line :class:`InputError` when it is damaged."""
    from openpyxl.utils import get_column_letter

    counter = LineCounter()
    document = Document(path, "xlsx")
    for sheet in _workbook(path, data).worksheets:
        spans = {
            (rng.min_row, rng.min_col): (
                rng.max_row - rng.min_row + 1,
                rng.max_col - rng.min_col + 1,
            )
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
        if not texts:
            continue
        header = _header_row(texts)
        last_row = max(r for r, _ in texts)
        first_row = header if header is not None else last_row + 1
        for r, c in sorted(key for key in texts if key[0] < first_row):
            # above the task table: titles, or a small table (the appendix list) read cell by
            # cell, as a flattened page reads it
            ref = SourceRef(sheet=sheet.title, cell=f"{get_column_letter(c)}{r}")
            document.blocks.extend(counter.line(text, ref) for text in texts[(r, c)])
        if header is None:
            continue
        n_cols = max(c for _, c in texts)
        number = len(document.tables()) + 1
        cells = []
        for r in range(first_row, last_row + 1):
            for c in range(1, n_cols + 1):
                if (r, c) in covered:
                    continue
                rows, cols = spans.get((r, c), (1, 1))
                address = f"{get_column_letter(c)}{r}"
                ref = SourceRef(table=number, sheet=sheet.title, cell=address)
                cell_lines = tuple(counter.line(t, ref) for t in texts.get((r, c), []))
                cells.append(TableCell(r - first_row, c - 1, cell_lines, rows, cols))
        document.blocks.append(Table(number, last_row - first_row + 1, n_cols, cells))
    document.refs = counter.refs
    return document


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


def _header_row(texts: dict[tuple[int, int], list[str]]) -> int | None:
    for r in sorted({r for r, _ in texts}):
        row = [" ".join(texts[(r, c)]) for c in sorted(c for rr, c in texts if rr == r)]
        roles = header_roles(row)
        if "number" in roles.values() and "task" in roles.values():
            return r
    return None


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
