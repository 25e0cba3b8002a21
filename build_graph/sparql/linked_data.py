"""Dereferenceable IRIs: what a GET on a minted IRI answers, by content negotiation.

``https://w3id.org/sdgkg/agency/hai-phong/so-y-te`` served at ``http://127.0.0.1:7878`` is
``/agency/hai-phong/so-y-te``. An RDF client gets the node's triples (out and in) as Turtle,
JSON-LD (with the published context) or N-Triples, by its ``Accept`` header; a browser gets a
small HTML page with the same facts, labelled and linked. ``?format=ttl|jsonld|nt|html``
chooses without negotiating.
"""

from __future__ import annotations

import html
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from build_graph.graph.jsonld import write_jsonld
from build_graph.graph.prefixes import PREFIXES, curie
from build_graph.graph.serialize import published_context
from build_graph.sparql.library import sparql_term

# media type → format name; the first is the answer to */* (an RDF client that takes anything)
MEDIA = {
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
CONTENT_TYPES = {
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "nt": "application/n-triples",
    "html": "text/html; charset=utf-8",
}
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def negotiate(accept: str | None, asked: str | None = None) -> str | None:
    """The format to answer with: ``asked`` (?format=) if known, else the best of ``accept``
    (q-values honoured; */* and no header: Turtle); None if nothing offered is acceptable."""
    if asked:
        return asked if asked in CONTENT_TYPES else None
    if not accept or not accept.strip():
        return "ttl"
    ranked: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        media = media.lower()
        if media in MEDIA:
            ranked.append((quality, -order, MEDIA[media]))
        elif media in ("*/*", "text/*", "application/*"):
            fallback = {"*/*": "ttl", "text/*": "ttl", "application/*": "jsonld"}[media]
            ranked.append((quality - 0.001, -order - 1000, fallback))  # explicit types first
    return max(ranked)[2] if ranked else None


def describe_query(iri: str) -> str:
    """The node's triples, out and in (the graph has no blank nodes to follow). ``iri`` comes
    from a request's path: it goes into the query only as an IRI term (``sparql_term`` refuses
    anything else, so that no path can add to the query)."""
    node = sparql_term(URIRef(iri))
    return (
        f"CONSTRUCT {{ {node} ?p ?o . ?s ?q {node} }} "
        f"WHERE {{ {{ {node} ?p ?o }} UNION {{ ?s ?q {node} }} }}"
    )


def labels_query(iris: list[str]) -> str:
    values = " ".join(sparql_term(URIRef(iri)) for iri in iris)
    return f"SELECT ?node ?label WHERE {{ VALUES ?node {{ {values} }} ?node <{LABEL}> ?label }}"


def sorted_ntriples(ntriples: bytes) -> bytes:
    """Canonical order, so that the same node always gives the same bytes."""
    lines = {line for line in ntriples.splitlines(keepends=True) if line.strip()}
    return b"".join(sorted(line if line.endswith(b"\n") else line + b"\n" for line in lines))


def render_rdf(ntriples: bytes, fmt: str) -> bytes:
    """The description as Turtle, JSON-LD or N-Triples."""
    lines = sorted_ntriples(ntriples)
    if fmt == "nt":
        return lines
    if fmt == "ttl":
        quads = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
        text = lines.decode("utf-8")
        used = {name: ns for name, ns in PREFIXES.items() if ns in text}
        return ox.serialize(quads, format=ox.RdfFormat.TURTLE, prefixes=used) or b""
    with tempfile.TemporaryDirectory(prefix="sdgkg-describe-") as folder:
        source, target = Path(folder) / "node.nt", Path(folder) / "node.jsonld"
        source.write_bytes(lines)
        write_jsonld(source, target, published_context())
        return target.read_bytes()


@dataclass
class Description:
    """A node's triples, read for the HTML page."""

    iri: str
    out: dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]
    into: list[tuple[str, str]]  # (subject, predicate)

    @classmethod
    def of(cls, iri: str, ntriples: bytes) -> Description:
        out: dict[str, list] = defaultdict(list)
        into: list[tuple[str, str]] = []
        for quad in ox.parse(sorted_ntriples(ntriples), format=ox.RdfFormat.N_TRIPLES):
            subject = quad.subject
            if isinstance(subject, ox.NamedNode) and subject.value == iri:
                out[quad.predicate.value].append(quad.object)
            elif isinstance(subject, ox.NamedNode):
                into.append((subject.value, quad.predicate.value))
        return cls(iri, dict(out), into)

    def linked(self) -> list[str]:
        """The IRIs the page shows, to be labelled."""
        found = {o.value for values in self.out.values() for o in values if _is_iri(o)}
        found |= {s for s, _ in self.into}
        return sorted(found)[:2000]


