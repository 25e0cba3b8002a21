"""VSDG target codes as the plan writes them ("12.2a", "3.5.b.:", "6.3.b.") and as they are meant.

VSDG codes have three levels: a goal ("2"), a target ("3.8") and a sub-target ("3.8.b") that
Decision 622/QĐ-TTg lists under a target. They are Viet Nam's own numbers, not the UN's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE = re.compile(r"^(?P<goal>\d{1,2})(?:\.(?P<target>\d{1,2}))?(?:\.?(?P<sub>[a-z]))?$")
# A code at the start of a text: letters directly after it belong to a word, not to the code.
CODE_PATTERN = r"\d{1,2}(?:\.\d{1,2})?(?:\.?[a-z](?![a-zà-ỹđ]))?"


@dataclass(frozen=True, order=True)
class TargetCode:
    """A normalised VSDG code; ``raw`` keeps the spelling of the source."""

    code: str
    raw: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.code.split("."))

    @property
    def level(self) -> str:
        return ("goal", "target", "subtarget")[len(self.parts) - 1]

    @property
    def goal(self) -> int:
        return int(self.parts[0])

    @property
    def parent(self) -> str | None:
        parts = self.parts
        return ".".join(parts[:-1]) if len(parts) > 1 else None

    @property
    def loosely_written(self) -> bool:
        return bool(self.raw) and self.raw != self.code


def parse_code(raw: str) -> TargetCode | None:
    """Normalise a code; ``None`` when ``raw`` is not a VSDG code at all."""
    cleaned = raw.strip().rstrip(".:; ").strip()
    match = _CODE.match(cleaned)
    if not match:
        return None
    goal = int(match["goal"])
    if not 1 <= goal <= 17:
        return None
    parts = [str(goal)]
    if match["target"] is not None:
        parts.append(str(int(match["target"])))
    if match["sub"]:
        if match["target"] is None:
            return None
        parts.append(match["sub"])
    return TargetCode(".".join(parts), raw.strip())


def sort_key(code: str) -> tuple[tuple[int, str], ...]:
    """Order codes as a reader does: 2 < 2.1 < 2.1.a < 2.10."""
    return tuple((int(p), "") if p.isdigit() else (0, p) for p in code.split("."))
