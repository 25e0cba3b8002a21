"""Turn the bytes of a scraped document into numbered, normalised lines.

Scraped copies arrive as UTF-8 (with or without BOM), UTF-16, with CRLF endings or decomposed
(NFD) Vietnamese. All of them must give the same lines, so that a fact's source line is stable.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from build_graph.document.model import Line
from build_graph.errors import InputError

NBSP = "\u00a0"
_SPACES = {NBSP: " ", "\u2007": " ", "\u202f": " ", "\u200b": "", "\ufeff": "", "\t": " "}


def decode_bytes(data: bytes, path: str | Path) -> str:
    """Decode UTF-8 or UTF-16 text; refuse anything else with the offending line."""
    if not data:
        raise InputError(path, "file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8) :], "utf-8", path)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path)
    utf16 = _guess_bomless_utf16(data)
    if utf16:
        return _decode(data, utf16, path)
    if b"\x00" in data[:65536]:
        offset = data.index(b"\x00")
        line = data[:offset].count(b"\n") + 1
        raise InputError(path, f"binary data: a NUL byte at offset {offset}", line)
    return _decode(data, "utf-8", path)


def _guess_bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM shows NUL in every other byte for Latin-script text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.3 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.3 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _decode(data: bytes, encoding: str, path: str | Path) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path,
            f"not UTF-8 or UTF-16 text: byte 0x{data[exc.start]:02x} at offset {exc.start} "
            f"cannot be decoded as {encoding}",
            line,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError(path, "binary data: the file contains NUL characters", line)
    return text


# UTF-8 bytes shown as Latin-1 or Windows-1252 ("mojibake"): "Quyết" becomes "Quyáº¿t".
_MOJIBAKE_MARKERS = ("á»", "áº", "Ã", "Ä\x91", "Ä‘", "Æ°", "Æ¡")
_VIETNAMESE = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")
_CP1252_BYTES = {
    ch: bytes([b])
    for b in range(0x80, 0xA0)
    if (ch := bytes([b]).decode("cp1252", errors="ignore"))
}


def repair_mojibake(text: str) -> str | None:
    """The text UTF-8 was decoded from, when it was misread as Latin-1 or Windows-1252 and saved
    again; None when the text does not look like such mojibake or cannot be restored whole."""
    markers = sum(text.count(marker) for marker in _MOJIBAKE_MARKERS)
    if markers < 20:
        return None  # the common case, decided by C-level counts alone
    native = sum(1 for ch in text if ch in _VIETNAMESE)
    if native > markers:
        return None
    raw = bytearray()
    for ch in text:
        if ord(ch) < 256:
            raw.append(ord(ch))
        elif ch in _CP1252_BYTES:
            raw += _CP1252_BYTES[ch]
        else:
            raw += ch.encode("utf-8")
    try:
        repaired = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    restored = sum(1 for ch in repaired if ch in _VIETNAMESE)
    return repaired if restored > 2 * native and restored >= 20 else None


def normalise_line(raw: str) -> str:
    """NFC, no-break and zero-width spaces folded, runs of spaces collapsed, ends stripped."""
    text = unicodedata.normalize("NFC", raw)
    for char, replacement in _SPACES.items():
        if char in text:
            text = text.replace(char, replacement)
    return " ".join(text.split())


def split_lines(text: str) -> list[Line]:
    """Number the lines as a text editor does (CRLF, CR and LF alike) and keep the non-empty ones.

    A line holding only U+00A0 is an empty paragraph of the scraped HTML, so it is dropped too.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines: list[Line] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        normalised = normalise_line(raw)
        if normalised:
            lines.append(Line(number, normalised))
    return lines


def read_text(path: str | Path, warnings: list[str] | None = None) -> str:
    """Read and decode a source; mojibake is repaired (with a warning) or left to fail later."""
    source = Path(path)
    if not source.exists():
        raise InputError(path, "no such file")
    if source.is_dir():
        raise InputError(path, "is a directory, not a plan document")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror}") from None
    text = decode_bytes(data, path)
    repaired = repair_mojibake(text)
    if repaired is not None:
        if warnings is not None:
            warnings.append(
                "the text is UTF-8 that was read as Latin-1/Windows-1252 and saved again "
                "(mojibake); it was restored"
            )
        return repaired
    return text


def read_lines(path: str | Path, warnings: list[str] | None = None) -> list[Line]:
    """Read a source file into normalised lines, or raise :class:`InputError`."""
    return split_lines(read_text(path, warnings))
