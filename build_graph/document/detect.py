"""Which format a file is in, by its content first (magic bytes, markup) and its name second.

A plan saved as ``.txt`` may hold HTML, a ``.doc`` may be a DOCX renamed: the bytes decide.
The name decides only between text formats the content cannot tell apart.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

TEXT, TSV, HTML, DOCX, XLSX, PDF, DOC, ODT, RTF, XLS, ENCRYPTED = (
    "text",
    "tsv",
    "html",
    "docx",
    "xlsx",
    "pdf",
    "doc",
    "odt",
    "rtf",
    "xls",
    "encrypted",
)
DAMAGED_ZIP = "damaged-zip"  # starts as a ZIP, but its directory cannot be read
_HTML = re.compile(rb"<(?:!doctype\s+html|html|body|table|div|p)[\s>]", re.IGNORECASE)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# a password-protected DOCX or XLSX is an OLE compound file holding these two streams (MS-OFFCRYPTO)
_ENCRYPTED_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))


def detect_format(path: str | Path, data: bytes) -> str:
    """One of the format names above; ``zip`` for a ZIP that is no office document."""
    suffix = Path(path).suffix.lower()
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, suffix)
    if data.startswith(_OLE):
        if all(stream in data for stream in _ENCRYPTED_STREAMS):
            return ENCRYPTED
        return XLS if suffix in {".xls", ".xlt"} else DOC
    if data.lstrip()[:5] == b"{\\rtf":
        return RTF
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if suffix in {".htm", ".html", ".xhtml"} or _HTML.search(head):
        return HTML
    if suffix in {".tsv", ".tab"} or _looks_tab_separated(head):
        return TSV
    return TEXT


def _zip_kind(data: bytes, suffix: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        # a damaged office file: trust its name for the message
        return {".docx": DOCX, ".xlsx": XLSX, ".odt": ODT}.get(suffix, DAMAGED_ZIP)
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    if "content.xml" in names and suffix in {".odt", ".ott", ""}:
        return ODT
    if "content.xml" in names:
        return ODT
    return {".docx": DOCX, ".xlsx": XLSX}.get(suffix, "zip")


def _looks_tab_separated(head: bytes) -> bool:
    """Text copied from a Word table: many lines with two or more tabs."""
    lines = head.split(b"\n")
    tabbed = sum(1 for line in lines if line.count(b"\t") >= 2)
    return tabbed >= 5 and tabbed >= 0.05 * len(lines)
