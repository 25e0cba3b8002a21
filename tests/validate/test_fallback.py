"""When the fast engine refuses the shapes, ``sdgkg build`` validates with pyshacl instead,
with a one-line notice, and never fails for that reason; pyshacl then reads the store's data
with its literals as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from build_graph.pipeline import build
from build_graph.validate.fastshacl.store import data_graph, load_validation_store
from build_graph.validate.pyshacl_reference import validate_pyshacl
from tests.validate.agreement import PREFIXES

E, X = "http://example.org/", "http://www.w3.org/2001/XMLSchema#"
DATA = f"""<{E}a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{E}T> .
<{E}a> <{E}n> "0"^^<{X}positiveInteger> .
<{E}a> <{E}n> "1.50"^^<{X}decimal> .
<{E}a> <{E}n> "x"^^<{X}integer> .
<{E}a> <{E}s> "text" .
<{E}a> <{E}s> "chữ"@vi .
_:b <{E}n> "7"^^<{X}positiveInteger> .
"""

# sh:expression (SHACL Advanced Features): pyshacl runs it, the fast engine does not
REFUSED = (
    PREFIXES
    + """
ex:S a sh:NodeShape ; sh:targetClass ex:T ;
    sh:property [ sh:path ex:n ; sh:datatype xsd:positiveInteger ] ;
    sh:expression [ sh:path ex:n ] .
"""
)


def test_the_data_of_a_store_is_the_graph_as_written(tmp_path: Path):
    """The typed literals come from the exact graph: "1.50" stays "1.50", the ill-typed
    "0"^^xsd:positiveInteger stays ill-typed, as rdflib reads the file."""
    path = tmp_path / "graph.nt"
    path.write_text(DATA, encoding="utf-8")
    parsed = Graph().parse(path, format="nt")
    graph = data_graph(load_validation_store(path))
    assert len(graph) == len(parsed) == 7
    assert isomorphic(graph, parsed)
    assert sorted(str(o) for o in graph.objects()) == sorted(str(o) for o in parsed.objects())


def test_refused_shapes_are_validated_by_pyshacl_with_a_notice(tmp_path, monkeypatch, capsys):
    path = tmp_path / "graph.nt"
    path.write_text(DATA, encoding="utf-8")
    shapes = Graph().parse(data=REFUSED, format="turtle")
    monkeypatch.setattr(build, "load_shapes", lambda: shapes)
    result = build._validate(load_validation_store(path), path, "fast")
    notice = capsys.readouterr().err.strip().splitlines()
    assert len(notice) == 1
    assert notice[0].startswith("sdgkg: validating with pyshacl: the fast validator refused:")
    assert "shacl#expression" in notice[0]
    reference = validate_pyshacl(Graph().parse(path, format="nt"), shapes)
    assert sorted(map(str, result.findings)) == sorted(map(str, reference.findings))
    # "0", "1.50" and "x" are not positive integers; the expression gives a result of its own
    assert len(result.findings) == 4
    assert not result.conforms


def test_supported_shapes_stay_with_the_fast_engine(tmp_path, monkeypatch, capsys):
    path = tmp_path / "graph.nt"
    path.write_text(DATA, encoding="utf-8")
    shapes = Graph().parse(
        data=REFUSED.replace("sh:expression [ sh:path ex:n ]", "sh:closed false"), format="turtle"
    )
    monkeypatch.setattr(build, "load_shapes", lambda: shapes)
    result = build._validate(load_validation_store(path), path, "fast")
    assert capsys.readouterr().err == ""
    assert len(result.findings) == 3


def test_an_unknown_validator_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="unknown validator"):
        build._validate(load_validation_store(DATA), tmp_path / "graph.nt", "other")


# A user's shapes beside the project's (sdgkg build --shapes): every task reviewed (a property
# the plan does not have), as a Warning, so that the build still exits 0.
USER_SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix sdgkg: <https://w3id.org/sdgkg/ontology#> .
@prefix ex: <http://example.org/user#> .
ex:EveryTaskIsReviewed a sh:NodeShape ; sh:targetClass sdgkg:Task ; sh:severity sh:Warning ;
    sh:property [ sh:path ex:reviewedBy ; sh:minCount 1 ; sh:severity sh:Warning ] .
"""
TASKS = 537  # the bundled plan's tasks (tests/read/test_document_facts.py)


def _build(tmp_path: Path, *extra: str) -> tuple[int, str]:
    command = ["build", "--out", str(tmp_path / "dist"), "-q", *extra]
    result = subprocess.run(
        [sys.executable, "-m", "build_graph.cli", *command],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stderr


def _user_results(dist: Path) -> int:
    report = Graph().parse(dist / "validation-report.ttl", format="turtle")
    found = report.query(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> SELECT (COUNT(?r) AS ?n) WHERE { "
        "?r sh:resultPath <http://example.org/user#reviewedBy> ; sh:resultSeverity sh:Warning }"
    )
    return int(next(iter(found))[0])  # type: ignore[index]  # one row of one count


def test_a_users_shapes_are_validated_beside_the_projects(tmp_path: Path):
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(USER_SHAPES, encoding="utf-8")
    code, err = _build(tmp_path, "--shapes", str(shapes))
    assert code == 0, err  # warnings only
    assert err == ""  # the fast engine ran them
    assert _user_results(tmp_path / "dist") == TASKS


def test_a_users_shapes_the_fast_engine_refuses_go_to_pyshacl_with_a_notice(tmp_path: Path):
    shapes = tmp_path / "refused.ttl"
    # sh:expression (SHACL Advanced Features): pyshacl runs it, the fast engine does not
    refused = USER_SHAPES.replace(
        "sh:severity sh:Warning ] .",
        "sh:severity sh:Warning ] ;\n    sh:expression [ sh:path ex:x ] .",
    )
    assert refused != USER_SHAPES
    shapes.write_text(refused, encoding="utf-8")
    code, err = _build(tmp_path, "--shapes", str(shapes))
    assert code == 0
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("sdgkg: validating with pyshacl: the fast validator refused:")
    assert _user_results(tmp_path / "dist") == TASKS


def test_a_bad_shapes_file_stops_the_build_before_anything_is_written(tmp_path: Path):
    shapes = tmp_path / "bad.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\nex:S a sh:NodeShape .\n")
    code, err = _build(tmp_path, "--shapes", str(shapes))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"sdgkg: error: {shapes}: not readable as turtle shapes:")
    assert not (tmp_path / "dist").exists()
    missing = tmp_path / "missing.ttl"
    code, err = _build(tmp_path, "--shapes", str(missing))
    assert (code, err.strip()) == (2, f"sdgkg: error: {missing}: no such shapes file")
    assert not (tmp_path / "dist").exists()
