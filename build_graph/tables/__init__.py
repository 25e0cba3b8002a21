"""Plan → the CSV tables (with their IRI link columns), their schema, and the extraction
report (``extraction-report.md``)."""

from build_graph.tables.extraction_report import render_extraction_report
from build_graph.tables.write import write_tables

__all__ = ["render_extraction_report", "write_tables"]
