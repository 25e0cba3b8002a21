"""``sdgkg query`` as a user runs it: formats, files, parameters and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from build_graph.graph.ntriples import serialize


def sdgkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_graph.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory) -> Path:
    from build_graph.graph.bundled import bundled_triples

    path = tmp_path_factory.mktemp("graph") / "graph.nt"
    path.write_text(serialize(bundled_triples()), encoding="utf-8")
    return path


def test_list_shows_every_library_query():
    from build_graph.sparql.library import library

    result = sdgkg("query", "--list")
    assert result.returncode == 0
    for name, query in library().items():
        assert name in result.stdout and query.title in result.stdout


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_csv_and_json_are_the_sparql_result_formats(graph_file, store, tmp_path):
    csv_run = sdgkg(
        "query",
        "tasks-without-partners",
        "--graph",
        str(graph_file),
        "--store",
        store,
        "--format",
        "csv",
        "--out",
        str(tmp_path / "a.csv"),
    )
    json_run = sdgkg(
        "query",
        "tasks-without-partners",
        "--graph",
        str(graph_file),
        "--store",
        store,
        "--format",
        "json",
    )
    assert csv_run.returncode == json_run.returncode == 0, csv_run.stderr + json_run.stderr
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"task,taskId,lead,line,text\r\n")  # CRLF, as the W3C format says
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    document = json.loads(json_run.stdout)
    assert document["head"]["vars"] == ["task", "taskId", "lead", "line", "text"]
    bindings = document["results"]["bindings"]
    assert [b["taskId"]["value"] for b in bindings] == [r["taskId"] for r in rows]
    assert bindings[0]["line"]["datatype"].endswith("#integer")
    assert bindings[0]["text"]["xml:lang"] == "vi"


def test_table_and_markdown_are_for_people(graph_file):
    table = sdgkg("query", "period-profile", "--graph", str(graph_file), "--store", "oxigraph")
    md = sdgkg(
        "query",
        "period-profile",
        "--graph",
        str(graph_file),
        "--format",
        "md",
        "--store",
        "oxigraph",
    )
    assert table.returncode == md.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["period", "label", "start", "end", "tasks", "leads"]
    assert lines[-1].endswith("rows)") and "period:2017-2020" in table.stdout
    assert md.stdout.startswith("| period | label | start | end | tasks | leads |\n|---|")
    assert len(md.stdout.splitlines()) == len(lines) - 1  # header, rule, rows; no count line


def test_out_writes_the_same_bytes_as_stdout_and_leaves_no_temporary_file(graph_file, tmp_path):
    out = tmp_path / "answers" / "load.json"
    written = sdgkg(
        "query",
        "partner-load",
        "--graph",
        str(graph_file),
        "--store",
        "oxigraph",
        "--format",
        "json",
        "--out",
        str(out),
    )
    printed = sdgkg(
        "query",
        "partner-load",
        "--graph",
        str(graph_file),
        "--store",
        "oxigraph",
        "--format",
        "json",
    )
    assert written.returncode == 0 and written.stdout == ""
    assert out.read_text(encoding="utf-8") == printed.stdout
    assert [p.name for p in out.parent.iterdir()] == ["load.json"]


def test_the_bundled_plan_is_the_default_graph():
    result = sdgkg("query", "task-provenance", "--store", "oxigraph", "--format", "csv")
    assert result.returncode == 0
    assert "Các đơn vị có liên quan" in result.stdout


def test_a_query_file_of_ones_own_runs_with_guessed_parameter_types(graph_file, tmp_path):
    own = tmp_path / "count.rq"
    own.write_text(
        "PREFIX sdgkg: <https://w3id.org/sdgkg/ontology#>\n"
        "SELECT (COUNT(?task) AS ?n) WHERE { ?task sdgkg:inAppendix ?appendix }\n",
        encoding="utf-8",
    )
    result = sdgkg(
        "query",
        str(own),
        "--graph",
        str(graph_file),
        "--format",
        "csv",
        "-p",
        "appendix=<https://w3id.org/sdgkg/plan/hai-phong-2894-2017/appendix/06>",
    )
    assert result.returncode == 0, result.stderr
    tasks = graph_file.read_text(encoding="utf-8").count(
        "<https://w3id.org/sdgkg/ontology#inAppendix> "
        "<https://w3id.org/sdgkg/plan/hai-phong-2894-2017/appendix/06> ."
    )
    assert result.stdout.splitlines()[1] == str(tasks) and tasks > 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "no-such-query"], "no-such-query: no such query"),
        (["query", "partner-load", "-p", "minTasks=many"], "is not an integer"),
        (["query", "partner-load", "-p", "colour=red"], "no parameter colour"),
        (
            ["query", "partner-load", "--graph", "/no/such/graph.nt"],
            "/no/such/graph.nt: no such file",
        ),
        (["query", "partner-load", "--graph", "graph.csv"], "unknown RDF file type"),
        (["query"], "give a query name"),
        (
            ["query", "partner-load", "--store", "oxigraph", "--endpoint", "http://127.0.0.1:9/q"],
            "does not go with --endpoint",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(args, message):
    result = sdgkg(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_graph_that_is_not_rdf_names_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle {", encoding="utf-8")
    result = sdgkg("query", "partner-load", "--graph", str(bad))
    assert result.returncode == 2 and f"{bad}: not valid RDF" in result.stderr


def test_a_broken_query_file_is_reported(tmp_path):
    bad = tmp_path / "broken.rq"
    bad.write_text("SELECT ?s WHERE { ?s ?p ", encoding="utf-8")
    result = sdgkg("query", str(bad))
    assert result.returncode == 2 and f"{bad}: not a SPARQL 1.1 query" in result.stderr
