"""Read a file of any supported format into a :class:`Document`; refuse the rest in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from build_graph.document import detect
from build_graph.document.convert import convert
from build_graph.document.damaged import not_readable
from build_graph.document.decoding import decode_bytes
from build_graph.document.model import Document
from build_graph.errors import InputError

_ZIP, _OLE = "not a ZIP package", "not an OLE compound file"
_CLAIMED = {  # the format a name claims, and what its bytes lack when they are no such file
    ".docx": ("DOCX", _ZIP),
    ".docm": ("DOCX", _ZIP),
    ".xlsx": ("XLSX", _ZIP),
    ".xlsm": ("XLSX", _ZIP),
    ".odt": ("ODT", _ZIP),
    ".pdf": ("PDF", "no %PDF- header"),
    ".doc": ("DOC", _OLE),
    ".xls": ("XLS", _OLE),
}


def _readers() -> dict[str, Callable[[str, bytes], Document]]:
    from build_graph.document.docx import read_docx
    from build_graph.document.html import read_html
    from build_graph.document.pdf import read_pdf
    from build_graph.document.text import read_text_document
    from build_graph.document.tsv import read_tsv
    from build_graph.document.xlsx import read_xlsx

    return {
        detect.TEXT: read_text_document,
        detect.TSV: read_tsv,
        detect.HTML: read_html,
        detect.DOCX: read_docx,
        detect.XLSX: read_xlsx,
        detect.PDF: read_pdf,
    }


def read_bytes(path: str | Path) -> bytes:
    source = Path(path)
    if not source.exists():
        raise InputError(path, "no such file")
    if source.is_dir():
        raise InputError(path, "is a directory, not a plan document")
    try:
        return source.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None


def _refuse_false_claim(path: str | Path, data: bytes) -> None:
    """A ``.docx`` whose bytes are no known format and no text is a damaged DOCX, not text.

    Detection goes by content, so a Word file named ``.txt`` or a page named ``.docx`` is read
    as what it is; only when the content is nothing but bytes does the name say what was
    meant, and the refusal names that format instead of the text reader's "binary data".
    """
    claim = _CLAIMED.get(Path(path).suffix.lower())
    if claim is None:
        return
    try:
        decode_bytes(data, path)
    except InputError:
        raise not_readable(path, *claim) from None


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    """The file's paragraphs and tables, whatever its format."""
    data = read_bytes(path) if data is None else data
    if not data:
        raise InputError(path, "file is empty")
    kind = detect.detect_format(path, data)
    if kind == detect.ENCRYPTED:
        raise InputError(
            path, "a password-protected Office file: save a copy without a password and read that"
        )
    if kind in {detect.TEXT, detect.TSV}:
        _refuse_false_claim(path, data)
    converted_from = None
    if kind in {detect.DOC, detect.ODT, detect.RTF, detect.XLS}:
        converted_from = kind
        kind, data = convert(str(path), data, kind)
    if kind == detect.DAMAGED_ZIP:
        raise InputError(
            path, "a damaged ZIP package (cut short?): no DOCX, XLSX or ODT can be read from it"
        )
    if kind == "zip":
        raise InputError(path, "a ZIP archive that is no DOCX, XLSX or ODT: unpack it first")
    document = _readers()[kind](str(path), data)
    if converted_from:
        document.notes.append(f"converted from {converted_from.upper()} by LibreOffice")
        document.format = f"{kind} (from {converted_from})"
    return document
