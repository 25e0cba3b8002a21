"""PDFs with a text layer: ruling-line tables, their merged cells, and lines joined back.

A PDF keeps glyphs and positions, not paragraphs or cells. Tables are found by their ruling
lines (pdfplumber); a cell's box may cover several grid rows or columns, which makes it a
merged cell. Inside a cell and in the body, a line that runs to the right edge of its box was
wrapped by the layout and is joined to the next; a line that stops short ended a paragraph.
Number cells cut by wrapping ("1.1.2." / "1") are joined without a space. A table that goes
on over a page break arrives as two tables; the plan reader joins them (same columns, no
header between).

A PDF without any text (a scan) and an encrypted one are refused with a one-line error.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from build_graph.document.decoding import normalise_line
from build_graph.document.model import Document, LineCounter, SourceRef, Table, TableCell
from build_graph.errors import InputError

_NUMBERISH = re.compile(r"^[\dIVXLC]+(?:\.[\dIVXLC]*)*\.?$")
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_WRAP_SLACK = 6.0  # points: a line ending this close to its box's right edge was wrapped
_INDENT = 40.0  # points: the deepest first-line indent a paragraph's continuation returns from
_COLUMN_GAP = 24.0  # points: a wider gap between two words on one baseline parts two columns


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass
class _Row:
    """One printed line: its words left to right."""

    words: list[_Word]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


def read_pdf(path: str, data: bytes) -> Document:
    """The document of a PDF; one-line :class:`InputError` for a scan or an encrypted file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = list(pdf.pages)
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise InputError(
            path, "an encrypted PDF: save a copy without a password and read that"
        ) from None
    except (PDFSyntaxError, ValueError, KeyError) as exc:
        raise InputError(path, f"not a readable PDF (damaged): {exc}") from None
    except Exception as exc:  # pdfminer raises its own error types for broken files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise InputError(
                path, "an encrypted PDF: save a copy without a password and read that"
            ) from None
        raise InputError(path, f"not a readable PDF: {type(exc).__name__}: {exc}") from None
    counter = LineCounter()
    document = Document(path, "pdf")
    any_text = False
    with pdf:
        for page_number, page in enumerate(pages, start=1):
            words = [
                _Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"])
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
            ]
            any_text = any_text or bool(words)
            _read_page(page, page_number, words, counter, document)
    if not any_text:
        raise InputError(
            path,
            "a PDF without a text layer (a scan): run OCR on it first (e.g. ocrmypdf) or read "
            "the plan's DOCX or HTML",
        )
    document.refs = counter.refs
    return document


def _read_page(
    page: object, number: int, words: list[_Word], counter: LineCounter, document: Document
) -> None:
    tables = page.find_tables(table_settings=_TABLE_SETTINGS)  # type: ignore[attr-defined]  # pdfplumber page
    boxes = [t.bbox for t in tables]
    inside: list[list[_Word]] = [[] for _ in tables]
    outside: list[_Word] = []
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        for index, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                inside[index].append(word)
                break
        else:
            outside.append(word)
    body_rows = _rows(outside)
    right = _margin(body_rows)
    paragraphs = [(p[0].top, p) for p in _paragraphs(body_rows, right)]
    placed = [
        (table.bbox[1], (table, table_words))
        for table, table_words in zip(tables, inside, strict=True)
    ]
    order = sorted(
        [(top, 0, i) for i, (top, _) in enumerate(paragraphs)]
        + [(top, 1, i) for i, (top, _) in enumerate(placed)]
    )
    for _, kind, index in order:
        if kind == 0:
            rows = paragraphs[index][1]
            box = (rows[0].x0, rows[0].top, max(r.x1 for r in rows), rows[-1].bottom)
            document.blocks.append(counter.line(_join(rows), SourceRef(page=number, box=box)))
        else:
            table, table_words = placed[index][1]
            document.blocks.append(_table(table, table_words, number, counter, document))


