# ruff: noqa: E501 (the HTML templates)
"""Renders the hand-keyed appendices of ``key.json`` into the held-out test documents.

This is an independent writer: it uses only ``key.json`` (the hand reading, see README.md),
lxml, python-docx and openpyxl, never ``build_graph`` or ``bench/``. Run it from the repository
root with the project's virtual environment:

    .venv/bin/python tests/heldout/make_renderings.py [--no-pdf]

It writes, next to itself:

* ``heldout-appendices.html``  a legal site's page: nav, sidebar, a document-facts table, the
  document (header table, front, four appendices, each a table with ``rowspan`` for merged cells,
  ``colspan`` for group rows, ``<br>`` and ``<p>`` inside cells), footer;
* ``heldout-appendices.docx``  the same document in Word: merged cells are ``w:vMerge``,
  group rows ``w:gridSpan``;
* ``heldout-appendices.xlsx``  one sheet per appendix (the front on top of the first), merged
  ranges for merged cells, line breaks inside cells;
* ``heldout-appendices.txt``   the text Word puts on the clipboard when the document is copied:
  tab-separated cells, a merged cell on its first row only (empty fields below), a cell of several
  paragraphs in double quotes, CRLF at the end of a row;
* ``heldout-onetable.html`` and ``heldout-onetable.docx``  the ONE-TABLE layout: one table
  ``TT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện`` with goal rows
  (I, II, … "MỤC TIÊU 3: …"), target rows, sub-target rows and the lead in its own merged
  column: in the DOCX printed on the first task row of each target and merged over its tasks;
  in the HTML printed on the target row and merged over its sub-target and task rows. The
  numbering of the tasks (restarting in each goal section) is written to ``onetable-map.json``;
* ``heldout-appendices.pdf``   ``heldout-appendices.docx`` converted by LibreOffice
  (``soffice --headless --convert-to pdf``), when soffice is installed.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
KEY = json.loads((HERE / "key.json").read_text(encoding="utf-8"))
TEXTS = {(t["appendix"], t["task_no"]): t["text"] for t in KEY["tasks"]}
for _app in KEY["appendices"]:
    for _row in _app["rows"]:
        if _row["kind"] == "task":
            _row["text"] = TEXTS[(_app["number"], _row["tt"])]

GOALS = {  # data/sdg-goals.csv, title_vi
    "3": "Bảo đảm cuộc sống khỏe mạnh và tăng cường phúc lợi cho mọi người ở mọi lứa tuổi",
    "6": "Đảm bảo đầy đủ và quản lý bền vững tài nguyên nước và hệ thống vệ sinh cho tất cả "
    "mọi người",
    "10": "Giảm bất bình đẳng trong xã hội",
    "12": "Đảm bảo sản xuất và tiêu dùng bền vững",
    "13": "Ứng phó kịp thời, hiệu quả với biến đổi khí hậu và thiên tai",
    "14": "Bảo tồn và sử dụng bền vững đại dương, biển và nguồn lợi biển để phát triển bền vững",
    "15": "Bảo vệ và phát triển rừng bền vững, bảo tồn đa dạng sinh học, phát triển dịch vụ hệ "
    "sinh thái, chống sa mạc hóa, ngăn chặn suy thoái và phục hồi tài nguyên đất",
    "16": "Thúc đẩy xã hội hòa bình, dân chủ, công bằng, bình đẳng, văn minh vì sự phát triển "
    "bền vững, tạo khả năng tiếp cận công lý cho tất cả mọi người; xây dựng các thể chế "
    "hiệu quả, có trách nhiệm giải trình và có sự tham gia ở các cấp",
}
LEAD_NAMES = {
    "cong-an-tp": "Công an thành phố",
    "so-ngoai-vu": "Sở Ngoại vụ",
    "so-noi-vu": "Sở Nội vụ",
    "so-tnmt": "Sở Tài nguyên và Môi trường",
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


# ---- the tables as grids of cells -------------------------------------------------------------


@dataclass
class Cell:
    paras: list[str]
    rowspan: int = 1
    colspan: int = 1
    bold: bool = False
    kind: str = ""  # "group", "subtarget", "goal", "task", "header"


@dataclass
class Grid:
    ncols: int
    rows: list[list[Cell | None]] = field(default_factory=list)  # None: covered by a span
    kinds: list[str] = field(default_factory=list)

    def add(self, kind: str, cells: list[Cell]) -> int:
        row: list[Cell | None] = []
        for c in cells:
            row.append(c)
            row.extend([None] * (c.colspan - 1))
        assert len(row) == self.ncols, (kind, len(row))
        self.rows.append(row)
        self.kinds.append(kind)
        return len(self.rows) - 1


def extend_spans(grid: Grid, cols: tuple[int, ...]) -> None:
    """A cell printed in one of `cols` covers the task rows below it that print none there,
    up to the next group, goal or sub-target row."""
    for c in cols:
        for i, row in enumerate(grid.rows):
            cell = row[c]
            if not isinstance(cell, Cell) or not any(p.strip() for p in cell.paras):
                continue
            j = i + 1
            while j < len(grid.rows) and grid.kinds[j] == "task" and grid.rows[j][c] == "HOLE":
                grid.rows[j][c] = None
                j += 1
            cell.rowspan = j - i
    for row in grid.rows:
        assert "HOLE" not in row, row


def check_grid(grid: Grid) -> None:
    """Every slot is either a cell or covered by exactly one cell's span."""
    cover = [[0] * grid.ncols for _ in grid.rows]
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if isinstance(cell, Cell):
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        cover[r + dr][c + dc] += 1
    for r, row in enumerate(cover):
        assert row == [1] * grid.ncols, (r, grid.kinds[r], row)