def _is_iri(term: object) -> bool:
    return isinstance(term, ox.NamedNode)


class Page:
    """The HTML page of one node: labels in English first, IRIs under the base linked here."""

    def __init__(self, base: str, labels: dict[str, dict[str, str]]) -> None:
        self.base = base.rstrip("/") + "/"
        self.labels = labels

    def href(self, iri: str) -> str:
        return "/" + iri[len(self.base) :] if iri.startswith(self.base) else iri

    def name(self, iri: str) -> str:
        found = self.labels.get(iri, {})
        return found.get("en") or found.get("vi") or next(iter(found.values()), "") or curie(iri)

    def link(self, iri: str) -> str:
        label = self.name(iri)
        shown = html.escape(label)
        title = html.escape(curie(iri))
        return f'<a href="{html.escape(self.href(iri))}" title="{title}">{shown}</a>'

    def value(self, term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
        if isinstance(term, ox.NamedNode):
            return self.link(term.value)
        if isinstance(term, ox.Literal):
            tag = (
                f' <small lang="en">@{html.escape(term.language)}</small>' if term.language else ""
            )
            lang = f' lang="{html.escape(term.language)}"' if term.language else ""
            return f"<span{lang}>{html.escape(term.value)}</span>{tag}"
        return html.escape(f"_:{term.value}")

    def render(self, description: Description) -> bytes:
        iri = description.iri
        title = html.escape(self.name(iri))
        rows = []
        for predicate in sorted(description.out, key=lambda p: (p != TYPE, p != LABEL, curie(p))):
            values = "<br>".join(self.value(v) for v in description.out[predicate])
            rows.append(f"<tr><th>{html.escape(curie(predicate))}</th><td>{values}</td></tr>")
        incoming = [
            f"<tr><td>{self.link(subject)}</td><td>{html.escape(curie(predicate))}</td></tr>"
            for subject, predicate in sorted(description.into, key=lambda sp: (sp[1], sp[0]))
        ]
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f"<title>{title}</title>",
            '<link rel="alternate" type="text/turtle" href="?format=ttl">',
            '<link rel="alternate" type="application/ld+json" href="?format=jsonld">',
            "<style>body{font-family:sans-serif;max-width:64em;margin:2em auto;padding:0 1em}"
            "th,td{text-align:left;vertical-align:top;padding:.2em .8em .2em 0}"
            "code{word-break:break-all}</style></head><body>",
            f"<h1>{title}</h1>",
            f"<p><code>{html.escape(iri)}</code></p>",
            '<p>Also as <a href="?format=ttl">Turtle</a>, <a href="?format=jsonld">JSON-LD</a>'
            ' and <a href="?format=nt">N-Triples</a>.</p>',
            f"<table>{''.join(rows)}</table>",
        ]
        if incoming:
            parts += [
                f"<h2>Referenced by ({len(incoming)})</h2>",
                f"<table>{''.join(incoming)}</table>",
            ]
        parts.append("</body></html>\n")
        return "\n".join(parts).encode("utf-8")


def read_labels(solutions: bytes) -> dict[str, dict[str, str]]:
    """node → language → label, from SPARQL JSON results of :func:`labels_query`."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    parsed = ox.parse_query_results(solutions, format=ox.QueryResultsFormat.JSON)
    assert isinstance(parsed, ox.QuerySolutions)
    for row in parsed:
        node, label = row["node"], row["label"]
        if isinstance(node, ox.NamedNode) and isinstance(label, ox.Literal):
            labels[node.value].setdefault(label.language or "", label.value)
    return dict(labels)
