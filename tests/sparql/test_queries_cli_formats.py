"""``sdgkg query`` with pyoxigraph as the default engine: more result formats, several graph
files, one-line syntax errors with their place, warnings for IRIs the graph does not hold,
and files written with the umask's permissions."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys

import pyoxigraph as ox
import pytest

from build_graph.resources import resource_dir

from .helpers import sdgkg

CONSTRUCT = (
    "PREFIX sdgkg: <https://w3id.org/sdgkg/ontology#>\n"
    "CONSTRUCT { ?task sdgkg:unGoal ?goal } WHERE { ?task sdgkg:unGoal ?goal }\n"
)


def test_tsv_and_xml_are_the_w3c_formats_and_say_what_json_says(graph_file):
    answers = {}
    for fmt in ("json", "tsv", "xml"):
        run = sdgkg("query", "task-provenance", "--graph", str(graph_file), "--format", fmt)
        assert run.returncode == 0, run.stderr
        answers[fmt] = run.stdout
    parsed = {
        fmt: ox.parse_query_results(answers[fmt].encode("utf-8"), format=form)
        for fmt, form in (
            ("json", ox.QueryResultsFormat.JSON),
            ("tsv", ox.QueryResultsFormat.TSV),
            ("xml", ox.QueryResultsFormat.XML),
        )
    }
    rows = {
        fmt: [tuple(str(s[v]) if s[v] is not None else None for v in r.variables) for s in r]
        for fmt, r in parsed.items()
        if isinstance(r, ox.QuerySolutions)
    }
    assert len(rows) == 3 and rows["tsv"] == rows["json"] == rows["xml"]
    assert len(rows["json"]) > 3
    assert answers["tsv"].startswith("?fact\t?agent\t?value\t")


def test_construct_answers_as_turtle_and_ntriples(graph_file, tmp_path):
    query = tmp_path / "goals.rq"
    query.write_text(CONSTRUCT, encoding="utf-8")
    turtle = sdgkg("query", str(query), "--graph", str(graph_file), "--format", "turtle")
    lines = sdgkg("query", str(query), "--graph", str(graph_file), "--format", "ntriples")
    assert turtle.returncode == lines.returncode == 0, turtle.stderr + lines.stderr
    from_turtle = set(ox.parse(turtle.stdout.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    from_lines = set(ox.parse(lines.stdout.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    assert from_turtle == from_lines and len(from_lines) > 500
    assert "@prefix sdgkg: <https://w3id.org/sdgkg/ontology#> ." in turtle.stdout
    assert lines.stdout.splitlines() == sorted(lines.stdout.splitlines())


@pytest.mark.parametrize(
    ("query", "fmt", "message"),
    [
        ("partner-load", "turtle", "--format turtle is for CONSTRUCT and DESCRIBE queries"),
        ("CONSTRUCT", "tsv", "--format tsv is for SELECT queries"),
        ("CONSTRUCT", "xml", "--format xml is for SELECT queries"),
    ],
)
def test_a_format_that_does_not_fit_the_query_is_one_line(
    graph_file, tmp_path, query, fmt, message
):
    if query == "CONSTRUCT":
        path = tmp_path / "c.rq"
        path.write_text(CONSTRUCT, encoding="utf-8")
        query = str(path)
    run = sdgkg("query", query, "--graph", str(graph_file), "--format", fmt)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and message in run.stderr


def test_repeated_graph_options_load_every_file(graph_file):
    un_texts = resource_dir("ontology") / "un-sdg.ttl"
    alone = sdgkg("query", "un-goal-coverage", "--graph", str(graph_file), "-f", "json")
    both = sdgkg(
        "query",
        "un-goal-coverage",
        "--graph",
        str(graph_file),
        "--graph",
        str(un_texts),
        "-f",
        "json",
    )
    assert alone.returncode == both.returncode == 0, alone.stderr + both.stderr
    labels = {
        name: {
            b["number"]["value"]: b["label"]["value"]
            for b in json.loads(run.stdout)["results"]["bindings"]
        }
        for name, run in (("alone", alone), ("both", both))
    }
    assert labels["alone"]["6"] == "VSDG goal 6: Clean water and sanitation"
    assert labels["both"]["6"] == "Clean water and sanitation"  # the UN's title, from the file


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
@pytest.mark.parametrize(
    ("text", "place", "reason"),
    [
        (
            "SELECT ?x WHERE {\n  ?x foo:bar ?y\n}\n",
            "line 2, column 6",
            "the prefix foo: is not declared",
        ),
        ("SELECT ?x WHERE {\n  ?x ?p ?y\n  FILTER (?x = )\n}\n", "line ", "expected"),
    ],
)
def test_a_syntax_error_is_one_line_with_its_place_on_both_engines(
    graph_file, tmp_path, store, text, place, reason
):
    bad = tmp_path / "bad.rq"
    bad.write_text(text, encoding="utf-8")
    run = sdgkg("query", str(bad), "--graph", str(graph_file), "--store", store)
    assert run.returncode == 2 and run.stderr.count("\n") == 1, run.stderr
    assert f"{bad}: not a SPARQL 1.1 query: {place}" in run.stderr and reason in run.stderr
    assert re.search(r"query: line \d+, column \d+: ", run.stderr)
    assert "Traceback" not in run.stderr


def test_a_missing_prefix_of_the_map_is_named_with_its_declaration(graph_file, tmp_path):
    """pyoxigraph said "expected one of Prefix not found, ['%'], ['-' | '0' ..= '9' …" over
    several lines; a prefix the project knows is declared for the query, and any other is
    named with its place."""
    known = tmp_path / "known.rq"
    known.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?t a sdgkg:Task }\n", encoding="utf-8")
    run = sdgkg("query", str(known), "--graph", str(graph_file), "-f", "csv")
    assert run.returncode == 0 and run.stdout.splitlines()[1].isdigit(), run.stderr


def test_an_iri_parameter_the_graph_lacks_is_warned_about_with_near_matches(graph_file):
    run = sdgkg(
        "query", "agency-profile", "-p", "agency=agency:so-y-te", "--graph", str(graph_file)
    )
    assert run.returncode == 0  # the answer is empty, and that is what was asked
    # today's bodies (issue 23) are agencies of the graph too: Nông nghiệp và Môi trường and
    # Dân tộc và Tôn giáo are spelt closer than the old second and third; a node minted under
    # an agency (its succession, …/so-ldtbxh/held-by/hai-phong/so-y-te) is never offered
    assert run.stderr == (
        "sdgkg: warning: parameter agency: agency:so-y-te is not in the graph; near matches: "
        "agency:hai-phong/so-y-te, agency:hai-phong/so-nn-mt, agency:hai-phong/so-dt-tg\n"
    )
    good = sdgkg(
        "query",
        "agency-profile",
        "-p",
        "agency=agency:hai-phong/so-y-te",
        "--graph",
        str(graph_file),
    )
    assert good.returncode == 0 and good.stderr == "" and "(0 rows)" not in good.stdout


def _run_with_umask(mask: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_graph.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: os.umask(mask),
    )


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_out_files_get_the_permissions_the_umask_gives(graph_file, tmp_path, mask, mode):
    out = tmp_path / "answers" / "load.csv"
    run = _run_with_umask(
        mask, "query", "period-profile", "--graph", str(graph_file), "-f", "csv", "--out", str(out)
    )
    assert run.returncode == 0, run.stderr
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_build_writes_folders_0755_and_files_0644_under_umask_022(tmp_path):
    out = tmp_path / "dist"
    run = _run_with_umask(0o022, "extract", "--out", str(out), "-q")
    assert run.returncode == 0, run.stderr
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files and {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o755}
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o644}