def split_partners(cell: str) -> list[str]:
    """A long partner cell as Word authors often type it: one paragraph per ";" item."""
    items = [x.strip() for x in cell.split(";") if x.strip()]
    if len(items) < 3:
        return [cell]
    return [x + ";" for x in items[:-1]] + [items[-1]]


def appendix_grid(app: dict, split: bool = False) -> Grid:
    g = Grid(4)
    g.add("header", [Cell([h], bold=True, kind="header") for h in app["header"]])
    for r in app["rows"]:
        if r["kind"] == "group":
            g.add("group", [Cell([r["tt"]], bold=True), Cell([r["text"]], colspan=3, bold=True)])
        elif r["kind"] == "subtarget":
            if r["blank_cells"]:
                g.add(
                    "subtarget",
                    [
                        Cell([""]),
                        Cell([r["text"]], bold=True),
                        Cell([""]),
                        Cell(r["period_cell"] or [""]),
                    ],
                )
            else:
                g.add("subtarget", [Cell([""]), Cell([r["text"]], colspan=3, bold=True)])
        else:
            i = g.add("task", [Cell([r["tt"]]), Cell([r["text"]]), Cell([""]), Cell([""])])
            partner = r["partner_cell"]
            if partner:
                g.rows[i][2] = Cell(split_partners(partner) if split else [partner])
            else:
                g.rows[i][2] = "HOLE"  # type: ignore[assignment]
            g.rows[i][3] = Cell(r["period_cell"]) if r["period_cell"] else "HOLE"  # type: ignore[assignment]
    extend_spans(g, (2, 3))
    check_grid(g)
    return g


