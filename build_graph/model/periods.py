"""Implementation periods: year ranges, single years, and named kinds such as "Hàng năm".

A period cell may span lines ("2017 - 2020 và" then "2021- 2030") or be printed twice; the raw
text is kept beside the normalised periods.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_YEAR = r"(?:19|20)\d\d"
_RANGE = re.compile(rf"({_YEAR})\s*[-–—]\s*({_YEAR})")
_SINGLE = re.compile(rf"(?<!\d)({_YEAR})(?!\d)")
_YEARS_LINE = re.compile(
    rf"^(?:và\s+)?{_YEAR}(?:\s*[-–—]\s*{_YEAR})?(?:\s*(?:,|và)\s*{_YEAR}(?:\s*[-–—]\s*{_YEAR})?)*"
    r"(?:\s+và)?\s*\.?$",
    re.IGNORECASE,
)

# Named, non-year periods: (pattern, kind id, English label).
NAMED_KINDS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"^hàng năm\.?$", re.I), "annual", "Every year"),
    (re.compile(r"^theo kế hoạch hàng năm\.?$", re.I), "annual-plan", "Per the annual plan"),
    (re.compile(r"^theo lộ trình.*$", re.I), "plan-roadmap", "Per the roadmap of the master plan"),
    (re.compile(r"^theo tiến độ.*$", re.I), "project-schedule", "Per each project's schedule"),
)


@dataclass(frozen=True)
class Period:
    """A year range (``start``-``end``), a single year (start == end) or a named kind."""

    kind: str
    start: int | None = None
    end: int | None = None

    @property
    def label(self) -> str:
        if self.kind == "years":
            return str(self.start) if self.start == self.end else f"{self.start}-{self.end}"
        return self.kind


@functools.lru_cache(maxsize=8192)
def is_period_line(text: str) -> bool:
    """True for a line that can only be (part of) a period cell."""
    if text.lower() == "và":
        return True
    if _YEARS_LINE.match(text):
        return True
    return any(pattern.match(text) for pattern, _, _ in NAMED_KINDS)


def parse_period_lines(lines: list[str]) -> list[Period]:
    """Normalise the lines of one period cell, in order, without duplicates."""
    periods: list[Period] = []
    for text in lines:
        for period in _parse_one(text):
            if period not in periods:
                periods.append(period)
    return periods


def _parse_one(text: str) -> list[Period]:
    for pattern, kind, _ in NAMED_KINDS:
        if pattern.match(text):
            return [Period(kind)]
    found: list[Period] = []
    rest = text
    for match in _RANGE.finditer(text):
        found.append(Period("years", int(match[1]), int(match[2])))
    rest = _RANGE.sub(" ", text)
    for match in _SINGLE.finditer(rest):
        year = int(match[1])
        found.append(Period("years", year, year))
    return found


def raw_period_repeats(lines: list[str]) -> bool:
    """A cell printed twice: the normalised periods come out duplicated."""
    seen: list[Period] = []
    for text in lines:
        for period in _parse_one(text):
            if period in seen:
                return True
            seen.append(period)
    return False


PERIOD_LABELS_VI = {
    "annual": "Hàng năm",
    "annual-plan": "Theo kế hoạch hàng năm",
    "plan-roadmap": "Theo lộ trình của quy hoạch",
    "project-schedule": "Theo tiến độ từng dự án cụ thể",
}
