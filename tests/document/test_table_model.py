"""The table model: any grid of spans expands into slots and contracts back, losslessly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from build_graph.document.model import Line, SourceRef, Table, TableCell


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A random table: cells of random spans placed left to right, top to bottom, as a table
    algorithm places them (each slot covered at most once; some slots left uncovered)."""
    n_rows = draw(st.integers(1, 8))
    n_cols = draw(st.integers(1, 6))
    taken: set[tuple[int, int]] = set()
    cells = []
    number = 0
    for r in range(n_rows):
        for c in range(n_cols):
            if (r, c) in taken or draw(st.integers(0, 9)) == 0:
                continue
            rowspan = draw(st.integers(1, n_rows - r))
            colspan = draw(st.integers(1, n_cols - c))
            slots = {(r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan)}
            if slots & taken:
                rowspan = colspan = 1
                slots = {(r, c)}
            taken |= slots
            number += 1
            text = draw(st.text(min_size=0, max_size=5))
            lines = (Line(number, text),) if text else ()
            cells.append(TableCell(r, c, lines, rowspan, colspan))
    return Table(1, n_rows, n_cols, cells)


@settings(max_examples=300, deadline=None)
@given(tables())
def test_a_grid_of_spans_expands_and_contracts_losslessly(table):
    grid = table.grid()
    assert len(grid) == table.n_rows and all(len(row) == table.n_cols for row in grid)
    back = Table.from_grid(table.number, grid)
    assert back.n_rows == table.n_rows and back.n_cols == table.n_cols
    assert sorted(back.cells, key=lambda c: (c.row, c.col)) == sorted(
        table.cells, key=lambda c: (c.row, c.col)
    )
    for cell in table.cells:  # every slot a cell covers points back to it; its origin is one
        covered = [
            (r, c)
            for r in range(cell.row, cell.row + cell.rowspan)
            for c in range(cell.col, cell.col + cell.colspan)
        ]
        assert all(grid[r][c] is not None and grid[r][c].cell == cell for r, c in covered)
        assert [grid[r][c].origin for r, c in covered].count(True) == 1


def test_a_reference_reads_as_a_reader_looks_it_up():
    assert SourceRef(line=1164).label() == "line 1164"
    assert SourceRef(table=3, row=5, col=2).label() == "table 3, row 5, column 2"
    assert SourceRef(table=2, sheet="PL01", cell="B7").label() == "sheet 'PL01', cell B7"
    ref = SourceRef(page=4, table=9, row=2, col=3, box=(328.0, 700.4, 454.0, 713.0))
    assert ref.label() == "page 4, table 9, row 2, column 3, box (328, 700, 454, 713)"