def onetable_grid(lead_on_target_row: bool = False) -> tuple[Grid, list[dict]]:
    """One table for all keyed tasks, by VSDG goal, then target; numbering restarts in each
    goal section (target rows 1, 2, …; tasks 1.1, 1.2, …). The lead is printed on the first
    task row of each target and merged down over its tasks, or (`lead_on_target_row`) printed
    on the target row itself and merged down over its sub-target and task rows."""
    groups = []  # (target code, appendix, group row, [rows of the group])
    for app in KEY["appendices"]:
        current = None
        for r in app["rows"]:
            if r["kind"] == "group":
                current = {
                    "appendix": app["number"],
                    "lead": app["lead_agency_id"],
                    "group": r,
                    "rows": [],
                }
                groups.append(current)
            else:
                current["rows"].append(r)  # type: ignore[index]

    def order(code: str) -> tuple:
        return tuple(int(x) if x.isdigit() else x for x in code.split("."))

    groups.sort(key=lambda gr: order(gr["group"]["target"]))
    g = Grid(5)
    g.add(
        "header",
        [
            Cell([h], bold=True, kind="header")
            for h in [
                "TT",
                "Nội dung",
                "Cơ quan chủ trì",
                "Cơ quan phối hợp",
                "Thời gian thực hiện",
            ]
        ],
    )
    mapping = []
    goal = None
    section = 0
    tno = 0
    for gr in groups:
        this_goal = gr["group"]["target"].split(".")[0]
        if this_goal != goal:
            goal = this_goal
            g.add(
                "goal",
                [
                    Cell([ROMAN[section]], bold=True),
                    Cell([f"MỤC TIÊU {goal}: {GOALS[goal].upper()}"], colspan=4, bold=True),
                ],
            )
            section += 1
            tno = 0
        tno += 1
        if lead_on_target_row:
            g.add(
                "group",
                [
                    Cell([str(tno)], bold=True),
                    Cell([gr["group"]["text"]], bold=True),
                    Cell([LEAD_NAMES[gr["lead"]]], rowspan=1 + len(gr["rows"])),
                    Cell([""]),
                    Cell([""]),
                ],
            )
        else:
            g.add(
                "group",
                [Cell([str(tno)], bold=True), Cell([gr["group"]["text"]], colspan=4, bold=True)],
            )
        k = 0
        lead_row = None
        pending_period = None
        for r in gr["rows"]:
            if r["kind"] == "subtarget":
                if lead_on_target_row:
                    i = g.add(
                        "subtarget",
                        [
                            Cell([""]),
                            Cell([r["text"]], bold=True),
                            Cell([]),
                            Cell([""]),
                            Cell([""]),
                        ],
                    )
                    g.rows[i][2] = None  # under the lead printed on the target row
                else:
                    g.add("subtarget", [Cell([""]), Cell([r["text"]], colspan=4, bold=True)])
                lead_row = None
                if r["period_cell"]:
                    pending_period = r["period_cell"]  # printed on the first task row instead
                continue
            k += 1
            no = f"{tno}.{k}"
            i = g.add("task", [Cell([no]), Cell([r["text"]]), Cell([""]), Cell([""]), Cell([""])])
            if lead_on_target_row:
                g.rows[i][2] = None  # under the lead printed on the target row
            elif lead_row is None:
                g.rows[i][2] = Cell([LEAD_NAMES[gr["lead"]]])
                lead_row = i
            else:
                g.rows[i][2] = "HOLE"  # type: ignore[assignment]
            g.rows[i][3] = Cell([r["partner_cell"]]) if r["partner_cell"] else "HOLE"  # type: ignore[assignment]
            period = r["period_cell"] or pending_period
            pending_period = None
            g.rows[i][4] = Cell(period) if period else "HOLE"  # type: ignore[assignment]
            mapping.append(
                {
                    "section": ROMAN[section - 1],
                    "goal": goal,
                    "task_no": no,
                    "appendix": gr["appendix"],
                    "key_task_no": r["tt"],
                }
            )
    # the lead printed on a target row already spans its rows
    extend_spans(g, (3, 4) if lead_on_target_row else (2, 3, 4))
    check_grid(g)
    return g, mapping


# ---- HTML --------------------------------------------------------------------------------------


def e(s: str) -> str:
    return html.escape(s, quote=False)