def _rows(words: list[_Word]) -> list[_Row]:
    """Words grouped into printed lines (same baseline within 3 pt), top to bottom.

    Two blocks side by side without ruling lines (the issuer beside the national motto, the
    number beside the place and date) share baselines: a gap wider than :data:`_COLUMN_GAP`
    parts them into two lines."""
    rows: list[_Row] = []
    for word in sorted(words, key=lambda w: (round(w.top), w.x0)):
        if rows and abs(rows[-1].words[-1].top - word.top) <= 3 and word.x0 >= rows[-1].x0:
            rows[-1].words.append(word)
        else:
            rows.append(_Row([word]))
    parted: list[_Row] = []
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
        current = [row.words[0]]
        for word in row.words[1:]:
            if word.x0 - current[-1].x1 > _COLUMN_GAP:
                parted.append(_Row(current))
                current = []
            current.append(word)
        parted.append(_Row(current))
    return sorted(parted, key=lambda r: (r.top, r.x0))


def _paragraphs(rows: list[_Row], right: float) -> list[list[_Row]]:
    """Lines joined where the layout wrapped them: a line reaching ``right`` goes on below."""
    out: list[list[_Row]] = []
    for row in rows:
        if out and _wrapped(out[-1][-1], row, right):
            out[-1].append(row)
        else:
            out.append([row])
    return out


def _margin(rows: list[_Row]) -> float:
    """The right margin the page's text runs to: the right end that several lines share (a
    wider line, a header or a table's stray word, does not move it)."""
    ends = sorted((r.x1 for r in rows), reverse=True)
    for end in ends:
        if sum(1 for other in ends if end - 8 <= other <= end) >= 3:
            return end
    return ends[0] if ends else 0.0


def _wrapped(previous: _Row, row: _Row, right: float) -> bool:
    """The break after ``previous`` was the layout's: the next line's first word would not fit.

    A continuation starts at the paragraph's left edge: not far right of the line above, and
    not far left of it (a first-line indent at most); a line elsewhere is another column."""
    gap = row.top - previous.bottom
    if gap > (previous.bottom - previous.top) * 1.2:
        return False  # a blank line between them
    if not previous.x0 - _INDENT <= row.x0 <= previous.x0 + 3:
        return False
    if row.text.startswith("("):
        return False  # "(Kèm theo …)" under a heading: its own paragraph
    first = row.words[0]
    room = right - previous.x1
    return room < (first.x1 - first.x0) + _WRAP_SLACK


def _join(rows: list[_Row]) -> str:
    text = rows[0].text
    for row in rows[1:]:
        nxt = row.text
        if _NUMBERISH.match(text) and _NUMBERISH.match(nxt):
            text += nxt  # a TT number cut by wrapping
        elif text.endswith("-") and not text.endswith(" -"):
            text += nxt
        else:
            text += " " + nxt
    return normalise_line(text)


def _table(
    table: object, words: list[_Word], page: int, counter: LineCounter, document: Document
) -> Table:
    """The cells' boxes placed on the grid of their edges: a box over several is merged."""
    boxes = [tuple(cell) for cell in table.cells]  # type: ignore[attr-defined]  # pdfplumber Table
    xs = sorted({round(b[0], 1) for b in boxes} | {round(b[2], 1) for b in boxes})
    ys = sorted({round(b[1], 1) for b in boxes} | {round(b[3], 1) for b in boxes})
    number = len(document.tables()) + 1
    placed = []
    for box in sorted(boxes, key=lambda b: (round(b[1], 1), round(b[0], 1))):
        c0, c1 = xs.index(round(box[0], 1)), xs.index(round(box[2], 1))
        r0, r1 = ys.index(round(box[1], 1)), ys.index(round(box[3], 1))
        cell_words = [
            w
            for w in words
            if box[0] <= (w.x0 + w.x1) / 2 <= box[2] and box[1] <= (w.top + w.bottom) / 2 <= box[3]
        ]
        placed.append((r0, c0, max(r1 - r0, 1), max(c1 - c0, 1), box, cell_words))
    cells = []
    for r0, c0, rowspan, colspan, box, cell_words in placed:
        rows = _rows(cell_words)
        # the cell's text area ends where its widest line ends (the padding is not printed)
        right = max((row.x1 for row in rows), default=box[2])
        paragraphs = _paragraphs(rows, right)
        ref = SourceRef(page=page, table=number, row=r0 + 1, col=c0 + 1, box=box)
        lines = tuple(counter.line(_join(p), ref) for p in paragraphs if _join(p))
        cells.append(TableCell(r0, c0, lines, rowspan, colspan))
    return Table(number, max(len(ys) - 1, 0), max(len(xs) - 1, 0), cells)
