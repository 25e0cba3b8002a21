"""Several plans in one build: their own IRIs and agencies, tables per plan, one validation.

The plans are SYNTHETIC (bench/make_corpus.py): copies of the Hải Phòng text under other
provinces' names, for testing the machinery only.
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from build_graph.cli.main import main

from ..conftest import make_corpus_module

SDGKG = "https://w3id.org/sdgkg/ontology#"


def test_the_generator_is_deterministic(source_text):
    module = make_corpus_module()
    first = module.make_plan(source_text, 3, random.Random(11))
    second = module.make_plan(source_text, 3, random.Random(11))
    assert first == second
    assert first != module.make_plan(source_text, 3, random.Random(12))
    assert "KHÔNG PHẢI VĂN BẢN THẬT" in first  # marked as synthetic in the text itself


def test_each_plan_has_its_own_iris_and_tables(synthetic_dist):
    nt = (synthetic_dist / "graph.nt").read_text(encoding="utf-8")
    folders = sorted(p.name for p in (synthetic_dist / "tables").iterdir())
    assert len(folders) == 2
    assert folders[0].startswith("ha-noi-") and folders[1].startswith("ho-chi-minh-")
    for slug in folders:
        assert f"<https://w3id.org/sdgkg/plan/{slug}>" in nt
        assert (synthetic_dist / "tables" / slug / "tasks.csv").is_file()
    assert "<https://w3id.org/sdgkg/agency/ha-noi/so-y-te>" in nt
    assert "<https://w3id.org/sdgkg/agency/ho-chi-minh/so-y-te>" in nt


def test_a_target_declared_in_two_plans_is_no_overlap_within_a_plan(synthetic_dist):
    summary = (synthetic_dist / "validation-summary.md").read_text(encoding="utf-8")
    # Each plan keeps Hải Phòng's five doubly declared targets: 2 plans × 5 targets × 2 leads.
    line = next(line for line in summary.splitlines() if "led by several agencies" in line)
    assert line.endswith("(20)")


def test_sources_folder_errors(tmp_path, capsys):
    assert main(["build", "--sources", str(tmp_path), "--out", str(tmp_path / "o")]) == 2
    assert "no plan document in the folder (.doc, .docx" in capsys.readouterr().err


def test_the_build_store_gives_the_report_of_the_written_graph(synthetic_corpus, tmp_path):
    """run_build(keep_store=True) hands its store to the report (the national pipeline loads
    2.7 M triples once): the same metrics as the report read from graph.nt."""
    from build_graph.pipeline.build import run_build
    from build_graph.report.run import run_report

    dist = tmp_path / "dist"
    result = run_build(sorted(synthetic_corpus.glob("*.txt")), dist, keep_store=True)
    assert result.store is not None
    assert not list(result.store.named_graphs())  # the validator's views are gone
    from_store = run_report(dist / "graph.nt", tmp_path / "from-store", store=result.store)
    from_file = run_report(dist / "graph.nt", tmp_path / "from-file")
    assert len(from_store.analysis.data.tasks) == len(from_file.analysis.data.tasks) > 1000
    csvs = sorted(
        p.relative_to(tmp_path / "from-file") for p in (tmp_path / "from-file").rglob("*.csv")
    )
    assert len(csvs) > 10
    for relative in csvs:
        assert (tmp_path / "from-store" / relative).read_bytes() == (
            tmp_path / "from-file" / relative
        ).read_bytes(), relative
    assert len(result.store) > 100_000  # the caller's store is left as it was


def test_a_store_handed_over_gives_the_same_report_and_is_let_go(
    synthetic_corpus, tmp_path, monkeypatch
):
    """result.take_store(): the report reads what it needs first, then drops its every
    reference to the store before the analysis, so that a store handed over is freed (the
    national pipeline's ~1.35 GB; pyoxigraph's clear() kept it all). Every file the same as
    the report of graph.nt, the explorer's source references and today's section included.
    Regression: the report used to clear() the store, which kept its memory."""
    import build_graph.report.run as report_run
    from build_graph.pipeline.build import run_build
    from build_graph.report.run import run_report

    dist = tmp_path / "dist"
    result = run_build(sorted(synthetic_corpus.glob("*.txt"))[:2], dist, keep_store=True)
    store = result.take_store()
    assert result.store is None
    with pytest.raises(ValueError, match="keep_store=True"):
        result.take_store()
    alone = sys.getrefcount(store)  # this test's own reference, and the call's
    seen: list[int] = []
    freeing = report_run.return_freed_memory

    def probe() -> None:  # when the report gives its freed memory back
        seen.append(sys.getrefcount(store))
        freeing()

    monkeypatch.setattr(report_run, "return_freed_memory", probe)
    run_report(dist / "graph.nt", tmp_path / "let-go", store=store)
    # on the way in the report holds the store once; once it has read it, not at all
    assert seen == [alone + 1, alone]
    assert len(store) > 10_000  # let go, not emptied
    monkeypatch.undo()
    run_report(dist / "graph.nt", tmp_path / "from-file")
    files = sorted(
        p.relative_to(tmp_path / "from-file") for p in (tmp_path / "from-file").rglob("*")
    )
    assert "explorer.html" in {str(p) for p in files}
    for relative in files:
        if (tmp_path / "from-file" / relative).is_file():
            assert (tmp_path / "let-go" / relative).read_bytes() == (
                tmp_path / "from-file" / relative
            ).read_bytes(), relative


def _build_command(corpus: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "build_graph.cli",
        "build",
        "--sources",
        str(corpus),
        "--out",
        str(out),
        "-q",
    ]


def _on_terminal(command: list[str]) -> str:
    """What ``command`` draws on stderr when stderr is a (pseudo-)terminal."""
    leader, follower = pty.openpty()
    # 24 rows, 100 columns: a new pseudo-terminal is 0 columns wide, and tqdm draws to width.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    child = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower
    )
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert child.wait(timeout=300) == 0
    return drawn.decode("utf-8", errors="replace")


def test_progress_bars_show_on_a_terminal_and_stay_quiet_otherwise(synthetic_corpus, tmp_path):
    """Plans read, build steps and report steps get bars on a terminal (a pseudo-terminal
    here); piped, the same build writes nothing on stderr."""
    piped = subprocess.run(
        _build_command(synthetic_corpus, tmp_path / "piped"),
        capture_output=True,
        text=True,
        check=False,
    )
    # piped: no bar; the only lines are the warnings about names (the synthetic plans name
    # Hải Phòng's own bodies under another province's name, which that province does not have)
    assert piped.returncode == 0
    assert all(line.startswith("sdgkg: warning:") for line in piped.stderr.splitlines())
    assert "\r" not in piped.stderr and "read:" not in piped.stderr
    text = _on_terminal(_build_command(synthetic_corpus, tmp_path / "terminal"))
    assert "read:" in text and "/2 [" in text  # the two plans
    assert "build:" in text and "/6 [" in text  # the six steps
    graph, out = tmp_path / "terminal" / "graph.nt", tmp_path / "report"
    report = [
        sys.executable,
        "-m",
        "build_graph.cli",
        "report",
        "--graph",
        str(graph),
        "--out",
        str(out),
        "-q",
    ]
    assert "report:" in _on_terminal(report)


def test_the_same_plan_twice_is_a_clear_error(source_path, tmp_path, capsys):
    """Regression: two copies of one plan stopped the build with "File exists" on a staging
    folder; the error names the source and the plan."""
    folder = tmp_path / "sources"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(source_path, folder / name)
    assert main(["build", "--sources", str(folder), "--out", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err.strip()
    assert "hai-phong-2894-2017, which another source holds too" in error
    assert error.count("\n") == 0 and str(folder) in error
    assert not (tmp_path / "out").exists()


def test_the_kinds_shared_by_all_plans_name_a_level_of_government(synthetic_dist):
    """One kind concept serves Hà Nội's and Hồ Chí Minh City's departments alike (and a
    province's): its labels say "provincial-level", as Vietnamese law names the level of a
    province or a centrally-run city, not "City department" as Hải Phòng's alone would."""
    graph = Graph().parse(synthetic_dist / "graph.nt", format="nt")
    kind = URIRef("https://w3id.org/sdgkg/kind/department")
    departments = set(graph.subjects(URIRef(SDGKG + "agencyKind"), kind))
    assert {str(d).split("/agency/")[1].split("/")[0] for d in departments} == {
        "ha-noi",
        "ho-chi-minh",
    }
    labels = {(str(label), label.language) for label in graph.objects(kind, SKOS.prefLabel)}
    assert labels == {
        ("Provincial-level department (Sở)", "en"),
        ("Sở (cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh)", "vi"),
    }
    for concept in graph.subjects(SKOS.inScheme, URIRef("https://w3id.org/sdgkg/kind")):
        for label in graph.objects(concept, SKOS.prefLabel):
            assert "City" not in label and "thành phố" not in label, (concept, label)
