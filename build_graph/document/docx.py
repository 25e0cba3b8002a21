"""DOCX, the form provinces issue their plans in: paragraphs and tables with merged cells.

WordprocessingML merges cells its own way: ``w:gridSpan`` widens a cell over grid columns, and
``w:vMerge`` marks a cell that continues the one above (``restart`` opens a merged cell, a bare
``w:vMerge`` continues it). The continuing cells are empty placeholders: the merged cell's text
is printed once, in the cell that restarts it, which becomes one cell with a row span here.
"""

from __future__ import annotations

import io

from lxml import etree

from build_graph.document.damaged import failed_to_open
from build_graph.document.decoding import normalise_line
from build_graph.document.model import Document, LineCounter, SourceRef, Table, TableCell

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"


def read_docx(path: str, data: bytes) -> Document:
    """The document of a DOCX file; one-line :class:`InputError` when it is damaged."""
    counter = LineCounter()
    document = Document(path, "docx")
    paragraphs = 0
    for element in _body(path, data).iterchildren():
        if element.tag == f"{_W}p":
            for text in _paragraph_lines(element):
                paragraphs += 1
                document.blocks.append(counter.line(text, SourceRef(paragraph=paragraphs)))
        elif element.tag == f"{_W}tbl":
            number = len(document.tables()) + 1
            document.blocks.append(_table(element, number, counter))
    document.refs = counter.refs
    return document


def _body(path: str, data: bytes) -> etree._Element:
    """The ``w:body`` of the package as python-docx opens it; whatever fails there is damage."""
    import docx

    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except MemoryError:
        raise
    except Exception as exc:  # python-docx trips on damage in many ways (see .damaged)
        raise failed_to_open(path, "DOCX", exc) from None
    if body is None:
        raise failed_to_open(path, "DOCX", "its document part has no body")
    return body


def _paragraph_lines(paragraph: etree._Element) -> list[str]:
    """A paragraph's text; a manual line break (``w:br``) starts a new line."""
    lines: list[str] = []
    buffer: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}br", f"{_W}tab", f"{_W}cr"):
        if node.tag == f"{_W}t":
            buffer.append(node.text or "")
        elif node.tag == f"{_W}tab":
            buffer.append(" ")
        elif node.get(f"{_W}type") in (None, "textWrapping") or node.tag == f"{_W}cr":
            lines.append("".join(buffer))
            buffer = []
    lines.append("".join(buffer))
    return [text for text in (normalise_line(line) for line in lines) if text]


def _cell_lines(tc: etree._Element) -> list[str]:
    """The paragraphs of a cell (those of a table nested in it as text, in order)."""
    out: list[str] = []
    for paragraph in tc.iter(f"{_W}p"):
        out.extend(_paragraph_lines(paragraph))
    return out


def _table(tbl: etree._Element, number: int, counter: LineCounter) -> Table:
    """Cells placed on the grid by ``w:gridSpan``; ``w:vMerge`` continuations grow row spans."""
    cells: dict[tuple[int, int], dict] = {}
    open_merge: dict[int, tuple[int, int]] = {}  # grid column → origin of the open merged cell
    rows = [tr for tr in tbl if tr.tag == f"{_W}tr"]
    n_cols = 0
    for r, tr in enumerate(rows):
        c = 0
        grid_before = tr.find(f"{_W}trPr/{_W}gridBefore")
        if grid_before is not None:
            c = int(grid_before.get(f"{_W}val", "0"))
        for tc in tr:
            if tc.tag != f"{_W}tc":
                continue
            properties = tc.find(f"{_W}tcPr")
            span = 1
            merge = None
            if properties is not None:
                grid_span = properties.find(f"{_W}gridSpan")
                if grid_span is not None:
                    span = max(int(grid_span.get(f"{_W}val", "1")), 1)
                v_merge = properties.find(f"{_W}vMerge")
                if v_merge is not None:
                    merge = v_merge.get(f"{_W}val", "continue")
            if merge == "continue" and c in open_merge:
                origin = open_merge[c]
                cells[origin]["rowspan"] = r - origin[0] + 1
            else:
                cells[(r, c)] = {"lines": _cell_lines(tc), "colspan": span, "rowspan": 1}
                if merge == "restart":
                    for dc in range(span):
                        open_merge[c + dc] = (r, c)
                else:
                    for dc in range(span):
                        open_merge.pop(c + dc, None)
            c += span
        n_cols = max(n_cols, c)
    table_cells = []
    for (r, c), spec in sorted(cells.items()):
        lines = tuple(
            counter.line(text, SourceRef(table=number, row=r + 1, col=c + 1))
            for text in spec["lines"]
        )
        table_cells.append(TableCell(r, c, lines, spec["rowspan"], spec["colspan"]))
    return Table(number, len(rows), n_cols, table_cells)
