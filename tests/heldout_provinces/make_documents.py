"""Write the keys and render the SYNTHETIC held-out plans (not real plans of any province).

Reads only ``plans.py`` (the hand reading), ``data/agency-types.csv``, ``data/sdg-goals.csv`` and
``data/gazetteer/districts.csv`` (to check that every id of the key is a type or a district of
the plan's own province). Writes, for each plan:

* ``key-<slug>.json``: the key;
* ``<slug>-appendices.html`` / ``.docx``: an appendix per lead ("PHỤ LỤC 01", "CƠ QUAN CHỦ TRÌ
  THỰC HIỆN: …", TT | Nhiệm vụ | Đơn vị phối hợp | Giai đoạn thực hiện);
* ``<slug>-onetable.html`` / ``.docx``: one table TT | Nội dung | Cơ quan chủ trì | Cơ quan phối
  hợp | Thời gian thực hiện, with goal rows.

Run from anywhere: ``/work/main/.venv/bin/python tests/heldout_provinces/make_documents.py``.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from plans import PLANS, UNRESOLVED, Appendix, Group, Plan, Task  # noqa: E402

SYNTHETIC = "VĂN BẢN GIẢ LẬP ĐỂ KIỂM THỬ – SYNTHETIC TEST DOCUMENT, NOT A REAL PLAN"
ROMAN = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
]


# ---- reference data and the key's own checks --------------------------------------------------


def fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def type_ids() -> set[str]:
    with open(ROOT / "data" / "agency-types.csv", encoding="utf-8", newline="") as fh:
        return {r["type_id"] for r in csv.DictReader(fh)}


UNIT = {"quận": "q", "huyện": "h", "thị xã": "tx", "thành phố": "tp"}


def district_ids(province: str) -> set[str]:
    out = set()
    with open(ROOT / "data" / "gazetteer" / "districts.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["province"] == province:
                kind = r["district_type"]
                name = r["district"][len(kind) + 1 :]  # "Huyện Tiên Yên" -> "Tiên Yên"
                out.add(f"ubnd-{UNIT[kind]}-{fold(name)}")
    return out


def goal_titles() -> dict[int, str]:
    with open(ROOT / "data" / "sdg-goals.csv", encoding="utf-8", newline="") as fh:
        return {int(r["goal"]): r["title_vi"].rstrip(".") for r in csv.DictReader(fh)}


def check_ids(plan: Plan) -> None:
    known = type_ids() | district_ids(plan.province) | {UNRESOLVED}
    for app in plan.appendices:
        assert app.lead_id in known, app.lead_id
        for g in app.groups:
            for t in g.tasks:
                if t.partners:
                    bad = [i for i in t.partners.ids if i not in known]
                    assert not bad, f"{plan.slug} {app.no}/{t.no}: unknown ids {bad}"


# ---- walking a plan ----------------------------------------------------------------------------


def spans(tasks: list[Task], attr: str) -> list[int]:
    """Rowspan of the cell printed on each task (0: under a merged cell printed above)."""
    out = [0] * len(tasks)
    start = None
    for i, t in enumerate(tasks):
        if getattr(t, attr) is not None:
            start = i
            out[i] = 1
        else:
            assert start is not None, f"task {t.no} has no {attr} cell above it"
            out[start] += 1
    return out


def effective(tasks: list[Task], attr: str) -> list[tuple[object, bool]]:
    """(cell, inherited) per task."""
    out, cur = [], None
    for t in tasks:
        if getattr(t, attr) is not None:
            cur = getattr(t, attr)
            out.append((cur, False))
        else:
            out.append((cur, True))
    return out


def onetable_order(plan: Plan):
    """Goal sections, each a list of (appendix, group), targets ordered by code."""

    def code(g: Group):
        return tuple(int(x) for x in g.target.split("."))

    pairs = [(a, g) for a in plan.appendices for g in a.groups]
    pairs.sort(key=lambda ag: code(ag[1]))
    sections: dict[int, list] = {}
    for a, g in pairs:
        sections.setdefault(int(g.target.split(".")[0]), []).append((a, g))
    return sorted(sections.items())


def onetable_numbers(plan: Plan) -> dict[tuple[str, str], str]:
    """(appendix, task no) -> the task's number in the one-table layout."""
    out = {}
    for _goal, groups in onetable_order(plan):
        for n, (a, g) in enumerate(groups, 1):
            for k, t in enumerate(g.tasks, 1):
                out[(a.no, t.no)] = f"{n}.{k}"
    return out


