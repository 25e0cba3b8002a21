"""The folded form of a text that searches compare: lower case, no diacritics, one normal form.

"Biến đổi khí hậu", "BIẾN ĐỔI KHÍ HẬU", "bien doi khi hau" and the same words in decomposed
Unicode (NFD, as some keyboards and PDFs give them) all fold to "bien doi khi hau". The graph
carries each task's folded text (``sdgkg:searchText``) and the query library folds a ``text``
parameter the same way, so that one plain ``CONTAINS`` matches on every SPARQL engine (no
``REPLACE`` or ``LCASE`` of Vietnamese text, which Virtuoso 7 mangles).
"""

from __future__ import annotations

import unicodedata

from build_graph.marks import drop_marks


def fold(text: str) -> str:
    """Case-folded, every combining mark dropped (NFD), đ → d, white space collapsed."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    bare = drop_marks(decomposed)
    return " ".join(bare.replace("đ", "d").split())
