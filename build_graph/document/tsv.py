"""Text copied from Word: paragraphs as lines, table rows as tab-separated fields.

Word copies a table row as one line with a tab between cells, and quotes a cell that holds
several paragraphs (the line breaks stay inside the quotes). A merged cell is copied once, on
its first row; the rows it covers get an empty field. So an empty field means "not printed
here", as a merged cell does: the plan reader gives it the reading it gives to a merged cell.
"""

from __future__ import annotations

import csv
import io

from build_graph.document.decoding import decode_bytes, normalise_line
from build_graph.document.model import Document, LineCounter, SourceRef, Table, TableCell

csv.field_size_limit(1 << 24)


def read_tsv(path: str, data: bytes) -> Document:
    """The document of tab-separated text; paragraphs keep their line numbers."""
    text = decode_bytes(data, path).replace("\r\n", "\n").replace("\r", "\n")
    document = Document(path, "tsv")
    counter = LineCounter()
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    rows: list[tuple[int, list[str]]] = []
    previous_end = 0
    for record in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if len(record) >= 2:
            rows.append((start, record))
            continue
        _flush_table(rows, document, counter)
        rows = []
        words = normalise_line(record[0]) if record else ""
        if words:
            document.blocks.append(counter.line(words, SourceRef(line=start)))
    _flush_table(rows, document, counter)
    document.refs = counter.refs
    return document


def _flush_table(
    rows: list[tuple[int, list[str]]], document: Document, counter: LineCounter
) -> None:
    if not rows:
        return
    number = len(document.tables()) + 1
    n_cols = max(len(fields) for _, fields in rows)
    cells = []
    for r, (line, fields) in enumerate(rows):
        for c in range(n_cols):
            value = fields[c] if c < len(fields) else ""
            texts = [t for t in (normalise_line(x) for x in value.split("\n")) if t]
            ref = SourceRef(line=line, table=number, row=r + 1, col=c + 1)
            cells.append(TableCell(r, c, tuple(counter.line(t, ref) for t in texts)))
    document.blocks.append(Table(number, len(rows), n_cols, cells))