def lead_cell(app: Appendix, g: Group) -> str:
    return app.onetable_leads[app.groups.index(g) % len(app.onetable_leads)]


def build_key(plan: Plan) -> dict:
    numbers = onetable_numbers(plan)
    tasks = []
    for app in plan.appendices:
        for g in app.groups:
            parts = effective(g.tasks, "partners")
            pers = effective(g.tasks, "period")
            for t, (pc, p_inh), (yc, y_inh) in zip(g.tasks, parts, pers, strict=True):
                tasks.append(
                    {
                        "appendix": app.no,
                        "task_no": t.no,
                        "onetable_no": numbers[(app.no, t.no)],
                        "text": t.text,
                        "target": g.target,
                        "subtarget": g.subtarget,
                        "lead_agency_id": app.lead_id,
                        "onetable_lead_raw": lead_cell(app, g),
                        "partners": pc.ids,
                        "partner_names": [{"raw": s, "ids": ids} for s, ids in pc.segments],
                        "partners_raw": pc.raw,
                        "partners_inherited": p_inh,
                        "unresolved_names": pc.unresolved_names,
                        "periods": yc.values,
                        "periods_raw": " ".join(yc.paragraphs),
                        "period_inherited": y_inh,
                    }
                )
    texts = [t["text"] for t in tasks]
    assert len(set(texts)) == len(texts), "task texts must be unique (the test matches by text)"
    return {
        "synthetic": SYNTHETIC + ": a hand-written plan, keyed by hand, for testing only.",
        "slug": plan.slug,
        "place": plan.place,
        "province": plan.province,
        "cap": plan.cap,
        "front": {
            "number": plan.number,
            "issuer": f"ỦY BAN NHÂN DÂN {plan.province.upper()}",
            "place": plan.place,
            "date": f"{plan.year:04d}-{plan.month:02d}-{plan.day:02d}",
            "signer": plan.signer,
        },
        "appendices": [
            {
                "number": a.no,
                "lead_agency_id": a.lead_id,
                "lead_name": a.lead_name,
                "declared_targets": a.declared,
            }
            for a in plan.appendices
        ],
        "tasks": tasks,
    }


# ---- the document's prose ----------------------------------------------------------------------


