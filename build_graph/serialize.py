"""Write the graph as sorted N-Triples, Turtle and JSON-LD (with the published context).

pyoxigraph serialises Turtle in tens of milliseconds where rdflib takes seconds, so it is the
writer; JSON-LD is written here, streamed, with the published context's prefixes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from .ntterms import unescape
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
    the node being written. The lines are split as text (the canonical form ``build`` writes;
    any other line goes through pyoxigraph's parser): 2.7 M triples take seconds, not minutes.
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

    with target.open("w", encoding="utf-8") as out, nt_path.open("rb") as lines:
        out.write('{"@context": ')
        out.write(json.dumps(context, ensure_ascii=False, indent=1))
        out.write(',\n"@graph": [\n')
        subject: str | None = None
        node: dict = {}
        first = True
        for raw in lines:
            triple = _split_line(raw.decode("utf-8"))
            if triple is None:
                continue
            s, p, o = triple
            if s != subject:
                if node:
                    out.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
                    first = False
                subject = s
                node = {"@id": s if s.startswith("_:") else short(s)}
            if "@id" in o:
                o = {"@id": short(o["@id"])} if not o["@id"].startswith("_:") else o
            elif "@type" in o:
                o["@type"] = short(o["@type"])
            node.setdefault(short(p), []).append(o)
        if node:
            out.write(("" if first else ",\n") + json.dumps(node, ensure_ascii=False))
        out.write("\n]}\n")


def _split_line(line: str) -> tuple[str, str, dict] | None:
    """Subject, predicate and JSON-LD value object of one N-Triples line (None: no triple)."""
    if line.startswith("<") and ("> <" in line) and line.endswith(" .\n"):
        s_end = line.index("> <")
        p_end = line.index("> ", s_end + 3)
        subject, predicate, obj = line[1:s_end], line[s_end + 3 : p_end], line[p_end + 2 : -3]
        if obj.startswith("<") and obj.endswith(">") and " " not in obj:
            return subject, predicate, {"@id": obj[1:-1]}
        if obj.startswith('"'):
            close = obj.rindex('"')
            value, suffix = unescape(obj[1:close]), obj[close + 1 :]
            if not suffix:
                return subject, predicate, {"@value": value}
            if suffix.startswith("@"):
                return subject, predicate, {"@language": suffix[1:], "@value": value}
            if suffix.startswith("^^<") and suffix.endswith(">"):
                datatype = suffix[3:-1]
                if datatype == _XSD_STRING:
                    return subject, predicate, {"@value": value}
                return subject, predicate, {"@type": datatype, "@value": value}
    if not line.strip() or line.lstrip().startswith("#"):
        return None
    quad = next(iter(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)))
    return _from_quad(quad)


def _from_quad(quad: ox.Quad) -> tuple[str, str, dict]:
    def node(term: object) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value  # type: ignore[attr-defined]

    obj = quad.object
    if isinstance(obj, ox.Literal):
        if obj.language:
            value = {"@language": obj.language, "@value": obj.value}
        elif obj.datatype.value != _XSD_STRING:
            value = {"@type": obj.datatype.value, "@value": obj.value}
        else:
            value = {"@value": obj.value}
    else:
        value = {"@id": node(obj)}
    return node(quad.subject), quad.predicate.value, value


def main(argv: list[str]) -> int:
    """``python -m build_graph.serialize GRAPH.nt OUT PREFIXES-JSON``: the build's helper."""
    nt_path, out, prefixes = Path(argv[0]), Path(argv[1]), json.loads(argv[2])
    write_graph_files(nt_path, out, prefixes)
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
