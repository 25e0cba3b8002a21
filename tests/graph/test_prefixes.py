"""One prefix map (build_graph/graph/prefixes.py): graph.ttl, context.jsonld, the query library
and the docs give each prefix the same namespace, and a compact IRI copied from any of them
names a node of the graph on the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_graph.graph.prefixes import PREFIXES, prefixes
from build_graph.resources import resource_dir
from build_graph.sparql.library import parse_iri

ROOT = Path(__file__).resolve().parents[2]
DOCS = [
    ROOT / "README.md",
    ROOT / "queries" / "README.md",
    ROOT / "queries" / "COOKBOOK.md",
    ROOT / "ontology" / "README.md",
    *sorted((ROOT / "docs").rglob("*.md")),  # where the README's command details moved
]
DECLARATION = re.compile(r"(?:PREFIX|@prefix)\s+([A-Za-z][\w.\-]*)?:\s*<([^>\s]*)>", re.I)
# parameter examples in the docs: -p agency=agency:hai-phong/so-y-te, `task` = plan:…
EXAMPLE = re.compile(
    r"(?:-p |--param |\w=)\s*\w+=([a-z][\w\-]*:[^\s`'\"|)]+)|= ([a-z][\w\-]*:[\w\-./]+)"
)


def declarations(text: str) -> list[tuple[str, str]]:
    return [(name or "", namespace) for name, namespace in DECLARATION.findall(text)]


def test_the_published_context_is_the_map():
    context = json.loads((resource_dir("ontology") / "context.jsonld").read_text("utf-8"))
    declared = {
        k: v
        for k, v in context["@context"].items()
        if isinstance(v, str) and v.endswith(("/", "#"))
    }
    assert declared == PREFIXES


def test_the_map_follows_the_base():
    other = prefixes("https://example.org/kg/")
    assert other["agency"] == "https://example.org/kg/agency/"
    assert other["sdgkg"] == PREFIXES["sdgkg"]  # the vocabulary does not move


def test_graph_ttl_declares_the_maps_namespaces(hp_dist):
    head = (hp_dist / "graph.ttl").read_text("utf-8").split("\n\n", 1)[0][:5000]
    found = declarations(head)
    assert len(found) >= 10
    assert all(PREFIXES.get(name) == namespace for name, namespace in found), found


@pytest.mark.parametrize(
    "path",
    sorted(resource_dir("queries").glob("**/*.rq")),
    ids=lambda p: p.relative_to(resource_dir("queries")).as_posix(),
)
def test_every_library_query_declares_the_maps_namespaces(path):
    found = declarations(path.read_text("utf-8"))
    wrong = [(name, ns) for name, ns in found if PREFIXES.get(name) != ns]
    assert wrong == []


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_docs_declare_the_maps_namespaces(path):
    found = declarations(path.read_text("utf-8"))
    wrong = [(name, ns) for name, ns in found if PREFIXES.get(name) != ns]
    assert wrong == []


def _examples(text: str) -> set[str]:
    return {a or b for a, b in EXAMPLE.findall(text)} - {""}


def test_every_compact_iri_given_as_an_example_names_a_node(store):
    examples: dict[str, set[str]] = {}
    for path in [*DOCS, *sorted(resource_dir("queries").glob("*.rq"))]:
        text = path.read_text("utf-8")
        found = _examples(text)
        found |= set(re.findall(r"(?:default: |such as )([a-z][\w\-]*:[\w\-./]+[\w])", text))
        examples[path.relative_to(ROOT).as_posix()] = {
            e for e in found if e.split(":", 1)[0] in PREFIXES
        }
    assert sum(len(v) for v in examples.values()) > 10
    missing = []
    for name, curies in examples.items():
        for curie in sorted(curies):
            iri = str(parse_iri(curie, {}, name))
            if not bool(store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}")):
                missing.append((name, curie))
    assert missing == []


def test_a_compact_iri_copied_from_graph_jsonld_or_graph_ttl_works_on_the_command_line(hp_dist):
    document = json.loads((hp_dist / "graph.jsonld").read_text("utf-8"))
    ids = [node["@id"] for node in document["@graph"]]
    task = next(i for i in ids if i.startswith("plan:") and i.endswith("/task/1.1.2.1"))
    assert task == "plan:hai-phong-2894-2017/appendix/06/task/1.1.2.1"
    turtle = (hp_dist / "graph.ttl").read_text("utf-8")
    escaped = task.replace("/", "\\/")
    assert escaped in turtle  # Turtle writes the same compact IRI with its slashes escaped
    for given in (task, escaped):
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "build_graph.cli",
                "query",
                "task-provenance",
                "-p",
                f"task={given}",
                "--graph",
                str(hp_dist / "graph.nt"),
                "--format",
                "csv",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0 and result.stderr == "", result.stderr
        assert len(result.stdout.splitlines()) > 3
