"""The decision's own data: number, issuer, place, date, signer, the decision it implements,
and the appendix list (agency → appendix number)."""

from __future__ import annotations

import datetime as dt
import re

from build_graph.document.decoding import Line
from build_graph.model.plan import AppendixListEntry, DecisionRef, Irregularity, PlanMetadata
from build_graph.read.body import appendix_number
from build_graph.read.partners import Resolver

_NUMBER = re.compile(r"^Số:\s*(\S+)")
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<d>\d{1,2}) tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})"
)
_IMPLEMENTS = re.compile(
    r"Quyết định số (?P<number>\d+/QĐ-TTg) ngày (?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}) "
    r"của (?P<issuer>Thủ tướng Chính phủ)",
    re.IGNORECASE,
)
_MOTTO = re.compile(r"^CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", re.IGNORECASE)
_SIGNER_TITLE = re.compile(r"^(KT\.\s*)?(PHÓ )?CHỦ TỊCH$", re.IGNORECASE)
_LIST_TITLE = re.compile(r"^DANH MỤC CÁC PHỤ LỤC", re.IGNORECASE)
_INT = re.compile(r"^\d{1,3}$")
# The list's header cells, printed again where the list goes on over a page (a PDF, a DOCX)
_LIST_HEADER = {"tt", "stt", "phụ lục", "tên cơ quan, đơn vị", "tên cơ quan", "cơ quan, đơn vị"}


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _issuer(front: list[Line]) -> str:
    """The issuer's name: the capitals that open the document, above "Số: …" and the title.

    The national motto stands beside it ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự
    do - Hạnh phúc"); a text copy prints it after the issuer, a spreadsheet or a PDF may put its
    lines between the issuer's: they are left out wherever they stand."""
    names: list[str] = []
    for line in front:
        text = line.text
        if _NUMBER.match(text) or _PLACE_DATE.match(text) or text in {"QUYẾT ĐỊNH", "KẾ HOẠCH"}:
            break
        if _MOTTO.match(text) or text.startswith("-") or not text.isupper():
            continue
        names.append(text)
    return " ".join(names)


def parse_metadata(front: list[Line], issues: list[Irregularity]) -> PlanMetadata:
    """Read the decision's heading block and signature from the lines before the appendices."""
    meta = PlanMetadata("", "", "", None, "", "", "", None)
    meta.issuer = _issuer(front)
    for index, line in enumerate(front):
        text = line.text
        if not meta.number and (m := _NUMBER.match(text)):
            meta.number, meta.number_line = m[1], line.number
        if not meta.date and (m := _PLACE_DATE.match(text)):
            meta.place, meta.date = m["place"].strip(), _date(m["d"], m["m"], m["y"])
            meta.date_line = line.number
        if not meta.title and text == "QUYẾT ĐỊNH" and index + 1 < len(front):
            meta.title = front[index + 1].text
        if meta.implements is None and not text.isupper() and (m := _IMPLEMENTS.search(text)):
            meta.implements = DecisionRef(
                m["number"], _date(m["d"], m["m"], m["y"]), "Thủ tướng Chính phủ", line.number
            )
        if not meta.signer and _SIGNER_TITLE.match(text):
            # "KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH": a vice-chair signs for the chair.
            meta.signer_title = text.removeprefix("KT.").strip().capitalize()
            for follower in front[index + 1 : index + 6]:
                if _SIGNER_TITLE.match(follower.text):
                    meta.signer_title = follower.text.capitalize()
                elif not follower.text.isupper() and not follower.text.startswith("("):
                    meta.signer, meta.signer_line = follower.text, follower.number
                    break
    for attribute, label in (
        ("number", "the decision's number ('Số: …')"),
        ("date", "the place and date ('…, ngày … tháng … năm …')"),
        ("signer", "the signer"),
        ("implements", "the national decision it implements (622/QĐ-TTg)"),
    ):
        if not getattr(meta, attribute):
            issues.append(
                Irregularity("missing-metadata", None, f"{label} was not found", "", "left empty")
            )
    return meta


def parse_appendix_list(
    front: list[Line], resolver: Resolver, issues: list[Irregularity]
) -> list[AppendixListEntry]:
    """Rows of three cells after 'DANH MỤC CÁC PHỤ LỤC': order, agency name, appendix number."""
    start = next((i for i, line in enumerate(front) if _LIST_TITLE.match(line.text)), None)
    if start is None:
        issues.append(
            Irregularity("missing-appendix-list", None, "no appendix list was found", "", "")
        )
        return []
    cells = [
        line
        for line in front[start + 1 :]
        if appendix_number(line.text) is None and line.text.casefold() not in _LIST_HEADER
    ]
    while cells and not _INT.match(cells[0].text):
        cells.pop(0)
    entries: list[AppendixListEntry] = []
    index = 0
    while index + 2 < len(cells):
        order, name, number = cells[index : index + 3]
        if not (_INT.match(order.text) and _INT.match(number.text)) or _INT.match(name.text):
            issues.append(
                Irregularity(
                    "appendix-list",
                    order.number,
                    "appendix list row does not have the form TT | agency | appendix",
                    " | ".join(c.text for c in (order, name, number)),
                    "the rest of the list is ignored",
                )
            )
            break
        mentions = resolver.resolve_cell(name.text).mentions
        agency_id = mentions[0].agency_id if mentions else ""
        entries.append(
            AppendixListEntry(int(order.text), name.text, agency_id, int(number.text), name.number)
        )
        index += 3
    return entries
