"""Find the plan inside the scraped page: the site's header and footer around it are junk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_graph.document.decoding import Line

_DECISION_START = re.compile(r"^(QUYẾT ĐỊNH|KẾ HOẠCH)$")
# The issuer's name opens the document: on two lines ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH") or
# on one ("UBND TỈNH QUẢNG NINH", "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG").
_ISSUER = re.compile(r"^(?:(?:ỦY|UỶ) BAN NHÂN DÂN|UBND)(?:\s+(?:TỈNH|THÀNH PHỐ|TP\.?)\s+\S.*)?$")
_APPENDIX = re.compile(
    r"^PHỤ LỤC(?:\s+SỐ)?(?:\s*0*(?P<number>\d{1,3})|\s+(?P<roman>[IVXL]{1,6}))?\s*[.:]?\s*$",
    re.IGNORECASE,
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
UNNUMBERED = 0  # "PHỤ LỤC" without a number: the reader numbers it after the one before
# Lines the legal-document site prints after the document.
_FOOTER = re.compile(
    r"^(Văn bản này chưa cập nhật|Bạn Chưa Đăng Nhập|Vì chưa Đăng Nhập|Nếu chưa là Thành Viên|"
    r"DMCA\.com|IP: \d|Hãy để chúng tôi hỗ trợ|Lưu trữ|Ghi chú|Ý kiến|Facebook|Email|In$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Body:
    """The lines of the document itself, and what was cut around them."""

    lines: list[Line]
    header_junk: int
    footer_junk: int
    footer_seen: bool


def locate_body(lines: list[Line]) -> Body:
    """Drop the site's header (before the issuer's name) and footer (from its first marker)."""
    start = _find_start(lines)
    end = len(lines)
    for index in range(start, len(lines)):
        if _FOOTER.match(lines[index].text):
            end = index
            break
    return Body(lines[start:end], start, len(lines) - end, end < len(lines))


def _find_start(lines: list[Line]) -> int:
    """The document proper opens with the issuer's name, as every Vietnamese decision does."""
    for index, line in enumerate(lines):
        if _ISSUER.match(line.text.upper()):
            return index
    for index, line in enumerate(lines):
        if _DECISION_START.match(line.text):
            return index
    for index, line in enumerate(lines):
        if _APPENDIX.match(line.text):
            return index
    return 0


def appendix_number(text: str) -> int | None:
    """The number of an appendix heading line ("PHỤ LỤC 05", "PHỤ LỤC IV", "Phụ lục số 2:"),
    :data:`UNNUMBERED` for a bare "PHỤ LỤC", else None."""
    match = _APPENDIX.match(text)
    if not match:
        return None
    if match["number"]:
        return int(match["number"])
    if match["roman"]:
        return _roman(match["roman"].upper())
    # bare: a heading in capitals; "Phụ lục" alone is a table's column header (the appendix list)
    return UNNUMBERED if text.strip().rstrip(".:").strip().isupper() else None


def _roman(text: str) -> int | None:
    total, previous = 0, 0
    for char in reversed(text):
        value = _ROMAN[char]
        total += -value if value < previous else value
        previous = max(previous, value)
    return total or None