def front_blocks(plan: Plan, with_appendix_list: bool) -> list[tuple]:
    """("p", text, style) | ("header",) | ("list",) blocks, in order."""
    cap = plan.cap
    ubnd = f"Ủy ban nhân dân {cap} {plan.place}"
    date_short = f"{plan.day}/{plan.month}/{plan.year}"
    decision_title = (
        "BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 622/QĐ-TTG NGÀY "
        "10/5/2017 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ BAN HÀNH KẾ HOẠCH HÀNH ĐỘNG QUỐC GIA THỰC HIỆN "
        "CHƯƠNG TRÌNH NGHỊ SỰ 2030 VÌ SỰ PHÁT TRIỂN BỀN VỮNG"
    )
    b: list[tuple] = [
        ("p", SYNTHETIC + f" (kế hoạch giả lập, không phải văn bản thật của {ubnd})", "banner"),
        ("header",),
        ("p", "QUYẾT ĐỊNH", "title"),
        ("p", decision_title, "title"),
        ("p", f"ỦY BAN NHÂN DÂN {plan.province.upper()}", "center"),
        ("p", "Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19/6/2015;", ""),
        (
            "p",
            "Căn cứ Quyết định số 622/QĐ-TTg ngày 10/5/2017 của Thủ tướng Chính phủ về việc ban "
            "hành Kế hoạch hành động quốc gia thực hiện Chương trình nghị sự 2030 vì sự phát "
            "triển bền vững;",
            "",
        ),
        ("p", "Xét đề nghị của Giám đốc Sở Kế hoạch và Đầu tư,", ""),
        ("p", "QUYẾT ĐỊNH:", "center"),
        (
            "p",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hành động triển khai thực hiện "
            "Quyết định số 622/QĐ-TTg ngày 10/5/2017 của Thủ tướng Chính phủ về Kế hoạch hành "
            "động quốc gia thực hiện Chương trình nghị sự 2030 vì sự phát triển bền vững.",
            "",
        ),
        ("p", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", ""),
        (
            "p",
            f"Điều 3. Chánh Văn phòng UBND {cap}, Thủ trưởng các Sở, Ban, Ngành, Chủ tịch Ủy ban "
            f"nhân dân các {dv(plan)} và các đơn vị có liên quan căn cứ Quyết định thi hành./.",
            "",
        ),
        ("p", "Nơi nhận:", "small"),
        ("p", "- Bộ Kế hoạch và Đầu tư;", "small"),
        ("p", "- Như Điều 3;", "small"),
        ("p", "- Lưu: VT.", "small"),
        ("p", "TM. ỦY BAN NHÂN DÂN", "sign"),
        ("p", "KT. CHỦ TỊCH", "sign"),
        ("p", "PHÓ CHỦ TỊCH", "sign"),
        ("p", plan.signer, "sign"),
        ("p", "KẾ HOẠCH HÀNH ĐỘNG TRIỂN KHAI THỰC HIỆN", "title"),
        (
            "p",
            "QUYẾT ĐỊNH SỐ 622/QĐ-TTG NGÀY 10/5/2017 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ BAN HÀNH KẾ "
            "HOẠCH HÀNH ĐỘNG QUỐC GIA THỰC HIỆN CHƯƠNG TRÌNH NGHỊ SỰ 2030 VÌ SỰ PHÁT TRIỂN BỀN "
            "VỮNG",
            "title",
        ),
        (
            "p",
            f"(Ban hành kèm theo Quyết định số {plan.number} ngày {date_short} của Ủy ban nhân dân "
            f"{cap})",
            "center",
        ),
        ("p", "I. MỤC ĐÍCH, YÊU CẦU", "bold"),
        (
            "p",
            f"Triển khai và cụ thể hóa những nội dung của Quyết định số 622/QĐ-TTg, làm cơ sở để "
            f"các Sở, Ban, Ngành, địa phương của {cap} triển khai thực hiện các mục tiêu phát "
            f"triển bền vững đến năm 2030.",
            "",
        ),
        ("p", "II. CÁC NHIỆM VỤ CHỦ YẾU", "bold"),
        (
            "p",
            "(Chi tiết danh mục nhiệm vụ triển khai Kế hoạch hành động này tại "
            + ("các Phụ lục kèm theo)." if with_appendix_list else "Danh mục nhiệm vụ dưới đây)."),
            "",
        ),
        ("p", "III. TỔ CHỨC THỰC HIỆN", "bold"),
        (
            "p",
            f"Thủ trưởng các Sở, Ban, Ngành, Chủ tịch Ủy ban nhân dân các {dv(plan)} tổ chức triển "
            f"khai các nhiệm vụ được phân công; định kỳ trước ngày 20 tháng 11 hàng năm gửi báo "
            f"cáo về Sở Kế hoạch và Đầu tư để tổng hợp, báo cáo {ubnd}.",
            "",
        ),
    ]
    if with_appendix_list:
        b += [
            ("p", "DANH MỤC CÁC PHỤ LỤC KÈM THEO", "title"),
            (
                "p",
                f"KẾ HOẠCH HÀNH ĐỘNG CỦA ỦY BAN NHÂN DÂN {cap.upper()} TRIỂN KHAI THỰC HIỆN "
                "QUYẾT ĐỊNH SỐ 622/QĐ-TTG NGÀY 10/5/2017 CỦA THỦ TƯỚNG CHÍNH PHỦ",
                "center",
            ),
            ("list",),
        ]
    return b


def dv(plan: Plan) -> str:
    return "quận, huyện" if plan.cap == "thành phố" else "huyện, thị xã, thành phố"


def appendix_blocks(plan: Plan, app: Appendix) -> list[tuple]:
    date_long = f"ngày {plan.day} tháng {plan.month} năm {plan.year}"
    declared = ", ".join(app.declared)
    return [
        ("p", f"PHỤ LỤC {app.no}", "title"),
        ("p", f"CƠ QUAN CHỦ TRÌ THỰC HIỆN: {app.lead_heading}.", "title"),
        (
            "p",
            f"(Kèm theo Kế hoạch hành động triển khai thực hiện Quyết định số 622/QĐ-TTg ngày "
            f"10/5/2017 của Thủ tướng Chính phủ do Ủy ban nhân dân {plan.cap} ban hành tại Quyết "
            f"định số {plan.number} {date_long}).",
            "center",
        ),
        (
            "p",
            f"{app.lead_name} chủ trì thực hiện các mục tiêu: {declared} trong Kế hoạch hành động "
            f"quốc gia thực hiện Chương trình nghị sự 2030 vì sự phát triển bền vững ban hành kèm "
            f"theo Quyết định số 622/QĐ-TTg ngày 10/5/2017 của Thủ tướng Chính phủ.",
            "",
        ),
        ("p", f"Các nhiệm vụ cụ thể do {app.lead_name} chủ trì để thực hiện các mục tiêu:", ""),
    ]


# ---- abstract tables: rows of cells ------------------------------------------------------------
# A cell is a dict(paras=[...], rowspan=n, colspan=n); None marks a slot covered by a span.


def C(*paras: str, rowspan: int = 1, colspan: int = 1, bold: bool = False) -> dict:
    return {"paras": [p for p in paras], "rowspan": rowspan, "colspan": colspan, "bold": bold}


def appendix_table(app: Appendix) -> list[list]:
    rows = [
        [
            C("TT", bold=True),
            C("Nhiệm vụ", bold=True),
            C("Đơn vị phối hợp", bold=True),
            C("Giai đoạn thực hiện", bold=True),
        ]
    ]
    for g in app.groups:
        rows.append([C(g.no, bold=True), C(g.heading, colspan=3, bold=True), None, None])
        if g.sub_row:
            rows.append([C(""), C(g.sub_row, bold=True), C(""), C("")])
        ps, ys = spans(g.tasks, "partners"), spans(g.tasks, "period")
        for t, p, y in zip(g.tasks, ps, ys, strict=True):
            rows.append(
                [
                    C(t.no),
                    C(t.text),
                    C(*t.partners.paragraphs, rowspan=p) if p else None,
                    C(*t.period.paragraphs, rowspan=y) if y else None,
                ]
            )
    return rows


def onetable_table(plan: Plan, lead_on_target_row: bool) -> list[list]:
    """lead_on_target_row: the lead printed on the target row and merged down over its sub-target
    and task rows (HTML); else printed on the first task row and merged over the tasks (DOCX)."""
    titles = goal_titles()
    rows = [
        [
            C("TT", bold=True),
            C("Nội dung", bold=True),
            C("Cơ quan chủ trì", bold=True),
            C("Cơ quan phối hợp", bold=True),
            C("Thời gian thực hiện", bold=True),
        ]
    ]
    for gi, (goal, groups) in enumerate(onetable_order(plan)):
        rows.append(
            [
                C(ROMAN[gi], bold=True),
                C(f"MỤC TIÊU {goal}: {titles[goal].upper()}", colspan=4, bold=True),
                None,
                None,
                None,
            ]
        )
        for n, (app, g) in enumerate(groups, 1):
            lead = lead_cell(app, g)
            below = (1 if g.sub_row else 0) + len(g.tasks)
            if lead_on_target_row:
                rows.append(
                    [
                        C(str(n), bold=True),
                        C(g.heading, bold=True),
                        C(lead, rowspan=1 + below),
                        C(""),
                        C(""),
                    ]
                )
                if g.sub_row:
                    rows.append([C(""), C(g.sub_row, bold=True), None, C(""), C("")])
            else:
                rows.append(
                    [C(str(n), bold=True), C(g.heading, colspan=4, bold=True), None, None, None]
                )
                if g.sub_row:
                    rows.append([C(""), C(g.sub_row, colspan=4, bold=True), None, None, None])
            ps, ys = spans(g.tasks, "partners"), spans(g.tasks, "period")
            for k, (t, p, y) in enumerate(zip(g.tasks, ps, ys, strict=True), 1):
                if lead_on_target_row:
                    lead_slot = None
                else:
                    lead_slot = C(lead, rowspan=len(g.tasks)) if k == 1 else None
                rows.append(
                    [
                        C(f"{n}.{k}"),
                        C(t.text),
                        lead_slot,
                        C(*t.partners.paragraphs, rowspan=p) if p else None,
                        C(*t.period.paragraphs, rowspan=y) if y else None,
                    ]
                )
    return rows


def header_rows(plan: Plan) -> list[list]:
    return [
        [
            C("ỦY BAN NHÂN DÂN", plan.province.upper(), "-------", bold=True),
            C(
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "---------------",
                bold=True,
            ),
        ],
        [
            C(f"Số: {plan.number}"),
            C(f"{plan.place}, ngày {plan.day} tháng {plan.month} năm {plan.year}"),
        ],
    ]


def list_rows(plan: Plan) -> list[list]:
    rows = [[C("TT", bold=True), C("Tên cơ quan, đơn vị", bold=True), C("Phụ lục", bold=True)]]
    for i, a in enumerate(plan.appendices, 1):
        rows.append([C(str(i)), C(a.lead_name), C(a.no)])
    return rows


# ---- HTML ----------------------------------------------------------------------------------------


def html_cell(c: dict, tag: str = "td", br: bool = False) -> str:
    attrs = ""
    if c["rowspan"] > 1:
        attrs += f' rowspan="{c["rowspan"]}"'
    if c["colspan"] > 1:
        attrs += f' colspan="{c["colspan"]}"'
    paras = [html.escape(p) for p in c["paras"]]
    if c["bold"]:
        paras = [f"<b>{p}</b>" if p else p for p in paras]
    if not any(c["paras"]):
        inner = "&nbsp;"
    elif len(paras) == 1:
        inner = f"<p>{paras[0]}</p>"
    elif br:
        inner = "<p>" + "<br>\n".join(paras) + "</p>"
    else:
        inner = "".join(f"<p>{p}</p>" for p in paras)
    return f"<{tag}{attrs}>{inner}</{tag}>"


def html_table(rows: list[list], cls: str, br_every: int = 0) -> str:
    out = [f'<table class="{cls}" border="1" cellspacing="0" cellpadding="4">']
    for i, row in enumerate(rows):
        br = bool(br_every) and i % br_every == 0  # some rows use <br>, others <p>
        cells = "".join(html_cell(c, br=br) for c in row if c is not None)
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


STYLE = {
    "title": "text-align:center;font-weight:bold",
    "center": "text-align:center",
    "bold": "font-weight:bold",
    "sign": "text-align:right;font-weight:bold",
    "small": "font-size:smaller",
    "banner": "color:#b00;font-weight:bold",
    "": "",
}


def html_blocks(plan: Plan, blocks: list[tuple]) -> list[str]:
    out = []
    for b in blocks:
        if b[0] == "p":
            style = STYLE[b[2]]
            attr = f' style="{style}"' if style else ""
            out.append(f"<p{attr}>{html.escape(b[1])}</p>")
        elif b[0] == "header":
            out.append(html_table(header_rows(plan), "doc-header").replace(' border="1"', ""))
        elif b[0] == "list":
            out.append(html_table(list_rows(plan), "appendix-list"))
    return out


def html_page(plan: Plan, body: list[str], layout: str) -> str:
    title = f"{SYNTHETIC} – Quyết định {plan.number} {plan.place} ({layout})"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="vi"><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title>",
            "<script>var siteSearch = {q: ''};</script>",
            "</head><body>",
            '<nav class="menu"><a href="#">Trang chủ</a> | <a href="#">Văn bản</a> | '
            '<a href="#">Tra cứu</a></nav>',
            '<form class="search"><input name="q" placeholder="Số hiệu, tiêu đề..."></form>',
            f'<h1 class="doc-title">{html.escape(SYNTHETIC)}</h1>',
            '<div class="content1">',
            *body,
            "</div>",
            "<footer><p>Trang thử nghiệm – dữ liệu giả lập, không phải văn bản pháp luật thật.</p>"
            "</footer>",
            "</body></html>",
            "",
        ]
    )


