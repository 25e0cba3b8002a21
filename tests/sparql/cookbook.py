"""queries/COOKBOOK.md read as data: each question's query, the files it runs on, and the
answer the cookbook prints (the Markdown table of ``sdgkg query … --format md``).

``python -m tests.sparql.cookbook`` writes the answers of the current graph into the cookbook
(for a change of the graph that changes an answer on purpose); the tests check them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from build_graph.resources import resource_dir

COOKBOOK = resource_dir("queries") / "COOKBOOK.md"
_SECTION = re.compile(r"^## (\d+)\. (.+)$", re.M)
_QUERY = re.compile(r"```sparql\n(.*?)```", re.S)
_TABLE = re.compile(r"^\|.*\|\n\|(?:---\|)+\n(?:\|.*\|\n)*", re.M)
_EXTRA = re.compile(r"--graph (ontology/[\w.\-]+)")


@dataclass
class Question:
    number: int
    title: str
    query: str
    graphs: list[str]  # files loaded beside the bundled plan's graph
    answer: str
    start: int  # where the answer table stands in the cookbook
    end: int


def questions(text: str) -> list[Question]:
    found = []
    heads = list(_SECTION.finditer(text))
    for index, head in enumerate(heads):
        end = heads[index + 1].start() if index + 1 < len(heads) else len(text)
        body = text[head.end() : end]
        query = _QUERY.search(body)
        table = _TABLE.search(body, query.end() if query else 0)
        if query is None or table is None:
            raise ValueError(f"COOKBOOK.md question {head[1]}: no query or no answer table")
        found.append(
            Question(
                int(head[1]),
                head[2],
                query[1],
                _EXTRA.findall(body[: table.start()]),
                table.group(),
                head.end() + table.start(),
                head.end() + table.end(),
            )
        )
    return found


def answer(question: Question) -> str:
    """The question's answer on the bundled plan's graph (and its extra files), as Markdown."""
    import pyoxigraph as ox

    from build_graph.graph.bundled import bundled_ntriples
    from build_graph.sparql.engines import OxigraphEngine
    from build_graph.sparql.library import query_prefixes
    from build_graph.sparql.output import DISPLAY_PREFIXES, to_markdown

    store = _bundled()
    extra = [Path(resource_dir("ontology").parent / g) for g in question.graphs]
    if extra:
        copy = ox.Store()
        copy.bulk_load(bundled_ntriples(), format=ox.RdfFormat.N_TRIPLES)
        for path in extra:
            copy.load(path=str(path), format=ox.RdfFormat.TURTLE)
        store = copy
    result = OxigraphEngine(store=store).query(question.query, {})
    return to_markdown(result, {**DISPLAY_PREFIXES, **query_prefixes(question.query)})


_STORE: list = []


def _bundled():
    import pyoxigraph as ox

    from build_graph.graph.bundled import bundled_ntriples

    if not _STORE:
        store = ox.Store()
        store.bulk_load(bundled_ntriples(), format=ox.RdfFormat.N_TRIPLES)
        _STORE.append(store)
    return _STORE[0]


def rewrite(path: Path = COOKBOOK) -> None:
    text = path.read_text("utf-8")
    for question in reversed(questions(text)):
        text = text[: question.start] + answer(question) + text[question.end :]
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    rewrite()
