"""Write the graph as sorted N-Triples, Turtle and JSON-LD (with the published context).

pyoxigraph serialises Turtle and JSON-LD in tens of milliseconds where rdflib takes seconds, so
it is the writer; rdflib stays the in-memory model that pyshacl validates.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .resources import resource_dir


@cache
def published_context() -> dict:
    """The JSON-LD context shipped in ontology/context.jsonld."""
    path = resource_dir("ontology") / "context.jsonld"
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


def context_prefixes() -> dict[str, str]:
    return {
        k: v
        for k, v in published_context().items()
        if isinstance(v, str) and v.endswith(("#", "/"))
    }


def _compact(iri: str, prefixes: list[tuple[str, str]]) -> str:
    for prefix, namespace in prefixes:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            rest = iri[len(namespace) :]
            if not rest.startswith("//"):
                return f"{prefix}:{rest}"
    return iri


def compact_jsonld(expanded: list[dict], context: dict) -> dict:
    """Shorten IRIs with the context's prefixes: a conservative, lossless compaction.

    Keys, "@id" and "@type" values become compact IRIs; literal values are left as they are.
    Term definitions of the context are not used, so the document expands to the same triples.
    """
    prefixes = sorted(
        ((k, v) for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))),
        key=lambda item: -len(item[1]),
    )
    compacted: dict[str, str] = {}

    def short(iri: str) -> str:
        found = compacted.get(iri)
        if found is None:
            found = compacted[iri] = _compact(iri, prefixes)
        return found

    def value(item: dict) -> dict:
        if "@id" in item:
            return {"@id": short(item["@id"])}
        if "@type" in item:
            return {**item, "@type": short(item["@type"])}
        return item

    nodes = []
    for node in expanded:
        out: dict = {}
        for key, values in node.items():
            if key == "@id":
                out["@id"] = short(values)
            elif key == "@type":
                out["@type"] = [short(v) for v in values]
            else:
                out[short(key)] = [value(v) for v in values]
        nodes.append(out)
    nodes.sort(key=lambda n: n.get("@id", ""))
    return {"@context": context, "@graph": nodes}


def write_graph_files(nt: str, out: Path, prefixes: dict[str, str]) -> list[Path]:
    """graph.nt (sorted, canonical), graph.ttl and graph.jsonld; same triples, same bytes."""
    (out / "graph.nt").write_text(nt, encoding="utf-8")
    ordered = list(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    ox.serialize(ordered, str(out / "graph.ttl"), ox.RdfFormat.TURTLE, prefixes=prefixes)
    expanded = json.loads(ox.serialize(ordered, format=ox.RdfFormat.JSON_LD))
    if isinstance(expanded, dict):
        expanded = expanded.get("@graph", [expanded])
    document = compact_jsonld(expanded, published_context())
    # One node per line: readable, diff-friendly, and far faster than indenting 5 MB.
    body = ",\n".join(json.dumps(node, ensure_ascii=False) for node in document["@graph"])
    context = json.dumps(document["@context"], ensure_ascii=False, indent=1)
    (out / "graph.jsonld").write_text(
        f'{{"@context": {context},\n"@graph": [\n{body}\n]}}\n', encoding="utf-8"
    )
    return [out / "graph.nt", out / "graph.ttl", out / "graph.jsonld"]