def html_table(grid: Grid, cls: str) -> str:
    out = [
        f'<table class="{cls}" border="1" cellspacing="0" cellpadding="4" '
        'style="border-collapse:collapse;width:100%">'
    ]
    for n, (row, kind) in enumerate(zip(grid.rows, grid.kinds, strict=True)):
        out.append("<tr>")
        for c, cell in enumerate(row):
            if cell is None:
                continue
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if c == 0:
                attrs += ' style="text-align:center"'
            tag = "th" if kind == "header" else "td"
            paras = cell.paras
            if not any(p.strip() for p in paras):
                inner = "&nbsp;"
            elif len(paras) > 1 and (n % 2 == 0):
                inner = "".join(f"<p>{e(p)}</p>" for p in paras)  # some cells as paragraphs
            else:
                inner = "<br>\n".join(e(p) for p in paras)  # others with line breaks
            if kind == "group" and c == 1:
                inner = re.sub(r"^(Mục tiêu [0-9.a-z]+:) ", r"\1&nbsp;", inner)
            if cell.bold and kind != "header":
                inner = f"<b>{inner}</b>"
            elif kind == "task" and c == 1 and n % 3 == 0:
                inner = f"<p>{inner}</p>"
            out.append(f"<{tag}{attrs}>{inner}</{tag}>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def html_front() -> str:
    f = KEY["front"]
    return f"""
<table class="doc-header" width="100%" border="0" cellspacing="0" cellpadding="0">
<tr><td width="40%" style="text-align:center"><p><b>{e(f["issuer"][0])}<br>{e(f["issuer"][1])}<br>--------</b></p></td>
<td width="60%" style="text-align:center"><p><b>{e(f["motto"][0])}<br>{e(f["motto"][1])}<br>---------------</b></p></td></tr>
<tr><td style="text-align:center"><p>{e(f["number"])}</p></td>
<td style="text-align:right"><p><i>{e(f["place_date"])}</i></p></td></tr>
</table>
<p>&nbsp;</p>
<p style="text-align:center"><b><span style="font-size:12pt">{e(f["kind"])}</span></b></p>
<p style="text-align:center"><b>{e(f["title"])}</b></p>
<p style="text-align:center"><b>{e(f["body"][0])}</b></p>
<p style="text-align:center"><b>{e(f["body"][1])}</b></p>
<p>{e(f["body"][2])}</p>
<p>{e(f["body"][3])}</p>
<table class="signature" width="100%" border="0"><tr><td width="50%">&nbsp;</td>
<td style="text-align:center"><p><b>{"<br>".join(e(s) for s in f["signature"][:3])}</b></p>
<p>&nbsp;</p><p><b>{e(f["signature"][3])}</b></p></td></tr></table>
<p>&nbsp;</p>"""


def html_page(body: str, title: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(title)}</title>
<link rel="stylesheet" href="/css/site.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
</head>
<body>
<header id="site-header">
 <div class="logo"><a href="/">THƯ VIỆN VĂN BẢN PHÁP LUẬT</a></div>
 <nav class="main-nav"><ul>
  <li><a href="/">Trang chủ</a></li><li><a href="/van-ban">Văn bản</a></li>
  <li><a href="/tin-tuc">Tin tức</a></li><li><a href="/hoi-dap">Hỏi đáp</a></li>
  <li><a href="/lien-he">Liên hệ</a></li><li><a href="/dang-nhap">Đăng nhập</a></li>
 </ul></nav>
 <form class="search" action="/tim-kiem"><input type="text" name="q" placeholder="Từ khoá: Số Hiệu, Tiêu đề hoặc Nội dung ngắn gọn của Văn Bản..."><button>Tìm</button></form>
</header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &rsaquo; <a href="/van-ban/tai-nguyen-moi-truong">Tài nguyên - Môi trường</a> &rsaquo; Quyết định 2894/QĐ-UBND</div>
<div id="wrapper">
<aside class="sidebar">
 <h3>Văn bản liên quan</h3>
 <ul><li><a href="/vb/622-qd-ttg">Quyết định 622/QĐ-TTg năm 2017 Kế hoạch hành động quốc gia thực hiện Chương trình nghị sự 2030</a></li>
 <li><a href="/vb/681-qd-ttg">Quyết định 681/QĐ-TTg năm 2019 lộ trình thực hiện mục tiêu phát triển bền vững</a></li></ul>
 <h3>Văn bản mới</h3><ul><li><a href="/vb/moi-1">Thông tư hướng dẫn chế độ báo cáo thống kê</a></li></ul>
</aside>
<main id="content">
<h1 class="doc-title">{e(title)}</h1>
<div class="doc-facts">
<table class="facts"><tr><td>Số hiệu:</td><td>2894/QĐ-UBND</td><td>Loại văn bản:</td><td>Quyết định</td></tr>
<tr><td>Nơi ban hành:</td><td>Thành phố Hải Phòng</td><td>Người ký:</td><td>Nguyễn Văn Thành</td></tr>
<tr><td>Ngày ban hành:</td><td>30/10/2017</td><td>Tình trạng:</td><td>Đã biết</td></tr></table>
</div>
<div class="content1">
{body}
</div>
</main>
</div>
<footer id="site-footer">
 <p>Bản quyền &copy; Thư viện văn bản pháp luật. Mọi quyền được bảo lưu.</p>
 <p><a href="/gioi-thieu">Giới thiệu</a> | <a href="/dieu-khoan">Điều khoản sử dụng</a> | <a href="/lien-he">Liên hệ</a></p>
 <p>Hotline: 1900 0000 — Email: hotro@example.vn</p>
</footer>
</body>
</html>
"""


TITLE = "Quyết định 2894/QĐ-UBND 2017 thực hiện 622/QĐ-TTg Chương trình nghị sự 2030 Hải Phòng"


def write_html_appendices(path: Path) -> None:
    parts = [html_front()]
    for app in KEY["appendices"]:
        parts.append(f'<p style="text-align:center"><b>{e(app["heading"])}</b></p>')
        parts.append(
            f'<p style="text-align:center"><b>{e(app["lead_heading"])}</b><br>'
            f"<i>{e(app['attached_note'])}</i></p>"
        )
        parts.append(f"<p>{e(app['declaration'])}</p>")
        parts.append(f"<p>{e(app['intro'])}</p>")
        parts.append(html_table(appendix_grid(app, split=True), "appendix"))
        parts.append("<p>&nbsp;</p>")
    path.write_text(html_page("\n".join(parts), TITLE), encoding="utf-8")


ONE_TABLE_HEADING = [
    "PHỤ LỤC",
    "DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH HÀNH ĐỘNG THỰC HIỆN CHƯƠNG TRÌNH NGHỊ SỰ 2030 "
    "VÌ SỰ PHÁT TRIỂN BỀN VỮNG",
    "(Kèm theo Quyết định số 2894/QĐ-UBND ngày 30 tháng 10 năm 2017 của Ủy ban nhân dân thành phố)",
]


def write_html_onetable(path: Path, grid: Grid) -> None:
    parts = [html_front()]
    parts.append(f'<p style="text-align:center"><b>{e(ONE_TABLE_HEADING[0])}</b></p>')
    parts.append(
        f'<p style="text-align:center"><b>{e(ONE_TABLE_HEADING[1])}</b><br>'
        f"<i>{e(ONE_TABLE_HEADING[2])}</i></p>"
    )
    parts.append(html_table(grid, "onetable"))
    path.write_text(html_page("\n".join(parts), TITLE), encoding="utf-8")


# ---- DOCX --------------------------------------------------------------------------------------


def docx_document():
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(11)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}rFonts")
    rfonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Times New Roman"
    )
    pf = st.paragraph_format
    pf.space_after = Pt(3)
    return doc


def docx_par(doc_or_cell, text: str, bold=False, italic=False, center=False):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc_or_cell.add_paragraph()
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def fill(cell, paras: list[str], bold=False, center=False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    first = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:
        extra._element.getparent().remove(extra._element)
    for k, text in enumerate(paras):
        p = first if k == 0 else cell.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def docx_front(doc) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    f = KEY["front"]
    from docx.shared import Cm

    t = doc.add_table(rows=2, cols=2)
    for c, w in enumerate((6.5, 10.5)):  # the usual header: issuer left, motto and date right
        t.columns[c].width = Cm(w)
        for r in range(2):
            t.cell(r, c).width = Cm(w)
    fill(t.cell(0, 0), f["issuer"] + ["--------"], bold=True, center=True)
    fill(t.cell(0, 1), f["motto"] + ["---------------"], bold=True, center=True)
    fill(t.cell(1, 0), [f["number"]], center=True)
    fill(t.cell(1, 1), [f["place_date"]])
    t.cell(1, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docx_par(doc, "")
    docx_par(doc, f["kind"], bold=True, center=True)
    docx_par(doc, f["title"], bold=True, center=True)
    docx_par(doc, f["body"][0], bold=True, center=True)
    docx_par(doc, f["body"][1], bold=True, center=True)
    docx_par(doc, f["body"][2])
    docx_par(doc, f["body"][3])
    s = doc.add_table(rows=1, cols=2)
    fill(s.cell(0, 1), [*f["signature"][:3], "", f["signature"][3]], bold=True, center=True)


def docx_table(doc, grid: Grid, widths_cm: list[float]) -> None:
    from docx.shared import Cm

    t = doc.add_table(rows=len(grid.rows), cols=grid.ncols)
    t.style = "Table Grid"
    t.autofit = False
    for c, col in enumerate(t.columns):
        col.width = Cm(widths_cm[c])  # w:gridCol, which LibreOffice follows
    for r in range(len(grid.rows)):
        for c in range(grid.ncols):
            t.cell(r, c).width = Cm(widths_cm[c])
    # merge first (python-docx moves content when merging), then write the text
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            if cell.rowspan > 1 or cell.colspan > 1:
                t.cell(r, c).merge(t.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
    for r, row in enumerate(grid.rows):
        for c, cell in enumerate(row):
            if cell is None:
                continue
            fill(
                t.cell(r, c),
                cell.paras,
                bold=cell.bold or grid.kinds[r] == "header",
                center=(c == 0 or grid.kinds[r] == "header"),
            )
    # the header row repeats on each page, as in a real plan
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = t.rows[0]._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trpr.append(h)


def write_docx_appendices(path: Path) -> None:
    from docx.enum.text import WD_BREAK

    doc = docx_document()
    docx_front(doc)
    for app in KEY["appendices"]:
        p = doc.add_paragraph()
        p.add_run().add_break(WD_BREAK.PAGE)
        docx_par(doc, app["heading"], bold=True, center=True)
        docx_par(doc, app["lead_heading"], bold=True, center=True)
        docx_par(doc, app["attached_note"], italic=True, center=True)
        docx_par(doc, app["declaration"])
        docx_par(doc, app["intro"])
        docx_table(doc, appendix_grid(app, split=True), [1.3, 8.5, 5.0, 2.8])
    doc.core_properties.author = "sdgkg held-out writer"
    doc.core_properties.title = "QĐ 2894/QĐ-UBND (held-out rendering)"
    doc.save(path)


def write_docx_onetable(path: Path, grid: Grid) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    doc = docx_document()
    docx_front(doc)
    sec = doc.add_section()
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    p = doc.add_paragraph()
    p.add_run().add_break(WD_BREAK.LINE)
    docx_par(doc, ONE_TABLE_HEADING[0], bold=True, center=True)
    docx_par(doc, ONE_TABLE_HEADING[1], bold=True, center=True)
    docx_par(doc, ONE_TABLE_HEADING[2], italic=True, center=True)
    docx_table(doc, grid, [1.3, 10.0, 3.2, 6.5, 3.0])
    doc.core_properties.author = "sdgkg held-out writer"
    doc.save(path)


# ---- XLSX --------------------------------------------------------------------------------------


def write_xlsx(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    f = KEY["front"]
    for n, app in enumerate(KEY["appendices"]):
        ws = wb.create_sheet(f"PL{app['number']}")
        for col, width in zip("ABCD", (7, 70, 40, 16), strict=True):
            ws.column_dimensions[col].width = width
        r = 1
        if n == 0:  # the decision's front on top of the first sheet
            for left, right in zip(
                [*f["issuer"], f["number"]], [*f["motto"], f["place_date"]], strict=True
            ):
                ws.cell(r, 1, left).font = Font(bold=True)
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
                ws.cell(r, 3, right).font = Font(bold=True)
                ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)
                r += 1
            r += 1
            for text in [f["kind"], f["title"]] + f["body"]:
                ws.cell(r, 1, text).font = Font(bold=text.isupper() or text.endswith(":"))
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
                r += 1
            for text in f["signature"]:  # the signature block on the right
                ws.cell(r, 3, text).font = Font(bold=True)
                ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=4)
                r += 1
            r += 1
        for text, bold in [
            (app["heading"], True),
            (app["lead_heading"], True),
            (app["attached_note"], False),
            (app["declaration"], False),
            (app["intro"], False),
        ]:
            c = ws.cell(r, 1, text)
            c.font = Font(bold=bold)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
            r += 1
        r += 1
        grid = appendix_grid(app)
        top = r
        for i, row in enumerate(grid.rows):
            for c, cell in enumerate(row):
                x = ws.cell(top + i, c + 1)
                x.border = box
                x.alignment = wrap
                if cell is None:
                    continue
                text = "\n".join(cell.paras).strip("\n")
                if grid.kinds[i] == "group" and c == 0 and text.isdigit():
                    x.value = int(text)  # a group number typed into Excel is a number
                elif text.strip():
                    x.value = text
                if cell.bold or grid.kinds[i] == "header":
                    x.font = Font(bold=True)
                if cell.rowspan > 1 or cell.colspan > 1:
                    ws.merge_cells(
                        start_row=top + i,
                        start_column=c + 1,
                        end_row=top + i + cell.rowspan - 1,
                        end_column=c + cell.colspan,
                    )
        ws.freeze_panes = ws.cell(top + 1, 1)
    wb.properties.creator = "sdgkg held-out writer"
    wb.save(path)


# ---- text copied from Word ---------------------------------------------------------------------


def tsv_cell(paras: list[str]) -> str:
    text = "\n".join(paras)
    if "\n" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def tsv_rows(grid: Grid) -> list[str]:
    # vertical spans: Word prints the merged cell on its first row and empty fields below
    result = []
    for r, row in enumerate(grid.rows):
        fields = []
        c = 0
        while c < grid.ncols:
            cell = row[c]
            if cell is None:
                if covered_vertically(grid, r, c):
                    fields.append("")
                c += 1
                continue
            fields.append(tsv_cell(cell.paras))
            c += cell.colspan
        result.append("\t".join(fields))
    return result


def covered_vertically(grid: Grid, r: int, c: int) -> bool:
    for up in range(r - 1, -1, -1):
        cell = grid.rows[up][c]
        if cell is not None:
            return cell.rowspan > r - up
    return False


def write_tsv(path: Path) -> None:
    f = KEY["front"]
    lines = [
        tsv_cell(f["issuer"] + ["--------"]) + "\t" + tsv_cell(f["motto"] + ["---------------"]),
        f["number"] + "\t" + f["place_date"],
        "",
        f["kind"],
        f["title"],
        f["body"][0],
        f["body"][1],
        f["body"][2],
        f["body"][3],
        "\t" + tsv_cell([*f["signature"][:3], "", f["signature"][3]]),
        "",
    ]
    for app in KEY["appendices"]:
        lines += [
            app["heading"],
            app["lead_heading"],
            app["attached_note"],
            app["declaration"],
            app["intro"],
        ]
        lines += tsv_rows(appendix_grid(app, split=True))  # as copied from the DOCX
        lines.append("")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


# ---- PDF ---------------------------------------------------------------------------------------


def write_pdf(docx: Path, pdf: Path) -> bool:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: PDF not made", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copyfile(Path(tmp) / (docx.stem + ".pdf"), pdf)
    return True


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    write_html_appendices(HERE / "heldout-appendices.html")
    write_docx_appendices(HERE / "heldout-appendices.docx")
    write_xlsx(HERE / "heldout-appendices.xlsx")
    write_tsv(HERE / "heldout-appendices.txt")
    html_grid, mapping = onetable_grid(lead_on_target_row=True)
    write_html_onetable(HERE / "heldout-onetable.html", html_grid)
    grid, mapping2 = onetable_grid()
    assert mapping == mapping2
    write_docx_onetable(HERE / "heldout-onetable.docx", grid)
    (HERE / "onetable-map.json").write_text(
        json.dumps(
            {
                "note": "one-table task number (within its goal section) -> key task",
                "tasks": mapping,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    if not args.no_pdf:
        write_pdf(HERE / "heldout-appendices.docx", HERE / "heldout-appendices.pdf")
    for p in sorted(HERE.glob("heldout-*")):
        print(f"{p.name:28} {p.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
