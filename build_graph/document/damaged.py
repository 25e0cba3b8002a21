"""The one-line refusal of an office file its library cannot open.

python-docx and openpyxl trust the package they open: a damaged one (a part cut short, an empty
``[Content_Types].xml``, relationships missing) surfaces as whatever the library trips on, an
``AttributeError`` as often as a ``KeyError`` or an XML ``ParseError``. Any failure while the
library opens the file is therefore the file's fault, and is told as such; the readers keep
their own code outside that step, so that a bug of ours still shows as one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from build_graph.errors import InputError

_MAKERS = {"DOCX": "Word", "XLSX": "Excel"}


def not_readable(path: str | Path, kind: str, why: str) -> InputError:
    """``not a readable DOCX (why)``: the file claims a format its bytes do not hold."""
    return InputError(path, f"not a readable {kind} ({why})")


def failed_to_open(path: str | Path, kind: str, exc: Exception | str) -> InputError:
    """``not a readable DOCX (damaged or not Word): reason`` for what the library raised."""
    maker = _MAKERS.get(kind, kind)
    reason = exc if isinstance(exc, str) else _reason(exc)
    return InputError(path, f"not a readable {kind} (damaged or not {maker}): {reason}")


def _reason(exc: Exception) -> str:
    """The library's message on one line, said in the file's terms where it is a known kind."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, SyntaxError):  # lxml's XMLSyntaxError and ElementTree's ParseError
        return f"its XML is broken ({text})"
    if isinstance(exc, zipfile.BadZipFile | KeyError | OSError):
        return text
    return f"a part of the package is missing or malformed ({type(exc).__name__}: {text})"
