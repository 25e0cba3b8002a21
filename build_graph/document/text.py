"""Plain text: a legal site's page as it flattens, one table cell or paragraph per line.

The text keeps no table structure: cells are lines, and a merged cell is printed on its first
row only. The plan reader tells the cells apart by their content. Lines keep the file's own
numbers, so a fact's source is the line a user finds in a text editor.
"""

from __future__ import annotations

from build_graph.document.decoding import decode_bytes, repair_mojibake, split_lines
from build_graph.document.model import Document

REPAIRED = (
    "the text is UTF-8 that was read as Latin-1/Windows-1252 and saved again (mojibake); it was "
    "restored"
)


def read_text_document(path: str, data: bytes) -> Document:
    """The document of a text file; mojibake is repaired, with a note."""
    text = decode_bytes(data, path)
    document = Document(path, "text")
    repaired = repair_mojibake(text)
    if repaired is not None:
        text = repaired
        document.notes.append(REPAIRED)
    document.blocks.extend(split_lines(text))
    return document
