"""Write a query's answer as a text table, CSV, SPARQL JSON results or a Markdown table.

CSV and JSON follow the W3C SPARQL 1.1 result formats, so other tools read them; the table and
Markdown forms shorten IRIs with the query's own prefixes, for people.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from build_graph.sparql.engines import QueryResult

FORMATS = ("table", "csv", "json", "md")
# Shown short in tables even when a query does not declare them (the query's own prefixes win).
DISPLAY_PREFIXES = {
    "sdgkg": "https://w3id.org/sdgkg/ontology#",
    "agency": "https://w3id.org/sdgkg/agency/hai-phong/",
    "plan": "https://w3id.org/sdgkg/plan/hai-phong-2894-2017/",
    "vsdg": "https://w3id.org/sdgkg/vsdg/",
    "kind": "https://w3id.org/sdgkg/kind/",
    "period": "https://w3id.org/sdgkg/period/",
    "line": "https://w3id.org/sdgkg/source/hai-phong-2894-2017/line/",
    "unsdg": "http://metadata.un.org/sdg/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
TABLE_CELL = 70  # characters of a table cell before it is cut (the other formats keep all)


def render(result: QueryResult, fmt: str, prefixes: Mapping[str, str]) -> str:
    prefixes = {**DISPLAY_PREFIXES, **prefixes}
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "md":
        return to_markdown(result, prefixes)
    return to_table(result, prefixes)


def _json_term(term: URIRef | Literal | BNode) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    value: dict[str, str] = {"type": "literal", "value": str(term)}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        value["datatype"] = str(term.datatype)
    return value


def to_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if result.form == "ASK":
        document: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {
                var: _json_term(term)
                for var, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV Format (values without types, CRLF line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if term is None else _csv_value(term) for term in row])
    return out.getvalue()


def _csv_value(term: URIRef | Literal | BNode) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def short(term: URIRef | Literal | BNode | None, prefixes: Mapping[str, str]) -> str:
    """A term for people: prefixed IRIs, bare literal text, one line."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = str(term)
        best = max(
            ((p, ns) for p, ns in prefixes.items() if text.startswith(ns) and len(text) > len(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        return f"{best[0]}:{text[len(best[1]) :]}" if best else f"<{text}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _cells(result: QueryResult, prefixes: Mapping[str, str]) -> tuple[list[str], list[list[str]]]:
    if result.form == "ASK":
        return ["boolean"], [["true" if result.boolean else "false"]]
    return result.variables, [[short(term, prefixes) for term in row] for row in result.rows]


def _width(text: str) -> int:
    """Columns taken on a terminal: combining marks take none, wide characters two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_table(result: QueryResult, prefixes: Mapping[str, str]) -> str:
    header, rows = _cells(result, prefixes)
    rows = [[_cut(cell, TABLE_CELL) for cell in row] for row in rows]
    widths = [_width(h) for h in header]
    for row in rows:
        widths = [max(w, _width(cell)) for w, cell in zip(widths, row, strict=True)]

    def line(cells: list[str]) -> str:
        padded = (c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows]
    count = len(rows) if result.form != "ASK" else 1
    out.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(out) + "\n"


def to_markdown(result: QueryResult, prefixes: Mapping[str, str]) -> str:
    header, rows = _cells(result, prefixes)

    def escape(cell: str) -> str:
        return cell.replace("\\", "\\\\").replace("|", "\\|")

    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows]
    return "\n".join(out) + "\n"