def write_html(plan: Plan, layout: str, path: Path) -> None:
    if layout == "appendices":
        body = html_blocks(plan, front_blocks(plan, True))
        for app in plan.appendices:
            body += html_blocks(plan, appendix_blocks(plan, app))
            body.append(html_table(appendix_table(app), "tasks", br_every=3))
    else:
        body = html_blocks(plan, front_blocks(plan, False))
        body.append(
            '<p style="text-align:center;font-weight:bold">DANH MỤC NHIỆM VỤ TRIỂN KHAI '
            "KẾ HOẠCH HÀNH ĐỘNG</p>"
        )
        body.append(html_table(onetable_table(plan, lead_on_target_row=True), "tasks", br_every=4))
    path.write_text(html_page(plan, body, layout), encoding="utf-8")


# ---- DOCX ----------------------------------------------------------------------------------------


def write_docx(plan: Plan, layout: str, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    doc.core_properties.title = f"{SYNTHETIC} – {plan.place} {plan.number}"
    doc.core_properties.comments = "Synthetic held-out test document; not a real plan."

    def para(text: str, style: str = "", page_break: bool = False):
        p = doc.add_paragraph()
        if page_break:
            p.add_run().add_break(WD_BREAK.PAGE)
        run = p.add_run(text)
        if style in ("title", "bold", "sign", "banner"):
            run.bold = True
        if style in ("title", "center"):
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if style == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return p

    def fill(cell, c: dict):
        paras = c["paras"] or [""]
        first = True
        for text in paras:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            if text:
                r = p.add_run(text)
                r.bold = c["bold"]

    def table(rows: list[list], ncols: int, header_repeat: bool = True, grid: bool = True):
        t = doc.add_table(rows=len(rows), cols=ncols)
        if grid:
            t.style = "Table Grid"
        # write every printed cell first, then merge the spans (python-docx merges by corners)
        merges = []
        for i, row in enumerate(rows):
            for j, c in enumerate(row):
                if c is None:
                    continue
                fill(t.cell(i, j), c)
                if c["rowspan"] > 1 or c["colspan"] > 1:
                    merges.append((i, j, i + c["rowspan"] - 1, j + c["colspan"] - 1))
        for i, j, i2, j2 in merges:
            t.cell(i, j).merge(t.cell(i2, j2))
        if header_repeat:
            tr_pr = t.rows[0]._tr.get_or_add_trPr()
            el = OxmlElement("w:tblHeader")
            el.set(qn("w:val"), "true")
            tr_pr.append(el)
        return t

    def blocks(bs: list[tuple], first_page_break: bool = False):
        for k, b in enumerate(bs):
            if b[0] == "p":
                para(b[1], b[2], page_break=first_page_break and k == 0)
            elif b[0] == "header":
                table(header_rows(plan), 2, header_repeat=False, grid=False)
            elif b[0] == "list":
                table(list_rows(plan), 3, header_repeat=False)

    if layout == "appendices":
        blocks(front_blocks(plan, True))
        for app in plan.appendices:
            blocks(appendix_blocks(plan, app), first_page_break=True)
            table(appendix_table(app), 4)
    else:
        blocks(front_blocks(plan, False))
        para("DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH HÀNH ĐỘNG", "title", page_break=True)
        table(onetable_table(plan, lead_on_target_row=False), 5)
    doc.save(str(path))


# ---- main ----------------------------------------------------------------------------------------

DOCUMENTS = {  # file -> (plan slug, layout)
    "quang-ninh-appendices.html": ("quang-ninh", "appendices"),
    "quang-ninh-appendices.docx": ("quang-ninh", "appendices"),
    "quang-ninh-onetable.html": ("quang-ninh", "onetable"),
    "quang-ninh-onetable.docx": ("quang-ninh", "onetable"),
    "can-tho-appendices.html": ("can-tho", "appendices"),
    "can-tho-appendices.docx": ("can-tho", "appendices"),
    "can-tho-onetable.html": ("can-tho", "onetable"),
    "can-tho-onetable.docx": ("can-tho", "onetable"),
}


def main() -> None:
    for slug, plan in PLANS.items():
        check_ids(plan)
        key = build_key(plan)
        (HERE / f"key-{slug}.json").write_text(
            json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        n_links = sum(len(t["partners"]) for t in key["tasks"])
        n_unres = sum(t["partners"].count(UNRESOLVED) for t in key["tasks"])
        print(
            f"{slug}: {len(key['tasks'])} tasks, {n_links} partner links, "
            f"{n_unres} keyed UNRESOLVED ({n_unres / n_links:.1%})"
        )
    for name, (slug, layout) in DOCUMENTS.items():
        path = HERE / name
        if name.endswith(".html"):
            write_html(PLANS[slug], layout, path)
        else:
            write_docx(PLANS[slug], layout, path)
        print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    main()
