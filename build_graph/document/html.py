"""HTML pages of legal-document sites: paragraphs and tables with rowspan and colspan.

The page is read as a browser lays it out: block elements and ``<br>`` break lines, a table is
a grid whose cells may span rows and columns (the standard HTML table algorithm places them),
and a cell's ``<p>``/``<br>`` give its paragraphs. A table whose cells hold tables is the page's
layout (old sites put the menu and the document side by side in one): its cells are read as the
page's own flow of paragraphs and tables. Scripts, styles, forms and navigation are
not text of the document; the rest of the site's chrome (menus, footers) is left to the plan
reader, which finds the document between the issuer's name and the site's footer.
"""

from __future__ import annotations

from collections.abc import Callable

import lxml.html
from lxml import etree

from build_graph.document.decoding import decode_bytes, normalise_line
from build_graph.document.headers import is_header
from build_graph.document.model import Document, LineCounter, SourceRef, Table, TableCell
from build_graph.errors import InputError

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "form",
    "button",
    "select",
    "option",
    "textarea",
    "iframe",
    "svg",
    "canvas",
    "object",
    "embed",
    "input",
    "label",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "center",
    "address",
    "figure",
    "figcaption",
    "hr",
    "tr",
    "td",
    "th",
    "caption",
    "body",
    "html",
}


def read_html(path: str, data: bytes) -> Document:
    """The document of an HTML page; one-line :class:`InputError` when it is not HTML."""
    text = decode_bytes(data, path)
    try:
        root = lxml.html.document_fromstring(_without_xml_declaration(text))
    except (etree.ParserError, ValueError) as exc:
        raise InputError(path, f"not readable as HTML: {exc}") from None
    counter = LineCounter()
    document = Document(path, "html")
    walker = _Walker(counter, document, None)
    walker.on_table = lambda element: _on_table(element, walker, document)
    walker.walk(root)
    walker.flush()
    document.refs = counter.refs
    return document


def _without_xml_declaration(text: str) -> str:
    stripped = text.lstrip()
    if stripped.startswith("<?xml"):
        return stripped[stripped.index("?>") + 2 :]
    return text


class _Walker:
    """Collects the text of an element tree into lines; tables go to ``on_table``."""

    def __init__(
        self,
        counter: LineCounter,
        document: Document | None,
        on_table: Callable[[etree._Element], None] | None,
        place: SourceRef | None = None,
    ) -> None:
        self.counter = counter
        self.document = document
        self.on_table = on_table
        self.place = place  # a table cell's place, shared by its paragraphs
        self.buffer: list[str] = []
        self.lines: list = []
        self.paragraphs = 0

    def flush(self) -> None:
        text = normalise_line("".join(self.buffer))
        self.buffer.clear()
        if not text:
            return
        self.paragraphs += 1
        line = self.counter.line(text, self.place or SourceRef(paragraph=self.paragraphs))
        self.lines.append(line)
        if self.document is not None:
            self.document.blocks.append(line)

    def walk(self, element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIP:
            return
        if tag == "br":
            self.flush()
            return
        if tag == "table" and self.on_table is not None:
            self.flush()
            self.on_table(element)
            return
        block = tag in _BLOCK or tag == "table"
        if block:
            self.flush()
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()


def _on_table(element: etree._Element, walker: _Walker, document: Document) -> None:
    """A data table becomes a :class:`Table`; a layout table's cells are the page's own flow."""
    if _is_layout(element):
        for cell in _cells(element):
            walker.walk(cell)  # a cell is a block: its paragraphs and tables, in order
    else:
        _table(element, walker.counter, document)


def _is_layout(table: etree._Element) -> bool:
    """A table laid out around the page: a cell holds a table, and no row is a task header.

    Old legal sites wrap the whole document in ``<table><tr><td>menu</td><td>…</td></tr>
    </table>``. Read as data, its cell would flatten the plan's tables into text. A task
    table whose cell happens to nest a small table keeps its header row, and stays data.
    """
    nested = False
    for row in _rows(table):
        cells = _cells_of(row)
        if any(_holds_table(cell) for cell in cells):
            nested = True
        elif is_header([" ".join(cell.text_content().split()) for cell in cells]):
            return False
    return nested


def _holds_table(cell: etree._Element) -> bool:
    return any(True for _ in cell.iterdescendants("table"))


def _cells(table: etree._Element) -> list[etree._Element]:
    """The table's own cells, row by row (not those of a table nested in a cell)."""
    return [cell for row in _rows(table) for cell in _cells_of(row)]


def _cells_of(row: etree._Element) -> list[etree._Element]:
    return [td for td in row if isinstance(td.tag, str) and td.tag.lower() in {"td", "th"}]


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (not those of a table nested in a cell)."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in {"thead", "tbody", "tfoot"}:
            rows.extend(r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")
    return rows


def _span(cell: etree._Element, name: str) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    return max(value, 1)


def _table(element: etree._Element, counter: LineCounter, document: Document) -> None:
    """Place the cells on the grid (the HTML table algorithm) and read each cell's paragraphs."""
    number = len(document.tables()) + 1
    occupied: set[tuple[int, int]] = set()
    cells: list[TableCell] = []
    rows = _rows(element)
    n_cols = 0
    for r, row in enumerate(rows):
        c = 0
        for td in _cells_of(row):
            while (r, c) in occupied:
                c += 1
            rowspan = min(_span(td, "rowspan"), len(rows) - r)
            colspan = _span(td, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.add((r + dr, c + dc))
            place = SourceRef(table=number, row=r + 1, col=c + 1)
            walker = _Walker(counter, None, None, place)
            walker.walk(td)
            walker.flush()
            cells.append(TableCell(r, c, tuple(walker.lines), rowspan, colspan))
            c += colspan
            n_cols = max(n_cols, c)
    if cells:
        n_cols = max(n_cols, max(col for _, col in occupied) + 1)
        document.blocks.append(Table(number, len(rows), n_cols, cells))
