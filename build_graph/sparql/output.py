"""Write a query's answer as a text table, CSV, TSV, SPARQL JSON or XML results, a Markdown
table, or, for CONSTRUCT and DESCRIBE, as Turtle or N-Triples.

CSV, TSV, JSON and XML follow the W3C SPARQL 1.1 result formats, so other tools read them; the
table and Markdown forms shorten IRIs with the query's own prefixes and the project's prefix
map, for people.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from build_graph.errors import SdgkgError
from build_graph.graph.ntriples import term as nt_term
from build_graph.graph.prefixes import PREFIXES
from build_graph.sparql.engines import QueryResult

FORMATS = ("table", "csv", "tsv", "json", "xml", "md", "turtle", "ntriples")
GRAPH_FORMATS = ("turtle", "ntriples")  # CONSTRUCT and DESCRIBE only
ROW_FORMATS = ("tsv", "xml")  # SELECT (and ASK for xml) only
# Shown short in tables even when a query does not declare them (the query's own prefixes win).
DISPLAY_PREFIXES = dict(PREFIXES)
TABLE_CELL = 70  # characters of a table cell before it is cut (the other formats keep all)


def render(result: QueryResult, fmt: str, prefixes: Mapping[str, str]) -> str:
    prefixes = {**DISPLAY_PREFIXES, **prefixes}
    check_format(result.form, fmt)
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "tsv":
        return to_tsv(result)
    if fmt == "xml":
        return to_xml(result)
    if fmt == "ntriples":
        return to_ntriples(result)
    if fmt == "turtle":
        return to_turtle(result, prefixes)
    if fmt == "md":
        return to_markdown(result, prefixes)
    return to_table(result, prefixes)


def check_format(form: str, fmt: str) -> None:
    """A graph format for a graph, a result format for solutions: else one line saying so."""
    graph = form in ("CONSTRUCT", "DESCRIBE")
    if fmt in GRAPH_FORMATS and not graph:
        raise SdgkgError(
            f"--format {fmt} is for CONSTRUCT and DESCRIBE queries; this is a {form} query "
            "(use table, csv, tsv, json, xml or md)"
        )
    if fmt in ROW_FORMATS and graph:
        raise SdgkgError(
            f"--format {fmt} is for SELECT queries; this is a {form} query "
            "(use turtle, ntriples, table, csv, json or md)"
        )
    if fmt == "tsv" and form == "ASK":
        raise SdgkgError("--format tsv has no form for an ASK answer (use xml, json or csv)")


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


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv_term(term: URIRef | Literal | BNode) -> str:
    """A term in SPARQL syntax, as the TSV results format writes it (no tab or line end)."""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_TSV_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    return nt_term(term)


def to_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV Format: ?-named header, terms in SPARQL syntax."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if term is None else _tsv_term(term) for term in row))
    return "\n".join(lines) + "\n"


def _xml_binding(name: str, term: URIRef | Literal | BNode) -> str:
    if isinstance(term, URIRef):
        value = f"<uri>{xml_escape(str(term))}</uri>"
    elif isinstance(term, BNode):
        value = f"<bnode>{xml_escape(str(term))}</bnode>"
    elif term.language:
        value = f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(str(term))}</literal>"
    elif term.datatype and term.datatype != XSD.string:
        datatype = quoteattr(str(term.datatype))
        value = f"<literal datatype={datatype}>{xml_escape(str(term))}</literal>"
    else:
        value = f"<literal>{xml_escape(str(term))}</literal>"
    return f"   <binding name={quoteattr(name)}>{value}</binding>"


def to_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format (second edition)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    out.append('<sparql xmlns="http://www.w3.org/2005/sparql-results#">')
    if result.form == "ASK":
        out += [" <head/>", f" <boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append(" <head>")
        out += [f"  <variable name={quoteattr(name)}/>" for name in result.variables]
        out += [" </head>", " <results>"]
        for row in result.rows:
            out.append("  <result>")
            out += [
                _xml_binding(name, term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            ]
            out.append("  </result>")
        out.append(" </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def to_ntriples(result: QueryResult) -> str:
    """The triples of a CONSTRUCT or DESCRIBE answer as canonical, sorted N-Triples."""
    lines = {" ".join(nt_term(t) for t in row if t is not None) + " .\n" for row in result.rows}
    return "".join(sorted(lines))


def to_turtle(result: QueryResult, prefixes: Mapping[str, str]) -> str:
    """The triples as Turtle (pyoxigraph's writer), with the prefixes the triples use."""
    text = to_ntriples(result)
    used = {name: namespace for name, namespace in prefixes.items() if name and namespace in text}
    quads = ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    written = ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=used) or b""
    return written.decode("utf-8")


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
