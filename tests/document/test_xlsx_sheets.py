"""Where a sheet's tables start and end: a sheet may hold one appendix or all of them."""

from __future__ import annotations

import io

import openpyxl

from build_graph.document.model import Table
from build_graph.document.xlsx import read_xlsx

HEADER = ["TT", "Nhiệm vụ", "Đơn vị phối hợp", "Giai đoạn"]


def workbook(rows: list[list[str | float] | str]) -> bytes:
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


def blocks(rows: list[list[str | float] | str]) -> list[str | list[str]]:
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
    rows: list[list[str | float] | str] = [
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
    rows: list[list[str | float] | str] = [
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


def test_a_tt_number_stored_as_a_number_is_read_from_its_sequence():
    """1.1 after 1.9 was 1.10; 1.1 after a new goal's group 1 is 1.1; 2.2 after 2.19 was 2.20."""
    rows: list[list[str | float] | str] = [
        HEADER,
        ["I", "MỤC TIÊU 1"],
        ["1", "Nhóm 1"],
        *[[round(1 + k / 10, 1), f"Nhiệm vụ 1.{k}"] for k in range(1, 10)],
        [1.1, "Nhiệm vụ 1.10"],
        ["II", "MỤC TIÊU 2"],
        ["1", "Nhóm 1"],
        [1.1, "Nhiệm vụ 1.1"],
        ["2", "Nhóm 2"],
        ["2.19", "Nhiệm vụ 2.19"],
        ["2.19.1", "Nhiệm vụ con"],
        [2.2, "Nhiệm vụ 2.20"],
    ]
    document = read_xlsx("plan.xlsx", workbook(rows))
    (table,) = document.tables()
    numbers = [row[0].cell.text for row in table.grid()[1:] if row[0] is not None]
    assert numbers[11] == "1.10" and numbers[14] == "1.1" and numbers[-1] == "2.20"
    repaired = [note for note in document.notes if "repaired from the sequence" in note]
    assert len(repaired) == 2
    assert "cell A13: the TT number stored as the number 1.1 is read as 1.10" in repaired[0]
    # the numbers read as stored are said once for the sheet, not once per cell (a workbook typed
    # so held 510 such notes)
    kept = [note for note in document.notes if "stored as numbers" in note]
    assert len(kept) == 1
    assert "10 cells hold numbers stored as numbers (A4 (1.1), A5 (1.2)" in kept[0]
