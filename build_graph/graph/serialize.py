"""Write the graph as sorted N-Triples, Turtle and JSON-LD (with the published context).

pyoxigraph serialises Turtle in tens of milliseconds where rdflib takes seconds, so it is the
writer; JSON-LD is streamed by jsonld.py, with the published context's prefixes.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from build_graph.graph.jsonld import write_jsonld
from build_graph.resources import resource_dir


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
    """The graph's triples. ``lenient``: graph.nt is this package's own output, its IRIs minted
    from slugs and codes (document text only ever goes into literals), so the parser's IRI
    checks are skipped, as the store's load skips them: the national graph.nt parsed in 1.9 s
    against 3.7 s."""
    return ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES, lenient=True)


def main(argv: list[str]) -> int:
    """``python -m build_graph.graph.serialize GRAPH.nt OUT PREFIXES-JSON [RUN.nt …]``: the build's
    helper; with runs (sorted N-Triples files), GRAPH.nt is first merged from them."""
    nt_path, out, prefixes = Path(argv[0]), Path(argv[1]), json.loads(argv[2])
    if argv[3:]:
        from build_graph.graph.ntriples import merge_runs

        merge_runs([Path(run) for run in argv[3:]], nt_path)
    write_graph_files(nt_path, out, prefixes)
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
