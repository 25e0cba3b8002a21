"""What each column of a task table holds, read from its header, whatever the plan calls it.

Plans name their columns differently: "TT" or "STT"; "Nhiệm vụ", "Nội dung", "Hoạt động" or
"Giải pháp"; "Cơ quan chủ trì"; "Đơn vị phối hợp"; "Giai đoạn", "Thời gian", "Thời hạn",
"Tiến độ" or "Lộ trình". Headers are compared without case and diacritics ("THỜI GIAN THỰC
HIỆN" and "thoi gian thuc hien" are the same header). A column the reader has no role for
("Kết quả", "Kinh phí", "Ghi chú"…) is kept with its header as an extra column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from build_graph.marks import drop_marks

NUMBER, TASK, LEAD, PARTNERS, PERIOD = "number", "task", "lead", "partners", "period"
_NUMBER_HEADERS = {"tt", "stt", "so tt", "thu tu", "so thu tu", "tt."}
_TASK_WORDS = ("nhiem vu", "noi dung", "hoat dong", "giai phap", "chuong trinh", "de an")
_PERIOD_WORDS = ("giai doan", "thoi gian", "thoi han", "tien do", "lo trinh", "nam thuc hien")


def fold(text: str) -> str:
    """Lower case, no diacritics, đ → d, one space between words: for comparing headers."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    plain = drop_marks(decomposed).lower()
    return " ".join(re.sub(r"[^\w.]+", " ", plain).split())


def column_role(header: str) -> str | None:
    """The role of a column by its header text, or None for a column kept as it is."""
    folded = fold(header)
    if not folded:
        return None
    if folded in _NUMBER_HEADERS:
        return NUMBER
    if "phoi hop" in folded:
        return PARTNERS
    if "chu tri" in folded:
        return LEAD
    if any(word in folded for word in _PERIOD_WORDS):
        return PERIOD
    if any(word in folded for word in _TASK_WORDS):
        return TASK
    return None


def header_roles(cells: Sequence[str]) -> dict[int, str]:
    """Column index → role for the cells of a candidate header row (unknown columns left out).

    The first column of each role wins; a second "Nhiệm vụ" column is kept as an extra.
    """
    roles: dict[int, str] = {}
    for index, text in enumerate(cells):
        role = column_role(text)
        if role is not None and role not in roles.values():
            roles[index] = role
    return roles


def is_header(cells: Sequence[str]) -> bool:
    """A task table's header: a task column and at least one other known column."""
    roles = set(header_roles(cells).values())
    return TASK in roles and len(roles) >= 2
