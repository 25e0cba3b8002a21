"""Find the plan inside the scraped page: the site's header and footer around it are junk."""

from __future__ import annotations

import re
from dataclasses import dataclass

from build_graph.read.decoding import Line

_DECISION_START = re.compile(r"^QUYẾT ĐỊNH$")
_APPENDIX = re.compile(r"^PHỤ LỤC\s*0*(\d{1,3})\s*$", re.IGNORECASE)
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
        if line.text.upper() in {"ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"}:
            return index
    for index, line in enumerate(lines):
        if _DECISION_START.match(line.text):
            return index
    for index, line in enumerate(lines):
        if _APPENDIX.match(line.text):
            return index
    return 0


def appendix_number(text: str) -> int | None:
    """The number of an appendix heading line ("PHỤ LỤC 05"), else None."""
    match = _APPENDIX.match(text)
    return int(match[1]) if match else None
