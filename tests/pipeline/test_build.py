"""``sdgkg build`` on the bundled plan: files, determinism, IRIs, exit codes, SHACL findings."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH, SKOS

from build_graph.cli.main import main
from build_graph.errors import SdgkgError
from build_graph.pipeline.build import run_build
from build_graph.resources import default_source

BASE = "https://w3id.org/sdgkg/"
PLAN = BASE + "plan/hai-phong-2894-2017"
FILES = [
    "graph.ttl",
    "graph.nt",
    "graph.jsonld",
    "validation-report.ttl",
    "validation-summary.md",
    "sdgkg.ttl",
    "context.jsonld",
    "tables/tasks.csv",
    "tables/task_partners.csv",
    "tables/agencies.csv",
    "tables/targets.csv",
    "tables/appendices.csv",
    "tables/extraction-report.md",
]


@pytest.fixture(scope="module")
def dist(hp_dist) -> Path:
    return hp_dist


@pytest.fixture(scope="module")
def graph(hp_graph) -> Graph:
    return hp_graph


@pytest.fixture(scope="module")
def report(dist) -> Graph:
    return Graph().parse(dist / "validation-report.ttl", format="turtle")


def test_build_writes_every_file(dist):
    for name in FILES:
        assert (dist / name).is_file(), name


def test_ntriples_are_sorted_and_the_other_formats_hold_the_same_triples(dist, graph):
    lines = (dist / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(graph) > 40000
    turtle = Graph().parse(dist / "graph.ttl", format="turtle")
    jsonld = Graph().parse(dist / "graph.jsonld", format="json-ld")
    assert set(turtle) == set(graph)
    assert set(jsonld) == set(graph)


def test_same_input_gives_byte_identical_outputs(dist, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # as the shared build
    again = tmp_path / "again"
    assert main(["build", "--out", str(again), "-q"]) == 0
    names = [
        "graph.nt",
        "graph.ttl",
        "graph.jsonld",
        "tables/tasks.csv",
        "tables/task_partners.csv",
        "validation-summary.md",
    ]
    _, mismatch, errors = filecmp.cmpfiles(dist, again, names, shallow=False)
    assert mismatch == [] and errors == []


def test_iris_are_readable_and_follow_the_base(graph, tmp_path):
    task = URIRef(PLAN + "/appendix/06/task/1.1.2.1")
    parent = URIRef(PLAN + "/appendix/06/task/1.1.2")
    sdgkg = "https://w3id.org/sdgkg/ontology#"
    assert (task, URIRef(sdgkg + "subTaskOf"), parent) in graph
    agency = URIRef(BASE + "agency/hai-phong/so-gtvt")
    assert (URIRef(PLAN + "/appendix/06"), URIRef(sdgkg + "leadAgency"), agency) in graph
    out = tmp_path / "other"
    assert main(["build", "--out", str(out), "--base", "https://example.org/kg/", "-q"]) == 0
    text = (out / "graph.nt").read_text(encoding="utf-8")
    assert "<https://example.org/kg/plan/hai-phong-2894-2017/appendix/06/task/1.1.2.1>" in text
    assert "https://w3id.org/sdgkg/plan/" not in text


def test_validation_report_is_standard_shacl_and_conforms(report):
    reports = list(report.subjects(predicate=SH.conforms))
    assert len(reports) == 1
    assert report.value(reports[0], SH.conforms) == Literal(True)


def results(report: Graph, severity) -> list[tuple[str, str]]:
    found = []
    for result in report.subjects(SH.resultSeverity, severity):
        found.append(
            (str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultMessage)))
        )
    return found


def test_warnings_are_the_two_tasks_printed_without_period(report):
    # Appendix 06: task 1.3.1 (line 1220) has the partner cell "Các đơn vị có liên quan" and no
    # period; the rows above belong to the heading 1.3, so nothing is inherited. Task 3.1 (line
    # 1376) opens group 3 with "Các đơn vị có liên quan." and no period cell either.
    warnings = results(report, SH.Warning)
    assert sorted(focus for focus, _ in warnings) == [
        PLAN + "/appendix/06/task/1.3.1",
        PLAN + "/appendix/06/task/3.1",
    ]


def test_infos_report_tasks_without_partner_and_targets_with_several_leads(report):
    infos = results(report, SH.Info)
    no_partner = sorted(f for f, m in infos if "names no partner" in m)
    # Tasks printed with no partner cell and nothing above to inherit (lines 3895, 4137, 4446,
    # 4456, 4498, 4506).
    assert no_partner == [
        PLAN + "/appendix/18/task/2.1",
        PLAN + "/appendix/18/task/8.1",
        PLAN + "/appendix/19/task/5.1",
        PLAN + "/appendix/19/task/5.2",
        PLAN + "/appendix/19/task/6.1",
        PLAN + "/appendix/19/task/6.2",
    ]
    several = {f.rsplit("/", 1)[-1] for f, m in infos if "led by several agencies" in m}
    # Intro sentences: 3.5.a (appendices 05, 06), 6.4 and 12.5.a (07, 14), 13.1.a (12, 14),
    # 16.8 (02, 16).
    assert several == {"3.5.a", "6.4", "12.5.a", "13.1.a", "16.8"}
    vague = {f for f, m in infos if "vague units" in m}
    # Appendix 06 task 1.1.2 (line 1172): "Các đơn vị có liên quan" only.
    assert PLAN + "/appendix/06/task/1.1.2" in vague
    # Appendix 06 task 1.1.1 (line 1164) also names Sở Tài chính: not vague.
    assert PLAN + "/appendix/06/task/1.1.1" not in vague


def test_violation_gives_exit_code_1(source_text, tmp_path, capsys):
    lines = source_text.split("\n")
    cut = lines.index("PHỤ LỤC 02")
    text = "\n".join([*lines[:cut], "Bạn Chưa Đăng Nhập Thành Viên!"])
    for name in (
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM THÀNH PHỐ HẢI PHÒNG",
        "Ủy ban Mặt trận tổ quốc Việt Nam thành phố Hải Phòng",
    ):
        text = text.replace(name, "Hội Những Người Yêu Mèo")
    source = tmp_path / "cats.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "dist"
    assert main(["build", str(source), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "violations" in captured.out and "Traceback" not in captured.err
    summary = (out / "validation-summary.md").read_text(encoding="utf-8")
    assert "An appendix has at most one lead agency, an org:Organization." in summary


def test_bad_input_gives_exit_code_2_and_keeps_dist(tmp_path, capsys):
    out = tmp_path / "dist"
    out.mkdir()
    (out / "old.txt").write_text("previous build", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["build", str(empty), "--out", str(out)]) == 2
    assert [p.name for p in out.iterdir()] == ["old.txt"]
    assert main(["build", "--out", str(out), "--base", "not an iri"]) == 2
    assert "--base" in capsys.readouterr().err


BAD_BASES = [
    "https://example.org/a b/",
    'https://example.org/"kg"/',
    "https://example.org/<kg>/",
    "ftp://example.org/kg/",
]


@pytest.mark.parametrize("base", BAD_BASES)
def test_base_with_characters_an_iri_cannot_hold_is_refused(tmp_path, base):
    """graph.nt is read back without IRI checks (serialize.py): the base, the only part of a
    minted IRI not made of slugs and codes, is checked instead, by the CLI and the API."""
    out = tmp_path / "dist"
    assert main(["build", "--out", str(out), "--base", base, "-q"]) == 2
    with pytest.raises(SdgkgError, match="not an http"):
        run_build([default_source()], out, base=base)
    assert not out.exists()


def test_regression_terms_named_like_str_methods_are_iris(graph):
    """Regression: with cached namespaces, DCTERMS.title and DCTERMS.format resolved to the
    str methods and the build wrote a blank-node predicate."""
    dcterms = "http://purl.org/dc/terms/"
    plan = URIRef(PLAN)
    source = URIRef(BASE + "source/hai-phong-2894-2017")
    assert graph.value(plan, URIRef(dcterms + "title")) is not None
    assert str(graph.value(source, URIRef(dcterms + "format"))) == "text/plain"
    assert not any(isinstance(node, BNode) for triple in graph for node in triple)


def test_turtle_and_jsonld_written_in_a_second_process_match_the_inline_ones(graph_file, tmp_path):
    """The national build writes them in a child process: same bytes as the inline writer."""
    from build_graph.graph.serialize import write_graph_files
    from build_graph.pipeline.build import other_formats

    prefixes = {"sdgkg": "https://w3id.org/sdgkg/ontology#", "skos": str(SKOS)}
    for folder in (tmp_path / "inline", tmp_path / "child"):
        folder.mkdir()
        shutil.copyfile(graph_file, folder / "graph.nt")
    write_graph_files(tmp_path / "inline" / "graph.nt", tmp_path / "inline", prefixes)
    with other_formats(tmp_path / "child" / "graph.nt", tmp_path / "child", prefixes, True):
        assert True
    for name in ("graph.ttl", "graph.jsonld"):
        assert (tmp_path / "inline" / name).read_bytes() == (tmp_path / "child" / name).read_bytes()


def test_the_second_process_merges_the_plans_runs_into_the_same_graph_nt(graph_file, tmp_path):
    """With several plans, the child merges the workers' sorted runs (which share lines) into
    graph.nt before writing Turtle and JSON-LD: the same bytes as from the merged file."""
    from build_graph.graph.serialize import write_graph_files
    from build_graph.pipeline.build import other_formats

    lines = graph_file.read_bytes().splitlines(keepends=True)
    runs = [tmp_path / "run-1.nt", tmp_path / "run-2.nt"]
    runs[0].write_bytes(b"".join(lines[: len(lines) * 2 // 3]))
    runs[1].write_bytes(b"".join(lines[len(lines) // 3 :]))  # a third of the lines in both
    prefixes = {"sdgkg": "https://w3id.org/sdgkg/ontology#", "skos": str(SKOS)}
    inline = tmp_path / "inline"
    inline.mkdir()
    shutil.copyfile(graph_file, inline / "graph.nt")
    write_graph_files(inline / "graph.nt", inline, prefixes)
    child = tmp_path / "child"
    child.mkdir()
    with other_formats(child / "graph.nt", child, prefixes, True, runs):
        pass
    for name in ("graph.nt", "graph.ttl", "graph.jsonld"):
        assert (inline / name).read_bytes() == (child / name).read_bytes()


def test_a_failing_second_process_is_a_clear_error(tmp_path):
    from build_graph.errors import SdgkgError
    from build_graph.pipeline.build import other_formats

    broken = tmp_path / "graph.nt"
    broken.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    failure = r"graph\.nt: writing graph\.ttl and graph\.jsonld failed"
    with pytest.raises(SdgkgError, match=failure), other_formats(broken, tmp_path, {}, True):
        pass
