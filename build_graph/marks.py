"""Combining marks dropped from decomposed (NFD) text in one C-level pass.

Names, headers, slugs and search texts are folded without diacritics. Each fold ran a Python
generator over every character (``"".join(c for c in text if not unicodedata.combining(c))``),
~4 million characters in a 63-plan build; ``str.translate`` with a table filled as characters
are met gives the same text.
"""

from __future__ import annotations

import unicodedata


class _MarksTable(dict[int, int | None]):
    """``str.translate``'s table: a combining mark's code point → None (dropped), any other code
    point → itself; each filled the first time it is met (a text uses a few hundred)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_TABLE = _MarksTable()


def drop_marks(text: str) -> str:
    """``text`` without its combining marks (``unicodedata.combining`` not 0); decompose first
    (NFD) to drop the diacritics of precomposed letters."""
    return text.translate(_TABLE)
