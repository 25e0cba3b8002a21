"""Where a sheet's tables start and end: a sheet may hold one appendix or all of them."""

from __future__ import annotations

import io

import openpyxl

from build_graph.document.model import Table
from build_graph.document.xlsx import read_xlsx

HEADER = ["TT", "Nhiệm vụ", "Đơn vị phối hợp", "Giai đoạn"]


def workbook(rows: list[list[str] | str]) -> bytes:
    """One sheet: a list is a table row from column A; a string, a title merged across A:D."""
    book = openpyxl.Workbook()
    sheet = book.active
    for r, row in enumerate(rows, 1):
        if isinstance(row, str):
            sheet.cell(r, 1, row)
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
        else:
            for c, text in enumerate(row, 1):
                if text:
                    sheet.cell(r, c, text)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def blocks(rows: list[list[str] | str]) -> list[str | list[str]]:
    """Paragraph texts, and each table as its first column's texts."""
    document = read_xlsx("plan.xlsx", workbook(rows))
    out: list[str | list[str]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            out.append([s.cell.text if s else "" for row in block.grid() for s in row[:1]])
        else:
            out.append(block.text)
    return out


def test_titles_between_tables_split_the_sheet():
    rows: list[list[str] | str] = [
        "PHỤ LỤC 01",
        HEADER,
        ["1", "Giảm nghèo", "Sở Tài chính", "2017-2020"],
        [],
        "PHỤ LỤC 02",
        ["Cơ quan chủ trì:", "Sở Y tế"],  # two cells: still no row of the table above
        "Các nhiệm vụ:",
        HEADER,
        ["1", "Y tế cơ sở", "", "2017-2030"],
    ]
    assert blocks(rows) == [
        "PHỤ LỤC 01",
        ["TT", "1"],
        "PHỤ LỤC 02",
        "Cơ quan chủ trì:",
        "Sở Y tế",
        "Các nhiệm vụ:",
        ["TT", "1"],
    ]


def test_a_goal_row_merged_across_stays_in_its_table():
    rows: list[list[str] | str] = [
        HEADER,
        "MỤC TIÊU 1: Chấm dứt mọi hình thức nghèo",
        ["1", "Giảm nghèo", "Sở Tài chính", "2017-2020"],
        "MỤC TIÊU 2: Xóa đói",
        ["2", "An ninh lương thực", "Sở Nông nghiệp", "2017-2020"],
        "Ghi chú: các nhiệm vụ trên",  # after the table's last row: a paragraph
    ]
    assert blocks(rows) == [
        ["TT", "MỤC TIÊU 1: Chấm dứt mọi hình thức nghèo", "1", "MỤC TIÊU 2: Xóa đói", "2"],
        "Ghi chú: các nhiệm vụ trên",
    ]
