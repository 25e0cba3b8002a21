"""Write the graph as sorted N-Triples, Turtle and JSON-LD (with the published context).

pyoxigraph serialises Turtle in tens of milliseconds where rdflib takes seconds, so it is the
writer; JSON-LD is written here, streamed, with the published context's prefixes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .resources import resource_dir

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


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


def write_ntriples(ordered: Iterable[str], path: Path) -> Path:
    """The canonical N-Triples file: sorted lines, written as they are (no giant string)."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(ordered)
    return path


def write_graph_files(nt: Path | str, out: Path, prefixes: dict[str, str]) -> list[Path]:
    """graph.nt (sorted, canonical), graph.ttl and graph.jsonld; same triples, same bytes.

    ``nt`` is the written graph.nt, or N-Triples text (sorted) to write there. Turtle and
    JSON-LD are streamed from the file in its order, so memory stays flat at national scale.
    """
    path = out / "graph.nt"
    if isinstance(nt, str):
        path.write_text(nt, encoding="utf-8")
    elif Path(nt) != path:
        shutil.copyfile(nt, path)
    ox.serialize(_parse(path), str(out / "graph.ttl"), ox.RdfFormat.TURTLE, prefixes=prefixes)
    write_jsonld(path, out / "graph.jsonld", published_context())
    return [path, out / "graph.ttl", out / "graph.jsonld"]


def _parse(path: Path) -> Iterator[ox.Quad]:
    return ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES)


def write_jsonld(nt_path: Path, target: Path, context: dict) -> None:
    """JSON-LD with the published context, one node object per line, from sorted N-Triples.

    A conservative, lossless compaction: keys, "@id" values and datatypes become compact IRIs
    with the context's prefixes; term definitions are not used, so the document expands to the
    same triples. Lines sorted by subject come grouped by subject: one pass, nothing held but
    the node being written.
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

    def value(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> dict:
        if isinstance(term, ox.NamedNode):
            return {"@id": short(term.value)}
        if isinstance(term, ox.BlankNode):
            return {"@id": f"_:{term.value}"}
        if term.language:
            return {"@language": term.language, "@value": term.value}
        if term.datatype.value != _XSD_STRING:
            return {"@type": short(term.datatype.value), "@value": term.value}
        return {"@value": term.value}

    def node_id(term: ox.NamedNode | ox.BlankNode) -> str:
        return short(term.value) if isinstance(term, ox.NamedNode) else f"_:{term.value}"

    with target.open("w", encoding="utf-8") as out:
        out.write('{"@context": ')
        out.write(json.dumps(context, ensure_ascii=False, indent=1))
        out.write(',\n"@graph": [\n')
        subject: object = None
        node: dict = {}
        first = True
        for quad in _parse(nt_path):
            if quad.subject != subject:
                if node:
                    out.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
                    first = False
                subject = quad.subject
                node = {"@id": node_id(quad.subject)}  # type: ignore[arg-type]
            node.setdefault(short(quad.predicate.value), []).append(value(quad.object))  # type: ignore[arg-type]
        if node:
            out.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
        out.write("\n]}\n")
