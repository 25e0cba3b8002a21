"""One model for every format a plan is published in: paragraphs and tables, in reading order.

A legal site's HTML page, a DOCX, an XLSX workbook, a PDF and text copied from Word all become a
:class:`Document`. Each piece of text is a :class:`Line` (a paragraph of the body, or a paragraph
inside a table cell) numbered in reading order, and each line keeps a :class:`SourceRef` that says
where it stands in its own file's terms: the line of a text file, the table, row and column of an
HTML, DOCX or XLSX table, the page and box of a PDF. Downstream, every fact cites a line number;
the reference turns it back into a place a reader can find.

A table is a grid of cells with row and column spans. A merged cell is stored once, at its
origin, with its span: that it covers the rows below is a fact of the layout, kept as such.
:meth:`Table.grid` expands the spans into slots; :meth:`Table.from_grid` contracts a grid back
(the two are inverse: a property test checks it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    """One non-empty piece of text, with its number in the document's reading order.

    In a text file the number is the file's own line number; in other formats it counts the
    paragraphs and cell paragraphs in reading order (see the document's references).
    """

    number: int
    text: str


@dataclass(frozen=True)
class SourceRef:
    """Where a line stands in its file, in that format's own terms."""

    line: int | None = None  # text formats: the 1-based line of the file
    table: int | None = None  # 1-based table of the document
    row: int | None = None  # 1-based row of that table
    col: int | None = None  # 1-based column of that table
    sheet: str | None = None  # XLSX: the sheet's name
    cell: str | None = None  # XLSX: the cell's address ("B7")
    page: int | None = None  # PDF: 1-based page
    box: tuple[float, float, float, float] | None = None  # PDF: x0, top, x1, bottom in points
    paragraph: int | None = None  # HTML/DOCX/PDF text outside tables: 1-based paragraph

    def label(self) -> str:
        """The reference as a reader would look it up: "line 1164", "table 3, row 5, column 2"."""
        parts: list[str] = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.sheet is not None:
            parts.append(f"sheet {self.sheet!r}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None and self.sheet is None:
            parts.append(f"table {self.table}")
        if self.cell is not None:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"row {self.row}, column {self.col}")
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.box is not None:
            parts.append("box ({:.0f}, {:.0f}, {:.0f}, {:.0f})".format(*self.box))
        return ", ".join(parts)


@dataclass(frozen=True)
class TableCell:
    """A cell as printed: its top-left slot, its spans, and its paragraphs."""

    row: int  # 0-based
    col: int  # 0-based
    lines: tuple[Line, ...] = ()
    rowspan: int = 1
    colspan: int = 1

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def empty(self) -> bool:
        return not self.lines


@dataclass(frozen=True)
class Slot:
    """One position of the expanded grid: the cell covering it, and whether it is the origin."""

    cell: TableCell
    origin: bool

    @property
    def spanned(self) -> bool:
        """Covered by a merged cell printed above or to the left (not printed here)."""
        return not self.origin


@dataclass
class Table:
    """A table: cells with spans, on a grid of ``n_rows`` × ``n_cols`` slots."""

    number: int
    n_rows: int
    n_cols: int
    cells: list[TableCell] = field(default_factory=list)

    def grid(self) -> list[list[Slot | None]]:
        """Every slot of the grid, ``None`` where no cell covers it (a ragged row)."""
        grid: list[list[Slot | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.rowspan, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.colspan, self.n_cols)):
                    grid[r][c] = Slot(cell, r == cell.row and c == cell.col)
        return grid

    @classmethod
    def from_grid(cls, number: int, grid: Sequence[Sequence[Slot | None]]) -> Table:
        """The table whose :meth:`grid` is ``grid``: each cell kept once, at its origin."""
        n_rows = len(grid)
        n_cols = max((len(row) for row in grid), default=0)
        cells = [slot.cell for row in grid for slot in row if slot is not None and slot.origin]
        return cls(number, n_rows, n_cols, cells)

    def rows(self) -> Iterator[list[Slot | None]]:
        yield from self.grid()

    def lines(self) -> list[Line]:
        """The table's text in reading order: row by row, each merged cell once (at its origin)."""
        ordered = sorted(self.cells, key=lambda c: (c.row, c.col))
        return [line for cell in ordered for line in cell.lines]


Block = Line | Table


@dataclass
class Document:
    """A plan document in any format: its blocks in reading order and the lines' references."""

    path: str
    format: str  # text | tsv | html | docx | xlsx | pdf (| doc, odt, rtf: converted)
    blocks: list[Block] = field(default_factory=list)
    refs: dict[int, SourceRef] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what reading the file repaired or assumed

    def lines(self) -> list[Line]:
        """Every line in reading order, table cells included (as a legal site flattens a page)."""
        out: list[Line] = []
        for block in self.blocks:
            if isinstance(block, Table):
                out.extend(block.lines())
            else:
                out.append(block)
        return out

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def ref(self, line: int) -> SourceRef:
        return self.refs.get(line, SourceRef(line=line))

    def label(self, line: int | None) -> str:
        """A line's place in its file, as a reader would look it up."""
        if line is None:
            return ""
        return self.ref(line).label()


class LineCounter:
    """Numbers the lines of a document in reading order and records their references."""

    def __init__(self) -> None:
        self.refs: dict[int, SourceRef] = {}
        self._next = 1

    def line(self, text: str, ref: SourceRef) -> Line:
        number = self._next
        self._next += 1
        self.refs[number] = ref
        return Line(number, text)
