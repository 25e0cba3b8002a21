"""Any file a plan is published in → one :class:`Document` of paragraphs and tables.

Formats: a legal site's HTML page, DOCX, XLSX, PDF with a text layer, text copied from Word
(tab-separated), a legal site's page flattened to text; DOC, ODT and RTF through LibreOffice.
The format is told by the content (:mod:`.detect`). Every line keeps a reference to its place
in the file (:class:`SourceRef`).
"""

from build_graph.document.model import Document, Line, SourceRef, Table, TableCell
from build_graph.document.reading import read_document

__all__ = ["Document", "Line", "SourceRef", "Table", "TableCell", "read_document"]
