"""MkDocs hook: a Vietnamese page (``*.vi.md``) declares its language in ``<html lang>``, so that
screen readers, hyphenation, translation offers and search engines read it as Vietnamese. The
theme's own labels (search, navigation) stay English: the site's ``theme.language``."""

from __future__ import annotations

import re
from typing import Any

_HTML_LANG = re.compile(r'<html lang="[^"]*"')


def page_language(source: str) -> str:
    """``vi`` for a page written in Vietnamese (its file ends in ``.vi.md``), else ``en``."""
    return "vi" if source.endswith(".vi.md") else "en"


def on_post_page(output: str, page: Any, config: Any) -> str:  # MkDocs' hook signature
    language = page_language(page.file.src_uri)
    if language == "en":
        return output
    return _HTML_LANG.sub(f'<html lang="{language}"', output, count=1)
