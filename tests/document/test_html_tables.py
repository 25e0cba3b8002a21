"""Layout tables and data tables in an HTML page: which tables are the document's."""

from __future__ import annotations

from build_graph.document.html import read_html
from build_graph.document.model import Table

TASKS = (
    "<table><tr><th>TT</th><th>Nhiệm vụ</th><th>Đơn vị phối hợp</th></tr>"
    "<tr><td>1</td><td>Giảm nghèo bền vững</td><td>{partner}</td></tr></table>"
)


def texts(html: str) -> list[str | list[list[str]]]:
    """The page's blocks: a paragraph's text, or a table's rows of cell texts."""
    document = read_html("page.html", html.encode("utf-8"))
    out: list[str | list[list[str]]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            out.append([[s.cell.text if s else "" for s in row] for row in block.grid()])
        else:
            out.append(block.text)
    return out


def test_a_layout_tables_cells_are_the_pages_flow():
    page = (
        "<html><body><table><tr><td><p>Trang chủ</p></td><td><p>PHỤ LỤC 01</p>"
        + TASKS.format(partner="Sở Tài chính")
        + "<p>Hết</p></td></tr></table></body></html>"
    )
    assert texts(page) == [
        "Trang chủ",
        "PHỤ LỤC 01",
        [["TT", "Nhiệm vụ", "Đơn vị phối hợp"], ["1", "Giảm nghèo bền vững", "Sở Tài chính"]],
        "Hết",
    ]


def test_a_task_table_with_a_table_in_a_cell_stays_a_table():
    """Its header row says it holds data; the nested table is text of its cell."""
    nested = "<table><tr><td>Sở Tài chính</td><td>Sở Y tế</td></tr></table>"
    blocks = texts(f"<html><body>{TASKS.format(partner=nested)}</body></html>")
    assert blocks == [
        [
            ["TT", "Nhiệm vụ", "Đơn vị phối hợp"],
            ["1", "Giảm nghèo bền vững", "Sở Tài chính\nSở Y tế"],
        ]
    ]
